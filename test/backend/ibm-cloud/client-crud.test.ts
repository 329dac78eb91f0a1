/**
 * The REST backend against the real local server (real engine, real HTTP):
 * every call of the CredentialBackend interface, end to end.
 */
import type { CredentialBackend, InstanceRef } from '../../../src/backend/credential-backend.js';
import { createIbmCloudBackend } from '../../../src/backend/ibm-cloud/index.js';
import { COS_CRN, EN_CRN, type Fixture, KEYS, leakedIn, rejection, startFixture, WRITER_ROLE } from '../../server/server-fixture.js';

let fx: Fixture;
let client: CredentialBackend;
let inst: InstanceRef;

beforeAll(async () => {
  fx = await startFixture();
  inst = { instanceId: fx.server.instanceId, region: 'us-south' };
  client = createIbmCloudBackend({
    apiKey: KEYS.manager,
    iamEndpoint: fx.server.url,
    secretsManagerEndpoint: `${fx.server.url}/instances/{instance_id}`,
    logger: fx.logger('client'),
  });
});

afterAll(async () => {
  await client.close();
  await fx.close();
});

function prototype(name: string, extra: object = {}) {
  return {
    secret_type: 'service_credentials' as const,
    name,
    source_service: { instance: { crn: EN_CRN }, role: { crn: WRITER_ROLE } },
    ...extra,
  };
}

