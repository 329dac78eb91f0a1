import { decode as referenceDecode } from '@msgpack/msgpack';
import { decodeMsgpack, encodeMsgpack } from '../../src/tftypes/msgpack.js';
import { Types } from '../../src/tftypes/type.js';
import type { ObjectType, TfType } from '../../src/tftypes/type.js';
import { Value, valueEquals } from '../../src/tftypes/value.js';
import type { TfValue } from '../../src/tftypes/value.js';
import { ValueCodecError } from '../../src/tftypes/value-codec-error.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').replace(/(..)(?!$)/g, '$1 ');
const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

function roundTrip(v: TfValue, t: TfType, crossCheck = true): TfValue {
  const encoded = encodeMsgpack(v, t);
  // An independent msgpack implementation must accept every byte we write.
  if (crossCheck) expect(() => referenceDecode(encoded, { useBigInt64: true })).not.toThrow();
  const back = decodeMsgpack(encoded, t);
  expect(valueEquals(back, v)).toBe(true);
  return back;
}

const S = Types.string;
const N = Types.number;

describe('golden bytes (as go-cty writes them)', () => {
  const obj = Types.object({ b: S, a: S });
  const cases: [string, TfValue, TfType, string][] = [
    ['object {a="x", b=null}, keys sorted', Value.object(obj, { b: Value.null(S), a: Value.string('x') }), obj, '82 a1 61 a1 78 a1 62 c0'],
    ['unknown', Value.unknown(S), S, 'd4 00 00'],
    ['null', Value.null(Types.list(S)), Types.list(S), 'c0'],
    ['true', Value.bool(true), Types.bool, 'c3'],
    ['1.1 as decimal text', Value.number('1.1'), N, 'a3 31 2e 31'],
    ['1.5 as float64', Value.number(1.5), N, 'cb 3f f8 00 00 00 00 00 00'],
    ['300 as uint16', Value.number(300), N, 'cd 01 2c'],
    ['-1 as negative fixint', Value.number(-1), N, 'ff'],
    ['-33 as int8', Value.number(-33), N, 'd0 df'],
    ['-0 as 0', Value.number(-0), N, '00'],
    ['2^53+1 as uint64', Value.number(2n ** 53n + 1n), N, 'cf 00 20 00 00 00 00 00 01'],
    ['int64 min', Value.number(-(2n ** 63n)), N, 'd3 80 00 00 00 00 00 00 00'],
    ['int64 max', Value.number(2n ** 63n - 1n), N, 'cf 7f ff ff ff ff ff ff ff'],
    ['2^64 as float64 (not int64, exact double)', Value.number(2n ** 64n), N, 'cb 43 f0 00 00 00 00 00 00'],
    ['2^64+1 as decimal text', Value.number(2n ** 64n + 1n), N, 'b4 31 38 34 34 36 37 34 34 30 37 33 37 30 39 35 35 31 36 31 37'],
    ['dynamic string', Value.string('hi'), Types.dynamic, '92 c4 08 22 73 74 72 69 6e 67 22 a2 68 69'],
    ['list with an unknown', Value.list(S, [Value.string('a'), Value.unknown(S)]), Types.list(S), '92 a1 61 d4 00 00'],
    ['map, keys sorted', Value.map(N, { b: Value.number(1), a: Value.number(2) }), Types.map(N), '82 a1 61 02 a1 62 01'],
    ['set duplicates collapse', Value.set(Types.bool, [Value.bool(true), Value.bool(true), Value.bool(false)]), Types.set(Types.bool), '92 c3 c2'],
    ['tuple', Value.tuple([S, N], [Value.string('a'), Value.number(1)]), Types.tuple([S, N]), '92 a1 61 01'],
    ['empty list', Value.list(S, []), Types.list(S), '90'],
  ];
  it.each(cases)('%s', (_name, v, t, expected) => {
    expect(hex(encodeMsgpack(v, t))).toBe(expected);
  });

  it('writes a 40-character string as str8 and 16 entries as map16', () => {
    expect(hex(encodeMsgpack(Value.string('x'.repeat(40)), S)).slice(0, 5)).toBe('d9 28');
    const entries: Record<string, TfValue> = {};
    for (let i = 0; i < 16; i++) entries[`k${String(i).padStart(2, '0')}`] = Value.bool(true);
    expect(hex(encodeMsgpack(Value.map(Types.bool, entries), Types.map(Types.bool))).slice(0, 8)).toBe('de 00 10');
  });

  it('refined unknown string (not null, prefix "ab") as ext 12', () => {
    const v: TfValue = { state: 'unknown', type: S, refinements: { notNull: true, stringPrefix: 'ab' } };
    expect(hex(encodeMsgpack(v, S))).toBe('c7 07 0c 82 01 c2 02 a2 61 62');
  });
});

