import { EN_CRN, EXISTING_SERVICE_ID, INSTANCE, openFixture, prototype, rejection, type LocalFixture } from './local-fixture.js';

let fx: LocalFixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(async () => {
  await fx.close();
});

describe('service IDs', () => {
  test('an auto-generated service ID is created with the secret and deleted with it', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    const crn = s.source_service.iam?.serviceid.crn ?? '';
    let ids = await fx.backend.inspectServiceIds(INSTANCE);
    expect(ids).toEqual([expect.objectContaining({ crn, auto_generated: true, name: 'SecretsManager-my-sc' })]);
    expect(ids[0]?.deleted_at).toBeUndefined();
    await fx.backend.createSecretVersion(INSTANCE, s.id, {});
    expect(await fx.backend.inspectServiceIds(INSTANCE)).toHaveLength(1);
    await fx.backend.deleteSecret(INSTANCE, s.id);
    ids = await fx.backend.inspectServiceIds(INSTANCE);
    expect(ids[0]).toMatchObject({ crn, auto_generated: true, deleted_at: '2026-01-01T00:00:00Z' });
  });

  test('a pre-existing service ID (parameters.serviceid_crn) is used and never deleted', async () => {
    const withRole = await fx.backend.createSecret(
      INSTANCE,
      prototype({ name: 'with-role', source_service: { instance: { crn: EN_CRN }, role: { crn: 'crn:v1:bluemix:public:iam::::serviceRole:Reader' }, parameters: { serviceid_crn: EXISTING_SERVICE_ID } } }),
    );
    // The role may be omitted only with a pre-existing service ID: its own policies apply.
    const noRole = await fx.backend.createSecret(
      INSTANCE,
      prototype({ name: 'no-role', source_service: { instance: { crn: EN_CRN }, parameters: { serviceid_crn: EXISTING_SERVICE_ID } } }),
    );
    for (const s of [withRole, noRole]) {
      expect(s.source_service.iam?.serviceid.crn).toBe(EXISTING_SERVICE_ID);
      expect(s.credentials.iam_serviceid_crn).toBe(EXISTING_SERVICE_ID);
      expect(s.source_service.parameters).toEqual({ serviceid_crn: EXISTING_SERVICE_ID });
    }
    expect(noRole.source_service.role).toBeUndefined();
    expect(noRole.credentials.iam_role_crn).toBeUndefined();
    await fx.backend.deleteSecret(INSTANCE, withRole.id);
    await fx.backend.deleteSecret(INSTANCE, noRole.id);
    const ids = await fx.backend.inspectServiceIds(INSTANCE);
    expect(ids).toEqual([expect.objectContaining({ crn: EXISTING_SERVICE_ID, auto_generated: false })]);
    expect(ids[0]?.deleted_at).toBeUndefined();
  });

  test('without a role and without a pre-existing service ID the request is invalid', async () => {
    const err = await rejection(fx.backend.createSecret(INSTANCE, prototype({ source_service: { instance: { crn: EN_CRN } } })));
    expect(err).toMatchObject({ code: 'InvalidArgument', field: 'source_service.role.crn' });
  });

  test('a deleted auto-generated service ID cannot be reused', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype());
    const crn = s.source_service.iam?.serviceid.crn ?? '';
    await fx.backend.deleteSecret(INSTANCE, s.id);
    const err = await rejection(
      fx.backend.createSecret(INSTANCE, prototype({ source_service: { instance: { crn: EN_CRN }, parameters: { serviceid_crn: crn } } })),
    );
    expect(err).toMatchObject({ code: 'NotFound', field: 'source_service.parameters.serviceid_crn' });
  });
});
