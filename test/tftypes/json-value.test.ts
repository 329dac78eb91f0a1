import { decodeJsonValue, encodeJsonValue } from '../../src/tftypes/json-value.js';
import { Types } from '../../src/tftypes/type.js';
import { Value, valueEquals } from '../../src/tftypes/value.js';
import type { TfValue } from '../../src/tftypes/value.js';
import { ValueCodecError } from '../../src/tftypes/value-codec-error.js';

const S = Types.string;
const N = Types.number;

describe('JSON values (raw state, DynamicValue.json)', () => {
  const schema = Types.object({ id: S, ttl: S, count: N, labels: Types.list(S), meta: Types.map(S), flag: Types.bool });

  it('missing attributes read as null (state written by an older schema)', () => {
    const v = decodeJsonValue('{"id":"abc","labels":["a","b"]}', schema);
    const expected = Value.object(schema, {
      id: Value.string('abc'),
      ttl: Value.null(S),
      count: Value.null(N),
      labels: Value.list(S, [Value.string('a'), Value.string('b')]),
      meta: Value.null(Types.map(S)),
      flag: Value.null(Types.bool),
    });
    expect(valueEquals(v, expected)).toBe(true);
  });

  it('numbers keep their exact text', () => {
    expect(decodeJsonValue('9007199254740993', N)).toEqual(Value.number(9007199254740993n));
    expect(decodeJsonValue('1.1', N)).toEqual(Value.number('1.1'));
    expect(decodeJsonValue('-9223372036854775808', N)).toEqual(Value.number(-(2n ** 63n)));
    expect(decodeJsonValue('"12"', N)).toEqual(Value.number(12));
    expect(encodeJsonValue(Value.number(2n ** 64n + 1n), N)).toBe('18446744073709551617');
    expect(encodeJsonValue(Value.number('1.1'), N)).toBe('1.1');
  });

  it('converts primitives the way cty does', () => {
    expect(decodeJsonValue('5', S)).toEqual(Value.string('5'));
    expect(decodeJsonValue('true', S)).toEqual(Value.string('true'));
    expect(decodeJsonValue('"false"', Types.bool)).toEqual(Value.bool(false));
  });

  it('dynamic as {"value", "type"} both ways', () => {
    const t = Types.object({ a: Types.list(N) });
    const v = Value.object(t, { a: Value.list(N, [Value.number(1)]) });
    const text = encodeJsonValue(v, Types.dynamic);
    expect(text).toBe('{"value":{"a":[1]},"type":["object",{"a":["list","number"]}]}');
    expect(valueEquals(decodeJsonValue(text, Types.dynamic), v)).toBe(true);
    expect(decodeJsonValue('null', Types.dynamic)).toEqual(Value.null(Types.dynamic));
  });

  it('round-trips with sorted keys, escapes and sets', () => {
    const v = Value.object(schema, {
      id: Value.string('a"b\\c\u2028 ☃ 😀'),
      ttl: Value.string('30d'),
      count: Value.number(0.25),
      labels: Value.list(S, []),
      meta: Value.map(S, { z: Value.string('1'), a: Value.null(S) }),
      flag: Value.bool(true),
    });
    const text = encodeJsonValue(v, schema);
    expect(text.indexOf('"count"')).toBeLessThan(text.indexOf('"flag"'));
    expect(valueEquals(decodeJsonValue(new TextEncoder().encode(text), schema), v)).toBe(true);
    const set = decodeJsonValue('["a","a","b"]', Types.set(S));
    expect(set.state === 'known' && (set.value as TfValue[]).length).toBe(2);
  });

  it('rejects unknowns, unexpected attributes and bad JSON with a path', () => {
    expect(() => encodeJsonValue(Value.unknown(S), S)).toThrow('value is not known');
    expect(() => decodeJsonValue('{"id":"x","extra":1}', schema)).toThrow('unsupported attribute "extra"');
    expect(() => decodeJsonValue('{"labels":[1, {}]}', schema)).toThrow(/^labels\[1\]: string is required, got object$/);
    expect(() => decodeJsonValue('{"id": ', schema)).toThrow(ValueCodecError);
    expect(() => decodeJsonValue('[1]', Types.tuple([N, N]))).toThrow('a tuple of length 2 is required (1 given)');
  });
});