describe('round trips', () => {
  const inner = Types.object({ name: S, port: N, tags: Types.set(S) });
  const schema: ObjectType = Types.object({
    id: S,
    count: N,
    enabled: Types.bool,
    labels: Types.list(S),
    meta: Types.map(S),
    items: Types.list(inner),
    pair: Types.tuple([S, Types.bool]),
    anything: Types.dynamic,
  });
  const item = (name: string): TfValue =>
    Value.object(inner, { name: Value.string(name), port: Value.unknown(N), tags: Value.set(S, [Value.string('t')]) });

  it('every kind, with nested unknowns in lists, maps and objects', () => {
    const v = Value.object(schema, {
      id: Value.string('abc'),
      count: Value.number(3),
      enabled: Value.bool(false),
      labels: Value.list(S, [Value.string('x'), Value.unknown(S)]),
      meta: Value.map(S, { k: Value.unknown(S), 'a.b': Value.string('v'), __proto__x: Value.null(S) }),
      items: Value.list(inner, [item('one'), Value.unknown(inner)]),
      pair: Value.tuple([S, Types.bool], [Value.null(S), Value.bool(true)]),
      anything: Value.object(Types.object({ deep: Types.list(N) }), { deep: Value.list(N, [Value.number(1.25)]) }),
    });
    roundTrip(v, schema);
  });

  it('null vs empty collections stay distinct', () => {
    for (const t of [Types.list(S), Types.set(S), Types.map(S)]) {
      const empty = t.kind === 'map' ? Value.map(S, {}) : { state: 'known' as const, type: t, value: [] };
      expect(hex(encodeMsgpack(Value.null(t), t))).toBe('c0');
      expect(decodeMsgpack(encodeMsgpack(empty, t), t)).toMatchObject({ state: 'known' });
      expect(decodeMsgpack(encodeMsgpack(Value.null(t), t), t).state).toBe('null');
    }
    const emptyObj = Types.object({});
    roundTrip(Value.object(emptyObj, {}), emptyObj);
  });

  it('unknown and null at the top and inside a dynamic', () => {
    roundTrip(Value.unknown(schema), schema);
    roundTrip(Value.null(schema), schema);
    expect(hex(encodeMsgpack(Value.unknown(Types.dynamic), Types.dynamic))).toBe('d4 00 00');
    expect(hex(encodeMsgpack(Value.null(Types.dynamic), Types.dynamic))).toBe('c0');
    // A typed unknown in a dynamic slot keeps its type: [type, ext].
    const back = roundTrip(Value.unknown(Types.list(S)), Types.dynamic);
    expect(back.type).toEqual(Types.list(S));
  });

  it('map keys that are JS prototype names', () => {
    const entries: Record<string, TfValue> = Object.create(null);
    entries['__proto__'] = Value.string('p');
    entries['constructor'] = Value.string('c');
    // (@msgpack/msgpack itself refuses a "__proto__" key, hence no cross-check here.)
    const back = roundTrip(Value.map(S, entries), Types.map(S), false);
    expect(Object.keys(back.state === 'known' ? (back.value as object) : {})).toEqual(['__proto__', 'constructor']);
  });

  it('numbers: big ints, int64 bounds, decimals, floats', () => {
    const values: [bigint | number | string, bigint | number | string][] = [
      [2n ** 53n + 1n, 2n ** 53n + 1n],
      [-(2n ** 63n), -(2n ** 63n)],
      [2n ** 63n - 1n, 2n ** 63n - 1n],
      [2n ** 70n, 2n ** 70n],
      ['1.1', '1.1'],
      ['0.30000000000000000000001', '0.30000000000000000000001'],
      [0.1, 0.1],
      [-2.5e-300, -2.5e-300],
      [Infinity, Infinity],
      [9007199254740992, 9007199254740992],
    ];
    for (const [input, expected] of values) {
      const back = decodeMsgpack(encodeMsgpack(Value.number(input), N), N);
      expect(back).toEqual({ state: 'known', type: N, value: expected });
    }
  });

  it('dynamic holding a nested object keeps the concrete type', () => {
    const t = Types.object({ a: Types.list(Types.object({ b: N })), c: Types.map(Types.bool) });
    const v = Value.object(t, {
      a: Value.list(Types.object({ b: N }), [Value.object(Types.object({ b: N }), { b: Value.number(7) })]),
      c: Value.null(Types.map(Types.bool)),
    });
    const back = roundTrip(v, Types.dynamic);
    expect(back.type).toEqual(t);
    expect(hex(encodeMsgpack(v, Types.dynamic)).startsWith('92 c4')).toBe(true);
  });

  it('sets with duplicates collapse on decode, unknown elements stay', () => {
    const t = Types.set(S);
    const back = decodeMsgpack(bytes('95 a1 61 a1 61 a1 62 d4 00 00 d4 00 00'), t);
    expect(back.state === 'known' && (back.value as TfValue[]).map((e) => e.state)).toEqual([
      'known',
      'known',
      'unknown',
      'unknown',
    ]);
    const objects = Types.set(Types.object({ n: N }));
    const twice = decodeMsgpack(bytes('92 81 a1 6e 01 81 a1 6e cb 3f f0 00 00 00 00 00 00'), objects);
    expect(twice.state === 'known' && (twice.value as TfValue[]).length).toBe(1);
  });
});

