/**
 * Retries, ambiguity-safe creates, cancellation, token refresh and re-auth,
 * against the real server (with its testing-only fault injection) on loopback.
 */
import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BackendError } from '../../../src/backend/backend-error.js';
import type { CredentialBackend, InstanceRef } from '../../../src/backend/credential-backend.js';
import { createIbmCloudBackend, type IbmCloudBackendOptions } from '../../../src/backend/ibm-cloud/index.js';
import { openLocalBackend } from '../../../src/backend/local/index.js';
import { startSmServer } from '../../../src/server/sm-server.js';
import { EN_CRN, type Fixture, KEYS, leakedIn, rejection, startFixture, WRITER_ROLE } from '../../server/server-fixture.js';

const allLines: string[] = [];
const fixtures: Fixture[] = [];

async function fixture(overrides: Parameters<typeof startFixture>[0] = {}): Promise<Fixture> {
  const fx = await startFixture(overrides);
  fixtures.push(fx);
  return fx;
}

afterAll(async () => {
  for (const fx of fixtures) {
    allLines.push(...fx.lines);
    await fx.close();
  }
  expect(leakedIn(allLines, Object.values(KEYS))).toEqual([]);
});

function clientFor(fx: Fixture, extra: Partial<IbmCloudBackendOptions> = {}): CredentialBackend {
  return createIbmCloudBackend({
    apiKey: KEYS.manager,
    iamEndpoint: fx.server.url,
    secretsManagerEndpoint: `${fx.server.url}/instances/{instance_id}`,
    retryMinDelayMs: 5,
    retryMaxDelayMs: 100,
    maxRetries: 25,
    logger: fx.logger('client'),
    ...extra,
  });
}

const instOf = (fx: Fixture): InstanceRef => ({ instanceId: fx.server.instanceId, region: 'us-south' });

const prototype = (name: string) => ({
  secret_type: 'service_credentials' as const,
  name,
  source_service: { instance: { crn: EN_CRN }, role: { crn: WRITER_ROLE } },
});

function tokenRequests(fx: Fixture): number {
  return fx.lines.filter((l) => l.includes('"@message":"request"') && l.includes('"path":"/identity/token"')).length;
}

describe('under injected faults (429, 500, resets)', () => {
  it('every operation converges and creates never mint a second credential', async () => {
    const fx = await fixture({ faults: '429:0.15,500:0.1,reset:0.1,seed:1234' });
    const client = clientFor(fx);
    const inst = instOf(fx);
    const names = Array.from({ length: 12 }, (_, i) => `faulty-${i}`);
    const ids: string[] = [];
    for (const name of names) {
      const created = await client.createSecret(inst, prototype(name));
      expect(created.name).toBe(name);
      ids.push(created.id);
    }
    for (const id of ids.slice(0, 4)) {
      await client.updateSecretMetadata(inst, id, { description: 'patched', labels: ['xx'] });
      await client.createSecretVersion(inst, id, {});
      await client.addSecretLocks(inst, id, [{ name: 'keep' }]);
      await client.removeSecretLocks(inst, id, ['keep']);
      expect((await client.listSecretVersions(inst, id)).length).toBe(2);
    }
    const group = await client.createSecretGroup(inst, { name: 'faulty-group' });
    await client.deleteSecretGroup(inst, group.id);

    expect(fx.server.faultsInjected['429']).toBeGreaterThan(0);
    expect(fx.server.faultsInjected['500']).toBeGreaterThan(0);
    expect(fx.server.faultsInjected['reset']).toBeGreaterThan(0);
    // At least one create or delete failed after taking effect and was settled by a look-up.
    expect(fx.lines.some((l) => l.includes('ambiguous failure settled'))).toBe(true);

    // Count what the engine holds, bypassing HTTP entirely.
    const page = await fx.backend.listSecrets(inst, { limit: 100 });
    const byName = new Map<string, number>();
    for (const s of page.secrets) byName.set(s.name, (byName.get(s.name) ?? 0) + 1);
    expect([...byName.entries()].sort()).toEqual(names.map((n) => [n, 1]).sort());
    const db = new Database(fx.storePath, { readonly: true, fileMustExist: true });
    try {
      const versions = db.prepare('SELECT COUNT(*) AS n FROM secret_versions').get() as { n: number };
      const serviceIds = db.prepare('SELECT COUNT(*) AS n FROM service_ids').get() as { n: number };
      // 12 creates + 4 rotations; one auto-generated service ID per secret.
      expect(versions.n).toBe(16);
      expect(serviceIds.n).toBe(12);
    } finally {
      db.close();
    }
    for (const id of ids) await client.deleteSecret(inst, id);
    expect((await fx.backend.listSecrets(inst)).total_count).toBe(0);
    expect(leakedIn(fx.lines, Object.values(KEYS))).toEqual([]);
  });
});

