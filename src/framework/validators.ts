/**
 * Ready-made attribute validators. The framework calls them only with
 * known, non-null values and reports at the attribute's full path, e.g.
 * `source_service[0].role[0].crn`. Messages never quote the value (it may
 * be sensitive).
 *
 *   validators: [stringLengthBetween(2, 256), stringMatches(/^[a-z]/, 'must start with a lower-case letter')]
 *   validators: [sizeAtMost(30), eachElement(stringLengthBetween(2, 64))]
 *   validators: [intBetween(1, 90)]
 */
import type { AttributePath } from '../tftypes/attribute-path.js';
import type { KnownValue, TfNumber, TfValue } from '../tftypes/value.js';
import { numbersEqual } from '../tftypes/number.js';
import type { Diagnostics } from './diagnostics.js';
import type { AttributeValidator, AttributeValidatorRequest } from './validator.js';

/** Builds a validator from a description and a function. */
export function validator(
  description: string,
  validate: (req: AttributeValidatorRequest, diagnostics: Diagnostics) => void,
): AttributeValidator {
  return { description, validate };
}

const INVALID = 'Invalid Attribute Value';

function fail(d: Diagnostics, path: AttributePath, summary: string, what: string): void {
  d.addAttributeError(path, summary, `Attribute ${path.toString()} ${what}.`);
}

const textLength = (s: string): number => [...s].length;

function stringOf(v: KnownValue): string | undefined {
  return v.type.kind === 'string' ? (v.value as string) : undefined;
}

/** "between 1 and 5", "at least 1" or "at most 5": the bounds a validator enforces. */
function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

const outside = (n: number, min: number | undefined, max: number | undefined): boolean =>
  (min !== undefined && n < min) || (max !== undefined && n > max);

function lengthValidator(min: number | undefined, max: number | undefined): AttributeValidator {
  const range = rangeText(min, max);
  return validator(`length must be ${range} characters`, (req, d) => {
    const s = stringOf(req.value);
    if (s === undefined) return;
    const n = textLength(s);
    if (outside(n, min, max)) fail(d, req.path, 'Invalid Attribute Value Length', `must be ${range} characters long, got ${n}`);
  });
}

export function stringLengthBetween(min: number, max: number): AttributeValidator {
  return lengthValidator(min, max);
}

export function stringLengthAtLeast(min: number): AttributeValidator {
  return lengthValidator(min, undefined);
}

export function stringLengthAtMost(max: number): AttributeValidator {
  return lengthValidator(undefined, max);
}

/** `message` completes "Attribute <path> ...", e.g. 'must start and end with a letter or digit'. */
export function stringMatches(pattern: RegExp, message: string): AttributeValidator {
  return validator(message, (req, d) => {
    const s = stringOf(req.value);
    if (s === undefined) return;
    pattern.lastIndex = 0;
    if (!pattern.test(s)) fail(d, req.path, 'Invalid Attribute Value Match', message);
  });
}

/** The value must be one of `values` (strings or numbers). */
export function oneOf(...values: readonly (string | number)[]): AttributeValidator {
  const list = values.map((v) => JSON.stringify(v)).join(', ');
  return validator(`value must be one of: ${list}`, (req, d) => {
    const v = req.value.value;
    const ok = values.some((allowed) =>
      typeof allowed === 'string' ? v === allowed : req.value.type.kind === 'number' && numbersEqual(v as TfNumber, allowed),
    );
    if (!ok) fail(d, req.path, INVALID, `must be one of: ${list}`);
  });
}

function checkInteger(req: AttributeValidatorRequest, d: Diagnostics, min: number | undefined, max: number | undefined): void {
  if (req.value.type.kind !== 'number') return;
  const n = Number(req.value.value as TfNumber);
  const range = rangeText(min, max);
  if (!Number.isInteger(n)) fail(d, req.path, INVALID, `must be a whole number ${range}`);
  else if (outside(n, min, max)) fail(d, req.path, INVALID, `must be ${range}, got ${n}`);
}

