import { INSTANCE, openFixture, prototype, rejection, type LocalFixture } from './local-fixture.js';

let fx: LocalFixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(async () => {
  await fx.close();
});

describe('secret groups', () => {
  test('create, get, list, update, delete', async () => {
    const g = await fx.backend.createSecretGroup(INSTANCE, { name: 'team-a', description: 'A' });
    expect(g).toMatchObject({ name: 'team-a', description: 'A', created_at: '2026-01-01T00:00:00Z' });
    expect(g.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await fx.backend.getSecretGroup(INSTANCE, g.id)).toEqual(g);
    expect(await fx.backend.listSecretGroups(INSTANCE)).toEqual([g]);
    fx.clock.advance('1m');
    const u = await fx.backend.updateSecretGroup(INSTANCE, g.id, { name: 'team-b' });
    expect(u).toMatchObject({ name: 'team-b', description: 'A', updated_at: '2026-01-01T00:01:00Z' });
    await fx.backend.deleteSecretGroup(INSTANCE, g.id);
    expect((await rejection(fx.backend.getSecretGroup(INSTANCE, g.id))).code).toBe('NotFound');
  });

  test('names are unique per instance', async () => {
    await fx.backend.createSecretGroup(INSTANCE, { name: 'team-a' });
    const b = await fx.backend.createSecretGroup(INSTANCE, { name: 'team-b' });
    expect(await rejection(fx.backend.createSecretGroup(INSTANCE, { name: 'team-a' }))).toMatchObject({ code: 'Conflict', field: 'name' });
    expect(await rejection(fx.backend.updateSecretGroup(INSTANCE, b.id, { name: 'team-a' }))).toMatchObject({ code: 'Conflict', field: 'name' });
    expect(await rejection(fx.backend.createSecretGroup(INSTANCE, { name: 'default' }))).toMatchObject({ code: 'InvalidArgument', field: 'name' });
  });

  test('a group holding secrets cannot be deleted', async () => {
    const g = await fx.backend.createSecretGroup(INSTANCE, { name: 'team-a' });
    const s = await fx.backend.createSecret(INSTANCE, prototype({ secret_group_id: g.id }));
    expect(await rejection(fx.backend.deleteSecretGroup(INSTANCE, g.id))).toMatchObject({ code: 'Conflict' });
    await fx.backend.deleteSecret(INSTANCE, s.id);
    await expect(fx.backend.deleteSecretGroup(INSTANCE, g.id)).resolves.toBeUndefined();
  });

  test('the default group exists implicitly and cannot be changed', async () => {
    expect(await fx.backend.getSecretGroup(INSTANCE, 'default')).toMatchObject({ id: 'default', name: 'default' });
    expect((await rejection(fx.backend.deleteSecretGroup(INSTANCE, 'default'))).code).toBe('InvalidArgument');
    expect((await rejection(fx.backend.updateSecretGroup(INSTANCE, 'default', { name: 'x1' }))).code).toBe('InvalidArgument');
  });
});
