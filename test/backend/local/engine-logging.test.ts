import { createLogger } from '../../../src/logging/logger.js';
import { COS_CRN, INSTANCE, WRITER, openFixture, prototype, type LocalFixture } from './local-fixture.js';

let fx: LocalFixture;
const lines: string[] = [];
beforeEach(() => {
  lines.length = 0;
  fx = openFixture({ logger: createLogger({ module: 'engine', level: 'trace', write: (l) => void lines.push(l) }) });
});
afterEach(async () => {
  await fx.close();
});

test('engine logs say what happened to which secret and never carry a credential', async () => {
  const s = await fx.backend.createSecret(
    INSTANCE,
    prototype({ ttl: '2d', rotation: { auto_rotate: true, interval: 1, unit: 'day' }, source_service: { instance: { crn: COS_CRN }, role: { crn: WRITER }, parameters: { HMAC: true } } }),
  );
  const v2 = await fx.backend.createSecretVersion(INSTANCE, s.id, {});
  fx.clock.advance('3d');
  await fx.backend.getSecret(INSTANCE, s.id);
  await fx.backend.deleteSecret(INSTANCE, s.id);

  const text = lines.join('');
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(parsed.some((l) => l['@message'] === 'local engine: secret created' && l['id'] === s.id)).toBe(true);
  expect(parsed.some((l) => l['@message'] === 'local engine: secret rotated' && l['id'] === s.id && l['due_at'] === '2026-01-02T00:00:00Z')).toBe(true);
  for (const c of [s.credentials, v2.credentials ?? {}]) {
    const hmac = c['cos_hmac_keys'] as { access_key_id: string; secret_access_key: string };
    for (const value of [c.apikey ?? '?', hmac.access_key_id, hmac.secret_access_key]) expect(text).not.toContain(value);
  }
});
