import { Types, typeFromJSON, typeToJSON, typeEquals, typeToString } from '../../src/tftypes/type.js';

describe('type JSON', () => {
  it('round-trips nested types with sorted object keys', () => {
    const t = Types.object({ b: Types.list(Types.string), a: Types.map(Types.number) });
    expect(JSON.stringify(typeToJSON(t))).toBe('["object",{"a":["map","number"],"b":["list","string"]}]');
    expect(typeEquals(typeFromJSON(typeToJSON(t)), t)).toBe(true);
  });

  it('renders a readable form for diagnostics', () => {
    expect(typeToString(Types.set(Types.tuple([Types.bool, Types.dynamic])))).toBe('set(tuple([bool,any]))');
  });

  it('rejects malformed type JSON', () => {
    expect(() => typeFromJSON(['list'])).toThrow('invalid type JSON');
    expect(() => typeFromJSON('int')).toThrow('unknown primitive type');
  });
});