export function intBetween(min: number, max: number): AttributeValidator {
  return validator(`value must be a whole number between ${min} and ${max}`, (req, d) => checkInteger(req, d, min, max));
}

export function intAtLeast(min: number): AttributeValidator {
  return validator(`value must be a whole number of at least ${min}`, (req, d) => checkInteger(req, d, min, undefined));
}

export function intAtMost(max: number): AttributeValidator {
  return validator(`value must be a whole number of at most ${max}`, (req, d) => checkInteger(req, d, undefined, max));
}

function sizeOf(v: KnownValue): number | undefined {
  switch (v.type.kind) {
    case 'list':
    case 'set':
    case 'tuple':
      return (v.value as readonly TfValue[]).length;
    case 'map':
      return Object.keys(v.value as object).length;
    default:
      return undefined;
  }
}

function checkSize(req: AttributeValidatorRequest, d: Diagnostics, min: number | undefined, max: number | undefined): void {
  const n = sizeOf(req.value);
  if (n === undefined || !outside(n, min, max)) return;
  fail(d, req.path, 'Invalid Attribute Value Size', `must contain ${rangeText(min, max)} elements, got ${n}`);
}

/** Number of elements of a list, set or map (or blocks). */
export function sizeBetween(min: number, max: number): AttributeValidator {
  return validator(`must contain between ${min} and ${max} elements`, (req, d) => checkSize(req, d, min, max));
}

export function sizeAtLeast(min: number): AttributeValidator {
  return validator(`must contain at least ${min} elements`, (req, d) => checkSize(req, d, min, undefined));
}

export function sizeAtMost(max: number): AttributeValidator {
  return validator(`must contain at most ${max} elements`, (req, d) => checkSize(req, d, undefined, max));
}

function runOn(validators: readonly AttributeValidator[], req: AttributeValidatorRequest, value: TfValue, path: AttributePath, d: Diagnostics): void {
  if (value.state !== 'known') return;
  for (const v of validators) v.validate({ path, value, config: req.config }, d);
}

/** Applies validators to every known element of a list or set (sets report at the set's path). */
export function eachElement(...validators: readonly AttributeValidator[]): AttributeValidator {
  return validator(`each element: ${validators.map((v) => v.description).join('; ')}`, (req, d) => {
    if (req.value.type.kind !== 'list' && req.value.type.kind !== 'set' && req.value.type.kind !== 'tuple') return;
    const items = req.value.value as readonly TfValue[];
    items.forEach((e, i) => runOn(validators, req, e, req.value.type.kind === 'set' ? req.path : req.path.index(i), d));
  });
}

/** Applies validators to every known value of a map. */
export function eachMapValue(...validators: readonly AttributeValidator[]): AttributeValidator {
  return validator(`each value: ${validators.map((v) => v.description).join('; ')}`, (req, d) => {
    if (req.value.type.kind !== 'map') return;
    for (const [k, e] of Object.entries(req.value.value as Record<string, TfValue>)) runOn(validators, req, e, req.path.key(k), d);
  });
}

/** Applies string validators to every key of a map. */
export function eachMapKey(...validators: readonly AttributeValidator[]): AttributeValidator {
  return validator(`each key: ${validators.map((v) => v.description).join('; ')}`, (req, d) => {
    if (req.value.type.kind !== 'map') return;
    for (const k of Object.keys(req.value.value as object)) {
      runOn(validators, req, { state: 'known', type: { kind: 'string' }, value: k }, req.path.key(k), d);
    }
  });
}

/** No two known elements of a list are equal. */
export function uniqueElements(): AttributeValidator {
  return validator('elements must be unique', (req, d) => {
    if (req.value.type.kind !== 'list') return;
    const seen = new Set<string>();
    (req.value.value as readonly TfValue[]).forEach((e, i) => {
      if (e.state !== 'known' || typeof e.value === 'object') return;
      const key = `${typeof e.value}:${String(e.value)}`;
      if (seen.has(key)) fail(d, req.path.index(i), INVALID, 'repeats an earlier element; elements must be unique');
      seen.add(key);
    });
  });
}
