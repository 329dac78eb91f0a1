import { SUPPORTED_SERVICES } from '../../../src/backend/validation/supported-services.js';
import { COS_CRN, EN_CRN, INSTANCE, OTHER_INSTANCE, WRITER, instanceCrn, openFixture, prototype, rejection, type LocalFixture } from './local-fixture.js';

let fx: LocalFixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(async () => {
  await fx.close();
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('creating a service credentials secret', () => {
  test('returns the service shape: type, state, CRN, rotation, source_service, credentials', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ labels: ['dev'], custom_metadata: { k: 'v' }, description: 'd' }));
    expect(s).toMatchObject({
      secret_type: 'service_credentials',
      name: 'my-sc',
      secret_group_id: 'default',
      state: 1,
      state_description: 'active',
      versions_total: 1,
      locks_total: 0,
      downloaded: false,
      labels: ['dev'],
      custom_metadata: { k: 'v' },
      description: 'd',
      rotation: { auto_rotate: false },
      created_at: '2026-01-01T00:00:00Z',
      crn: `crn:v1:bluemix:public:secrets-manager:us-south:a/5e1f7a0c3b2d4e6f8a9b0c1d2e3f4a5b:${INSTANCE.instanceId}:secret:${s.id}`,
    });
    expect(s.created_by).toMatch(/^iam-ServiceId-/);
    expect(s.updated_at).toMatch(RFC3339);
    expect(s.ttl).toBeUndefined();
    expect(s.expiration_date).toBeUndefined();
    expect(s.next_rotation_date).toBeUndefined();
    expect(s.source_service.instance.crn).toBe(EN_CRN);
    expect(s.source_service.role?.crn).toBe(WRITER);
    expect(s.source_service.iam?.role.crn).toBe(WRITER);
    expect(s.source_service.iam?.serviceid.crn).toMatch(/^crn:v1:bluemix:public:iam-identity::a\/[0-9a-f]{32}::serviceid:ServiceId-/);
    expect(s.source_service.resource_key).toEqual({ crn: expect.stringContaining(':resource-key:'), name: 'my-sc' });
    expect(s.credentials.iam_role_crn).toBe(WRITER);
    expect(s.credentials.iam_serviceid_crn).toBe(s.source_service.iam?.serviceid.crn);
    expect(s.credentials.apikey).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(s.credentials.iam_apikey_name).toBe('my-sc');
  });

  test('created_by is the caller when an actor is given', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype(), { actor: 'IBMid-12345' });
    expect(s.created_by).toBe('IBMid-12345');
  });

  test.each([...SUPPORTED_SERVICES.values()].map((s) => [s.name, s.family] as const))('%s credentials have its resource key shape', async (name, family) => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ name: `sc-${name}`, source_service: { instance: { crn: instanceCrn(name) }, role: { crn: WRITER } } }));
    const c = s.credentials as Record<string, unknown>;
    switch (family) {
      case 'database': {
        const connection = c['connection'] as Record<string, Record<string, unknown>>;
        const [protocol] = Object.keys(connection);
        const conn = connection[protocol ?? ''] ?? {};
        const auth = conn['authentication'] as { username: string; password: string };
        expect(auth.username).toMatch(/^ibm_cloud_/);
        expect(auth.password.length).toBeGreaterThanOrEqual(32);
        expect((conn['composed'] as string[])[0]).toContain(auth.password);
        expect(conn['hosts']).toEqual(expect.arrayContaining([expect.objectContaining({ hostname: expect.any(String), port: expect.any(Number) })]));
        expect(c['instance_administration_api']).toMatchObject({ instance_id: instanceCrn(name) });
        expect(c['apikey']).toBeUndefined();
        break;
      }
      case 'cloud-object-storage':
        expect(c).toMatchObject({ endpoints: expect.stringMatching(/^https:/), resource_instance_id: instanceCrn(name) });
        expect(c['cos_hmac_keys']).toBeUndefined();
        break;
      case 'appid':
        expect(c).toMatchObject({ clientId: expect.any(String), secret: expect.any(String), tenantId: 'f35e85fc-3d4d-476e-8547-51222e3c1111' });
        expect(c['oauthServerUrl']).toMatch(/^https:\/\/us-south\.appid\.cloud\.ibm\.com\/oauth\/v4\//);
        break;
      case 'app-configuration':
        expect(c).toMatchObject({ guid: 'f35e85fc-3d4d-476e-8547-51222e3c1111', region: 'us-south', url: expect.stringContaining('apprapp') });
        break;
      case 'cloudant':
        expect(c).toMatchObject({ host: expect.stringContaining('cloudantnosqldb.appdomain.cloud'), url: expect.stringMatching(/^https:/), username: expect.any(String) });
        break;
      case 'event-streams':
        expect(c).toMatchObject({ user: 'token', api_key: c['apikey'], password: c['apikey'], kafka_admin_url: expect.stringMatching(/^https:/) });
        expect(c['kafka_brokers_sasl']).toHaveLength(6);
        break;
      case 'event-notifications':
        expect(c).toMatchObject({ resource_instance_id: instanceCrn(name) });
        break;
    }
    if (family !== 'database') {
      expect(c).toMatchObject({ iam_apikey_id: expect.stringMatching(/^ApiKey-/), iam_role_crn: WRITER, iam_apikey_name: `sc-${name}` });
    }
  });

  test('Cloud Object Storage mints HMAC keys when parameters.HMAC is true (boolean or "true")', async () => {
    for (const [i, hmac] of [true, 'true'].entries()) {
      const s = await fx.backend.createSecret(
        INSTANCE,
        prototype({ name: `cos-${i}`, source_service: { instance: { crn: COS_CRN }, role: { crn: WRITER }, parameters: { HMAC: hmac } } }),
      );
      const keys = s.credentials['cos_hmac_keys'] as { access_key_id: string; secret_access_key: string };
      expect(keys.access_key_id).toMatch(/^[0-9a-f]{32}$/);
      expect(keys.secret_access_key).toMatch(/^[0-9a-f]{48}$/);
      expect(s.source_service.parameters).toEqual({ HMAC: hmac });
    }
  });

  test('every version gets fresh secret values', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ source_service: { instance: { crn: COS_CRN }, role: { crn: WRITER }, parameters: { HMAC: true } } }));
    const v2 = await fx.backend.createSecretVersion(INSTANCE, s.id, {});
    expect(v2.credentials?.apikey).not.toBe(s.credentials.apikey);
    expect(v2.credentials?.['cos_hmac_keys']).not.toEqual(s.credentials['cos_hmac_keys']);
    expect(v2.credentials?.iam_serviceid_crn).toBe(s.credentials.iam_serviceid_crn);
  });

  test('rejects a duplicate name in the same group with Conflict on name', async () => {
    await fx.backend.createSecret(INSTANCE, prototype());
    const err = await rejection(fx.backend.createSecret(INSTANCE, prototype()));
    expect(err).toMatchObject({ code: 'Conflict', field: 'name' });
  });

  test('rejects a secret group that does not exist with NotFound on secret_group_id', async () => {
    const err = await rejection(fx.backend.createSecret(INSTANCE, prototype({ secret_group_id: 'bfc0a4a9-3d58-4fda-945b-76756af516aa' })));
    expect(err).toMatchObject({ code: 'NotFound', field: 'secret_group_id' });
  });

  test('instances are kept apart', async () => {
    const a = await fx.backend.createSecret(INSTANCE, prototype());
    const b = await fx.backend.createSecret(OTHER_INSTANCE, prototype());
    expect((await rejection(fx.backend.getSecretMetadata(OTHER_INSTANCE, a.id))).code).toBe('NotFound');
    expect((await fx.backend.listSecrets(INSTANCE)).secrets.map((s) => s.id)).toEqual([a.id]);
    expect((await fx.backend.listSecrets(OTHER_INSTANCE)).secrets.map((s) => s.id)).toEqual([b.id]);
    expect(b.crn).toContain(':eu-de:');
  });

  test('an instance ref must be a UUID and a region', async () => {
    expect(await rejection(fx.backend.listSecrets({ instanceId: 'nope', region: 'us-south' }))).toMatchObject({ code: 'InvalidArgument', field: 'instance_id' });
    expect(await rejection(fx.backend.listSecrets({ instanceId: INSTANCE.instanceId, region: 'Mars' }))).toMatchObject({ code: 'InvalidArgument', field: 'region' });
  });

  test('an aborted signal cancels before anything is written', async () => {
    const ac = new AbortController();
    ac.abort();
    expect((await rejection(fx.backend.createSecret(INSTANCE, prototype(), { signal: ac.signal }))).code).toBe('Cancelled');
    expect((await fx.backend.listSecrets(INSTANCE)).total_count).toBe(0);
  });
});

