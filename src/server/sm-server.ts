/**
 * A credential backend served over HTTP with the IBM Cloud Secrets Manager v2
 * API, plus an IAM token endpoint: a local Secrets Manager for curl, the IBM
 * SDKs and this provider's REST backend.
 *
 * HTTP stack: plain `node:http`. The API is two dozen fixed routes with small
 * JSON bodies, so a framework would add a dependency without removing much
 * code, and it would get in the way of what matters here: the exact IBM error
 * container on every failure (including 404/405/413/415 and auth), precise
 * status codes, a body size limit enforced while streaming, socket-level fault
 * injection (connection resets) for tests, and a fast start-up.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CredentialBackend, InstanceRef } from '../backend/credential-backend.js';
import { openLocalBackend } from '../backend/local/index.js';
import { nullLogger, type Logger } from '../logging/logger.js';
import { FaultInjector, parseFaultPlan, type FaultDecision, type FaultPlan } from './fault-injector.js';
import { errorBody, HttpError, toHttpError } from './http-error.js';
import { IamIssuer, roleAllows, type ApiKeyGrant, type Principal } from './iam-issuer.js';
import { DEFAULT_BODY_LIMIT, readForm, readJsonObject } from './request-body.js';
import { RouteTable, splitPath } from './route-table.js';
import { SM_ROUTES, type SmResult, type SmRoute } from './sm-routes.js';

/** The engine's extra: applies due auto-rotations and lease expiries. */
export interface DueWorkBackend extends CredentialBackend {
  applyDueWork?(): unknown;
}

export interface SmServerOptions {
  /** The engine to serve. The server closes it on close() only if `ownsBackend`. */
  readonly backend?: DueWorkBackend;
  readonly ownsBackend?: boolean;
  /** Without `backend`: a local store file to open (and close on close()). */
  readonly store?: string;
  /** Default 0: an ephemeral port (see the returned url). */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The instance served at `/api/v2/...`; generated when absent. */
  readonly instanceId?: string;
  /** Default `us-south`. */
  readonly region?: string;
  /** API keys accepted at `/identity/token`, each with its service role. At least one. */
  readonly apiKeys: readonly ApiKeyGrant[];
  /** Bearer token lifetime. Default 3600 s. */
  readonly tokenLifetimeSeconds?: number;
  /** Largest accepted request body. Default 1 MiB. */
  readonly bodyLimitBytes?: number;
  /** Period of the due-work timer (rotations, lease expiries). Default 30 000 ms; 0 disables it. */
  readonly dueWorkIntervalMs?: number;
  /** TESTING ONLY: fault injection, e.g. `429:0.2,500:0.1,reset:0.1` (see fault-injector.ts). */
  readonly faults?: string | FaultPlan;
  /** Access and lifecycle logs (hclog JSON); never bodies, tokens or keys. */
  readonly logger?: Logger;
  /** How long close() lets in-flight requests finish before cutting connections. Default 10 000 ms. */
  readonly shutdownGraceMs?: number;
}

export interface SmServer {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly instanceId: string;
  readonly region: string;
  /** Faults injected so far (all zero without `faults`). */
  readonly faultsInjected: Readonly<Record<string, number>>;
  /** Stops accepting, lets in-flight requests finish, stops the timer, closes an owned backend. */
  close(): Promise<void>;
}

const INSTANCE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACE = /^[A-Za-z0-9._-]{1,128}$/;

interface RequestState {
  readonly trace: string;
  instanceId?: string;
  iamId?: string;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
      ...headers,
    })
    .end(text);
}

function sendError(res: ServerResponse, error: HttpError, trace: string): void {
  sendJson(res, error.status, errorBody(error, trace), error.headers);
}

