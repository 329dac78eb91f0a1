/**
 * What the server does on its own: the due-work timer rotates secrets with
 * nobody calling, and close() lets an in-flight request finish before it
 * stops accepting connections and closes the store.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openLocalBackend } from '../../src/backend/local/index.js';
import { startSmServer } from '../../src/server/sm-server.js';
import { EN_CRN, WRITER_ROLE } from './server-fixture.js';

const KEY = 'lifecycle-writer-key-1234';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ibm-sm-lifecycle-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function token(url: string): Promise<string> {
  const res = await fetch(`${url}/identity/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=${KEY}`,
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const body = (name: string): string =>
  JSON.stringify({
    secret_type: 'service_credentials',
    name,
    source_service: { instance: { crn: EN_CRN }, role: { crn: WRITER_ROLE } },
    rotation: { auto_rotate: true, interval: 1, unit: 'day' },
  });

describe('server lifecycle', () => {
  it('applies due rotations from its timer with no request arriving', async () => {
    let offsetMs = 0;
    const path = join(dir, 'store.db');
    const backend = openLocalBackend({ path, clock: { now: () => new Date(Date.now() + offsetMs) } });
    const server = await startSmServer({ backend, ownsBackend: true, apiKeys: [{ apiKey: KEY, role: 'Writer' }], dueWorkIntervalMs: 50 });
    try {
      const res = await fetch(`${server.url}/api/v2/secrets`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await token(server.url)}`, 'Content-Type': 'application/json' },
        body: body('timer-rotated'),
      });
      expect(res.status).toBe(201);
      const versions = (): number => {
        const db = new Database(path, { readonly: true });
        try {
          return (db.prepare('SELECT COUNT(*) AS n FROM secret_versions').get() as { n: number }).n;
        } finally {
          db.close();
        }
      };
      expect(versions()).toBe(1);
      offsetMs = 1.5 * 86_400_000; // past next_rotation_date
      for (let i = 0; i < 40 && versions() < 2; i += 1) await sleep(50);
      expect(versions()).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('finishes an in-flight request on close, then refuses connections and closes the store', async () => {
    const backend = openLocalBackend({ path: join(dir, 'store.db') });
    const server = await startSmServer({ backend, ownsBackend: true, apiKeys: [{ apiKey: KEY, role: 'Writer' }] });
    const bearer = await token(server.url);
    const payload = Buffer.from(body('in-flight'));
    const { port } = new URL(server.url);

    // Send the headers and half the body, start closing, then send the rest.
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: Number(port),
          method: 'POST',
          path: '/api/v2/secrets',
          headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', 'Content-Length': payload.length },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(payload.subarray(0, 20));
      setTimeout(() => req.end(payload.subarray(20)), 300);
    });
    await sleep(100);
    const started = Date.now();
    const closed = server.close();
    const result = await response;
    await closed;
    expect(result.status).toBe(201);
    expect(JSON.parse(result.text)).toMatchObject({ name: 'in-flight' });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(fetch(`${server.url}/api/v2/secrets`)).rejects.toThrow();
    await expect(backend.listSecretGroups({ instanceId: server.instanceId, region: 'us-south' })).rejects.toThrow();
  });

  it('opens a store path itself and fails cleanly on a busy port', async () => {
    const path = join(dir, 'own.db');
    const server = await startSmServer({ store: path, apiKeys: [{ apiKey: KEY, role: 'Writer' }] });
    try {
      const res = await fetch(`${server.url}/api/v2/secrets`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await token(server.url)}`, 'Content-Type': 'application/json' },
        body: body('own-store'),
      });
      expect(res.status).toBe(201);
      const port = Number(new URL(server.url).port);
      await expect(startSmServer({ store: path, port, apiKeys: [{ apiKey: KEY, role: 'Writer' }] })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await server.close();
    }
    const reopened = openLocalBackend({ path });
    try {
      expect((await reopened.listSecrets({ instanceId: server.instanceId, region: 'us-south' })).total_count).toBe(1);
    } finally {
      await reopened.close();
    }
  });
});
