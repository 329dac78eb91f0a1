import { rmSync } from 'node:fs';
import type { RotationPolicy } from '../../../src/backend/credential-backend.js';
import { openLocalBackend } from '../../../src/backend/local/index.js';
import { INSTANCE, openFixture, prototype, rejection, type LocalFixture } from './local-fixture.js';

let fx: LocalFixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(async () => {
  await fx.close();
});

const weekly = { auto_rotate: true, interval: 7, unit: 'day' } as const;

describe('manual rotation (createSecretVersion)', () => {
  test('adds a version under the same service ID; the previous one stays valid', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ ttl: '30d' }));
    fx.clock.advance('1d');
    const v2 = await fx.backend.createSecretVersion(INSTANCE, s.id, { version_custom_metadata: { n: 2 } });
    expect(v2).toMatchObject({ alias: 'current', auto_rotated: false, payload_available: true, version_custom_metadata: { n: 2 } });
    expect(v2.expiration_date).toBe('2026-02-01T00:00:00Z');
    expect(v2.resource_key?.crn).not.toBe(s.source_service.resource_key?.crn);

    const versions = await fx.backend.listSecretVersions(INSTANCE, s.id);
    expect(versions.map((v) => v.alias)).toEqual(['current', 'previous']);
    expect(versions.every((v) => v.payload_available)).toBe(true);
    const previous = await fx.backend.getSecretVersion(INSTANCE, s.id, 'previous');
    expect(previous.credentials).toEqual(s.credentials);
    expect(previous.expiration_date).toBe('2026-01-31T00:00:00Z');

    const meta = await fx.backend.getSecretMetadata(INSTANCE, s.id);
    expect(meta).toMatchObject({ versions_total: 2, expiration_date: '2026-02-01T00:00:00Z', updated_at: '2026-01-02T00:00:00Z' });
    expect(meta.source_service.iam?.serviceid.crn).toBe(s.source_service.iam?.serviceid.crn);
    expect(meta.source_service.resource_key?.crn).toBe(v2.resource_key?.crn);
    expect((await fx.backend.getSecret(INSTANCE, s.id)).credentials).toEqual(v2.credentials);
  });

  test('custom_metadata given with a rotation replaces the secret metadata', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ custom_metadata: { a: 1 } }));
    await fx.backend.createSecretVersion(INSTANCE, s.id, { custom_metadata: { b: 2 } });
    expect((await fx.backend.getSecretMetadata(INSTANCE, s.id)).custom_metadata).toEqual({ b: 2 });
  });

  test('keeps at most 50 versions', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    for (let i = 0; i < 54; i++) await fx.backend.createSecretVersion(INSTANCE, s.id, {});
    const versions = await fx.backend.listSecretVersions(INSTANCE, s.id);
    expect(versions).toHaveLength(50);
    expect((await fx.backend.getSecretMetadata(INSTANCE, s.id)).versions_total).toBe(50);
    expect(versions.some((v) => v.created_at === s.created_at && v.id === s.id)).toBe(false);
  });
});