/** IAM answers errors in its own shape, not the SM container. */
function sendIamError(res: ServerResponse, status: number, code: string, message: string, trace: string): void {
  sendJson(res, status, { errorCode: code, errorMessage: message, context: { requestId: trace } });
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

interface SmTarget {
  readonly instanceId: string;
  readonly path: string;
}

/**
 * `/instances/<id>/api/v2/...` addresses any instance; `/api/v2/...` the
 * instance named by a `<instance_id>.<region>…` Host (as the cloud routes it)
 * or else the default one.
 */
function smTarget(url: URL, host: string | undefined, defaultInstance: string): SmTarget | undefined {
  const segments = splitPath(url.pathname);
  if (segments[0] === 'instances' && segments[2] === 'api' && segments[3] === 'v2') {
    const id = segments[1] ?? '';
    if (!INSTANCE_ID.test(id)) {
      throw HttpError.badRequest('The instance id in the path is not valid.', { type: 'parameter', name: 'instance_id' });
    }
    return { instanceId: id, path: `/${segments.slice(4).join('/')}` };
  }
  if (segments[0] === 'api' && segments[1] === 'v2') {
    const label = (host ?? '').split('.')[0] ?? '';
    return { instanceId: UUID.test(label) ? label : defaultInstance, path: `/${segments.slice(2).join('/')}` };
  }
  return undefined;
}

function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    throw HttpError.badRequest('The request URL or Host header is not valid.');
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function openStore(store: string | undefined, logger: Logger): DueWorkBackend {
  if (store === undefined || store === '') throw new Error('startSmServer needs a backend or a store path.');
  return openLocalBackend({ path: store, logger });
}

export async function startSmServer(options: SmServerOptions): Promise<SmServer> {
  if (options.apiKeys.length === 0) {
    throw new Error('No API keys configured: give at least one KEY=ROLE (--api-key or IBM_SM_SERVER_API_KEYS).');
  }
  const logger = (options.logger ?? nullLogger).with({ component: 'sm-server' });
  const instanceId = options.instanceId ?? randomUUID();
  if (!INSTANCE_ID.test(instanceId)) throw new Error('The instance id must be letters, digits and dashes.');
  const region = options.region ?? 'us-south';
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const plan = typeof options.faults === 'string' ? parseFaultPlan(options.faults) : options.faults;
  const faults = plan === undefined ? undefined : new FaultInjector(plan);
  const backend = options.backend ?? openStore(options.store, logger);
  const ownsBackend = options.backend === undefined || options.ownsBackend === true;
  const routes = new RouteTable<SmRoute>(SM_ROUTES);
  const shutdown = new AbortController();
  let issuer: IamIssuer | undefined;
  let closing = false;
  let inFlight = 0;

  const authenticate = (req: IncomingMessage): Principal => {
    const token = bearerToken(req);
    const check = token === undefined || issuer === undefined ? undefined : issuer.verify(token);
    if (check?.ok === true) return check.principal;
    const why =
      check === undefined
        ? 'No bearer token was given'
        : check.reason === 'expired'
          ? 'The bearer token has expired'
          : 'The bearer token is not valid';
    throw new HttpError(401, 'unauthorized', `${why}; get one at POST /identity/token with an API key.`, undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  };

  const handleToken = async (req: IncomingMessage, res: ServerResponse, state: RequestState): Promise<void> => {
    if (req.method !== 'POST') {
      sendIamError(res, 405, 'BXNIM0107E', 'Use POST for /identity/token.', state.trace);
      return;
    }
    const form = await readForm(req, bodyLimit);
    if (form === undefined) {
      sendIamError(res, 400, 'BXNIM0109E', 'The request must be application/x-www-form-urlencoded.', state.trace);
      return;
    }
    if (form.get('grant_type') !== 'urn:ibm:params:oauth:grant-type:apikey') {
      sendIamError(res, 400, 'BXNIM0103E', 'Unsupported grant_type; use urn:ibm:params:oauth:grant-type:apikey.', state.trace);
      return;
    }
    const apiKey = form.get('apikey') ?? '';
    if (apiKey === '') {
      sendIamError(res, 400, 'BXNIM0109E', 'Property missing or empty: apikey.', state.trace);
      return;
    }
    const token = issuer?.issue(apiKey);
    if (token === undefined) {
      sendIamError(res, 400, 'BXNIM0415E', 'Provided API key could not be found.', state.trace);
      return;
    }
    sendJson(res, 200, token, { 'Cache-Control': 'no-store' });
  };

  const runSmRoute = async (req: IncomingMessage, url: URL, state: RequestState): Promise<SmResult> => {
    const target = smTarget(url, req.headers.host, instanceId);
    if (target === undefined) {
      throw new HttpError(404, 'not_found', `No route for ${req.method ?? 'GET'} ${url.pathname}.`);
    }
    state.instanceId = target.instanceId;
    const match = routes.match(req.method ?? 'GET', target.path);
    if (match.kind === 'none') throw new HttpError(404, 'not_found', `No route for ${req.method ?? 'GET'} ${url.pathname}.`);
    if (match.kind === 'wrong-method') {
      throw new HttpError(405, 'method_not_allowed', `Method ${req.method ?? ''} is not allowed here.`, undefined, {
        Allow: match.allowed.join(', '),
      });
    }
    const principal = authenticate(req);
    state.iamId = principal.iamId;
    if (!roleAllows(principal.role, match.route.role)) {
      throw new HttpError(
        403,
        'forbidden',
        `The ${principal.role} role does not allow this action; it needs ${match.route.role} or higher.`,
      );
    }
    const body = match.route.body === undefined ? {} : await readJsonObject(req, match.route.body, bodyLimit);
    const inst: InstanceRef = { instanceId: target.instanceId, region };
    return match.route.handle({
      backend,
      inst,
      params: match.params,
      url,
      body,
      opts: { signal: shutdown.signal, actor: principal.iamId },
    });
  };

  const applyFault = (res: ServerResponse, decision: FaultDecision, state: RequestState): void => {
    if (decision.kind === 'reset') {
      res.socket?.resetAndDestroy();
      return;
    }
    const status = decision.kind === '429' ? 429 : 500;
    const code = decision.kind === '429' ? 'too_many_requests' : 'internal_error';
    sendError(res, new HttpError(status, code, `Injected fault (${decision.kind}) for testing.`), state.trace);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, state: RequestState): Promise<void> => {
    const url = requestUrl(req);
    const fault = faults?.decide(req.method ?? 'GET');
    // Token requests change nothing server-side: their faults always come first.
    if (fault !== undefined && (!fault.after || url.pathname === '/identity/token')) {
      applyFault(res, fault, state);
      return;
    }
    if (url.pathname === '/identity/token') {
      await handleToken(req, res, state);
      return;
    }
    let result: SmResult;
    try {
      result = await runSmRoute(req, url, state);
    } catch (reason: unknown) {
      if (fault !== undefined) {
        applyFault(res, fault, state);
        return;
      }
      throw reason;
    }
    if (fault !== undefined) {
      applyFault(res, fault, state);
      return;
    }
    sendJson(res, result.status, result.body);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const given = req.headers['x-correlation-id'];
    const state: RequestState = { trace: typeof given === 'string' && TRACE.test(given) ? given : randomUUID() };
    const started = performance.now();
    inFlight += 1;
    res.setHeader('X-Correlation-ID', state.trace);
    if (closing) res.setHeader('Connection', 'close');
    res.on('finish', () => {
      // A keep-alive socket that went idle after close() began must not hold shutdown up.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    res.on('close', () => {
      inFlight -= 1;
      logger.info('request', {
        method: req.method,
        path: (req.url ?? '/').split('?')[0],
        status: res.headersSent ? res.statusCode : 0,
        duration_ms: Math.round((performance.now() - started) * 100) / 100,
        trace: state.trace,
        instance_id: state.instanceId,
        iam_id: state.iamId,
      });
    });
    handle(req, res, state).catch((reason: unknown) => {
      const error = toHttpError(reason);
      if (error.status >= 500) logger.error('request failed', { trace: state.trace, error: reason });
      sendError(res, error, state.trace);
    });
  };

  const server: Server = createServer({ keepAliveTimeout: 5_000 }, onRequest);
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (reason: unknown) {
    if (ownsBackend) await backend.close();
    throw reason;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(host)}:${port}`;
  issuer = new IamIssuer(options.apiKeys, options.tokenLifetimeSeconds ?? 3600, `${url}/identity`);

  // Due rotations and lease expiries happen even when nobody calls.
  let dueWork: Promise<void> | undefined;
  const runDueWork = (): void => {
    if (dueWork !== undefined || typeof backend.applyDueWork !== 'function') return;
    dueWork = Promise.resolve()
      .then(() => backend.applyDueWork?.())
      .then(
        (outcome) => logger.debug('due work applied', { outcome }),
        (reason: unknown) => logger.warn('due work failed', { error: reason }),
      )
      .finally(() => {
        dueWork = undefined;
      });
  };
  const interval = options.dueWorkIntervalMs ?? 30_000;
  const timer = interval > 0 && typeof backend.applyDueWork === 'function' ? setInterval(runDueWork, interval) : undefined;
  timer?.unref();

  logger.info('listening', { url, instance_id: instanceId, region, key_count: options.apiKeys.length, faults: plan !== undefined });

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      closing = true;
      if (timer !== undefined) clearInterval(timer);
      const grace = setTimeout(() => {
        shutdown.abort(new Error('server shutting down'));
        server.closeAllConnections();
      }, options.shutdownGraceMs ?? 10_000);
      grace.unref();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearTimeout(grace);
      await dueWork;
      if (ownsBackend) await backend.close();
      logger.info('stopped', { in_flight: inFlight });
    })();
    return closed;
  };

  return { url, instanceId, region, faultsInjected: faults?.injected ?? { '429': 0, '500': 0, reset: 0 }, close };
}
