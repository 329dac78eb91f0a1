import { INSTANCE, openFixture, prototype, rejection, type LocalFixture } from './local-fixture.js';

let fx: LocalFixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(async () => {
  await fx.close();
});

describe('secret locks', () => {
  test('add, list and remove; locks_total follows', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    const added = await fx.backend.addSecretLocks(INSTANCE, s.id, [{ name: 'lock-app', description: 'used by app', attributes: { team: 'x' } }, { name: 'lock-ci' }]);
    expect(added).toMatchObject({
      secret_id: s.id,
      secret_type: 'service_credentials',
      secret_name: 'my-sc',
      versions: [{ version_alias: 'current', locks: ['lock-app', 'lock-ci'], payload_available: true }],
    });
    const list = await fx.backend.listSecretLocks(INSTANCE, s.id);
    expect(list.total_count).toBe(2);
    expect(list.locks[0]).toMatchObject({ name: 'lock-app', description: 'used by app', attributes: { team: 'x' }, secret_version_alias: 'current', secret_id: s.id });
    expect((await fx.backend.getSecretMetadata(INSTANCE, s.id)).locks_total).toBe(2);
    await fx.backend.removeSecretLocks(INSTANCE, s.id, ['lock-ci']);
    expect((await fx.backend.getSecretMetadata(INSTANCE, s.id)).locks_total).toBe(1);
    await fx.backend.removeSecretLocks(INSTANCE, s.id, []);
    expect((await fx.backend.listSecretLocks(INSTANCE, s.id)).total_count).toBe(0);
  });

  test('a locked secret refuses delete with PreconditionFailed naming the locks', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    await fx.backend.addSecretLocks(INSTANCE, s.id, [{ name: 'lock-app' }, { name: 'lock-ci' }]);
    const err = await rejection(fx.backend.deleteSecret(INSTANCE, s.id));
    expect(err).toMatchObject({ code: 'PreconditionFailed', locks: ['lock-app', 'lock-ci'] });
    expect(err.message).toContain('lock-app');
    await fx.backend.removeSecretLocks(INSTANCE, s.id, []);
    await expect(fx.backend.deleteSecret(INSTANCE, s.id)).resolves.toBeUndefined();
  });

  test('rotation is allowed with a locked current version but refused once the locked version is previous', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    await fx.backend.addSecretLocks(INSTANCE, s.id, [{ name: 'lock-app' }]);
    await fx.backend.createSecretVersion(INSTANCE, s.id, {});
    const locks = await fx.backend.listSecretLocks(INSTANCE, s.id);
    const previous = await fx.backend.getSecretVersionMetadata(INSTANCE, s.id, 'previous');
    expect(locks.locks[0]).toMatchObject({ name: 'lock-app', secret_version_alias: 'previous', secret_version_id: previous.id });
    const err = await rejection(fx.backend.createSecretVersion(INSTANCE, s.id, {}));
    expect(err).toMatchObject({ code: 'PreconditionFailed', locks: ['lock-app'] });
    expect((await fx.backend.getSecretMetadata(INSTANCE, s.id)).versions_total).toBe(2);
  });

  test('auto-rotation skips a rotation that would unalias a locked previous version', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ rotation: { auto_rotate: true, interval: 1, unit: 'day' } }));
    await fx.backend.addSecretLocks(INSTANCE, s.id, [{ name: 'hold' }]);
    fx.clock.advance('3d');
    const report = await fx.backend.applyDueWork(INSTANCE);
    expect(report.rotated).toBe(1);
    expect(report.events.filter((e) => e.kind === 'rotation_skipped_locked')).toHaveLength(2);
    expect((await fx.backend.getSecretMetadata(INSTANCE, s.id)).versions_total).toBe(2);
  });

  test('mode remove_previous moves a lock to the new version; remove_previous_and_delete also drops the old payload', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    await fx.backend.addSecretLocks(INSTANCE, s.id, [{ name: 'app' }]);
    await fx.backend.createSecretVersion(INSTANCE, s.id, {});
    const moved = await fx.backend.addSecretLocks(INSTANCE, s.id, [{ name: 'app' }], 'remove_previous');
    expect(moved.versions.map((v) => [v.version_alias, v.locks])).toEqual([
      ['current', ['app']],
      ['previous', []],
    ]);
    await fx.backend.createSecretVersion(INSTANCE, s.id, {});
    const deleted = await fx.backend.addSecretLocks(INSTANCE, s.id, [{ name: 'app' }], 'remove_previous_and_delete');
    expect(deleted.versions[1]).toMatchObject({ version_alias: 'previous', locks: [], payload_available: false });
  });

  test('lock names are validated', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    expect(await rejection(fx.backend.addSecretLocks(INSTANCE, s.id, [{ name: 'x' }]))).toMatchObject({ code: 'InvalidArgument', field: 'locks.name' });
    expect(await rejection(fx.backend.addSecretLocks(INSTANCE, s.id, []))).toMatchObject({ code: 'InvalidArgument', field: 'locks' });
  });
});
