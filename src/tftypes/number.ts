/**
 * Exact handling of cty numbers (arbitrary precision decimals)
 * in their three JS representations. Canonical form, used by every decoder:
 *   - a JS number when the value is exactly a double and, if integral, |n| ≤ 2^53;
 *   - a bigint for larger integers;
 *   - plain decimal text ("1.1") when the value is not exactly a double.
 */

/** The same union as value.ts's TfNumber, spelled out so value.ts can import this file without a cycle. */
type TfNumber = number | bigint | string;

export class NumberFormatError extends Error {
  override readonly name = 'NumberFormatError';
}

/** value = coef × 10^exp */
interface Decimal {
  readonly coef: bigint;
  readonly exp: number;
}

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_SAFE = 2n ** 53n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
// Beyond this exponent we refuse to materialise digits (cty itself caps precision at 512 bits).
const MAX_EXPONENT = 100_000;

/** Parses decimal text (`-12.5e3`, `.5`, `7.`); `inf`/`Infinity` with sign give ±Infinity. */
export function parseNumberText(text: string): TfNumber {
  const t = text.trim();
  const inf = /^([+-]?)(inf|infinity)$/i.exec(t);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  const d = parseDecimal(t);
  if (d === null) throw new NumberFormatError(`${JSON.stringify(text)} is not a number`);
  return fromDecimal(d);
}

function parseDecimal(text: string): Decimal | null {
  const m = DECIMAL_RE.exec(text);
  if (!m) return null;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return null;
  const e = m[4] === undefined ? 0 : Number(m[4]);
  const exp = e - fracPart.length;
  if (!Number.isSafeInteger(e) || Math.abs(exp) > MAX_EXPONENT) return null;
  const digits = BigInt((intPart + fracPart).replace(/^0+(?=\d)/, '') || '0');
  return { coef: m[1] === '-' ? -digits : digits, exp };
}

function fromDecimal(d: Decimal): TfNumber {
  let { coef, exp } = d;
  if (coef === 0n) return 0;
  while (coef % 10n === 0n) {
    coef /= 10n;
    exp += 1;
  }
  if (exp >= 0) return canonicalInteger(coef * 10n ** BigInt(exp));
  const x = Number(`${coef}e${exp}`);
  if (Number.isFinite(x) && doubleEqualsDecimal(x, coef, -exp)) return x;
  return decimalToPlainText(coef, exp);
}

function canonicalInteger(i: bigint): TfNumber {
  return i <= MAX_SAFE && i >= -MAX_SAFE ? Number(i) : i;
}

/** True when the finite double x equals coef / 10^k exactly (k > 0). */
function doubleEqualsDecimal(x: number, coef: bigint, k: number): boolean {
  const { mantissa, shift } = decomposeDouble(x);
  // x = mantissa / 2^shift; compare cross products to stay in integers.
  return coef * 2n ** BigInt(shift) === mantissa * 10n ** BigInt(k);
}

/** x = mantissa / 2^shift with shift ≥ 0 minimal. */
function decomposeDouble(x: number): { mantissa: bigint; shift: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  let mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  let shift = biased === 0 ? 1074 : 1075 - biased;
  if (shift < 0) {
    mantissa <<= BigInt(-shift);
    shift = 0;
  }
  while (shift > 0 && mantissa % 2n === 0n && mantissa !== 0n) {
    mantissa /= 2n;
    shift -= 1;
  }
  return { mantissa: negative ? -mantissa : mantissa, shift };
}

function decimalToPlainText(coef: bigint, exp: number): string {
  const sign = coef < 0n ? '-' : '';
  const digits = (coef < 0n ? -coef : coef).toString();
  if (exp >= 0) return sign + digits + '0'.repeat(exp);
  const k = -exp;
  if (digits.length > k) return `${sign}${digits.slice(0, digits.length - k)}.${digits.slice(digits.length - k)}`;
  return `${sign}0.${'0'.repeat(k - digits.length)}${digits}`;
}

/** The canonical representation of a number (see file header). NaN stays NaN; -0 becomes 0. */
export function normalizeNumber(n: TfNumber): TfNumber {
  if (typeof n === 'number') {
    if (Number.isInteger(n) && Math.abs(n) > Number.MAX_SAFE_INTEGER + 1) return BigInt(n);
    return Object.is(n, -0) ? 0 : n;
  }
  if (typeof n === 'bigint') return canonicalInteger(n);
  return parseNumberText(n);
}

/** Plain decimal text without exponent, as cty prints numbers in JSON (`bf.Text('f', -1)`). */
export function numberToText(n: TfNumber): string {
  if (typeof n === 'bigint') return n.toString();
  if (typeof n === 'string') {
    const parsed = parseNumberText(n);
    return typeof parsed === 'string' ? parsed : numberToText(parsed);
  }
  if (Number.isNaN(n)) throw new NumberFormatError('NaN is not a number');
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (Number.isInteger(n)) return BigInt(n).toString();
  const shortest = String(n);
  if (!/e/i.test(shortest)) return shortest;
  const d = parseDecimal(shortest);
  return d === null ? shortest : decimalToPlainText(d.coef, d.exp);
}

/** How go-cty puts a number on the msgpack wire: int64 if exact, else float64 if exact, else decimal text. */
export type NumberWireForm =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string };

export function numberWireForm(n: TfNumber): NumberWireForm {
  if (typeof n === 'string') {
    const parsed = parseNumberText(n);
    return typeof parsed === 'string' ? { kind: 'string', value: parsed } : numberWireForm(parsed);
  }
  if (typeof n === 'bigint') {
    if (n >= INT64_MIN && n <= INT64_MAX) return { kind: 'int', value: n };
    const asDouble = Number(n);
    if (Number.isFinite(asDouble) && BigInt(asDouble) === n) return { kind: 'float', value: asDouble };
    return { kind: 'string', value: n.toString() };
  }
  if (Number.isNaN(n)) throw new NumberFormatError('NaN is not a valid number');
  if (Number.isInteger(n)) {
    const i = BigInt(n);
    if (i >= INT64_MIN && i <= INT64_MAX) return { kind: 'int', value: i };
  }
  return { kind: 'float', value: n };
}

/** A number as read off the msgpack wire, in canonical form. Throws NumberFormatError for NaN or non-numeric text. */
export function fromWireNumber(n: {
  readonly kind: 'int' | 'float' | 'string';
  readonly value: number | bigint | string;
}): TfNumber {
  if (n.kind === 'float' && Number.isNaN(n.value)) throw new NumberFormatError('NaN is not a valid number');
  return normalizeNumber(n.value);
}

/** Exact equality across representations (`5`, `5n`, `"5.0"`). */
export function numbersEqual(a: TfNumber, b: TfNumber): boolean {
  const x = safeNormalize(a);
  const y = safeNormalize(b);
  return typeof x === typeof y && (x === y || (Number.isNaN(x) && Number.isNaN(y)));
}

function safeNormalize(n: TfNumber): TfNumber {
  try {
    return normalizeNumber(n);
  } catch {
    return n;
  }
}
