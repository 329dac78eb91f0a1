/**
 * ConfigureProvider hands provider data to resources and data sources;
 * ReadDataSource starts from config (computed null) and must end wholly known.
 */
import { encodeDynamicValue } from '../../src/tftypes/dynamic-value.js';
import { Types } from '../../src/tftypes/type.js';
import { createProviderServer, defineSchema, fromModel, impliedType, UNKNOWN } from '../../src/framework/index.js';
import type { DataSource, DataSourceReadRequest, DataSourceReadResponse, Provider, WithConfigure } from '../../src/framework/index.js';
import { decode, encode, errorsOf, newWorld, PROVIDER_SCHEMA, rpc, testProvider, THING_SCHEMA, thingConfig } from './framework-harness.js';

const LOOKUP = defineSchema({
  attributes: {
    key: { type: Types.string, mode: 'required' },
    value: { type: Types.string, mode: 'computed' },
    endpoint: { type: Types.string, mode: 'computed' },
  },
});

class LookupDataSource implements DataSource, WithConfigure {
  readonly typeName = 'test_lookup';
  private endpoint: string | null = null;
  schema() {
    return LOOKUP;
  }
  configure(req: { providerData: unknown }) {
    this.endpoint = (req.providerData as { endpoint: string | null } | undefined)?.endpoint ?? null;
  }
  read(req: DataSourceReadRequest, resp: DataSourceReadResponse) {
    const key = req.config.get<string>('key');
    if (key === 'missing') {
      resp.diagnostics.addAttributeError('key', 'Entry Not Found', 'No entry has this key.');
      return;
    }
    if (key === 'lazy') return; // forgets to set computed values: they stay null, which is fine
    if (key === 'broken') return void resp.state.setAttribute('value', UNKNOWN);
    resp.state.setAttribute('value', key.toUpperCase());
    resp.state.setAttribute('endpoint', this.endpoint);
  }
}

const lookupType = impliedType(LOOKUP);
const cfg = (key: string) => encodeDynamicValue(fromModel(lookupType, { key, value: null, endpoint: null }), lookupType);

function makeServer() {
  const world = newWorld();
  const provider: Provider = testProvider(world, { dataSources: () => [() => new LookupDataSource()] });
  return { world, s: createProviderServer(provider) };
}

test('configure passes provider data to data sources and resources', async () => {
  const { world, s } = makeServer();
  const providerType = impliedType(PROVIDER_SCHEMA);
  const configured = await s.configureProvider(
    { terraformVersion: '1.11.4', config: encodeDynamicValue(fromModel(providerType, { endpoint: 'https://e', api_key: 'k', legacy: null }), providerType) },
    rpc,
  );
  expect(configured.diagnostics).toEqual([]);
  const read = await s.readDataSource({ typeName: 'test_lookup', config: cfg('abc') }, rpc);
  expect(read.diagnostics).toEqual([]);
  expect(decode(LOOKUP, read.state)).toEqual({ key: 'abc', value: 'ABC', endpoint: 'https://e' });
  await s.validateResourceConfig({ typeName: 'test_thing', config: encode(THING_SCHEMA, thingConfig()) }, rpc);
  expect(world.configured).toEqual({ endpoint: 'https://e' });
});

test('without ConfigureProvider (terraform validate) resources see undefined provider data', async () => {
  const { s } = makeServer();
  const read = await s.readDataSource({ typeName: 'test_lookup', config: cfg('abc') }, rpc);
  expect(decode(LOOKUP, read.state)).toEqual({ key: 'abc', value: 'ABC', endpoint: null });
});

test('data source errors carry their path; unknown results are a provider bug', async () => {
  const { s } = makeServer();
  const missing = await s.readDataSource({ typeName: 'test_lookup', config: cfg('missing') }, rpc);
  expect(missing.state).toBeUndefined();
  expect(missing.diagnostics).toEqual([expect.objectContaining({ summary: 'Entry Not Found' })]);
  expect(String(missing.diagnostics[0]!.attribute)).toBe('key');

  const broken = await s.readDataSource({ typeName: 'test_lookup', config: cfg('broken') }, rpc);
  expect(errorsOf(broken.diagnostics).map((d) => d.summary)).toEqual(['Provider Returned Unknown Value']);

  const lazy = await s.readDataSource({ typeName: 'test_lookup', config: cfg('lazy') }, rpc);
  expect(lazy.diagnostics).toEqual([]);
  expect(decode(LOOKUP, lazy.state)).toEqual({ key: 'lazy', value: null, endpoint: null });

  const unknownType = await s.readDataSource({ typeName: 'test_nope', config: cfg('x') }, rpc);
  expect(unknownType.diagnostics[0]!.summary).toBe('Unknown Data Source Type');
});