describe('REST backend against the local server', () => {
  it('creates, reads and deletes a service credentials secret', async () => {
    const created = await client.createSecret(
      inst,
      prototype('crud-basic', { description: 'd', labels: ['dev'], ttl: '7776000', custom_metadata: { k: 'v' } }),
    );
    expect(created).toMatchObject({
      name: 'crud-basic',
      secret_type: 'service_credentials',
      secret_group_id: 'default',
      state: 1,
      state_description: 'active',
      versions_total: 1,
      labels: ['dev'],
      custom_metadata: { k: 'v' },
      ttl: '7776000',
    });
    expect(created.credentials.apikey).toEqual(expect.any(String));
    expect(created.credentials.iam_role_crn).toBe(WRITER_ROLE);
    expect(created.created_by).toMatch(/^iam-ServiceId-/);

    const read = await client.getSecret(inst, created.id);
    expect(read.credentials.apikey).toBe(created.credentials.apikey);
    const meta = await client.getSecretMetadata(inst, created.id);
    expect(meta).not.toHaveProperty('credentials');
    expect(meta.id).toBe(created.id);
    const byName = await client.getSecretByName(inst, 'default', 'crud-basic');
    expect(byName.id).toBe(created.id);

    await client.deleteSecret(inst, created.id);
    const gone = await rejection(client.getSecret(inst, created.id));
    expect(gone.code).toBe('NotFound');
    expect(gone.status).toBe(404);
    expect(gone.message).toMatch(/^Secrets Manager: .+ \(HTTP 404, not_found, trace [0-9a-f-]{36}\)$/);
  });

  it('applies merge-patch metadata updates (custom_metadata replaced, rotation merged, null clears)', async () => {
    const s = await client.createSecret(
      inst,
      prototype('crud-patch', {
        description: 'before',
        labels: ['aa'],
        custom_metadata: { key1: 'value1' },
        ttl: '7776000',
        rotation: { auto_rotate: true, interval: 2, unit: 'month' },
      }),
    );
    const patched = await client.updateSecretMetadata(inst, s.id, {
      name: 'crud-patch-renamed',
      labels: ['modified-label-1'],
      custom_metadata: { key2: 'value2' },
      ttl: '345600',
      rotation: { auto_rotate: true, interval: 3, unit: 'day' },
    });
    expect(patched).toMatchObject({
      name: 'crud-patch-renamed',
      description: 'before',
      labels: ['modified-label-1'],
      custom_metadata: { key2: 'value2' },
      ttl: '345600',
      rotation: { auto_rotate: true, interval: 3, unit: 'day' },
    });
    // Raw merge-patch: a partial rotation merges, null description clears it.
    const token = await fx.token(KEYS.writer);
    const res = await fetch(`${fx.api}/secrets/${s.id}/metadata`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ description: null, rotation: { interval: 2 } }),
    });
    const patchedRaw = (await res.json()) as object;
    expect(res.status).toBe(200);
    expect(patchedRaw).toMatchObject({ description: '', rotation: { auto_rotate: true, interval: 2, unit: 'day' } });
    await client.deleteSecret(inst, s.id);
  });

  it('rotates: versions, aliases, version metadata', async () => {
    const s = await client.createSecret(inst, prototype('crud-versions', { version_custom_metadata: { v: '1' } }));
    const v2 = await client.createSecretVersion(inst, s.id, { version_custom_metadata: { v: '2' } });
    expect(v2.credentials?.apikey).toEqual(expect.any(String));
    expect(v2.credentials?.apikey).not.toBe(s.credentials.apikey);

    const versions = await client.listSecretVersions(inst, s.id);
    expect(versions).toHaveLength(2);
    const current = await client.getSecretVersionMetadata(inst, s.id, 'current');
    expect(current).toMatchObject({ id: v2.id, alias: 'current', version_custom_metadata: { v: '2' } });
    const previous = await client.getSecretVersion(inst, s.id, 'previous');
    expect(previous.credentials?.apikey).toBe(s.credentials.apikey);
    const byId = await client.getSecretVersion(inst, s.id, v2.id);
    expect(byId.id).toBe(v2.id);

    const patched = await client.updateSecretVersionMetadata(inst, s.id, 'current', { version_custom_metadata: { v: 'x' } });
    expect(patched.version_custom_metadata).toEqual({ v: 'x' });
    expect((await client.getSecretMetadata(inst, s.id)).versions_total).toBe(2);
    await client.deleteSecret(inst, s.id);
  });

  it('manages secret groups and looks secrets up by group name', async () => {
    const group = await client.createSecretGroup(inst, { name: 'team-a', description: 'first' });
    expect(group).toMatchObject({ name: 'team-a', description: 'first' });
    expect((await client.getSecretGroup(inst, group.id)).name).toBe('team-a');
    const renamed = await client.updateSecretGroup(inst, group.id, { name: 'team-b' });
    expect(renamed).toMatchObject({ name: 'team-b', description: 'first' });
    expect((await client.listSecretGroups(inst)).map((g) => g.name)).toContain('team-b');

    const s = await client.createSecret(inst, prototype('in-group', { secret_group_id: group.id }));
    expect((await client.getSecretByName(inst, 'team-b', 'in-group')).id).toBe(s.id);
    const busy = await rejection(client.deleteSecretGroup(inst, group.id));
    expect(busy.code).toBe('Conflict');

    await client.deleteSecret(inst, s.id);
    await client.deleteSecretGroup(inst, group.id);
    expect((await rejection(client.getSecretGroup(inst, group.id))).code).toBe('NotFound');
  });

  it('locks refuse deletion with 412 naming the locks, and can be removed', async () => {
    const s = await client.createSecret(inst, prototype('crud-locks'));
    const added = await client.addSecretLocks(inst, s.id, [
      { name: 'lock-a', description: 'app 1' },
      { name: 'lock-b', attributes: { owner: 'x' } },
    ]);
    expect([...(added.versions[0]?.locks ?? [])].sort()).toEqual(['lock-a', 'lock-b']);
    const listed = await client.listSecretLocks(inst, s.id);
    expect(listed.total_count).toBe(2);
    expect(listed.locks.map((l) => l.name).sort()).toEqual(['lock-a', 'lock-b']);

    const refused = await rejection(client.deleteSecret(inst, s.id));
    expect(refused.code).toBe('PreconditionFailed');
    expect(refused.status).toBe(412);
    expect([...refused.locks].sort()).toEqual(['lock-a', 'lock-b']);

    const removed = await client.removeSecretLocks(inst, s.id, ['lock-a', 'lock-b']);
    expect(removed.versions.flatMap((v) => v.locks)).toEqual([]);
    await client.deleteSecret(inst, s.id);
  });

  it('pages through lists larger than one page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push((await client.createSecret(inst, prototype(`page-${i}`, { labels: ['paged'] }))).id);
    const seen: string[] = [];
    let offset = 0;
    let total = 0;
    do {
      const page = await client.listSecrets(inst, { offset, limit: 3, match_all_labels: ['paged'], sort: 'name' });
      total = page.total_count;
      expect(page.secrets.length).toBeLessThanOrEqual(3);
      seen.push(...page.secrets.map((s) => s.name));
      offset += page.secrets.length;
      if (page.secrets.length === 0) break;
    } while (offset < total);
    expect(total).toBe(7);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `page-${i}`));
    for (const id of ids) await client.deleteSecret(inst, id);
  });

  it('serves any instance under /instances/<id> and the default one at /api/v2', async () => {
    const other: InstanceRef = { instanceId: '11111111-2222-4333-8444-555555555555', region: 'us-south' };
    const s = await client.createSecret(other, prototype('other-instance', { source_service: { instance: { crn: COS_CRN }, role: { crn: WRITER_ROLE }, parameters: { HMAC: true } } }));
    expect(s.crn).toContain(':11111111-2222-4333-8444-555555555555:secret:');
    expect((s.credentials as Record<string, unknown>)['cos_hmac_keys']).toBeDefined();
    expect((await rejection(client.getSecret(inst, s.id))).code).toBe('NotFound');

    const viaDefault = createIbmCloudBackend({ apiKey: KEYS.writer, iamEndpoint: fx.server.url, secretsManagerEndpoint: fx.server.url });
    const mine = await viaDefault.createSecret(inst, prototype('default-instance'));
    expect(mine.crn).toContain(`:${fx.server.instanceId}:secret:`);
    await viaDefault.deleteSecret(inst, mine.id);
    await client.deleteSecret(other, s.id);
  });

  it('reports validation errors with the field, quoting the service', async () => {
    const bad = await rejection(client.createSecret(inst, prototype('bad-ttl', { ttl: '1h' })));
    expect(bad.code).toBe('InvalidArgument');
    expect(bad.field).toBe('ttl');
    expect(bad.message).toMatch(/^Secrets Manager: .+\(HTTP 400, bad_request, trace /);
    const dup = await client.createSecret(inst, prototype('dup-name'));
    expect((await rejection(client.createSecret(inst, prototype('dup-name')))).code).toBe('Conflict');
    await client.deleteSecret(inst, dup.id);
  });

  it('never logs API keys or tokens', () => {
    expect(fx.lines.length).toBeGreaterThan(20);
    expect(leakedIn(fx.lines, Object.values(KEYS))).toEqual([]);
  });
});
