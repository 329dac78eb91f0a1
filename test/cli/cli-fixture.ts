/**
 * Builds the ibm-sm bundle once per test file into .tmp (next to a copy of
 * the committed bin/ibm-sm launcher) and runs it as a real process.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export const ROOT = process.cwd();
export const INSTANCE_ID = '6ebc4224-e983-496a-8a54-f40a0bfa9175';
export const ACCOUNT = '347df6de25020f0fa8b711c6d9881111';
export const COS_CRN = `crn:v1:bluemix:public:cloud-object-storage:global:a/${ACCOUNT}:f35e85fc-3d4d-476e-8547-51222e3c1111::`;
export const WRITER = 'crn:v1:bluemix:public:iam::::serviceRole:Writer';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (throws when it is not). */
  json<T = Record<string, unknown>>(): T;
}

export interface CliFixture {
  /** A copy of bin/ibm-sm beside the freshly built dist/cli/ibm-sm.cjs. */
  readonly launcher: string;
  readonly home: string;
  readonly store: string;
  run(args: readonly string[], env?: NodeJS.ProcessEnv): CliResult;
  cleanup(): void;
}

export async function buildCli(): Promise<CliFixture> {
  const home = join(ROOT, '.tmp', `cli-tests-${process.pid}-${Date.now()}`);
  mkdirSync(join(home, 'bin'), { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: join(home, 'dist', 'cli', 'ibm-sm.cjs'),
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
  const launcher = join(home, 'bin', 'ibm-sm');
  copyFileSync(join(ROOT, 'bin', 'ibm-sm'), launcher);
  const storeDir = mkdtempSync(join(tmpdir(), 'ibm-sm-cli-'));
  const store = join(storeDir, 'store.db');
  const run = (args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult => {
    const r = spawnSync(process.execPath, [launcher, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], IBM_SM_LOCAL_STORE: store, IBM_SM_INSTANCE_ID: INSTANCE_ID, ...env },
    });
    return {
      status: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      json<T>(): T {
        return JSON.parse(r.stdout) as T;
      },
    };
  };
  return {
    launcher,
    home,
    store,
    run,
    cleanup: () => {
      rmSync(home, { recursive: true, force: true });
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