describe('auto-rotation, applied on access when the clock passes next_rotation_date', () => {
  test('rotates once per interval, at the scheduled times', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ rotation: weekly, ttl: '30d' }));
    expect(s.next_rotation_date).toBe('2026-01-08T00:00:00Z');
    fx.clock.advance('6d');
    expect((await fx.backend.getSecretMetadata(INSTANCE, s.id)).versions_total).toBe(1);
    fx.clock.advance('1d');
    const meta = await fx.backend.getSecretMetadata(INSTANCE, s.id);
    expect(meta).toMatchObject({ versions_total: 2, next_rotation_date: '2026-01-15T00:00:00Z', expiration_date: '2026-02-07T00:00:00Z' });
    const current = await fx.backend.getSecretVersion(INSTANCE, s.id, 'current');
    expect(current).toMatchObject({ auto_rotated: true, created_at: '2026-01-08T00:00:00Z' });
    expect(current.credentials?.apikey).not.toBe(s.credentials.apikey);
  });

  test('catches up every missed rotation when the clock moved far', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ rotation: weekly }));
    fx.clock.advance('30d');
    const versions = await fx.backend.listSecretVersions(INSTANCE, s.id);
    expect(versions.map((v) => v.created_at)).toEqual([
      '2026-01-29T00:00:00Z',
      '2026-01-22T00:00:00Z',
      '2026-01-15T00:00:00Z',
      '2026-01-08T00:00:00Z',
      '2026-01-01T00:00:00Z',
    ]);
    expect(versions.map((v) => v.auto_rotated)).toEqual([true, true, true, true, false]);
    expect((await fx.backend.getSecretMetadata(INSTANCE, s.id)).next_rotation_date).toBe('2026-02-05T00:00:00Z');
  });

  test('a year of daily rotations keeps the last 50 versions', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ rotation: { auto_rotate: true, interval: 1, unit: 'day' } }));
    fx.clock.advance('365d');
    const report = await fx.backend.applyDueWork(INSTANCE);
    expect(report.rotated).toBe(365);
    const meta = await fx.backend.getSecretMetadata(INSTANCE, s.id);
    expect(meta).toMatchObject({ versions_total: 50, next_rotation_date: '2027-01-02T00:00:00Z', state: 1 });
  });

  test('monthly rotation follows the calendar', async () => {
    fx.clock.set('2026-01-31T12:00:00Z');
    const s = await fx.backend.createSecret(INSTANCE, prototype({ rotation: { auto_rotate: true, interval: 1, unit: 'month' } }));
    expect(s.next_rotation_date).toBe('2026-02-28T12:00:00Z');
    fx.clock.set('2026-03-01T00:00:00Z');
    expect(await fx.backend.getSecretMetadata(INSTANCE, s.id)).toMatchObject({ versions_total: 2, next_rotation_date: '2026-03-28T12:00:00Z' });
  });

  test('with a TTL, versions older than their lease lose their credentials but the secret stays active', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ ttl: '2d', rotation: { auto_rotate: true, interval: 1, unit: 'day' } }));
    fx.clock.advance('10d');
    const meta = await fx.backend.getSecretMetadata(INSTANCE, s.id);
    expect(meta).toMatchObject({ state: 1, versions_total: 11, expiration_date: '2026-01-13T00:00:00Z' });
    const versions = await fx.backend.listSecretVersions(INSTANCE, s.id);
    expect(versions.filter((v) => v.payload_available).map((v) => v.created_at)).toEqual(['2026-01-11T00:00:00Z', '2026-01-10T00:00:00Z']);
  });

  test('changing the policy never rotates on the spot; the next date counts from the last rotation', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ ttl: '90d' }));
    fx.clock.advance('2d');
    const soon = await fx.backend.updateSecretMetadata(INSTANCE, s.id, { rotation: { auto_rotate: true, interval: 5, unit: 'day' } });
    expect(soon.next_rotation_date).toBe('2026-01-06T00:00:00Z');
    fx.clock.advance('2d');
    const overdue = await fx.backend.updateSecretMetadata(INSTANCE, s.id, { rotation: { interval: 3 } as RotationPolicy });
    expect(overdue).toMatchObject({ rotation: { auto_rotate: true, interval: 3, unit: 'day' }, next_rotation_date: '2026-01-08T00:00:00Z', versions_total: 1 });
    const off = await fx.backend.updateSecretMetadata(INSTANCE, s.id, { rotation: { auto_rotate: false } });
    expect(off.next_rotation_date).toBeUndefined();
    expect(off.rotation).toEqual({ auto_rotate: false, interval: 3, unit: 'day' });
  });

  test('the clock offset from IBM_SM_LOCAL_CLOCK_OFFSET moves time for every process that opens the store', async () => {
    await fx.close();
    const dir = fx.dir;
    rmSync(dir, { recursive: true, force: true });
    const fresh = openFixture();
    const now = openLocalBackend({ path: fresh.path, env: {} });
    const later = openLocalBackend({ path: fresh.path, env: { IBM_SM_LOCAL_CLOCK_OFFSET: '8d' } });
    try {
      const s = await now.createSecret(INSTANCE, prototype({ rotation: weekly }));
      expect((await now.getSecretMetadata(INSTANCE, s.id)).versions_total).toBe(1);
      expect((await later.getSecretMetadata(INSTANCE, s.id)).versions_total).toBe(2);
      expect((await later.getSecretVersionMetadata(INSTANCE, s.id, 'current')).auto_rotated).toBe(true);
      expect(() => openLocalBackend({ path: fresh.path, env: { IBM_SM_LOCAL_CLOCK_OFFSET: 'soon' } })).toThrow(/IBM_SM_LOCAL_CLOCK_OFFSET/);
    } finally {
      await now.close();
      await later.close();
      await fresh.close();
      fx = openFixture();
    }
  });
});

