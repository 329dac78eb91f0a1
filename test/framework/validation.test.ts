/**
 * Validation through ValidateResourceConfig / ValidateProviderConfig: schema
 * validators with full attribute paths (block indexes included), block
 * counts, unknown values left alone, config validators and hooks.
 */
import { encodeDynamicValue } from '../../src/tftypes/dynamic-value.js';
import { Types } from '../../src/tftypes/type.js';
import {
  atLeastOneOf,
  conflictsWith,
  createProviderServer,
  defineSchema,
  eachElement,
  eachMapKey,
  eachMapValue,
  exactlyOneOf,
  fromModel,
  impliedType,
  intAtLeast,
  oneOf,
  requiredWith,
  sizeAtMost,
  stringLengthAtLeast,
  stringLengthBetween,
  stringMatches,
  UNKNOWN,
  uniqueElements,
} from '../../src/framework/index.js';
import type { Provider, ReadonlyObjectData, Resource, WithConfigValidators, WithValidateConfig } from '../../src/framework/index.js';
import { encode, PROVIDER_SCHEMA, rpc, server, thingConfig, THING_SCHEMA } from './framework-harness.js';

const at = (ds: readonly { attribute?: unknown; summary: string }[]) => ds.map((d) => `${String(d.attribute ?? '')}: ${d.summary}`);

test('attribute validators report the full path, including block indexes', async () => {
  const config = thingConfig({ name: 'x', size: 11, rule: [{ crn: 'not-a-crn', note: null, rid: null }] });
  const resp = await server().validateResourceConfig({ typeName: 'test_thing', config: encode(THING_SCHEMA, config) }, rpc);
  expect(at(resp.diagnostics).sort()).toEqual([
    'name: Invalid Attribute Value Length',
    'rule[0].crn: Invalid Attribute Value Match',
    'size: Invalid Attribute Value',
  ]);
  const crn = resp.diagnostics.find((d) => String(d.attribute) === 'rule[0].crn')!;
  expect(crn.detail).toBe('Attribute rule[0].crn must be a CRN starting with "crn:".');
  expect(crn.detail).not.toContain('not-a-crn'); // values are never quoted
});

test('a valid configuration has no diagnostics', async () => {
  const config = thingConfig({ size: 3, rule: [{ crn: 'crn:v1', note: 'n', rid: null }] });
  const resp = await server().validateResourceConfig({ typeName: 'test_thing', config: encode(THING_SCHEMA, config) }, rpc);
  expect(resp.diagnostics).toEqual([]);
});

test('unknown values are not validated until they are known', async () => {
  const config = { ...thingConfig({ rule: [{ crn: UNKNOWN as unknown as string, note: null, rid: null }] }), name: UNKNOWN };
  const resp = await server().validateResourceConfig({ typeName: 'test_thing', config: encode(THING_SCHEMA, config) }, rpc);
  expect(resp.diagnostics).toEqual([]);
});

test('block item limits are enforced with the block path', async () => {
  const rule = { crn: 'crn:a', note: null, rid: null };
  const resp = await server().validateResourceConfig(
    { typeName: 'test_thing', config: encode(THING_SCHEMA, thingConfig({ rule: [rule, rule] })) },
    rpc,
  );
  expect(at(resp.diagnostics)).toEqual(['rule: Too Many Blocks']);
  expect(resp.diagnostics[0]!.detail).toBe('No more than 1 rule block is allowed, got 2.');
});

// A resource with nested blocks two deep and config validators.
const DEEP = defineSchema({
  attributes: {
    secret_id: { type: Types.string, mode: 'optional' },
    name: { type: Types.string, mode: 'optional' },
    group: { type: Types.string, mode: 'optional' },
    labels: { type: Types.list(Types.string), mode: 'optional', validators: [sizeAtMost(2), eachElement(stringLengthBetween(2, 4)), uniqueElements()] },
    meta: { type: Types.map(Types.string), mode: 'optional', validators: [eachMapKey(stringMatches(/^[a-z]+$/, 'must be lower-case letters')), eachMapValue(stringLengthAtLeast(1))] },
    unit: { type: Types.string, mode: 'optional', validators: [oneOf('day', 'month')] },
    old: { type: Types.string, mode: 'optional', deprecationMessage: 'Use name instead.' },
  },
  blocks: {
    source: {
      nesting: 'list',
      minItems: 1,
      maxItems: 1,
      blocks: {
        role: {
          nesting: 'list',
          maxItems: 1,
          attributes: { crn: { type: Types.string, mode: 'optionalComputed', validators: [stringMatches(/^crn:v1:/, 'must be a role CRN')] } },
        },
        extra: { nesting: 'single', attributes: { n: { type: Types.number, mode: 'optional', validators: [intAtLeast(1)] } } },
      },
    },
  },
});

