import * as fromProto from '../../src/tfprotov6/from-proto.js';
import * as toProto from '../../src/tfprotov6/to-proto.js';
import { AttributePath } from '../../src/tftypes/attribute-path.js';
import { Types } from '../../src/tftypes/type.js';

const text = (b: Uint8Array | undefined) => Buffer.from(b!).toString('utf8');

describe('to proto', () => {
  test('schema attribute types are cty type JSON with sorted object keys', () => {
    const attr = toProto.schemaAttribute({
      name: 'source_service',
      type: Types.list(Types.object({ role: Types.string, instance: Types.map(Types.number) })),
      optional: true,
      sensitive: true,
      descriptionKind: 'markdown',
    });
    expect(text(attr.type)).toBe('["list",["object",{"instance":["map","number"],"role":"string"}]]');
    expect(attr).toMatchObject({ name: 'source_service', optional: true, required: false, computed: false, sensitive: true, description_kind: 'MARKDOWN' });
  });

  test('nested blocks keep nesting mode and item limits', () => {
    const block = toProto.schemaBlock({
      attributes: [],
      blockTypes: [{ typeName: 'rotation', nesting: 'list', maxItems: 1, block: { attributes: [], blockTypes: [] } }],
    });
    expect(block.block_types![0]).toMatchObject({ type_name: 'rotation', nesting: 'LIST', min_items: 0, max_items: 1 });
  });

  test('diagnostic paths become protocol steps; a root path is left out', () => {
    const d = toProto.diagnostic({
      severity: 'warning',
      summary: 'S',
      detail: 'D',
      attribute: AttributePath.of('credentials').key('a.b').index(2),
    });
    expect(d).toEqual({
      severity: 'WARNING',
      summary: 'S',
      detail: 'D',
      attribute: { steps: [{ attribute_name: 'credentials' }, { element_key_string: 'a.b' }, { element_key_int: 2 }] },
    });
    expect(toProto.diagnostic({ severity: 'error', summary: 'x', attribute: AttributePath.root })).toEqual({ severity: 'ERROR', summary: 'x' });
  });

  test('GetProviderSchema leaves provider_meta out rather than sending a Schema without a block', () => {
    const res = toProto.getProviderSchemaResponse({
      provider: { version: 0, block: { attributes: [], blockTypes: [] } },
      resourceSchemas: {},
      dataSourceSchemas: {},
      serverCapabilities: { planDestroy: true, getProviderSchemaOptional: true, moveResourceState: false },
      diagnostics: [],
    });
    expect('provider_meta' in res).toBe(false);
    expect(res.server_capabilities).toEqual({ plan_destroy: true, get_provider_schema_optional: true, move_resource_state: false });
  });

  test('absent values stay absent; requires_replace paths and deferral convert', () => {
    expect(toProto.dynamicValue(undefined)).toBeUndefined();
    expect(toProto.attributePath(undefined)).toBeUndefined();
    const res = toProto.planResourceChangeResponse({
      requiresReplace: [AttributePath.of('name')],
      diagnostics: [],
      deferred: { reason: 'provider_config_unknown' },
    });
    expect(res).toEqual({
      requires_replace: [{ steps: [{ attribute_name: 'name' }] }],
      diagnostics: [],
      deferred: { reason: 'PROVIDER_CONFIG_UNKNOWN' },
    });
  });
});

describe('from proto', () => {
  test('empty bytes count as absent; a missing required value becomes an empty DynamicValue', () => {
    expect(fromProto.dynamicValue({ msgpack: new Uint8Array(0) })).toEqual({});
    expect(fromProto.dynamicValue(undefined)).toBeUndefined();
    const req = fromProto.readResourceRequest({ type_name: 'x', private: new Uint8Array(0) });
    expect(req).toEqual({ typeName: 'x', currentState: {} });
  });

  test('raw state carries JSON or flatmap', () => {
    const json = Buffer.from('{"a":1}');
    expect(fromProto.upgradeResourceStateRequest({ type_name: 't', version: 2, raw_state: { json } })).toEqual({
      typeName: 't',
      version: 2,
      rawState: { json },
    });
    expect(fromProto.rawState({ flatmap: { 'tags.%': '0', id: 'x' } })).toEqual({ flatmap: { 'tags.%': '0', id: 'x' } });
  });

  test('client capabilities default to false', () => {
    expect(fromProto.configureProviderRequest({ terraform_version: '1.11.4', client_capabilities: { deferral_allowed: true } })).toEqual({
      terraformVersion: '1.11.4',
      config: {},
      clientCapabilities: { deferralAllowed: true, writeOnlyAttributesAllowed: false },
    });
  });
});