describe('reading', () => {
  test('getSecret returns credentials and marks them downloaded; metadata does not', async () => {
    const created = await fx.backend.createSecret(INSTANCE, prototype());
    fx.clock.advance('1h');
    const meta = await fx.backend.getSecretMetadata(INSTANCE, created.id);
    expect(meta).not.toHaveProperty('credentials');
    expect(meta.downloaded).toBe(false);
    expect(meta.retrieved_at).toBeUndefined();
    const got = await fx.backend.getSecret(INSTANCE, created.id);
    expect(got.credentials).toEqual(created.credentials);
    expect(got.downloaded).toBe(true);
    expect(got.retrieved_at).toBe('2026-01-01T01:00:00Z');
    const current = await fx.backend.getSecretVersionMetadata(INSTANCE, created.id, 'current');
    expect(current).toMatchObject({ alias: 'current', downloaded: true, payload_available: true });
  });

  test('getSecretByName finds a secret by group name and secret name', async () => {
    const group = await fx.backend.createSecretGroup(INSTANCE, { name: 'team-a' });
    const s = await fx.backend.createSecret(INSTANCE, prototype({ secret_group_id: group.id }));
    const d = await fx.backend.createSecret(INSTANCE, prototype());
    expect((await fx.backend.getSecretByName(INSTANCE, 'team-a', 'my-sc')).id).toBe(s.id);
    expect((await fx.backend.getSecretByName(INSTANCE, 'default', 'my-sc')).id).toBe(d.id);
    expect(await rejection(fx.backend.getSecretByName(INSTANCE, 'team-b', 'my-sc'))).toMatchObject({ code: 'NotFound', field: 'secret_group_name' });
    expect(await rejection(fx.backend.getSecretByName(INSTANCE, 'team-a', 'other'))).toMatchObject({ code: 'NotFound' });
  });

  test('an unknown secret is NotFound everywhere', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const call of [
      fx.backend.getSecret(INSTANCE, id),
      fx.backend.getSecretMetadata(INSTANCE, id),
      fx.backend.updateSecretMetadata(INSTANCE, id, { description: 'x' }),
      fx.backend.deleteSecret(INSTANCE, id),
      fx.backend.createSecretVersion(INSTANCE, id, {}),
      fx.backend.listSecretVersions(INSTANCE, id),
      fx.backend.listSecretLocks(INSTANCE, id),
    ]) {
      expect((await rejection(call)).code).toBe('NotFound');
    }
  });
});

