import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ManualClock } from '../../../src/backend/clock.js';
import { openLocalBackend } from '../../../src/backend/local/index.js';
import { INSTANCE } from './local-fixture.js';

const root = process.cwd();
let dir: string;
let worker: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ibm-sm-multi-'));
  const outDir = join(root, '.tmp', 'local-engine-tests');
  mkdirSync(outDir, { recursive: true });
  worker = join(outDir, `concurrent-writer-${process.pid}.cjs`);
  await build({
    entryPoints: [join(root, 'test/backend/local/concurrent-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: worker,
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(worker, { force: true });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [worker, ...args], { cwd: root, env: { ...process.env, IBM_SM_LOCAL_KEY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('several processes on one store', () => {
  test('two processes creating 200 secrets each end with 400 secrets and no error', async () => {
    const path = join(dir, 'shared.db');
    const started = Date.now();
    // Both start on a store that does not exist yet: they also race to create the file, the key and the schema.
    const [a, b] = await Promise.all([run([path, INSTANCE.instanceId, 'proc-a', '200']), run([path, INSTANCE.instanceId, 'proc-b', '200'])]);
    const elapsed = Date.now() - started;
    expect({ code: a.code, stderr: a.stderr }).toEqual({ code: 0, stderr: '' });
    expect({ code: b.code, stderr: b.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(a.stdout)).toMatchObject({ created: 200 });
    expect(JSON.parse(b.stdout)).toMatchObject({ created: 200 });

    const backend = openLocalBackend({ path, env: {} });
    try {
      const page = await backend.listSecrets(INSTANCE, { limit: 1000 });
      expect(page.total_count).toBe(400);
      expect(new Set(page.secrets.map((s) => s.name)).size).toBe(400);
      // Every credential decrypts with the one key both processes agreed on.
      const one = page.secrets.find((s) => s.name === 'proc-b-199');
      expect((await backend.getSecret(INSTANCE, one?.id ?? '')).credentials.apikey).toEqual(expect.any(String));
    } finally {
      await backend.close();
    }
    const rate = (400 / elapsed) * 1000;
    process.stdout.write(`multi-process: 2×200 creates in ${elapsed} ms (${rate.toFixed(0)} creates/s including process start)\n`);
  });

  test('two handles in one process interleave reads and writes consistently', async () => {
    const path = join(dir, 'handles.db');
    const a = openLocalBackend({ path, env: {} });
    const b = openLocalBackend({ path, env: {} });
    try {
      const s = await a.createSecret(INSTANCE, {
        secret_type: 'service_credentials',
        name: 'shared',
        source_service: { instance: { crn: 'crn:v1:bluemix:public:event-notifications:us-south:a/347df6de25020f0fa8b711c6d9881111:f35e85fc-3d4d-476e-8547-51222e3c1111::' }, role: { crn: 'crn:v1:bluemix:public:iam::::serviceRole:Writer' } },
      });
      await b.createSecretVersion(INSTANCE, s.id, {});
      expect((await a.getSecretMetadata(INSTANCE, s.id)).versions_total).toBe(2);
      await a.updateSecretMetadata(INSTANCE, s.id, { description: 'from a' });
      expect((await b.getSecretMetadata(INSTANCE, s.id)).description).toBe('from a');
    } finally {
      await a.close();
      await b.close();
    }
  });
});

test('due work is applied once even when several handles see it fall due', async () => {
  const path = join(dir, 'due-once.db');
  const clock = new ManualClock('2026-01-01T00:00:00Z');
  const handles = [0, 1, 2].map(() => openLocalBackend({ path, env: {}, clock }));
  try {
    const [first] = handles;
    if (!first) throw new Error('no handle');
    const s = await first.createSecret(INSTANCE, {
      secret_type: 'service_credentials',
      name: 'rotating',
      rotation: { auto_rotate: true, interval: 1, unit: 'day' },
      source_service: { instance: { crn: 'crn:v1:bluemix:public:event-notifications:us-south:a/347df6de25020f0fa8b711c6d9881111:f35e85fc-3d4d-476e-8547-51222e3c1111::' }, role: { crn: 'crn:v1:bluemix:public:iam::::serviceRole:Writer' } },
    });
    clock.advance('3d');
    const reports = await Promise.all(handles.map((h) => h.applyDueWork(INSTANCE)));
    expect(reports.map((r) => r.rotated).sort()).toEqual([0, 0, 3]);
    for (const h of handles) expect((await h.getSecretMetadata(INSTANCE, s.id)).versions_total).toBe(4);
  } finally {
    for (const h of handles) await h.close();
  }
});
