/**
 * A provider running in debug mode for the whole test file, so terraform
 * attaches through TF_REATTACH_PROVIDERS instead of starting a process per
 * command (terraform-plugin-testing's model).
 *
 *   const provider = debugProviderForFile(IBM_PROVIDER);          // beforeAll/afterAll inside
 *   const wd = await WorkingDir.create({ wiring: reattach(() => provider.reattach) });
 *
 * or by hand:
 *
 *   const p = await startDebugProvider({ executable: providerExecutable(IBM_PROVIDER) });
 *   ... p.reattach ...
 *   await p.stop();                                               // SIGINT, then SIGTERM, then SIGKILL
 *
 * The provider's stderr (its hclog JSON lines) goes to `stderrFile` for
 * debugging; stdout is read for the `TF_REATTACH_PROVIDERS='{...}'` line.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReattachLine } from '../../src/plugin/reattach-config.js';
import type { EnvVars } from './terraform-runner.js';
import { isolatedEnv } from './terraform-runner.js';
import type { ProviderPackage } from './working-dir.js';
import { providerExecutable } from './working-dir.js';

export interface DebugProviderOptions {
  readonly executable: string;
  /** Extra environment for the provider process (e.g. IBM_SM_LOCAL_STORE, TF_LOG_PROVIDER). */
  readonly env?: EnvVars;
  /** Extra arguments after `--debug`. */
  readonly args?: readonly string[];
  /** Re-key the reattach JSON to this source address (when the provider announces another one). */
  readonly address?: string;
  /** Default 20 s. */
  readonly startTimeoutMs?: number;
  /** Where stderr goes; default a file in a fresh temp directory. */
  readonly stderrFile?: string;
}

export interface DebugProvider {
  /** The JSON for TF_REATTACH_PROVIDERS. */
  readonly reattach: string;
  readonly pid: number;
  readonly stderrFile: string;
  /** The provider's stderr so far (its log lines). */
  readStderr(): string;
  /** Stops the provider (SIGINT, then SIGTERM, then SIGKILL) and waits for it to exit; resolves its exit code or signal. */
  stop(): Promise<number | string>;
}

const STOP_STEP_MS = 5_000;

export async function startDebugProvider(opts: DebugProviderOptions): Promise<DebugProvider> {
  const ownDir = opts.stderrFile === undefined ? mkdtempSync(join(tmpdir(), 'tf-debug-provider-')) : undefined;
  const stderrFile = opts.stderrFile ?? join(ownDir!, 'provider.stderr.log');
  const stderrFd = openSync(stderrFile, 'a');
  const child = spawn(opts.executable, ['--debug', ...(opts.args ?? [])], {
    env: isolatedEnv(opts.env),
    stdio: ['ignore', 'pipe', stderrFd],
  });
  closeSync(stderrFd);
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.on('error', (e) => resolve(`spawn error: ${e.message}`));
  });
  // A crashed test run must not leave the provider behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let json: string;
  try {
    json = await waitForReattachLine(child, exited, opts.startTimeoutMs ?? 20_000, stderrFile);
  } catch (e: unknown) {
    child.kill('SIGKILL');
    await exited;
    process.removeListener('exit', killOnExit);
    if (ownDir !== undefined) rmSync(ownDir, { recursive: true, force: true });
    throw e;
  }
  child.stdout?.resume(); // keep draining: debug output after the banner must never block the provider
  const reattach = opts.address === undefined ? json : rekey(json, opts.address);

  let stopping: Promise<number | string> | undefined;
  return {
    reattach,
    pid: child.pid ?? -1,
    stderrFile,
    readStderr: () => readFileSync(stderrFile, 'utf8'),
    stop: () => {
      stopping ??= stopProcess(child, exited).finally(() => {
        process.removeListener('exit', killOnExit);
        if (ownDir !== undefined && process.env['HARNESS_KEEP'] !== '1') rmSync(ownDir, { recursive: true, force: true });
      });
      return stopping;
    },
  };
}

function waitForReattachLine(
  child: ChildProcess,
  exited: Promise<number | string>,
  timeoutMs: number,
  stderrFile: string,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(`did not print TF_REATTACH_PROVIDERS within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string): void => {
      clearTimeout(timer);
      let stderr = '';
      try {
        stderr = readFileSync(stderrFile, 'utf8').slice(-4000);
      } catch {
        // no stderr yet
      }
      reject(new Error(`debug provider ${why}\nstdout: ${out.slice(-2000)}\nstderr: ${stderr}`));
    };
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const json = parseReattachLine(out);
      if (json !== undefined) {
        clearTimeout(timer);
        resolve(json);
      }
    });
    void exited.then((code) => fail(`exited (${code}) before printing TF_REATTACH_PROVIDERS`));
  });
}

async function stopProcess(child: ChildProcess, exited: Promise<number | string>): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    child.kill(signal);
    const done = await Promise.race([exited, delay(STOP_STEP_MS).then(() => undefined)]);
    if (done !== undefined) return done;
  }
  return exited;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function rekey(json: string, address: string): string {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const [only] = Object.values(parsed);
  return JSON.stringify({ [address]: only });
}

/**
 * Jest helper: starts the package's provider in debug mode in beforeAll and
 * stops it in afterAll. Read `.reattach` inside tests (or pass the getter
 * `() => provider.reattach` to `reattach(...)`).
 */
export function debugProviderForFile(
  pkg: ProviderPackage,
  opts: Omit<DebugProviderOptions, 'executable'> = {},
): { readonly reattach: string; readonly current: DebugProvider } {
  let running: DebugProvider | undefined;
  beforeAll(async () => {
    running = await startDebugProvider({ address: pkg.source, ...opts, executable: providerExecutable(pkg) });
  });
  afterAll(async () => {
    await running?.stop();
  });
  return {
    get current(): DebugProvider {
      if (running === undefined) throw new Error('the debug provider is not running (used outside a test?)');
      return running;
    },
    get reattach(): string {
      return this.current.reattach;
    },
  };
}
