/**
 * Where an acceptance test runs: which backend the provider talks to and how
 * terraform reaches the provider.
 *
 *   local-reattach   embedded store (local_store), one debug-mode provider per describe block
 *   rest-reattach    a real `ibm-sm serve` process on loopback (secrets_manager_endpoint,
 *                    iam_endpoint, an API key with role Manager), one debug-mode provider
 *   local-launched   embedded store, terraform launches the provider itself (dev_overrides)
 *   rest-launched    the REST server, provider launched by terraform
 *
 *   for (const t of targets(['local-reattach', 'rest-reattach'])) {
 *     describe(t, () => {
 *       const acc = accTarget(t);                  // beforeAll/afterAll inside
 *       test('…', async () => {
 *         const inst = acc.instance();             // a fresh Secrets Manager instance id
 *         await runSteps(acc.case(), [{ config: acc.config(inst, body) }]);
 *         await inst.cli(['secret', '--id', id]);  // bin/ibm-sm against the same store
 *       });
 *     });
 *   }
 *
 * ACC_TARGETS=local-reattach,rest-launched narrows every suite to those targets.
 * Each describe block has its own store file; each test its own instance id,
 * so tests never see each other's secrets.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AcceptanceCase, DebugProvider, EnvVars, ProviderWiring } from '../harness/index.js';
import { devOverrides, IBM_PROVIDER, isolatedEnv, providerExecutable, reattach, startDebugProvider } from '../harness/index.js';
import { startSmServe } from './sm-serve.js';
import type { SmServe } from './sm-serve.js';

export type AccTargetName = 'local-reattach' | 'rest-reattach' | 'local-launched' | 'rest-launched';
export const ALL_TARGETS: readonly AccTargetName[] = ['local-reattach', 'rest-reattach', 'local-launched', 'rest-launched'];

export const REGION = 'us-south';
export const MANAGER_KEY = 'acc-manager-key-0f3b9c';
export const READER_KEY = 'acc-reader-key-7d41e2';
export const BAD_KEY = 'acc-wrong-key-55aa01';
const ROOT = process.cwd();

/** The wanted targets, narrowed by ACC_TARGETS when set. */
export function targets(wanted: readonly AccTargetName[] = ALL_TARGETS): AccTargetName[] {
  const env = process.env['ACC_TARGETS'];
  if (env === undefined || env.trim() === '') return [...wanted];
  const allowed = new Set(env.split(',').map((s) => s.trim()));
  return wanted.filter((t) => allowed.has(t));
}

export interface AccInstance {
  readonly id: string;
  readonly region: string;
  /** `bin/ibm-sm <args>` against this instance in the target's store; the parsed JSON output. */
  cli(args: readonly string[], env?: EnvVars): Promise<unknown>;
  /** Same, resolving with exit code and output instead of throwing. */
  cliRaw(args: readonly string[], env?: EnvVars): Promise<{ code: number; stdout: string; stderr: string }>;
}

export interface AccTarget {
  readonly name: AccTargetName;
  readonly backend: 'local' | 'rest';
  readonly mode: 'reattach' | 'launched';
  /** The SQLite store behind the target (the REST server serves the same file). */
  readonly storePath: string;
  instance(): AccInstance;
  wiring(): ProviderWiring;
  /** `terraform {}` plus `provider "ibm" {}` for this target, then `body`. */
  config(body: string, providerExtra?: string): string;
  /** The provider block arguments that select the backend (for configs that write their own block). */
  providerArguments(apiKey?: string): string;
  /** An AcceptanceCase with this target's wiring. */
  case(extra?: Partial<AcceptanceCase>): AcceptanceCase;
  /** The REST server (rest targets). */
  readonly server: SmServe | undefined;
  /** The debug provider's log so far (reattach targets). */
  providerLog(): string;
}

export const REQUIRED_PROVIDERS = `terraform {
  required_providers {
    ibm = {
      source = "IBM-Cloud/ibm"
    }
  }
}
`;

/** Declares the target's fixtures (store, REST server, debug provider) in beforeAll/afterAll of the enclosing describe. */
export function accTarget(name: AccTargetName, options: { readonly serverEnv?: EnvVars } = {}): AccTarget {
  const backend = name.startsWith('rest') ? 'rest' : 'local';
  const mode = name.endsWith('reattach') ? 'reattach' : 'launched';
  let dir = '';
  let server: SmServe | undefined;
  let debug: DebugProvider | undefined;

  beforeAll(async () => {
    providerExecutable(IBM_PROVIDER); // a clear "run npm run build" error when missing
    dir = mkdtempSync(join(tmpdir(), `acc-${name}-`));
    if (backend === 'rest') {
      server = await startSmServe({
        store: join(dir, 'store.db'),
        apiKeys: [`${MANAGER_KEY}=Manager`, `${READER_KEY}=Reader`],
        ...(options.serverEnv !== undefined && { env: options.serverEnv }),
        logFile: join(dir, 'server.log'),
      });
    }
    if (mode === 'reattach') {
      debug = await startDebugProvider({ executable: providerExecutable(IBM_PROVIDER), address: IBM_PROVIDER.source, stderrFile: join(dir, 'provider.log') });
    }
  }, 60_000);

  afterAll(async () => {
    await debug?.stop();
    await server?.stop();
    if (dir !== '' && process.env['HARNESS_KEEP'] !== '1') rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const storePath = (): string => join(dir, 'store.db');
  const providerArguments = (apiKey = MANAGER_KEY): string => {
    if (backend === 'local') return `  local_store = ${JSON.stringify(storePath())}\n`;
    const url = server!.url;
    return [
      `  ibmcloud_api_key         = ${JSON.stringify(apiKey)}`,
      `  iam_endpoint             = ${JSON.stringify(url)}`,
      `  secrets_manager_endpoint = ${JSON.stringify(`${url}/instances/{instance_id}`)}`,
      `  max_retries              = 2`,
      '',
    ].join('\n');
  };

  const target: AccTarget = {
    name,
    backend,
    mode,
    get storePath() {
      return storePath();
    },
    get server() {
      return server;
    },
    instance: () => newInstance(storePath()),
    wiring: () => (mode === 'reattach' ? reattach(() => debug!.reattach) : devOverrides(IBM_PROVIDER)),
    providerArguments,
    config: (body, providerExtra = '') => `${REQUIRED_PROVIDERS}\nprovider "ibm" {\n${providerArguments()}${providerExtra}}\n\n${body}`,
    case: (extra = {}) => ({ wiring: target.wiring(), prefix: `acc-${name}`, ...extra }),
    providerLog: () => (debug !== undefined ? readFileSync(debug.stderrFile, 'utf8') : ''),
  };
  return target;
}

function newInstance(store: string): AccInstance {
  const id = randomUUID();
  const cliRaw = (args: readonly string[], env: EnvVars = {}) => runCli(['--store', store, '--instance-id', id, '--region', REGION, ...args], env);
  return {
    id,
    region: REGION,
    cliRaw,
    cli: async (args, env) => {
      const r = await cliRaw(args, env);
      if (r.code !== 0) throw new Error(`ibm-sm ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
      return r.stdout.trim() === '' ? undefined : (JSON.parse(r.stdout) as unknown);
    },
  };
}

/** Runs bin/ibm-sm with an isolated environment. */
export function runCli(args: readonly string[], env: EnvVars = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ibm-sm'), ...args], { env: isolatedEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A fresh directory under the OS temp dir (for configs written outside the harness). */
export function tempDir(prefix: string): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}
