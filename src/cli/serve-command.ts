/**
 * `ibm-sm serve`: the local store served over HTTP with the IBM Cloud Secrets
 * Manager v2 API and an IAM token endpoint, until SIGINT/SIGTERM. Prints one
 * line on stdout when ready (URL and instance id); access logs go to stderr.
 */
import { createLogger, parseLogLevel } from '../logging/logger.js';
import { serveConfig, ServeUsageError, type ServeFlags } from '../server/serve-config.js';
import { startSmServer } from '../server/sm-server.js';
import { optionalString } from './cli-args.js';
import type { CliCommand, CliValues } from './cli-command.js';
import { CliError } from './cli-error.js';

const NAME = 'serve';

function strings(values: CliValues, key: string): string[] {
  const value = values[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** A one-line reason for a failed listen, or undefined when it was something else. */
function listenFailure(reason: unknown, host: string, port: number): string | undefined {
  const code = (reason as NodeJS.ErrnoException | null)?.code;
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE') return `cannot listen on ${where}: the port is already in use (pick another with --port, or --port 0)`;
  if (code === 'EACCES') return `cannot listen on ${where}: permission denied`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot listen on ${where}: no such local address (--host)`;
  return undefined;
}

export const serveCommand: CliCommand = {
  name: NAME,
  summary: 'Serve the store over HTTP with the Secrets Manager v2 API and IAM tokens (until SIGINT/SIGTERM)',
  options: {
    port: { type: 'string', description: 'TCP port (default 8080; 0 = any free port, printed)' },
    host: { type: 'string', description: 'Address to listen on (default 127.0.0.1)' },
    'api-key': {
      type: 'string',
      multiple: true,
      description: 'KEY=ROLE accepted at /identity/token, role Reader|SecretsReader|Writer|Manager (repeatable; also $IBM_SM_SERVER_API_KEYS)',
    },
    'token-lifetime': { type: 'string', description: 'Bearer token lifetime in seconds (default 3600)' },
    'due-work-interval': { type: 'string', description: 'Seconds between due rotation/expiry runs (default 30; 0 = off)' },
    faults: { type: 'string', description: 'TESTING ONLY: inject faults, e.g. 429:0.2,500:0.1,reset:0.1 (also $IBM_SM_SERVER_FAULTS)' },
  },
  async run(ctx, values) {
    const flags: ServeFlags = {
      apiKeys: strings(values, 'api-key'),
      region: ctx.global.region,
      instanceId: ctx.global.instanceId,
      port: optionalString(values, 'port'),
      host: optionalString(values, 'host'),
      tokenLifetime: optionalString(values, 'token-lifetime'),
      dueWorkInterval: optionalString(values, 'due-work-interval'),
      faults: optionalString(values, 'faults'),
    };
    let config;
    try {
      config = serveConfig(flags, ctx.env);
    } catch (reason: unknown) {
      if (reason instanceof ServeUsageError) throw new CliError(reason.message, NAME);
      throw reason;
    }
    // A server logs its requests by default; IBM_SM_LOG picks another level.
    const logger = createLogger({
      module: 'ibm-sm-server',
      level: parseLogLevel(ctx.env['IBM_SM_LOG']) ?? 'info',
      write: (line) => ctx.writeErr(line),
    });
    let server;
    try {
      server = await startSmServer({ ...config, backend: ctx.backend(), ownsBackend: false, logger });
    } catch (reason: unknown) {
      const failure = listenFailure(reason, config.host, config.port);
      if (failure === undefined) throw reason;
      throw new CliError(failure, NAME);
    }
    ctx.writeOut(`ibm-sm serve: listening on ${server.url} instance_id=${server.instanceId} region=${server.region}\n`);
    await untilAborted(ctx.signal);
    await server.close();
    return undefined;
  },
};
