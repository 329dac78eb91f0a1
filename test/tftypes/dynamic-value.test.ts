import { decodeDynamicValue, decodeRawState, encodeDynamicValue } from '../../src/tftypes/index.js';
import { Types, Value, valueEquals } from '../../src/tftypes/index.js';

describe('DynamicValue and RawState', () => {
  const t = Types.object({ id: Types.string, n: Types.number });
  const v = Value.object(t, { id: Value.string('x'), n: Value.unknown(Types.number) });

  it('prefers msgpack, falls back to json, else a typed null', () => {
    const dv = encodeDynamicValue(v, t);
    expect(valueEquals(decodeDynamicValue(dv, t), v)).toBe(true);
    const json = new TextEncoder().encode('{"id":"j","n":2}');
    expect(decodeDynamicValue({ msgpack: new Uint8Array(0), json }, t)).toMatchObject({ state: 'known' });
    expect(decodeDynamicValue(undefined, t)).toEqual(Value.null(t));
    expect(decodeDynamicValue({}, t)).toEqual(Value.null(t));
  });

  it('reads JSON raw state and refuses flatmap state clearly', () => {
    const state = decodeRawState({ json: new TextEncoder().encode('{"id":"old"}') }, t);
    expect(valueEquals(state, Value.object(t, { id: Value.string('old'), n: Value.null(Types.number) }))).toBe(true);
    expect(() => decodeRawState({ flatmap: { id: 'x', '%': '1' } }, t)).toThrow(/flatmap format .* not supported/);
  });
});
