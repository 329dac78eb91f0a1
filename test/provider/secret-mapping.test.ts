/**
 * The pure pieces between Terraform and the API: import IDs, flattened
 * credentials, API fields → attribute paths, the create prototype, the
 * update patch, and the read's "keep configuration-shaped values stable"
 * rules.
 */
import type { ServiceCredentialsSecret } from '../../src/backend/credential-backend.js';
import { UNKNOWN } from '../../src/framework/index.js';
import { secretAttributePath } from '../../src/provider/backend-diagnostics.js';
import { fillUnknowns, knownOnly } from '../../src/provider/fill-unknowns.js';
import { flattenCredentials, stringMap } from '../../src/provider/flatten-credentials.js';
import { formatImportId, parseImportId } from '../../src/provider/import-id.js';
import type { SecretModel } from '../../src/provider/service-credentials-secret-schema.js';
import { secretMetadataPatch, secretPrototype, secretState } from '../../src/provider/service-credentials-secret-state.js';

const INSTANCE = '6ebc4224-e983-496a-8a54-f40a0bfa9175';
const WRITER = 'crn:v1:bluemix:public:iam::::serviceRole:Writer';
const COS = 'crn:v1:bluemix:public:cloud-object-storage:global:a/347df6de25020f0fa8b711c6d9881111:f35e85fc-3d4d-476e-8547-51222e3c1111::';

function model(over: Partial<SecretModel> = {}): SecretModel {
  return {
    id: null,
    instance_id: INSTANCE,
    region: 'us-south',
    endpoint_type: null,
    secret_type: null,
    name: 'sc',
    description: null,
    secret_group_id: 'default',
    labels: null,
    custom_metadata: null,
    version_custom_metadata: null,
    ttl: null,
    created_by: null,
    created_at: null,
    crn: null,
    credentials: null,
    downloaded: null,
    locks_total: null,
    next_rotation_date: null,
    state: null,
    state_description: null,
    expiration_date: null,
    updated_at: null,
    retrieved_at: null,
    versions_total: null,
    secret_id: null,
    rotation: [],
    source_service: [{ instance: [{ crn: COS }], role: [{ crn: WRITER }], parameters: null, iam: null, resource_key: null }],
    ...over,
  };
}

const API: ServiceCredentialsSecret = {
  id: 'b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5',
  name: 'sc',
  secret_type: 'service_credentials',
  secret_group_id: 'default',
  crn: 'crn:v1:bluemix:public:secrets-manager:us-south:a/x:y:secret:z',
  created_by: 'me',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  description: '',
  labels: [],
  custom_metadata: {},
  downloaded: true,
  locks_total: 0,
  versions_total: 1,
  state: 1,
  state_description: 'active',
  rotation: { auto_rotate: false },
  ttl: '7776000',
  source_service: {
    instance: { crn: COS },
    role: { crn: WRITER },
    parameters: { HMAC: true },
    iam: { apikey: { name: 'sc', description: 'd' }, role: { crn: WRITER }, serviceid: { crn: 'sid' } },
    resource_key: { crn: 'rk', name: 'sc' },
  },
  credentials: { apikey: 'k', cos_hmac_keys: { access_key_id: 'a', secret_access_key: 's' }, list: ['x', 'y'], flag: true, port: 5432, gone: null },
};

test('import IDs: <region>/<instance_id>/<id>, with a message that shows the format', () => {
  expect(parseImportId(formatImportId('us-south', INSTANCE, 'abc'), 'secret_id')).toEqual({ region: 'us-south', instanceId: INSTANCE, objectId: 'abc' });
  for (const bad of ['abc', 'us-south/abc', `us-south/${INSTANCE}/`, `a/b/c/d`, `Mars/${INSTANCE}/x`, 'us-south/not-a-uuid/x']) {
    expect(parseImportId(bad, 'secret_id')).toEqual(expect.stringContaining('<region>/<instance_id>/<secret_id>'));
  }
});

test('credentials flatten like flex.Flatten; metadata becomes map(string)', () => {
  expect(flattenCredentials(API.credentials)).toEqual({
    apikey: 'k',
    'cos_hmac_keys.access_key_id': 'a',
    'cos_hmac_keys.secret_access_key': 's',
    'list.#': '2',
    'list.0': 'x',
    'list.1': 'y',
    flag: 'true',
    port: '5432',
  });
  expect(stringMap({ a: 'x', n: 1, b: false, o: { k: 1 }, z: null })).toEqual({ a: 'x', n: '1', b: 'false', o: '{"k":1}' });
});

test('API fields map to attribute paths through the list-of-one blocks', () => {
  const p = (f: string | (string | number)[]) => secretAttributePath(f)?.toString();
  expect(p('name')).toBe('name');
  expect(p('rotation.interval')).toBe('rotation[0].interval');
  expect(p('source_service.role.crn')).toBe('source_service[0].role[0].crn');
  expect(p('source_service.instance.crn')).toBe('source_service[0].instance[0].crn');
  expect(p('source_service.parameters.HMAC')).toBe('source_service[0].parameters["HMAC"]');
  expect(p(['labels', 3])).toBe('labels[3]');
  expect(p('body')).toBeUndefined();
});