describe('lease expiry', () => {
  test('when the current lease ends without a rotation, credentials are revoked and the secret is destroyed', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ ttl: '1d' }));
    expect(s.expiration_date).toBe('2026-01-02T00:00:00Z');
    fx.clock.advance('23h');
    expect((await fx.backend.getSecret(INSTANCE, s.id)).state).toBe(1);
    fx.clock.advance('1h');
    const gone = await fx.backend.getSecret(INSTANCE, s.id);
    expect(gone).toMatchObject({ state: 5, state_description: 'destroyed', credentials: {}, expiration_date: '2026-01-02T00:00:00Z' });
    const current = await fx.backend.getSecretVersion(INSTANCE, s.id, 'current');
    expect(current.payload_available).toBe(false);
    expect(current).not.toHaveProperty('credentials');
  });

  test('rotating a destroyed secret renews it with a fresh active version', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ ttl: '1d' }));
    fx.clock.advance('3d');
    expect((await fx.backend.getSecretMetadata(INSTANCE, s.id)).state).toBe(5);
    const renewed = await fx.backend.createSecretVersion(INSTANCE, s.id, {});
    expect(renewed).toMatchObject({ payload_available: true, expiration_date: '2026-01-05T00:00:00Z' });
    expect(renewed.credentials?.apikey).toEqual(expect.any(String));
    const meta = await fx.backend.getSecret(INSTANCE, s.id);
    expect(meta).toMatchObject({ state: 1, versions_total: 2, expiration_date: '2026-01-05T00:00:00Z' });
    expect(meta.credentials).toEqual(renewed.credentials);
  });

  test('the previous version stays valid until its own expiration', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ ttl: '2d' }));
    fx.clock.advance('1d');
    await fx.backend.createSecretVersion(INSTANCE, s.id, {});
    fx.clock.advance('23h');
    expect((await fx.backend.getSecretVersion(INSTANCE, s.id, 'previous')).credentials).toEqual(s.credentials);
    fx.clock.advance('1h');
    const previous = await fx.backend.getSecretVersion(INSTANCE, s.id, 'previous');
    expect(previous.payload_available).toBe(false);
    expect((await fx.backend.getSecretMetadata(INSTANCE, s.id)).state).toBe(1);
  });

  test('applyDueWork reports what fell due, for one instance or all', async () => {
    const a = await fx.backend.createSecret(INSTANCE, prototype({ name: 'sc-a', ttl: '1d' }));
    await fx.backend.createSecret(INSTANCE, prototype({ name: 'sc-b', rotation: weekly }));
    fx.clock.advance('8d');
    const report = await fx.backend.applyDueWork();
    expect(report).toMatchObject({ rotated: 1, expired: 1 });
    expect(report.events.find((e) => e.kind === 'expired')).toMatchObject({ secretId: a.id, at: '2026-01-02T00:00:00Z', instanceId: INSTANCE.instanceId });
    expect(await fx.backend.applyDueWork()).toMatchObject({ rotated: 0, expired: 0, revokedVersions: 0 });
  });
});

describe('TTL', () => {
  test('a TTL change applies from the next version only', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ ttl: '7776000', rotation: { auto_rotate: true, interval: 2, unit: 'month' } }));
    expect(s.expiration_date).toBe('2026-04-01T00:00:00Z');
    fx.clock.advance('1d');
    const u = await fx.backend.updateSecretMetadata(INSTANCE, s.id, { ttl: '345600', rotation: { auto_rotate: true, interval: 3, unit: 'day' } });
    expect(u).toMatchObject({ ttl: '345600', expiration_date: '2026-04-01T00:00:00Z', versions_total: 1, next_rotation_date: '2026-01-04T00:00:00Z' });
    expect((await fx.backend.getSecretVersionMetadata(INSTANCE, s.id, 'current')).expiration_date).toBe('2026-04-01T00:00:00Z');
    fx.clock.advance('2d');
    const after = await fx.backend.getSecretMetadata(INSTANCE, s.id);
    expect(after).toMatchObject({ versions_total: 2, expiration_date: '2026-01-08T00:00:00Z' });
    const previous = await fx.backend.getSecretVersionMetadata(INSTANCE, s.id, 'previous');
    expect(previous.expiration_date).toBe('2026-04-01T00:00:00Z');
  });

  test('a TTL change alone keeps next_rotation_date and the credentials', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ ttl: '30d', rotation: weekly }));
    const u = await fx.backend.updateSecretMetadata(INSTANCE, s.id, { ttl: '60d' });
    expect(u.next_rotation_date).toBe(s.next_rotation_date);
    expect((await fx.backend.getSecret(INSTANCE, s.id)).credentials).toEqual(s.credentials);
  });

  test('TTL 0 or absent means no expiration; "0" removes it for the next version', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ ttl: '1d' }));
    await fx.backend.updateSecretMetadata(INSTANCE, s.id, { ttl: '0' });
    const v = await fx.backend.createSecretVersion(INSTANCE, s.id, {});
    expect(v.expiration_date).toBeUndefined();
    fx.clock.advance('60d');
    expect((await fx.backend.getSecretMetadata(INSTANCE, s.id)).state).toBe(1);
  });

  test('the TTL and the rotation interval must fit together', async () => {
    expect(
      await rejection(fx.backend.createSecret(INSTANCE, prototype({ ttl: '2d', rotation: { auto_rotate: true, interval: 3, unit: 'day' } }))),
    ).toMatchObject({ code: 'InvalidArgument', field: 'rotation.interval' });
    const s = await fx.backend.createSecret(INSTANCE, prototype({ ttl: '30d', rotation: weekly }));
    expect(await rejection(fx.backend.updateSecretMetadata(INSTANCE, s.id, { ttl: '3d' }))).toMatchObject({ code: 'InvalidArgument', field: 'ttl' });
    expect(await rejection(fx.backend.updateSecretMetadata(INSTANCE, s.id, { rotation: { interval: 31 } as RotationPolicy }))).toMatchObject({
      code: 'InvalidArgument',
      field: 'rotation.interval',
    });
  });
});
