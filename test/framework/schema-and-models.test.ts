/**
 * Schema definition checks and conversion to the protocol's Schema, the
 * model mapping (toModel/fromModel, ObjectData), paths and diagnostics.
 */
import { AttributePath } from '../../src/tftypes/attribute-path.js';
import { Types } from '../../src/tftypes/type.js';
import { Value } from '../../src/tftypes/value.js';
import {
  attributeDocumentation,
  defineSchema,
  Diagnostics,
  emptyObject,
  fromModel,
  impliedType,
  ModelError,
  ObjectData,
  parsePath,
  PrivateData,
  requiresReplace,
  SchemaDefinitionError,
  stringLengthBetween,
  toModel,
  toProtoSchema,
  UNKNOWN,
} from '../../src/framework/index.js';
import type { Schema } from '../../src/framework/index.js';
import { rpc, server, THING_SCHEMA } from './framework-harness.js';

test('the protocol schema: modes become flags, blocks keep nesting and limits, names sorted', () => {
  const proto = toProtoSchema(THING_SCHEMA);
  expect(proto.version).toBe(2);
  const attr = (n: string) => proto.block.attributes.find((a) => a.name === n);
  expect(attr('id')).toMatchObject({ required: false, optional: false, computed: true, sensitive: false });
  expect(attr('name')).toMatchObject({ required: true, optional: false, computed: false });
  expect(attr('zone')).toMatchObject({ required: false, optional: true, computed: true });
  expect(attr('size')).toMatchObject({ required: false, optional: true, computed: false, type: Types.number });
  expect(attr('token')).toMatchObject({ computed: true, sensitive: true });
  expect(proto.block.attributes.map((a) => a.name)).toEqual(['created', 'id', 'name', 'size', 'tags', 'token', 'zone']);
  expect(proto.block.blockTypes.map((b) => [b.typeName, b.nesting, b.minItems, b.maxItems])).toEqual([
    ['item', 'list', 0, 0],
    ['rule', 'list', 0, 1],
  ]);
  expect(proto.block.description).toBe('A thing kept in memory.');
});

test('the implied type covers attributes and blocks', () => {
  const t = impliedType(THING_SCHEMA);
  expect(Object.keys(t.attributes).sort()).toEqual(['created', 'id', 'item', 'name', 'rule', 'size', 'tags', 'token', 'zone']);
  expect(t.attributes['rule']).toEqual(Types.list(Types.object({ crn: Types.string, note: Types.string, rid: Types.string })));
});

test('schema mistakes are caught at definition time', () => {
  const bad = (s: Schema, kind?: 'resource' | 'provider') => {
    try {
      defineSchema(s, kind);
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(SchemaDefinitionError);
      return (e as SchemaDefinitionError).problems;
    }
  };
  const computedBlock = { nesting: 'list', mode: 'computed', attributes: {} } as unknown as NonNullable<Schema['blocks']>[string];
  expect(bad({ blocks: { iam: computedBlock } })[0]).toMatch(/^iam: blocks have no mode and cannot be computed in protocol 6/);
  expect(bad({ attributes: { Name: { type: Types.string, mode: 'required' } } })).toEqual(['Name: names may only contain a-z, 0-9 and _']);
  expect(bad({ attributes: { x: { type: Types.string, mode: 'required' } }, blocks: { x: { nesting: 'list' } } })).toEqual([
    'x: an attribute and a block have the same name',
  ]);
  expect(bad({ attributes: { x: { type: Types.string, mode: 'sometimes' as 'required' } } })[0]).toMatch(/mode must be one of/);
  expect(bad({ blocks: { b: { nesting: 'list', minItems: 3, maxItems: 1 } } })).toEqual(['b: minItems (3) is larger than maxItems (1)']);
  expect(bad({ blocks: { b: { nesting: 'single', maxItems: 1 } } })[0]).toMatch(/single block/);
  expect(bad({ blocks: { b: { nesting: 'set', attributes: { d: { type: Types.dynamic, mode: 'optional' } } } } })).toEqual([
    'b.d: a set block cannot contain dynamic values',
  ]);
  expect(bad({ attributes: { c: { type: Types.string, mode: 'computed', validators: [stringLengthBetween(1, 2)] } } })[0]).toMatch(/never run/);
  expect(bad({ attributes: { count: { type: Types.number, mode: 'optional' } } })).toEqual(['"count" is reserved by Terraform in resource blocks']);
  expect(bad({ attributes: { alias: { type: Types.string, mode: 'optional' } } }, 'provider')).toEqual(['"alias" is reserved by Terraform in provider blocks']);
});

test('GetProviderSchema and GetMetadata declare plan_destroy and get_provider_schema_optional', async () => {
  const s = server();
  const schema = await s.getProviderSchema({}, rpc);
  expect(schema.serverCapabilities).toEqual({ planDestroy: true, getProviderSchemaOptional: true, moveResourceState: false });
  expect(Object.keys(schema.resourceSchemas)).toEqual(['test_thing']);
  expect(schema.provider.block.attributes.find((a) => a.name === 'api_key')).toMatchObject({ sensitive: true, optional: true });
  expect(schema.diagnostics).toEqual([]);
  const meta = await s.getMetadata({}, rpc);
  expect(meta.resources).toEqual([{ typeName: 'test_thing' }]);
  expect((await s.getFunctions({}, rpc)).functionNames).toEqual([]);
  expect((await s.getResourceIdentitySchemas({}, rpc)).diagnostics).toEqual([]);
  expect((await s.stopProvider({}, rpc)).error).toBe('');
  const move = await s.moveResourceState(
    { sourceProviderAddress: 'a/b/c', sourceTypeName: 'x', sourceSchemaVersion: 0, sourceState: {}, targetTypeName: 'test_thing' },
    rpc,
  );
  expect(move.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'Move Resource State Not Supported' });
});