test('create prototype: booleans from "true"/"false", serviceid_crn as text, empty optionals left out', () => {
  const plan = model({
    description: '',
    labels: [],
    ttl: '30d',
    rotation: [{ auto_rotate: true, interval: 7, unit: 'day' }],
    source_service: [{ instance: [{ crn: COS }], role: [], parameters: { HMAC: 'true', serviceid_crn: 'true', other: 'x' }, iam: null, resource_key: null }],
  });
  expect(secretPrototype(plan)).toEqual({
    secret_type: 'service_credentials',
    name: 'sc',
    secret_group_id: 'default',
    ttl: '30d',
    rotation: { auto_rotate: true, interval: 7, unit: 'day' },
    source_service: { instance: { crn: COS }, parameters: { HMAC: true, serviceid_crn: 'true', other: 'x' } },
  });
});

test('update patch: only what changed; a removed description is sent as ""', () => {
  const prior = model({ description: 'old', labels: ['a'], custom_metadata: { k: 'v' }, ttl: '30d', rotation: [{ auto_rotate: true, interval: 7, unit: 'day' }] });
  expect(secretMetadataPatch(prior, prior)).toBeUndefined();
  expect(secretMetadataPatch({ ...prior, description: null, ttl: '20d' }, prior)).toEqual({ description: '', ttl: '20d' });
  expect(secretMetadataPatch({ ...prior, custom_metadata: { k2: 'v2' } }, prior)).toEqual({ custom_metadata: { k2: 'v2' } });
  expect(secretMetadataPatch({ ...prior, rotation: [{ auto_rotate: true, interval: 8, unit: 'day' }] }, prior)).toEqual({ rotation: { auto_rotate: true, interval: 8, unit: 'day' } });
  // Removing the block changes nothing remotely.
  expect(secretMetadataPatch({ ...prior, rotation: [] }, prior)).toBeUndefined();
});

test('read keeps configuration shapes: nulls stay null, spellings and interval/unit survive', () => {
  const ctx = { region: 'us-south', instanceId: INSTANCE, isImport: false };
  const fromNulls = secretState({ secret: API }, { ...ctx, prior: model() });
  expect(fromNulls).toMatchObject({ description: null, labels: null, custom_metadata: null, ttl: '7776000', rotation: [], next_rotation_date: '' });
  expect(fromNulls.source_service[0]!.parameters).toBeNull(); // parameters are not in this configuration
  const explicit = secretState({ secret: API }, { ...ctx, prior: model({ description: '', labels: [], custom_metadata: {}, ttl: '90d' }) });
  expect(explicit).toMatchObject({ description: '', labels: [], custom_metadata: {}, ttl: '90d' });
  const off = secretState({ secret: API }, { ...ctx, prior: model({ rotation: [{ auto_rotate: false, interval: 30, unit: 'day' }] }) });
  expect(off.rotation).toEqual([{ auto_rotate: false, interval: 30, unit: 'day' }]);
  const noRole = secretState({ secret: API }, { ...ctx, prior: model({ source_service: [{ instance: [{ crn: COS }], role: [], parameters: null, iam: null, resource_key: null }] }) });
  expect(noRole.source_service[0]!.role).toEqual([]);
});

test('read after import takes what the service has: role, parameters, an active rotation policy', () => {
  const imported = secretState(
    { secret: { ...API, rotation: { auto_rotate: true, interval: 1, unit: 'month' } } },
    { region: 'us-south', instanceId: INSTANCE, isImport: true, prior: model({ name: null, source_service: [], rotation: [] }) },
  );
  expect(imported.rotation).toEqual([{ auto_rotate: true, interval: 1, unit: 'month' }]);
  expect(imported.source_service[0]).toMatchObject({ role: [{ crn: WRITER }], parameters: { HMAC: 'true' } });
  expect(imported.id).toBe(`us-south/${INSTANCE}/${API.id}`);
});

test('apply keeps every planned value and fills only the unknown ones', () => {
  const plan = { a: 'planned', b: UNKNOWN, list: [{ x: UNKNOWN, y: 1 }], m: { k: 'v' } };
  expect(fillUnknowns(plan as never, { a: 'api', b: 'api-b', list: [{ x: 'api-x', y: 2 }], m: { k: 'other' } } as never)).toEqual({
    a: 'planned',
    b: 'api-b',
    list: [{ x: 'api-x', y: 1 }],
    m: { k: 'v' },
  });
  expect(knownOnly({ a: UNKNOWN, b: [UNKNOWN, 'x'] })).toEqual({ a: null, b: [null, 'x'] });
});
