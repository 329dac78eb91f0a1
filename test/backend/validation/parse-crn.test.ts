import {
  formatResourceKeyCrn,
  formatSecretCrn,
  parseCrn,
  parseRoleCrn,
  parseServiceIdCrn,
  parseSourceServiceCrn,
  SUPPORTED_SERVICES,
} from '../../../src/backend/validation/index.js';

const ACCOUNT = '347df6de25020f0fa8b711c6d9881111';
const GUID = 'f35e85fc-3d4d-476e-8547-51222e3c1111';
const source = (service: string, location = 'us-south'): string => `crn:v1:bluemix:public:${service}:${location}:a/${ACCOUNT}:${GUID}::`;

describe('source service CRNs', () => {
  test('the 13 supported services are accepted', () => {
    expect([...SUPPORTED_SERVICES.keys()].sort()).toEqual(
      [
        'appid',
        'apprapp',
        'cloud-object-storage',
        'cloudantnosqldb',
        'databases-for-elasticsearch',
        'databases-for-enterprisedb',
        'databases-for-etcd',
        'databases-for-mongodb',
        'databases-for-mysql',
        'databases-for-postgresql',
        'databases-for-redis',
        'event-notifications',
        'messagehub',
      ].sort(),
    );
    for (const name of SUPPORTED_SERVICES.keys()) {
      const r = parseSourceServiceCrn(source(name));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value).toMatchObject({ serviceName: name, accountId: ACCOUNT, serviceInstance: GUID, location: 'us-south' });
    }
    expect(parseSourceServiceCrn(source('cloud-object-storage', 'global')).ok).toBe(true);
  });

  test('an unsupported service is a clear error that lists the supported ones', () => {
    const r = parseSourceServiceCrn(source('kms'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.field).toBe('source_service.instance.crn');
      expect(r.issue.message).toContain('"kms"');
      expect(r.issue.message).toContain('cloud-object-storage');
    }
  });

  test.each([
    ['not-a-crn'],
    [`crn:v2:bluemix:public:messagehub:us-south:a/${ACCOUNT}:${GUID}::`],
    [`crn:v1:bluemix:public:messagehub:us-south:a/${ACCOUNT}:${GUID}:`],
    [`crn:v1:bluemix:private-ish:messagehub:us-south:a/${ACCOUNT}:${GUID}::`],
    [`crn:v1:bluemix:public:messagehub::a/${ACCOUNT}:${GUID}::`],
    [`crn:v1:bluemix:public:messagehub:us-south:a/xyz:${GUID}::`],
    [`crn:v1:bluemix:public:messagehub:us-south::${GUID}::`],
    [`crn:v1:bluemix:public:messagehub:us-south:a/${ACCOUNT}:not-a-guid::`],
    [`crn:v1:bluemix:public:messagehub:us-south:a/${ACCOUNT}:${GUID}:topic:orders`],
  ])('%s is malformed', (crn) => {
    const r = parseSourceServiceCrn(crn);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue.field).toBe('source_service.instance.crn');
  });
});

describe('role CRNs', () => {
  test.each(['serviceRole:Reader', 'serviceRole:Writer', 'serviceRole:Manager', 'role:Viewer', 'role:Operator', 'role:Editor', 'role:Administrator'])(
    '%s is a valid role',
    (tail) => {
      expect(parseRoleCrn(`crn:v1:bluemix:public:iam::::${tail}`).ok).toBe(true);
    },
  );

  test('service-specific roles need their service', () => {
    const cos = SUPPORTED_SERVICES.get('cloud-object-storage');
    expect(parseRoleCrn('crn:v1:bluemix:public:iam::::serviceRole:ObjectWriter', cos).ok).toBe(true);
    expect(parseRoleCrn('crn:v1:bluemix:public:iam::::serviceRole:ObjectWriter', SUPPORTED_SERVICES.get('messagehub')).ok).toBe(false);
  });

  test.each([
    'crn:v1:bluemix:public:iam::::serviceRole:Superuser',
    'crn:v1:bluemix:public:iam::::role:Writer',
    'crn:v1:bluemix:public:iam::::policy:Writer',
    'crn:v1:bluemix:public:iam-identity::::serviceRole:Writer',
    'Writer',
  ])('%s is rejected on source_service.role.crn', (crn) => {
    const r = parseRoleCrn(crn);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue.field).toBe('source_service.role.crn');
  });
});

describe('service ID CRNs and formatting', () => {
  test('a service ID CRN', () => {
    const ok = parseServiceIdCrn(`crn:v1:bluemix:public:iam-identity::a/${ACCOUNT}::serviceid:ServiceId-${GUID}`);
    expect(ok.ok && ok.value.serviceId).toBe(`ServiceId-${GUID}`);
    const bad = parseServiceIdCrn(`iam-ServiceId-${GUID}`);
    expect(!bad.ok && bad.issue.field).toBe('source_service.parameters.serviceid_crn');
  });

  test('secret and resource key CRNs', () => {
    expect(formatSecretCrn('us-south', ACCOUNT, GUID, 'abc')).toBe(`crn:v1:bluemix:public:secrets-manager:us-south:a/${ACCOUNT}:${GUID}:secret:abc`);
    const parsed = parseCrn(source('messagehub'));
    expect(parsed.ok && formatResourceKeyCrn(parsed.value, 'k1')).toBe(`crn:v1:bluemix:public:messagehub:us-south:a/${ACCOUNT}:${GUID}:resource-key:k1`);
  });
});
