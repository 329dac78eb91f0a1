/**
 * A real `ibm-sm serve` process on loopback: the local store behind the
 * Secrets Manager v2 REST API and an IAM token endpoint, as the provider's
 * IBM Cloud backend sees IBM Cloud. `restart()` keeps the port (e.g. to run
 * it again with another IBM_SM_LOCAL_CLOCK_OFFSET).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvVars } from '../harness/index.js';
import { isolatedEnv } from '../harness/index.js';

export interface SmServeOptions {
  readonly store: string;
  /** KEY=ROLE entries. */
  readonly apiKeys: readonly string[];
  readonly env?: EnvVars;
  readonly logFile: string;
  /** Default 0 (any free port). */
  readonly port?: number;
}

export interface SmServe {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops the server and starts it again on the same port with `env` (e.g. a new clock offset). */
  restart(env?: EnvVars): Promise<void>;
  stop(): Promise<void>;
}

const LISTENING = /listening on (http:\/\/[^\s]+)/;

export async function startSmServe(options: SmServeOptions): Promise<SmServe> {
  let current = await launch(options, options.port ?? 0, options.env ?? {});
  const handle = {
    url: current.url,
    port: Number(new URL(current.url).port),
    get pid() {
      return current.child.pid ?? -1;
    },
    async restart(env: EnvVars = {}) {
      await stopChild(current.child);
      current = await launch(options, handle.port, env);
    },
    stop: () => stopChild(current.child),
  };
  return handle;
}

async function launch(options: SmServeOptions, port: number, env: EnvVars): Promise<{ child: ChildProcess; url: string }> {
  const args = [join(process.cwd(), 'bin/ibm-sm'), 'serve', '--store', options.store, '--port', String(port), '--due-work-interval', '0'];
  for (const key of options.apiKeys) args.push('--api-key', key);
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, args, { env: isolatedEnv({ IBM_SM_LOG: 'warn', ...env }), stdio: ['ignore', 'pipe', log] });
  closeSync(log);
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let settled = false;
    const timer = setTimeout(() => fail('did not report listening within 20 s'), 20_000);
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`ibm-sm serve ${why}; log: ${readFileSync(options.logFile, 'utf8').slice(-2000)}`));
    };
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = LISTENING.exec(out);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(m[1]!.replace(/\/$/, ''));
      }
    });
    child.once('exit', (code) => fail(`exited (${code})`));
  });
  child.stdout?.resume();
  return { child, url };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
