import { INSTANCE, openFixture, prototype, rejection, type LocalFixture } from './local-fixture.js';

let fx: LocalFixture;
beforeAll(async () => {
  fx = openFixture();
  const group = await fx.backend.createSecretGroup(INSTANCE, { name: 'team-a' });
  for (let i = 0; i < 25; i++) {
    fx.clock.advance('1m');
    await fx.backend.createSecret(
      INSTANCE,
      prototype({
        name: `sc-${String(i).padStart(2, '0')}`,
        labels: i % 2 === 0 ? ['even', 'all'] : ['odd', 'all'],
        ...(i % 5 === 0 ? { secret_group_id: group.id, ttl: `${30 - i}d` } : {}),
      }),
    );
  }
});
afterAll(async () => {
  await fx.close();
});

describe('listSecrets', () => {
  test('pages with offset and limit and reports the total', async () => {
    const first = await fx.backend.listSecrets(INSTANCE, { limit: 10 });
    expect(first).toMatchObject({ total_count: 25, offset: 0, limit: 10 });
    expect(first.secrets.map((s) => s.name)).toEqual(Array.from({ length: 10 }, (_, i) => `sc-${String(i).padStart(2, '0')}`));
    const last = await fx.backend.listSecrets(INSTANCE, { offset: 20, limit: 10 });
    expect(last.secrets.map((s) => s.name)).toEqual(['sc-20', 'sc-21', 'sc-22', 'sc-23', 'sc-24']);
    expect((await fx.backend.listSecrets(INSTANCE)).limit).toBe(200);
  });

  test('returns metadata only, never credentials', async () => {
    const page = await fx.backend.listSecrets(INSTANCE, { limit: 3 });
    for (const s of page.secrets) expect(s).not.toHaveProperty('credentials');
  });

  test('sorts by a key, "-" for descending, missing dates last', async () => {
    expect((await fx.backend.listSecrets(INSTANCE, { sort: '-name', limit: 2 })).secrets.map((s) => s.name)).toEqual(['sc-24', 'sc-23']);
    const byExpiry = await fx.backend.listSecrets(INSTANCE, { sort: 'expiration_date' });
    expect(byExpiry.secrets.slice(0, 5).map((s) => s.name)).toEqual(['sc-20', 'sc-15', 'sc-10', 'sc-05', 'sc-00']);
    const byExpiryDesc = await fx.backend.listSecrets(INSTANCE, { sort: '-expiration_date' });
    expect(byExpiryDesc.secrets[0]?.name).toBe('sc-00');
    expect(byExpiryDesc.secrets[24]?.expiration_date).toBeUndefined();
  });

  test('filters by search text, groups and labels', async () => {
    expect((await fx.backend.listSecrets(INSTANCE, { search: 'sc-1' })).total_count).toBe(10);
    expect((await fx.backend.listSecrets(INSTANCE, { search: 'EVEN' })).total_count).toBe(13);
    const group = (await fx.backend.listSecretGroups(INSTANCE))[0]?.id ?? '';
    expect((await fx.backend.listSecrets(INSTANCE, { groups: [group] })).total_count).toBe(5);
    expect((await fx.backend.listSecrets(INSTANCE, { groups: ['default'] })).total_count).toBe(20);
    expect((await fx.backend.listSecrets(INSTANCE, { match_all_labels: ['odd', 'all'] })).total_count).toBe(12);
    expect((await fx.backend.listSecrets(INSTANCE, { match_all_labels: ['odd', 'even'] })).total_count).toBe(0);
  });

  test('rejects bad paging and sort arguments naming the field', async () => {
    expect(await rejection(fx.backend.listSecrets(INSTANCE, { limit: 1001 }))).toMatchObject({ code: 'InvalidArgument', field: 'limit' });
    expect(await rejection(fx.backend.listSecrets(INSTANCE, { limit: 0 }))).toMatchObject({ field: 'limit' });
    expect(await rejection(fx.backend.listSecrets(INSTANCE, { offset: -1 }))).toMatchObject({ field: 'offset' });
    expect(await rejection(fx.backend.listSecrets(INSTANCE, { sort: 'colour' as never }))).toMatchObject({ field: 'sort' });
    expect(await rejection(fx.backend.listSecrets(INSTANCE, { groups: ['nope'] }))).toMatchObject({ field: 'groups' });
  });
});