test('plan modifier and validator descriptions feed the docs', () => {
  expect(attributeDocumentation({ type: Types.string, mode: 'required', description: 'The zone.', planModifiers: [requiresReplace()], validators: [stringLengthBetween(2, 3)] })).toEqual([
    'The zone.',
    'If the value of this attribute changes, Terraform will destroy and recreate the resource.',
    'Validation: length must be between 2 and 3 characters.',
  ]);
});

// ---- models -----------------------------------------------------------------------

test('toModel / fromModel map values to plain JS and back, UNKNOWN for unknown', () => {
  const t = impliedType(THING_SCHEMA);
  const model = {
    id: UNKNOWN,
    name: 'n',
    zone: null,
    size: 3,
    token: UNKNOWN,
    created: null,
    tags: { a: 'b' },
    rule: [{ crn: 'crn:a', note: null, rid: UNKNOWN }],
    item: [],
  };
  const v = fromModel(t, model);
  expect(toModel(v)).toEqual(model);
  expect(() => fromModel(t, { ...model, extra: 1 })).toThrow(new ModelError(AttributePath.of('extra'), 'no such attribute in the schema'));
  const { size: _drop, ...missing } = model;
  expect(() => fromModel(t, missing)).toThrow('size: missing from the model (use null for "no value")');
  expect(() => fromModel(t, { ...model, rule: [{ crn: 7, note: null, rid: null }] })).toThrow('rule[0].crn: a number cannot be used as string');
  expect(() => fromModel(t, { ...model, size: undefined })).toThrow(/size: no value/);
  expect(toModel(fromModel(Types.number, '1.5'))).toBe(1.5);
  expect(fromModel(Types.number, 12345678901234567890n)).toEqual(Value.number(12345678901234567890n));
});

test('ObjectData: typed view, path reads through null and unknown, surgical edits', () => {
  const type = impliedType(THING_SCHEMA);
  const data = new ObjectData(type, emptyObject(THING_SCHEMA));
  expect(data.get('rule')).toEqual([]);
  expect(data.get('name')).toBeNull();
  data.setAttribute('id', 'x-1');
  data.setAttribute('tags', { team: 'a' });
  data.setAttribute('tags["other"]', 'b');
  data.setAttribute('rule', [{ crn: 'crn:1', note: null, rid: UNKNOWN }]);
  data.setAttribute('rule[0].note', 'hello');
  expect(data.modified).toBe(true);
  expect(data.as<{ id: string; tags: Record<string, string>; rule: unknown[] }>()).toMatchObject({
    id: 'x-1',
    tags: { team: 'a', other: 'b' },
    rule: [{ crn: 'crn:1', note: 'hello', rid: UNKNOWN }],
  });
  expect(data.get('rule[0].rid')).toBe(UNKNOWN);
  expect(() => data.setAttribute('rule[3].note', 'x')).toThrow('rule[3].note: index 3 is out of range (1 elements)');
  expect(() => data.setAttribute('nope', 'x')).toThrow('nope: no such attribute path in the schema');
  expect(() => data.setAttribute('id', 5)).toThrow('id: a number cannot be used as string');
  data.setAttribute('size', UNKNOWN);
  expect(data.get('size')).toBe(UNKNOWN);
  const empty = ObjectData.null(type);
  expect(empty.get('rule[0].crn')).toBeNull();
  expect(() => empty.as()).toThrow('the object is null');
});

test('paths parse the way diagnostics print them', () => {
  for (const text of ['name', 'source_service[0].role[0].crn', 'credentials["cos_hmac_keys.access_key_id"]', 'a.b[12]["k\\"q"].c']) {
    expect(parsePath(text).toString()).toBe(text);
  }
  expect(parsePath('').isRoot).toBe(true);
  expect(() => parsePath('a..b')).toThrow(/invalid attribute path/);
  expect(() => parsePath('a[x]')).toThrow(/invalid attribute path/);
});

test('Diagnostics: add, append, hasError, paths from strings', () => {
  const d = new Diagnostics().addWarning('Heads Up', 'Something to know.');
  expect(d.hasError()).toBe(false);
  d.addAttributeError('rule[0].crn', 'Invalid CRN', 'Use a CRN.');
  const other = new Diagnostics().addError('Other Problem');
  d.append(other, { severity: 'warning', summary: 'Single' }, [{ severity: 'error', summary: 'From Array' }]);
  expect(d.hasError()).toBe(true);
  expect(d.errors().map((x) => x.summary)).toEqual(['Invalid CRN', 'Other Problem', 'From Array']);
  expect(d.warnings()).toHaveLength(2);
  expect(String(d.toArray()[1]!.attribute)).toBe('rule[0].crn');
  expect(d.toArray()[2]).toEqual({ severity: 'error', summary: 'Other Problem' });
});

test('PrivateData is a small JSON key/value store', () => {
  const p = new PrivateData();
  expect(p.toBytes()).toBeUndefined();
  p.set('b', 2);
  p.set('a', { x: [1] });
  expect(new TextDecoder().decode(p.toBytes())).toBe('{"a":{"x":[1]},"b":2}');
  const back = PrivateData.fromBytes(p.toBytes());
  expect(back.get('a')).toEqual({ x: [1] });
  back.set('a', undefined);
  expect(back.keys()).toEqual(['b']);
  expect(PrivateData.fromBytes(new TextEncoder().encode('not json')).keys()).toEqual([]);
});