describe('decoding what Terraform may send', () => {
  it('reads any integer width, float32 and decimal text as numbers', () => {
    const cases: [string, unknown][] = [
      ['cc ff', 255],
      ['d1 ff 00', -256],
      ['ce 00 01 00 00', 65536],
      ['cf 00 00 00 00 00 00 00 05', 5],
      ['d3 ff ff ff ff ff ff ff fb', -5],
      ['ca 3f c0 00 00', 1.5],
      ['cb 3f f0 00 00 00 00 00 00', 1],
      ['a3 31 2e 30', 1],
      ['a4 31 65 32 30', 100000000000000000000n],
      ['a3 2d 2e 35', -0.5],
    ];
    for (const [h, expected] of cases) expect(decodeMsgpack(bytes(h), N)).toEqual(Value.number(expected as number));
  });

  it('any extension is unknown, whatever its type code or payload', () => {
    for (const h of ['d4 00 00', 'd4 05 ff', 'c7 00 0c', 'd4 0c 00', 'd5 07 01 02', 'c7 03 0c 81 63 64']) {
      expect(decodeMsgpack(bytes(h), S)).toEqual(Value.unknown(S));
    }
  });

  it('ext 12 refinements with every key', () => {
    // number: not null, lower bound [1, inclusive], upper bound [10.5, exclusive], plus an unknown key 9.
    const num = decodeMsgpack(bytes('c7 15 0c 84 01 c2 03 92 01 c3 04 92 cb 40 25 00 00 00 00 00 00 c2 09 c0'), N);
    expect(num).toEqual({ state: 'unknown', type: N, refinements: { notNull: true, numberLower: [1, true], numberUpper: [10.5, false] } });
    const str = decodeMsgpack(bytes('c7 07 0c 82 01 c2 02 a2 61 62'), S);
    expect(str).toEqual({ state: 'unknown', type: S, refinements: { notNull: true, stringPrefix: 'ab' } });
    const list = decodeMsgpack(bytes('c7 05 0c 82 05 01 06 03'), Types.list(S));
    expect(list).toEqual({ state: 'unknown', type: Types.list(S), refinements: { lengthLower: 1, lengthUpper: 3 } });
    // Re-encoding a decoded refined unknown reproduces the payload.
    expect(hex(encodeMsgpack(str, S))).toBe('c7 07 0c 82 01 c2 02 a2 61 62');
    expect(hex(encodeMsgpack(list, Types.list(S)))).toBe('c7 05 0c 82 05 01 06 03');
  });

  it('ext 12 saying "definitely null" is a null; malformed payloads are plain unknowns', () => {
    expect(decodeMsgpack(bytes('c7 03 0c 81 01 c3'), S)).toEqual(Value.null(S));
    // prefix refinement on a number, not a map, truncated map: plain unknown.
    for (const h of ['c7 04 0c 81 02 a1 61', 'c7 02 0c a1 61', 'c7 02 0c 82 01']) {
      expect(decodeMsgpack(bytes(h), N)).toEqual(Value.unknown(N));
    }
    // Refinements on a dynamic unknown are ignored.
    expect(decodeMsgpack(bytes('c7 03 0c 81 01 c2'), Types.dynamic)).toEqual(Value.unknown(Types.dynamic));
  });

  it('object keys may come in any order', () => {
    const t = Types.object({ a: S, b: S });
    const v = decodeMsgpack(bytes('82 a1 62 c0 a1 61 a1 78'), t);
    expect(valueEquals(v, Value.object(t, { a: Value.string('x'), b: Value.null(S) }))).toBe(true);
  });
});

