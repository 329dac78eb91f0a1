import { normalizeNumber, numbersEqual, numberToText, numberWireForm, parseNumberText } from '../../src/tftypes/number.js';

describe('numbers stay exact', () => {
  it('parses decimal text into the canonical representation', () => {
    expect(parseNumberText('42')).toBe(42);
    expect(parseNumberText('-0')).toBe(0);
    expect(parseNumberText('1.50')).toBe(1.5);
    expect(parseNumberText('1.1')).toBe('1.1');
    expect(parseNumberText('9007199254740993')).toBe(9007199254740993n);
    expect(parseNumberText('1e3')).toBe(1000);
    expect(parseNumberText('.25')).toBe(0.25);
    expect(parseNumberText('-12.5e-1')).toBe(-1.25);
    expect(parseNumberText('0.000001230')).toBe('0.00000123');
    expect(parseNumberText('-Inf')).toBe(-Infinity);
    expect(() => parseNumberText('abc')).toThrow('is not a number');
    expect(() => parseNumberText('.')).toThrow('is not a number');
  });

  it('keeps ints within 2^53 as numbers, larger ones as bigint', () => {
    expect(normalizeNumber(2n ** 53n)).toBe(2 ** 53);
    expect(normalizeNumber(2n ** 53n + 1n)).toBe(2n ** 53n + 1n);
    expect(normalizeNumber(2 ** 60)).toBe(2n ** 60n);
  });

  it('chooses the go-cty wire form: int64, float64, or text', () => {
    expect(numberWireForm(7)).toEqual({ kind: 'int', value: 7n });
    expect(numberWireForm(0.5)).toEqual({ kind: 'float', value: 0.5 });
    expect(numberWireForm(2 ** 63)).toEqual({ kind: 'float', value: 2 ** 63 });
    expect(numberWireForm('1.1')).toEqual({ kind: 'string', value: '1.1' });
    expect(numberWireForm('3.0')).toEqual({ kind: 'int', value: 3n });
    expect(() => numberWireForm(NaN)).toThrow('NaN');
  });

  it('prints plain decimals without exponent', () => {
    expect(numberToText(1e21)).toBe('1000000000000000000000');
    expect(numberToText(1.5e-7)).toBe('0.00000015');
    expect(numberToText(2n ** 64n)).toBe('18446744073709551616');
    expect(numberToText('1.10')).toBe('1.1');
  });

  it('compares across representations', () => {
    expect(numbersEqual(5, 5n)).toBe(true);
    expect(numbersEqual('1.10', '1.1')).toBe(true);
    expect(numbersEqual('0.5', 0.5)).toBe(true);
    expect(numbersEqual('1.1', 1.1)).toBe(false); // the double 1.1 is not the decimal 1.1
  });
});