describe('cancellation and deadlines', () => {
  it('an AbortSignal cancels a call that is retrying', async () => {
    const fx = await fixture({ faults: '429:1' });
    const client = clientFor(fx, { maxRetries: 1000, retryMinDelayMs: 50, retryMaxDelayMs: 50 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const error = await rejection(client.listSecrets(instOf(fx), {}, { signal: controller.signal }));
    expect(error.code).toBe('Cancelled');
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await rejection(client.getSecret(instOf(fx), 'x', { signal: AbortSignal.abort() }))).code).toBe('Cancelled');
  });

  it('an AbortSignal cancels a request the server never answers, and timeoutMs bounds it', async () => {
    const hanging: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    try {
      const patient = createIbmCloudBackend({ apiKey: 'any-key-123', iamEndpoint: url, secretsManagerEndpoint: url });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      const cancelled = await rejection(patient.listSecretGroups({ instanceId: 'i', region: 'r' }, { signal: controller.signal }));
      expect(cancelled.code).toBe('Cancelled');
      expect(Date.now() - started).toBeLessThan(3000);
      const client = createIbmCloudBackend({ apiKey: 'any-key-123', iamEndpoint: url, secretsManagerEndpoint: url, timeoutMs: 800 });
      const timedOut = await rejection(client.listSecretGroups({ instanceId: 'i', region: 'r' }));
      expect(timedOut.code).toBe('Transient');
      expect(timedOut.message).toMatch(/timeout/);
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it('a hung attempt is abandoned at its own limit while the garbage collector runs', async () => {
    // A timeout signal inside AbortSignal.any can be collected before it fires (nodejs/node#57736).
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const hanging: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const collecting = setInterval(gc, 20);
    try {
      const client = createIbmCloudBackend({
        apiKey: 'any-key-123',
        iamEndpoint: url,
        secretsManagerEndpoint: url,
        timeoutMs: 4000,
        attemptTimeoutMs: 300,
        maxRetries: 0,
      });
      const started = Date.now();
      const error = await Promise.race([
        rejection(client.listSecretGroups({ instanceId: 'i', region: 'r' })),
        sleep(8000, undefined, { ref: false }).then(() => new BackendError('Internal', 'the request hung past every deadline')),
      ]);
      expect(error.code).toBe('Transient');
      // The attempt limit, not the call's 4 s one, ended it.
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      clearInterval(collecting);
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });
});

describe('IAM tokens', () => {
  it('refreshes before expiry with exactly one refresh in flight for 20 concurrent calls', async () => {
    // 5 s tokens: IAM's whole-second expiration puts the refresh point 3-4 s after issue.
    const fx = await fixture({ tokenLifetimeSeconds: 5 });
    const client = clientFor(fx);
    const inst = instOf(fx);
    await client.listSecrets(inst);
    expect(tokenRequests(fx)).toBe(1);
    await Promise.all(Array.from({ length: 20 }, () => client.listSecrets(inst)));
    expect(tokenRequests(fx)).toBe(1);
    await sleep(4100); // past expiration - 0.2 * expires_in
    const results = await Promise.all(Array.from({ length: 20 }, () => client.listSecretGroups(inst)));
    expect(results).toHaveLength(20);
    expect(tokenRequests(fx)).toBe(2);
  });

  it('re-authenticates once when the server rejects a cached token (server restarted)', async () => {
    const fx = await fixture();
    const client = clientFor(fx);
    const inst = instOf(fx);
    const s = await client.createSecret(inst, prototype('survives-restart'));
    const port = Number(new URL(fx.server.url).port);
    await fx.server.close();
    const backend = openLocalBackend({ path: fx.storePath });
    const again = await startSmServer({
      backend,
      ownsBackend: true,
      port,
      instanceId: fx.server.instanceId,
      apiKeys: [{ apiKey: KEYS.manager, role: 'Manager' }],
      logger: fx.logger('ibm-sm-server-2'),
    });
    try {
      expect((await client.getSecret(inst, s.id)).id).toBe(s.id);
    } finally {
      await again.close();
    }
  });
});