describe('updating metadata (merge-patch)', () => {
  test('changes only the given fields; custom_metadata and labels are replaced', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ labels: ['aa', 'bb'], custom_metadata: { key1: 'value1' }, description: 'one' }));
    fx.clock.advance('5m');
    const u = await fx.backend.updateSecretMetadata(INSTANCE, s.id, { custom_metadata: { key2: 'value2' }, labels: ['cc'] });
    expect(u).toMatchObject({ custom_metadata: { key2: 'value2' }, labels: ['cc'], description: 'one', name: 'my-sc', updated_at: '2026-01-01T00:05:00Z' });
    const cleared = await fx.backend.updateSecretMetadata(INSTANCE, s.id, { custom_metadata: null, description: '' });
    expect(cleared).toMatchObject({ custom_metadata: {}, description: '', labels: ['cc'] });
  });

  test('renaming a secret does not rename its resource key', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    const u = await fx.backend.updateSecretMetadata(INSTANCE, s.id, { name: 'modified-sc' });
    expect(u.name).toBe('modified-sc');
    expect(u.source_service.resource_key).toEqual(s.source_service.resource_key);
    expect(u.source_service.resource_key?.name).toBe('my-sc');
    expect((await fx.backend.getSecretVersionMetadata(INSTANCE, s.id, 'current')).resource_key?.name).toBe('my-sc');
  });

  test('a rename onto a taken name is a Conflict on name', async () => {
    await fx.backend.createSecret(INSTANCE, prototype({ name: 'taken' }));
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    expect(await rejection(fx.backend.updateSecretMetadata(INSTANCE, s.id, { name: 'taken' }))).toMatchObject({ code: 'Conflict', field: 'name' });
  });

  test('version custom metadata is patched per version', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ version_custom_metadata: { build: 1 } }));
    expect((await fx.backend.getSecretVersionMetadata(INSTANCE, s.id, 'current')).version_custom_metadata).toEqual({ build: 1 });
    const v = await fx.backend.updateSecretVersionMetadata(INSTANCE, s.id, 'current', { version_custom_metadata: { build: 2 } });
    expect(v.version_custom_metadata).toEqual({ build: 2 });
    const cleared = await fx.backend.updateSecretVersionMetadata(INSTANCE, s.id, 'current', { version_custom_metadata: null });
    expect(cleared.version_custom_metadata).toEqual({});
  });
});

describe('deleting', () => {
  test('removes the secret and its versions', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    await fx.backend.createSecretVersion(INSTANCE, s.id, {});
    await fx.backend.deleteSecret(INSTANCE, s.id);
    expect((await rejection(fx.backend.getSecret(INSTANCE, s.id))).code).toBe('NotFound');
    expect((await rejection(fx.backend.deleteSecret(INSTANCE, s.id))).code).toBe('NotFound');
    // The name is free again.
    await expect(fx.backend.createSecret(INSTANCE, prototype())).resolves.toMatchObject({ name: 'my-sc' });
  });
});