describe('errors name the problem and the path', () => {
  const t = Types.object({ a: S, b: S });
  const expectCodecError = (fn: () => unknown, message: string | RegExp): void => {
    let err: unknown;
    try {
      fn();
    } catch (e: unknown) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValueCodecError);
    expect((err as Error).message).toMatch(message);
  };

  it('wrong attribute count like cty, naming the missing attribute', () => {
    expectCodecError(() => decodeMsgpack(bytes('81 a1 61 a1 78'), t), 'an object with 2 attributes is required (1 given); missing "b"');
    expectCodecError(() => decodeMsgpack(bytes('80'), t), 'an object with 2 attributes is required (0 given); missing "a", "b"');
  });

  it('unexpected attribute', () => {
    expectCodecError(() => decodeMsgpack(bytes('83 a1 61 c0 a1 62 c0 a1 63 c0'), t), 'unsupported attribute "c"');
  });

  it('type mismatches carry the path', () => {
    const nested = Types.object({ items: Types.list(Types.object({ name: S })) });
    // {items: [{name: "x"}, {name: 5}]}
    expectCodecError(
      () => decodeMsgpack(bytes('81 a5 69 74 65 6d 73 92 81 a4 6e 61 6d 65 a1 78 81 a4 6e 61 6d 65 05'), nested),
      /^items\[1\]\.name: string is required, got number$/,
    );
    expectCodecError(() => decodeMsgpack(bytes('a1 61'), Types.list(S)), 'a list is required, got string');
    expectCodecError(() => decodeMsgpack(bytes('a3 61 62 63'), N), 'number is required, got non-numeric text');
    expectCodecError(() => decodeMsgpack(bytes('92 01'), Types.tuple([N])), 'a tuple of length 1 is required (2 given)');
    expectCodecError(() => decodeMsgpack(bytes('92 a1 61'), Types.list(S)), /unexpected end/);
    expectCodecError(() => decodeMsgpack(bytes('c0 c0'), S), /unexpected data after the value/);
    expectCodecError(() => decodeMsgpack(bytes('93 c4 01 22 01 02'), Types.dynamic), 'two-element array');
  });

  it('NaN is rejected both ways', () => {
    expectCodecError(() => encodeMsgpack(Value.number(NaN), N), 'NaN');
    expectCodecError(() => decodeMsgpack(bytes('cb 7f f8 00 00 00 00 00 00'), N), 'NaN');
  });

  it('encoding a value that does not match the schema type', () => {
    const schema = Types.object({ tags: Types.map(S) });
    expectCodecError(
      () => encodeMsgpack(Value.object(schema, { tags: Value.map(S, { k: Value.number(1) }) }), schema),
      /^tags\["k"\]: string is required, got number$/,
    );
    expectCodecError(() => encodeMsgpack({ state: 'known', type: t, value: { a: Value.string('x') } }, t), 'attribute "b" is required');
    expectCodecError(() => encodeMsgpack(Value.string('x'), Types.bool), 'bool is required, got string');
    expectCodecError(() => encodeMsgpack({ state: 'known', type: Types.dynamic, value: 'x' }, Types.dynamic), 'concrete type');
  });
});
