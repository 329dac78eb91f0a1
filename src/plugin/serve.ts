/**
 * The provider process as a go-plugin server (or, with `debug`, a long-lived
 * server Terraform attaches to through TF_REATTACH_PROVIDERS). stdout carries
 * the handshake line and nothing else; logs go to stderr.
 */
import { renameSync, writeFileSync, writeSync } from 'node:fs';
import { createLogger } from '../logging/logger.js';
import type { Logger } from '../logging/logger.js';
import type { ProviderServer } from '../tfprotov6/types.js';
import { StdioChannel } from './go-plugin-services.js';
import type { StdioMirror } from './go-plugin-services.js';
import { formatHandshakeLine, hasMagicCookie, negotiateProtocolVersion, NOT_A_PLUGIN_MESSAGE } from './handshake.js';
import { defaultNetwork } from './listener.js';
import type { PluginNetwork } from './listener.js';
import { startPluginServer } from './plugin-server.js';
import type { PluginServer } from './plugin-server.js';
import { debugBanner, reattachProvidersJson } from './reattach-config.js';
import { transportSecurityFromEnv } from './transport-security.js';

export interface ServeOptions {
  /** Fully-qualified source address, e.g. `registry.terraform.io/ibm-cloud/ibm`. */
  readonly providerAddress: string;
  /** Builds the provider; awaited on first use, so its code can load after the handshake. */
  readonly createServer: () => ProviderServer | Promise<ProviderServer>;
  /** Serve without TLS for Terraform to attach to, printing TF_REATTACH_PROVIDERS; stop with Ctrl-C. */
  readonly debug?: boolean;
  /** In debug mode, also write the TF_REATTACH_PROVIDERS JSON value (nothing else) to this file. */
  readonly debugEnvFile?: string;
  readonly logger?: Logger;
  readonly env?: NodeJS.ProcessEnv;
  /** Default: unix socket (TCP on Windows). */
  readonly network?: PluginNetwork;
}

/**
 * Serves until the host shuts the provider down; the process then exits from
 * here. Returns early (with process.exitCode = 1 and a message on stderr) when
 * the provider must not start, e.g. when run by hand.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger({ module: 'plugin' });
  const refuse = (message: string): void => {
    process.stderr.write(message);
    process.exitCode = 1;
  };

  if (!options.debug) {
    if (!hasMagicCookie(env)) return refuse(NOT_A_PLUGIN_MESSAGE);
    const negotiated = negotiateProtocolVersion(env);
    if (!negotiated.ok) return refuse(negotiated.message);
  }
  const security = options.debug ? ({ kind: 'plain' } as const) : transportSecurityFromEnv(env);
  if (security.kind === 'refused') return refuse(security.message);

  keepServingThroughStrayErrors(logger);
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  let plugin: PluginServer;
  try {
    plugin = await startPluginServer({
      providerAddress: options.providerAddress,
      createServer: options.createServer,
      logger,
      env,
      network: options.network ?? defaultNetwork(),
      ...(security.kind === 'mtls' && { tls: security.tls }),
      // Reply, then exit at once: go-plugin otherwise waits 2 s and kills the process.
      onShutdown: options.debug ? () => logger.debug('Shutdown ignored in debug mode') : () => process.exit(0),
    });
  } catch (err) {
    return refuse(`The provider could not start its plugin server: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.on('exit', plugin.cleanup);

  if (options.debug) {
    // Handlers first: whoever reads the announcement may signal at once.
    // Exit once closed: provider timers or open stores must not keep a stopped server alive.
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      logger.info('Stopping debug provider server');
      plugin.close().finally(() => {
        stopped();
        process.exit(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const json = reattachProvidersJson(options.providerAddress, plugin, process.pid);
    if (options.debugEnvFile !== undefined) writeAtomically(options.debugEnvFile, json);
    process.stdout.write(debugBanner(json));
  } else {
    // Terraform handles Ctrl-C itself and stops in-flight work with StopProvider.
    process.on('SIGINT', () => logger.debug('Ignoring SIGINT'));
    process.on('SIGTERM', () => process.exit(0));
    exitWhenOrphaned(logger);
    writeSync(
      1,
      formatHandshakeLine({
        network: plugin.network,
        address: plugin.address,
        ...(security.kind === 'mtls' && { certDer: security.certDer }),
      }),
    );
    mirrorStdout(plugin.stdio);
  }
  logger.info('Provider server started', { network: plugin.network, address: plugin.address, debug: options.debug === true });
  setImmediate(() => {
    plugin.warmUp().then(
      () => logger.debug('Provider ready'),
      (err: unknown) => logger.error('Provider failed to start', { error: err instanceof Error ? err.message : String(err) }),
    );
  });
  return done;
}

/** After the handshake, stdout writes go to the host through GRPCStdio, never to fd 1. */
function mirrorStdout(stdio: StdioMirror): void {
  const write = (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    const cb = typeof encoding === 'function' ? encoding : callback;
    const enc = typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8';
    const data = typeof chunk === 'string' ? Buffer.from(chunk, enc) : chunk instanceof Uint8Array ? chunk : Buffer.alloc(0);
    stdio.write(StdioChannel.STDOUT, data);
    if (typeof cb === 'function') process.nextTick(cb as () => void);
    return true;
  };
  process.stdout.write = write as typeof process.stdout.write;
}

/**
 * A host that dies without calling Shutdown (a crash, SIGKILL) would leave the
 * provider running forever; re-parenting gives that away.
 */
function exitWhenOrphaned(logger: Logger): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      logger.warn('The host process is gone; exiting');
      process.exit(0);
    }
  }, 1000).unref();
}

/** A stray error outside any RPC is logged, not fatal: a crash mid-apply would lose state. */
function keepServingThroughStrayErrors(logger: Logger): void {
  const log = (err: unknown) =>
    logger.error('Unexpected error outside a request', { error: err instanceof Error ? err.message : String(err) });
  process.on('uncaughtException', log);
  process.on('unhandledRejection', log);
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
