import { checkSecretMetadataPatch, checkSecretPrototype, validateSecretPrototype } from '../../../src/backend/validation/index.js';

const ACCOUNT = '347df6de25020f0fa8b711c6d9881111';
const EN = `crn:v1:bluemix:public:event-notifications:us-south:a/${ACCOUNT}:f35e85fc-3d4d-476e-8547-51222e3c1111::`;
const COS = `crn:v1:bluemix:public:cloud-object-storage:global:a/${ACCOUNT}:f35e85fc-3d4d-476e-8547-51222e3c1111::`;
const WRITER = 'crn:v1:bluemix:public:iam::::serviceRole:Writer';
const SERVICE_ID = `crn:v1:bluemix:public:iam-identity::a/${ACCOUNT}::serviceid:ServiceId-11111111-2222-4333-8444-555555555555`;

const valid = {
  secret_type: 'service_credentials',
  name: 'terraform-test-sc-secret',
  source_service: { instance: { crn: EN }, role: { crn: WRITER } },
};

describe('checkSecretPrototype', () => {
  test('the official acceptance configurations are valid', () => {
    expect(validateSecretPrototype({ ...valid, ttl: '7776000' })).toEqual([]);
    expect(
      validateSecretPrototype({
        ...valid,
        description: 'Some description for this secret.',
        labels: ['my-label-1'],
        ttl: '7776000',
        custom_metadata: { key1: 'value1' },
        secret_group_id: 'default',
        rotation: { auto_rotate: true, interval: 2, unit: 'month' },
        source_service: { instance: { crn: EN }, role: { crn: WRITER }, parameters: { serviceid_crn: SERVICE_ID } },
      }),
    ).toEqual([]);
  });

  test('returns the parsed parts the engine needs', () => {
    const r = checkSecretPrototype({ ...valid, ttl: '24h', source_service: { instance: { crn: COS }, role: { crn: WRITER }, parameters: { HMAC: 'true' } } });
    expect(r.issues).toEqual([]);
    expect(r.value).toMatchObject({ ttlSeconds: 86_400, hmac: true, role: { roleName: 'Writer' } });
    expect(r.value?.source.service.name).toBe('cloud-object-storage');
  });

  test.each([
    [{ secret_type: 'arbitrary' }, 'secret_type'],
    [{ name: 'x' }, 'name'],
    [{ description: 'd'.repeat(1025) }, 'description'],
    [{ labels: ['x'] }, 'labels'],
    [{ secret_group_id: 'nope' }, 'secret_group_id'],
    [{ custom_metadata: 'x' }, 'custom_metadata'],
    [{ version_custom_metadata: { v: 'x'.repeat(11_000) } }, 'version_custom_metadata'],
    [{ ttl: '1h' }, 'ttl'],
    [{ ttl: 86400 }, 'ttl'],
    [{ rotation: { auto_rotate: true, interval: 5, unit: 'day' }, ttl: '2d' }, 'rotation.interval'],
    [{ rotation: { auto_rotate: true, interval: 1, unit: 'year' } }, 'rotation.unit'],
    [{ source_service: undefined }, 'source_service'],
    [{ source_service: { role: { crn: WRITER } } }, 'source_service.instance.crn'],
    [{ source_service: { instance: { crn: 'crn:v1:bluemix:public:kms:us-south:a/' + ACCOUNT + ':f35e85fc-3d4d-476e-8547-51222e3c1111::' }, role: { crn: WRITER } } }, 'source_service.instance.crn'],
    [{ source_service: { instance: { crn: EN }, role: { crn: 'crn:v1:bluemix:public:iam::::serviceRole:God' } } }, 'source_service.role.crn'],
    [{ source_service: { instance: { crn: EN } } }, 'source_service.role.crn'],
    [{ source_service: { instance: { crn: EN }, role: { crn: WRITER }, parameters: { serviceid_crn: 'ServiceId-1' } } }, 'source_service.parameters.serviceid_crn'],
    [{ source_service: { instance: { crn: COS }, role: { crn: WRITER }, parameters: { HMAC: 'maybe' } } }, 'source_service.parameters.HMAC'],
    [{ source_service: { instance: { crn: EN }, role: { crn: WRITER }, parameters: ['HMAC'] } }, 'source_service.parameters'],
  ])('%j is rejected on %s', (override, field) => {
    const issues = validateSecretPrototype({ ...valid, ...override });
    expect(issues.map((i) => i.field)).toContain(field);
  });

  test('collects every issue, not just the first', () => {
    const issues = validateSecretPrototype({ secret_type: 'service_credentials', name: '-', ttl: 'soon', labels: 'x' });
    expect(issues.map((i) => i.field).sort()).toEqual(['labels', 'name', 'source_service', 'ttl']);
  });
});

describe('checkSecretMetadataPatch', () => {
  test('accepts the patchable fields', () => {
    const r = checkSecretMetadataPatch({ name: 'modified-terraform-test-sc-secret', ttl: '345600', labels: [], custom_metadata: null, rotation: { auto_rotate: true } });
    expect(r.issues).toEqual([]);
    expect(r.value?.ttlSeconds).toBe(345_600);
  });

  test('rejects fields a service credentials secret cannot change, and bad values', () => {
    expect(checkSecretMetadataPatch({ secret_group_id: 'default' }).issues[0]?.field).toBe('secret_group_id');
    expect(checkSecretMetadataPatch({ ttl: '100d' }).issues[0]?.field).toBe('ttl');
    expect(checkSecretMetadataPatch({ rotation: { unit: 'hour' } }).issues[0]?.field).toBe('rotation.unit');
    expect(checkSecretMetadataPatch([]).issues[0]?.field).toBe('body');
  });
});
