/**
 * The ibm provider block: accepts the official provider's arguments,
 * validates with diagnostics naming the attribute, resolves environment
 * fallbacks into a frozen config handed to resources, and never lets a
 * credential out.
 */
import { inspect } from 'node:util';
import { createLogger } from '../../src/logging/logger.js';
import { encodeDynamicValue } from '../../src/tftypes/dynamic-value.js';
import { fromModel, impliedType, toProtoSchema, UNKNOWN } from '../../src/framework/index.js';
import type { Resource, Schema } from '../../src/framework/index.js';
import { defineSchema } from '../../src/framework/index.js';
import { createIbmProviderServer, IBM_PROVIDER_SCHEMA, ibmProviderData, SecretValue } from '../../src/provider/index.js';
import type { IbmProviderData } from '../../src/provider/index.js';
import { Types } from '../../src/tftypes/type.js';
import { rpc } from './framework-harness.js';

const type = impliedType(IBM_PROVIDER_SCHEMA);
const names = Object.keys(type.attributes);

/** A provider block model with every argument null except `set`. */
function block(set: Record<string, unknown> = {}) {
  return Object.fromEntries(names.map((n) => [n, Object.hasOwn(set, n) ? set[n] : null]));
}
const dv = (set: Record<string, unknown>) => encodeDynamicValue(fromModel(type, block(set)), type);

// The official provider's top-level arguments (IBM-Cloud/terraform-provider-ibm ibm/provider).
const OFFICIAL = [
  'bluemix_api_key', 'bluemix_timeout', 'endpoints_file_path', 'function_namespace', 'generation', 'iaas_classic_api_key',
  'iaas_classic_endpoint_url', 'iaas_classic_timeout', 'iaas_classic_username', 'iam_profile_id', 'iam_profile_name',
  'iam_refresh_token', 'iam_token', 'ibmcloud_account_id', 'ibmcloud_api_key', 'ibmcloud_timeout', 'max_retries',
  'private_endpoint_type', 'region', 'resource_group', 'riaas_endpoint', 'softlayer_api_key', 'softlayer_endpoint_url',
  'softlayer_timeout', 'softlayer_username', 'visibility', 'zone',
];

test('the schema accepts every argument of the official provider plus the backend choices, all optional', () => {
  expect(names.sort()).toEqual([...OFFICIAL, 'iam_endpoint', 'local_store', 'secrets_manager_endpoint'].sort());
  const proto = toProtoSchema(IBM_PROVIDER_SCHEMA);
  expect(proto.block.attributes.every((a) => a.optional && !a.required && !a.computed)).toBe(true);
  const sensitive = proto.block.attributes.filter((a) => a.sensitive).map((a) => a.name).sort();
  expect(sensitive).toEqual(['bluemix_api_key', 'iaas_classic_api_key', 'iam_refresh_token', 'iam_token', 'ibmcloud_api_key', 'softlayer_api_key']);
  expect(proto.block.attributes.find((a) => a.name === 'ibmcloud_timeout')!.type).toEqual(Types.number);
});

async function validate(set: Record<string, unknown>) {
  return (await createIbmProviderServer('1.0.0').validateProviderConfig({ config: dv(set) }, rpc)).diagnostics;
}

test('valid blocks validate cleanly, including unknown values', async () => {
  expect(await validate({})).toEqual([]);
  expect(await validate({ ibmcloud_api_key: 'k', region: 'eu-de', zone: 'eu-de-1', visibility: 'public-and-private', ibmcloud_timeout: 120, max_retries: 3 })).toEqual([]);
  expect(await validate({ secrets_manager_endpoint: 'http://127.0.0.1:8080/instances/{instance_id}', iam_endpoint: 'https://iam.test.cloud.ibm.com' })).toEqual([]);
  expect(await validate({ region: UNKNOWN, ibmcloud_api_key: UNKNOWN })).toEqual([]);
});

test('invalid values get diagnostics naming the attribute', async () => {
  const ds = await validate({
    visibility: 'internal',
    region: 'US South',
    ibmcloud_timeout: 0,
    max_retries: 1.5,
    secrets_manager_endpoint: 'ftp://x',
    iam_endpoint: 'not a url',
    private_endpoint_type: 'cse',
    local_store: '',
  });
  const byPath = Object.fromEntries(ds.map((d) => [String(d.attribute), d.detail]));
  expect(Object.keys(byPath).sort()).toEqual(
    ['iam_endpoint', 'ibmcloud_timeout', 'local_store', 'max_retries', 'private_endpoint_type', 'region', 'secrets_manager_endpoint', 'visibility'],
  );
  expect(byPath['visibility']).toBe('Attribute visibility must be one of: "public", "private", "public-and-private".');
  expect(byPath['region']).toBe('Attribute region must be an IBM Cloud region name such as us-south or eu-de.');
  expect(ds.every((d) => d.severity === 'error')).toBe(true);
});

test('deprecated arguments warn; local_store and secrets_manager_endpoint conflict', async () => {
  expect(await validate({ bluemix_api_key: 'k' })).toEqual([
    expect.objectContaining({ severity: 'warning', summary: 'Attribute Deprecated', detail: 'This field is deprecated please use ibmcloud_api_key' }),
  ]);
  const ds = await validate({ local_store: '/tmp/x.db', secrets_manager_endpoint: 'http://localhost:1' });
  expect(ds.map((d) => `${String(d.attribute)}: ${d.summary}`)).toEqual(['secrets_manager_endpoint: Invalid Attribute Combination']);
});

