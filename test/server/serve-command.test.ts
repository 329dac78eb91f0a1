/**
 * `ibm-sm serve` as a real OS process (the CLI bundled with esbuild the way
 * the build does): ready line, requests, the clock offset, access logs on
 * stderr without secrets, graceful exit on SIGTERM, usage errors.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIbmCloudBackend } from '../../src/backend/ibm-cloud/index.js';
import { EN_CRN, leakedIn, WRITER_ROLE } from './server-fixture.js';

const root = process.cwd();
const bundleDir = join(root, '.tmp', 'serve-command-test');
const bundle = join(bundleDir, 'ibm-sm.cjs');
const WRITER_KEY = 'serve-writer-key-42424242';
let dir: string;

beforeAll(async () => {
  mkdirSync(bundleDir, { recursive: true });
  // esbuild resolved at run time: the test bundles the CLI like scripts/build.mjs.
  const esbuild = (await import('esbuild')) as typeof import('esbuild');
  await esbuild.build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'error',
  });
  dir = mkdtempSync(join(tmpdir(), 'ibm-sm-serve-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: string[];
  readonly stderr: string[];
}

function start(args: readonly string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [bundle, ...args], {
    env: { PATH: process.env['PATH'], ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (c: string) => stdout.push(c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => stderr.push(c));
  return { child, stdout, stderr };
}

async function readyLine(run: Running): Promise<RegExpExecArray> {
  for (let i = 0; i < 300; i += 1) {
    const match = /listening on (\S+) instance_id=(\S+) region=(\S+)\n/.exec(run.stdout.join(''));
    if (match !== null) return match;
    if (run.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not start: ${run.stderr.join('')}`);
}

describe('ibm-sm serve', () => {
  it('serves the store, honours the clock offset, logs access without secrets and stops on SIGTERM', async () => {
    const store = join(dir, 'store.db');
    const run = start(
      ['serve', '--store', store, '--port', '0', '--api-key', `${WRITER_KEY}=Writer`, '--region', 'eu-de'],
      { IBM_SM_LOCAL_CLOCK_OFFSET: '31d', IBM_SM_SERVER_API_KEYS: 'env-reader-key-777=Reader' },
    );
    try {
      const [, url = '', instanceId = '', region] = await readyLine(run);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(instanceId).toMatch(/^[0-9a-f-]{36}$/);
      expect(region).toBe('eu-de');

      const client = createIbmCloudBackend({ apiKey: WRITER_KEY, iamEndpoint: url, secretsManagerEndpoint: url });
      const inst = { instanceId, region: 'eu-de' };
      const secret = await client.createSecret(inst, {
        secret_type: 'service_credentials',
        name: 'served',
        source_service: { instance: { crn: EN_CRN }, role: { crn: WRITER_ROLE } },
      });
      const ahead = Date.parse(secret.created_at) - Date.now();
      expect(ahead).toBeGreaterThan(30.9 * 86_400_000);
      expect(ahead).toBeLessThan(31.1 * 86_400_000);
      expect(secret.crn).toContain(':eu-de:');
      const reader = createIbmCloudBackend({ apiKey: 'env-reader-key-777', iamEndpoint: url, secretsManagerEndpoint: url });
      expect((await reader.listSecrets(inst)).total_count).toBe(1);

      run.child.kill('SIGTERM');
      const [code] = (await once(run.child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(run.stdout.join('').trim().split('\n')).toHaveLength(1);
      const lines = run.stderr.join('').trim().split('\n');
      const access = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['@message'] === 'request');
      expect(access.length).toBeGreaterThanOrEqual(4);
      expect(access).toContainEqual(
        expect.objectContaining({ method: 'POST', path: '/api/v2/secrets', status: 201, trace: expect.any(String), duration_ms: expect.any(Number) }),
      );
      expect(lines.some((l) => l.includes('"@message":"stopped"'))).toBe(true);
      expect(leakedIn(lines, [WRITER_KEY, 'env-reader-key-777', String(secret.credentials.apikey)])).toEqual([]);

      // The store stays usable by the other commands once the server is gone.
      const list = start(['secrets', '--store', store, '--instance-id', instanceId, '--region', 'eu-de']);
      const [listCode] = (await once(list.child, 'exit')) as [number | null];
      expect(listCode).toBe(0);
      expect(JSON.parse(list.stdout.join(''))).toMatchObject({ total_count: 1 });
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });

  it('exits 2 with one line when no API key is configured or a flag is bad', async () => {
    const store = join(dir, 'bad.db');
    for (const args of [
      ['serve', '--store', store, '--port', '0'],
      ['serve', '--store', store, '--port', 'x', '--api-key', 'k=Writer'],
      ['serve', '--store', store, '--api-key', 'topsecretkey=Owner'],
      ['serve', '--store', store, '--port', '0', '--api-key', 'k=Writer', '--instance-id', 'foo'],
    ]) {
      const run = start(args);
      const [code] = (await once(run.child, 'exit')) as [number | null];
      expect(code).toBe(2);
      const err = run.stderr.join('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(/^ibm-sm: /);
      expect(err).not.toContain('topsecretkey');
    }
  });

  it('names the port when it is already taken, in one line', async () => {
    const store = join(dir, 'busy.db');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const run = start(['serve', '--store', store, '--port', String(port), '--api-key', 'k=Writer']);
      const [code] = (await once(run.child, 'exit')) as [number | null];
      expect(code).not.toBe(0);
      const err = run.stderr.join('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toContain(`cannot listen on 127.0.0.1:${port}: the port is already in use`);
    } finally {
      blocker.close();
    }
  });
});
