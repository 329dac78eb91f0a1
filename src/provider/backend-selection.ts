/**
 * Which credential backend the provider block selects, opened lazily and
 * shared by every request of this provider process:
 *
 *   local_store / IBM_SM_LOCAL_STORE   → the embedded engine (SQLite file), in-process
 *   ibmcloud_api_key / IC_API_KEY      → IBM Cloud Secrets Manager over REST
 *   neither                            → a diagnostic explaining both ways
 *
 * There is no silent fallback from one to the other. Backends are opened on
 * first use (so `terraform validate` and start-up never touch them) and kept
 * open for the life of the process, keyed by their settings: a debug-mode
 * provider serving many terraform runs reuses them.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { BackendError } from '../backend/backend-error.js';
import type { CredentialBackend } from '../backend/credential-backend.js';
import { createLogger, type Logger } from '../logging/logger.js';
import type { IbmProviderConfig } from './provider-config.js';

export type BackendKind = 'local' | 'ibm-cloud';

type Opener = (logger: Logger) => Promise<CredentialBackend>;

let sharedLogger: Logger | undefined;

/**
 * The backend outlives the request that happens to open it, so it logs with a
 * process-wide logger: the opening request's tf_req_id/tf_rpc would mislabel
 * every later line.
 */
function backendLogger(): Logger {
  sharedLogger ??= createLogger({ module: 'ibm' }).with({ component: 'backend' });
  return sharedLogger;
}

const opened = new Map<string, Promise<CredentialBackend>>();
const live = new Set<CredentialBackend>();

/**
 * Terraform ends a provider with Shutdown → process.exit, so no request is in
 * flight then. Closing the stores synchronously at exit checkpoints SQLite's
 * WAL and removes its side files instead of leaving them beside the store.
 */
function closeAtExit(backend: CredentialBackend): CredentialBackend {
  if (live.size === 0) process.once('exit', () => live.forEach((b) => void b.close().catch(() => undefined)));
  live.add(backend);
  return backend;
}

/** A backend the provider block selected; `open()` returns the shared instance. */
export class BackendHandle {
  readonly #key: string;
  readonly #open: Opener;

  constructor(
    readonly kind: BackendKind,
    /** For messages: never contains a credential. */
    readonly description: string,
    key: string,
    open: Opener,
  ) {
    this.#key = key;
    this.#open = open;
  }

  /** Opens the backend once per process and settings; rejects with a BackendError. */
  open(): Promise<CredentialBackend> {
    let pending = opened.get(this.#key);
    if (pending === undefined) {
      pending = this.#open(backendLogger()).then(closeAtExit, (reason: unknown) => {
        opened.delete(this.#key); // let the next request try again (e.g. after fixing a key file)
        throw BackendError.from(reason);
      });
      opened.set(this.#key, pending);
    }
    return pending;
  }

  toJSON(): string {
    return `BackendHandle(${this.description})`;
  }
}

export type BackendSelection =
  | { readonly ok: true; readonly handle: BackendHandle }
  | { readonly ok: false; readonly summary: string; readonly detail: string };

const BOTH_WAYS =
  'Configure one of the two backends in the provider "ibm" block:\n' +
  '  - IBM Cloud Secrets Manager: ibmcloud_api_key (or the environment variable IC_API_KEY), ' +
  'optionally secrets_manager_endpoint and iam_endpoint;\n' +
  '  - the embedded local store: local_store = "<path of a store file>" (or IBM_SM_LOCAL_STORE).';

export function selectBackend(config: IbmProviderConfig): BackendSelection {
  if (config.localStore !== undefined) {
    const path = resolve(config.localStore);
    return { ok: true, handle: new BackendHandle('local', `local store ${path}`, `local:${path}`, (logger) => openLocal(path, logger)) };
  }
  if (config.apiKey !== undefined) {
    const apiKey = config.apiKey;
    const settings = {
      iamEndpoint: config.iamEndpoint,
      secretsManagerEndpoint: config.secretsManagerEndpoint,
      visibility: config.visibility,
      maxRetries: config.maxRetries,
      timeoutMs: config.timeoutSeconds * 1000,
    };
    // The key is part of the cache key only as a digest.
    const digest = createHash('sha256').update(apiKey.reveal()).digest('hex').slice(0, 16);
    const where = config.secretsManagerEndpoint ?? 'the regional endpoints';
    return {
      ok: true,
      handle: new BackendHandle('ibm-cloud', `IBM Cloud Secrets Manager at ${where}`, `ibm:${digest}:${JSON.stringify(settings)}`, async (logger) => {
        const { createIbmCloudBackend } = await import('../backend/ibm-cloud/index.js');
        return createIbmCloudBackend({
          apiKey: apiKey.reveal(),
          ...(settings.iamEndpoint !== undefined && { iamEndpoint: settings.iamEndpoint }),
          ...(settings.secretsManagerEndpoint !== undefined && { secretsManagerEndpoint: settings.secretsManagerEndpoint }),
          visibility: settings.visibility,
          maxRetries: settings.maxRetries,
          timeoutMs: settings.timeoutMs,
          logger,
        });
      }),
    };
  }
  if (config.iamToken !== undefined || config.iamRefreshToken !== undefined || config.iamProfileId !== undefined || config.iamProfileName !== undefined) {
    return {
      ok: false,
      summary: 'Unsupported Authentication',
      detail:
        'This provider authenticates to IBM Cloud with an API key only; iam_token, iam_refresh_token and trusted profiles are not supported. ' +
        `Set ibmcloud_api_key (or IC_API_KEY) instead.\n\n${BOTH_WAYS}`,
    };
  }
  return {
    ok: false,
    summary: 'No Secrets Manager Backend Configured',
    detail: `The provider has no IBM Cloud credentials and no local store, so it cannot reach any secrets.\n\n${BOTH_WAYS}`,
  };
}

async function openLocal(path: string, logger: Logger): Promise<CredentialBackend> {
  // Loaded on first use: the engine pulls in the native SQLite binding.
  const { openLocalBackend } = await import('../backend/local/index.js');
  return openLocalBackend({ path, logger });
}