/** Configures a server whose probe resource captures providerData. */
async function configure(set: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  let seen: unknown;
  const schema: Schema = defineSchema({ attributes: { id: { type: Types.string, mode: 'optional' } } });
  const probe: Resource & { configure(req: { providerData: unknown }): void } = {
    typeName: 'ibm_probe',
    schema: () => schema,
    configure: (req) => void (seen = req.providerData),
    create() {},
    read() {},
    update() {},
    delete() {},
  };
  const lines: string[] = [];
  const logger = createLogger({ module: 'test', level: 'trace', write: (l) => lines.push(l) });
  const s = createIbmProviderServer('1.2.3', { env, resources: [() => probe] });
  const resp = await s.configureProvider({ terraformVersion: '1.11.4', config: dv(set) }, { ...rpc, logger });
  const probeType = impliedType(schema);
  await s.validateResourceConfig({ typeName: 'ibm_probe', config: encodeDynamicValue(fromModel(probeType, { id: null }), probeType) }, rpc);
  return { diagnostics: resp.diagnostics, data: ibmProviderData(seen), logs: lines.join('') };
}

test('configure: defaults, and the official environment fallbacks in order', async () => {
  const none = await configure({}, {});
  expect(none.diagnostics).toEqual([]);
  expect(none.data!.config).toMatchObject({ region: 'us-south', visibility: 'public', timeoutSeconds: 60, maxRetries: 10, apiKey: undefined, localStore: undefined });
  expect(none.data!.terraformVersion).toBe('1.11.4');
  expect(none.data!.providerVersion).toBe('1.2.3');
  expect(Object.isFrozen(none.data!.config)).toBe(true);

  const env = await configure(
    {},
    {
      IBMCLOUD_API_KEY: 'second-choice',
      IC_API_KEY: 'env-api-key-value',
      IBMCLOUD_REGION: 'eu-gb',
      BM_REGION: 'jp-tok',
      IC_VISIBILITY: 'private',
      IC_TIMEOUT: '90',
      MAX_RETRIES: '2',
      IBMCLOUD_SECRETS_MANAGER_API_ENDPOINT: 'http://127.0.0.1:9/instances/{instance_id}',
      IBMCLOUD_IAM_API_ENDPOINT: 'http://127.0.0.1:9',
      IBM_SM_LOCAL_STORE: '/tmp/store.db',
    },
  );
  expect(env.diagnostics).toEqual([]);
  const c = env.data!.config;
  expect(c.apiKey!.reveal()).toBe('env-api-key-value');
  expect(c).toMatchObject({ region: 'eu-gb', visibility: 'private', timeoutSeconds: 90, maxRetries: 2, localStore: '/tmp/store.db' });
  expect(c.secretsManagerEndpoint).toBe('http://127.0.0.1:9/instances/{instance_id}');
  expect(c.iamEndpoint).toBe('http://127.0.0.1:9');

  const blockWins = await configure({ ibmcloud_api_key: 'block-key-value', region: 'ca-tor' }, { IC_API_KEY: 'env', IC_REGION: 'eu-de' });
  expect(blockWins.data!.config.apiKey!.reveal()).toBe('block-key-value');
  expect(blockWins.data!.config.region).toBe('ca-tor');
  const bluemix = await configure({ bluemix_api_key: 'old-key-value' }, {});
  expect(bluemix.data!.config.apiKey!.reveal()).toBe('old-key-value');
});

test('configure: invalid environment values are diagnostics naming the variable and the attribute', async () => {
  const r = await configure({}, { IC_VISIBILITY: 'everywhere', IC_TIMEOUT: 'soon', IBMCLOUD_IAM_API_ENDPOINT: 'iam' });
  expect(r.data).toBeUndefined();
  expect(r.diagnostics.map((d) => `${String(d.attribute)}: ${d.detail}`).sort()).toEqual([
    'iam_endpoint: IBMCLOUD_IAM_API_ENDPOINT (environment) must be an http or https URL.',
    'ibmcloud_timeout: IC_TIMEOUT (environment) must be a whole number of at least 1.',
    'visibility: IC_VISIBILITY (environment) must be one of "public", "private", "public-and-private".',
  ]);
});

test('configure: a value only known after apply is a clear error', async () => {
  const r = await configure({ region: UNKNOWN }, {});
  expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', summary: 'Unknown Provider Configuration' })]);
  expect(String(r.diagnostics[0]!.attribute)).toBe('region');
});

test('credentials never leak: not in logs, JSON, strings or inspection', async () => {
  const r = await configure({ ibmcloud_api_key: 'super-secret-key-123' }, { IC_IAM_TOKEN: 'token-value-456' });
  const data = r.data as IbmProviderData;
  const everything = [JSON.stringify(data), String(data.config.apiKey), `${data.config.iamToken}`, inspect(data, { depth: 10 }), r.logs].join('\n');
  expect(everything).not.toContain('super-secret-key-123');
  expect(everything).not.toContain('token-value-456');
  expect(everything).toContain('[redacted]');
  expect(r.logs).toContain('Provider configured');
  expect(new SecretValue('x').reveal()).toBe('x');
});