function deepServer(hook?: (config: ReadonlyObjectData) => string | undefined): ReturnType<typeof createProviderServer> {
  const resource: Resource & WithConfigValidators & WithValidateConfig = {
    typeName: 'test_deep',
    schema: () => DEEP,
    create() {},
    read() {},
    update() {},
    delete() {},
    configValidators: () => [exactlyOneOf('secret_id', 'name'), requiredWith('name', 'group'), conflictsWith('secret_id', 'group'), atLeastOneOf('secret_id', 'name', 'group')],
    validateConfig(req, resp) {
      const problem = hook?.(req.config);
      if (problem) resp.diagnostics.addAttributeError('source[0].role[0].crn', 'Custom Check', problem);
    },
  };
  const provider: Provider = {
    typeName: 'test',
    version: '0',
    schema: () => defineSchema({}, 'provider'),
    configure() {},
    resources: () => [() => resource],
    dataSources: () => [],
  };
  return createProviderServer(provider);
}

const deepConfig = (o: Record<string, unknown> = {}) => ({
  secret_id: 'abc',
  name: null,
  group: null,
  labels: null,
  meta: null,
  unit: null,
  old: null,
  source: [{ role: [{ crn: 'crn:v1:role' }], extra: null }],
  ...o,
});

async function validateDeep(config: unknown, hook?: Parameters<typeof deepServer>[0]) {
  const type = impliedType(DEEP);
  const resp = await deepServer(hook).validateResourceConfig({ typeName: 'test_deep', config: encodeDynamicValue(fromModel(type, config), type) }, rpc);
  return resp.diagnostics;
}

test('nested block paths two levels deep, single blocks, collections', async () => {
  const ds = await validateDeep(
    deepConfig({
      labels: ['ok', 'x', 'ok'],
      meta: { Bad: 'v', good: '' },
      unit: 'week',
      source: [{ role: [{ crn: 'crn:v2:nope' }], extra: { n: 0 } }],
    }),
  );
  expect(at(ds).sort()).toEqual([
    'labels: Invalid Attribute Value Size',
    'labels[1]: Invalid Attribute Value Length',
    'labels[2]: Invalid Attribute Value',
    'meta["Bad"]: Invalid Attribute Value Match',
    'meta["good"]: Invalid Attribute Value Length',
    'source[0].extra.n: Invalid Attribute Value',
    'source[0].role[0].crn: Invalid Attribute Value Match',
    'unit: Invalid Attribute Value',
  ]);
});

test('a missing required block is reported at the block path', async () => {
  expect(at(await validateDeep(deepConfig({ source: [] })))).toEqual(['source: Missing Required Block']);
});

test('deprecated attributes warn', async () => {
  const ds = await validateDeep(deepConfig({ old: 'x' }));
  expect(ds).toEqual([expect.objectContaining({ severity: 'warning', summary: 'Attribute Deprecated', detail: 'Use name instead.' })]);
});

test('config validators: exactlyOneOf, requiredWith, conflictsWith, atLeastOneOf', async () => {
  expect(at(await validateDeep(deepConfig({ secret_id: 'a', name: 'n', group: 'g' }))).sort()).toEqual([
    'group: Invalid Attribute Combination', // conflictsWith(secret_id, group)
    'name: Invalid Attribute Combination', // exactlyOneOf(secret_id, name)
  ]);
  expect(at(await validateDeep(deepConfig({ secret_id: null, name: 'n' })))).toEqual(['name: Invalid Attribute Combination']); // requiredWith
  expect(at(await validateDeep(deepConfig({ secret_id: null })))).toEqual([
    'secret_id: Invalid Attribute Combination', // exactlyOneOf: none set
    'secret_id: Invalid Attribute Combination', // atLeastOneOf
  ]);
  // An unknown value defers the check.
  expect(await validateDeep(deepConfig({ secret_id: UNKNOWN, name: 'n', group: 'g' }))).toEqual([]);
});

test('the resource ValidateConfig hook runs and can use paths', async () => {
  const ds = await validateDeep(deepConfig(), (config) => (config.get('source[0].role[0].crn') === 'crn:v1:role' ? 'role not allowed here' : undefined));
  expect(at(ds)).toEqual(['source[0].role[0].crn: Custom Check']);
});

test('provider config: schema and config validators, deprecation', async () => {
  const s = server();
  const type = impliedType(PROVIDER_SCHEMA);
  const cfg = (m: unknown) => ({ config: encodeDynamicValue(fromModel(type, m), type) });
  expect(at((await s.validateProviderConfig(cfg({ endpoint: null, api_key: null, legacy: null }), rpc)).diagnostics)).toEqual([
    'endpoint: Invalid Attribute Combination',
  ]);
  expect((await s.validateProviderConfig(cfg({ endpoint: 'https://x', api_key: 'k', legacy: null }), rpc)).diagnostics).toEqual([]);
  expect((await s.validateProviderConfig(cfg({ endpoint: null, api_key: null, legacy: 'x' }), rpc)).diagnostics).toEqual([
    expect.objectContaining({ severity: 'warning', summary: 'Attribute Deprecated' }),
  ]);
});
