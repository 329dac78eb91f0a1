import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { SUPPORTED_SERVICES } from '../../../src/backend/validation/supported-services.js';
import { openLocalBackend } from '../../../src/backend/local/index.js';
import { INSTANCE, WRITER, instanceCrn, openFixture, prototype, type LocalFixture } from './local-fixture.js';

let fx: LocalFixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(async () => {
  await fx.close();
});

const SECRET_KEYS = new Set(['apikey', 'api_key', 'password', 'secret', 'secret_access_key', 'access_key_id', 'composed']);

/** Every secret value in a credentials object (API keys, passwords, HMAC keys, URLs carrying passwords). */
function secretValues(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return SECRET_KEYS.has(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => secretValues(v, key));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => secretValues(v, k));
  return [];
}

function storeBytes(path: string): Buffer {
  return Buffer.concat(['', '-wal', '-shm', '-journal'].filter((s) => existsSync(path + s)).map((s) => readFileSync(path + s)));
}

describe('encryption at rest', () => {
  test('no API key, HMAC secret or password appears in the store files, before and after close', async () => {
    const minted: string[] = [];
    for (const service of SUPPORTED_SERVICES.keys()) {
      const s = await fx.backend.createSecret(
        INSTANCE,
        prototype({
          name: `sc-${service}`,
          source_service: { instance: { crn: instanceCrn(service) }, role: { crn: WRITER }, parameters: { HMAC: true } },
        }),
      );
      minted.push(...secretValues(s.credentials));
      const v2 = await fx.backend.createSecretVersion(INSTANCE, s.id, {});
      minted.push(...secretValues(v2.credentials));
      minted.push(...secretValues((await fx.backend.getSecret(INSTANCE, s.id)).credentials));
    }
    // Every service contributed something secret, and HMAC keys were among them.
    expect(minted.length).toBeGreaterThanOrEqual(13 * 2);
    expect(minted.some((m) => /^[0-9a-f]{48}$/.test(m))).toBe(true);
    // The grep does find text that is stored in clear (custom metadata is not secret).
    const marker = `plain-marker-${randomBytes(8).toString('hex')}`;
    await fx.backend.createSecret(INSTANCE, prototype({ name: 'marker', custom_metadata: { marker } }));
    expect(storeBytes(fx.path).includes(Buffer.from(marker))).toBe(true);

    const check = (): void => {
      const bytes = storeBytes(fx.path);
      expect(bytes.length).toBeGreaterThan(0);
      const leaked = minted.filter((m) => bytes.includes(Buffer.from(m, 'utf8')));
      expect(leaked).toEqual([]);
    };
    check();
    await fx.backend.close();
    check();
  });

  test('the store, its WAL and its key file are created with mode 0600', async () => {
    await fx.backend.createSecret(INSTANCE, prototype());
    for (const file of [fx.path, `${fx.path}-wal`, `${fx.path}.key`]) {
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
  });

  test('a store opened with another key is refused, with no credential in the message', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    let message = '';
    try {
      openLocalBackend({ path: fx.path, key: randomBytes(32), env: {} });
    } catch (err: unknown) {
      expect(err).toMatchObject({ code: 'Unauthorized' });
      message = (err as Error).message;
    }
    expect(message).toMatch(/key does not match/);
    expect(message).not.toContain(s.credentials.apikey ?? '-');
  });

  test('IBM_SM_LOCAL_KEY (hex or base64) replaces the key file', async () => {
    const key = randomBytes(32);
    for (const encoded of [key.toString('hex'), key.toString('base64')]) {
      const path = `${fx.dir}/env-${encoded.length}.db`;
      const b = openLocalBackend({ path, env: { IBM_SM_LOCAL_KEY: encoded } });
      await b.createSecret(INSTANCE, prototype());
      await b.close();
      expect(existsSync(`${path}.key`)).toBe(false);
      const again = openLocalBackend({ path, key });
      expect((await again.listSecrets(INSTANCE)).total_count).toBe(1);
      await again.close();
    }
    expect(() => openLocalBackend({ path: `${fx.dir}/bad.db`, env: { IBM_SM_LOCAL_KEY: 'short' } })).toThrow(/IBM_SM_LOCAL_KEY/);
  });
});
