/**
 * One authenticated Secrets Manager v2 request: URL per instance, IAM bearer
 * token (a 401 drops the cached token and tries once more with a fresh one),
 * JSON or merge-patch body, retries via sendWithRetries, and errors mapped to
 * BackendError quoting the service's message and trace id.
 */
import { BackendError, BackendErrorCode } from '../backend-error.js';
import type { InstanceRef } from '../credential-backend.js';
import type { CallContext } from './call-context.js';
import { serviceBaseUrl, type EndpointSettings } from './endpoints.js';
import type { IamTokenProvider } from './iam-token-provider.js';
import { sendWithRetries, type HttpResult, type RetrySettings } from './send-with-retries.js';
import { serviceError } from './service-error.js';

export const SERVICE = 'Secrets Manager';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface SmRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below the instance URL, segments already encoded (see `apiPath`). */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly contentType?: 'application/json' | 'application/merge-patch+json';
  readonly idempotent: boolean;
}

export interface SmRestClientOptions {
  readonly endpoints: EndpointSettings;
  readonly tokens: IamTokenProvider;
  readonly userAgent: string;
  readonly fetch: typeof fetch;
  readonly retry: RetrySettings;
  readonly redact: (text: string) => string;
}

/** `/api/v2/...` with every interpolated value percent-encoded as one segment. */
export function apiPath(strings: TemplateStringsArray, ...values: readonly string[]): string {
  let out = '/api/v2';
  strings.forEach((chunk, i) => {
    out += chunk;
    if (i < values.length) out += encodeURIComponent(values[i] ?? '');
  });
  return out;
}

export function queryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function traceHeader(headers: Headers): string | undefined {
  return headers.get('x-correlation-id') ?? headers.get('x-request-id') ?? undefined;
}

export class SmRestClient {
  constructor(private readonly options: SmRestClientOptions) {}

  /** Sends and returns the successful (2xx) result; throws BackendError or AmbiguousOutcome. */
  async send(inst: InstanceRef, request: SmRequest, ctx: CallContext): Promise<HttpResult> {
    const url = serviceBaseUrl(inst, this.options.endpoints) + request.path + queryString(request.query);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const result = await sendWithRetries(
      {
        label: `${request.method} ${request.path}`,
        service: SERVICE,
        idempotent: request.idempotent,
        attempt: (signal) => this.authorizedAttempt(url, request, body, ctx, signal),
        toError: (res) => this.toError(res),
      },
      ctx,
      this.options.retry,
    );
    if (result.status < 200 || result.status > 299) throw this.toError(result);
    return result;
  }

  /** Sends and parses the JSON body of the successful response. */
  async json<T>(inst: InstanceRef, request: SmRequest, ctx: CallContext): Promise<T> {
    const result = await this.send(inst, request, ctx);
    try {
      return JSON.parse(result.bodyText) as T;
    } catch (cause: unknown) {
      throw new BackendError(
        BackendErrorCode.Internal,
        `${SERVICE}: unexpected response to ${request.method} ${request.path} (HTTP ${result.status}, not JSON).`,
        { status: result.status, cause },
      );
    }
  }

  private async authorizedAttempt(
    url: string,
    request: SmRequest,
    body: string | undefined,
    ctx: CallContext,
    signal: AbortSignal,
  ): Promise<HttpResult> {
    const token = await this.options.tokens.token(ctx);
    const first = await this.exchange(url, request, body, token, signal);
    if (first.status !== 401) return first;
    // The token may have been revoked or the clocks disagree: one fresh try.
    this.options.tokens.invalidate(token);
    const fresh = await this.options.tokens.token(ctx);
    return this.exchange(url, request, body, fresh, signal);
  }

  private async exchange(
    url: string,
    request: SmRequest,
    body: string | undefined,
    token: string,
    signal: AbortSignal,
  ): Promise<HttpResult> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
      'User-Agent': this.options.userAgent,
      'X-Original-User-Agent': this.options.userAgent,
    };
    if (body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
    const res = await this.options.fetch(url, { method: request.method, headers, body, signal });
    const bodyText = await res.text();
    return { status: res.status, statusText: res.statusText, headers: res.headers, bodyText };
  }

  private toError(result: HttpResult): BackendError {
    return serviceError({
      status: result.status,
      statusText: result.statusText,
      bodyText: result.bodyText,
      headerTrace: traceHeader(result.headers),
      service: SERVICE,
      redact: this.options.redact,
    });
  }
}
