import { AttributePath } from './attribute-path.js';
import { numbersEqual } from './number.js';
import type { ObjectType, TfType } from './type.js';
import { Types, typeEquals, typeToString } from './type.js';

/**
 * A cty value: null, unknown or known — three variants of one union, never
 * `undefined` for "unknown". Every value carries its type; a value held by a
 * `dynamic` attribute carries its concrete type.
 */
export type TfValue = NullValue | UnknownValue | KnownValue;

export interface NullValue {
  readonly state: 'null';
  readonly type: TfType;
}

export interface UnknownValue {
  readonly state: 'unknown';
  readonly type: TfType;
  /** Refinements decoded from msgpack ext 12; kept only so they can be inspected. */
  readonly refinements?: UnknownRefinements;
}

export interface UnknownRefinements {
  readonly notNull?: boolean;
  readonly stringPrefix?: string;
  readonly numberLower?: readonly [TfNumber, boolean];
  readonly numberUpper?: readonly [TfNumber, boolean];
  readonly lengthLower?: number;
  readonly lengthUpper?: number;
}

/**
 * A number: a JS number when it is exactly representable as a double, a bigint
 * for larger integers, and decimal text otherwise (cty numbers are arbitrary
 * precision; Terraform sends e.g. `1.1` as the string "1.1").
 */
export type TfNumber = number | bigint | string;

export type KnownPayload =
  | string
  | TfNumber
  | boolean
  | readonly TfValue[]
  | Readonly<Record<string, TfValue>>;

export interface KnownValue {
  readonly state: 'known';
  readonly type: TfType;
  /**
   * string → string; number → TfNumber; bool → boolean; list/set/tuple → TfValue[];
   * map/object → record of TfValue. Use the typed accessors below rather than
   * switching on this field.
   */
  readonly value: KnownPayload;
}

export class ValueError extends Error {
  override readonly name = 'ValueError';
}

const EMPTY: Readonly<Record<string, TfValue>> = Object.freeze(Object.create(null));

export const Value = {
  null: (type: TfType): NullValue => ({ state: 'null', type }),
  unknown: (type: TfType): UnknownValue => ({ state: 'unknown', type }),
  string: (s: string): KnownValue => ({ state: 'known', type: Types.string, value: s }),
  number: (n: TfNumber): KnownValue => ({ state: 'known', type: Types.number, value: n }),
  bool: (b: boolean): KnownValue => ({ state: 'known', type: Types.bool, value: b }),
  list: (element: TfType, items: readonly TfValue[]): KnownValue => ({
    state: 'known',
    type: Types.list(element),
    value: items,
  }),
  set: (element: TfType, items: readonly TfValue[]): KnownValue => ({
    state: 'known',
    type: Types.set(element),
    value: items,
  }),
  tuple: (elements: readonly TfType[], items: readonly TfValue[]): KnownValue => ({
    state: 'known',
    type: Types.tuple(elements),
    value: items,
  }),
  map: (element: TfType, entries: Readonly<Record<string, TfValue>>): KnownValue => ({
    state: 'known',
    type: Types.map(element),
    value: entries,
  }),
  /** An object value; every attribute of the type must be present. */
  object: (type: ObjectType, attrs: Readonly<Record<string, TfValue>>): KnownValue => {
    for (const name of Object.keys(type.attributes)) {
      if (!Object.hasOwn(attrs, name)) throw new ValueError(`object value is missing attribute "${name}"`);
    }
    for (const name of Object.keys(attrs)) {
      if (!Object.hasOwn(type.attributes, name)) throw new ValueError(`object value has unexpected attribute "${name}"`);
    }
    return { state: 'known', type, value: attrs };
  },
  emptyRecord: EMPTY,
} as const;

export const isNull = (v: TfValue): v is NullValue => v.state === 'null';
export const isUnknown = (v: TfValue): v is UnknownValue => v.state === 'unknown';
export const isKnown = (v: TfValue): v is KnownValue => v.state === 'known';

function expectKind(v: KnownValue, kinds: readonly TfType['kind'][]): void {
  if (!kinds.includes(v.type.kind)) {
    throw new ValueError(`expected a ${kinds.join(' or ')} value, got ${typeToString(v.type)}`);
  }
}

/** The string of a known string value, or null when null/unknown. */
export function knownString(v: TfValue): string | null {
  if (v.state !== 'known') return null;
  expectKind(v, ['string']);
  return v.value as string;
}

export function knownNumber(v: TfValue): TfNumber | null {
  if (v.state !== 'known') return null;
  expectKind(v, ['number']);
  return v.value as TfNumber;
}

export function knownBool(v: TfValue): boolean | null {
  if (v.state !== 'known') return null;
  expectKind(v, ['bool']);
  return v.value as boolean;
}

/** Elements of a known list, set or tuple; null when null/unknown. */
export function knownElements(v: TfValue): readonly TfValue[] | null {
  if (v.state !== 'known') return null;
  expectKind(v, ['list', 'set', 'tuple']);
  return v.value as readonly TfValue[];
}

/** Entries of a known map or attributes of a known object; null when null/unknown. */
export function knownEntries(v: TfValue): Readonly<Record<string, TfValue>> | null {
  if (v.state !== 'known') return null;
  expectKind(v, ['map', 'object']);
  return v.value as Readonly<Record<string, TfValue>>;
}

/** Converts a TfNumber to a JS number (lossy for huge or very precise values). */
export function toJsNumber(n: TfNumber): number {
  return typeof n === 'number' ? n : Number(n);
}

/** An attribute of an object value. Null/unknown objects yield null/unknown attributes. */
export function getAttribute(obj: TfValue, name: string): TfValue {
  if (obj.type.kind !== 'object') throw new ValueError(`cannot read attribute "${name}" of ${typeToString(obj.type)}`);
  const attrType = Object.hasOwn(obj.type.attributes, name) ? obj.type.attributes[name] : undefined;
  if (attrType === undefined) throw new ValueError(`object has no attribute "${name}"`);
  if (obj.state === 'null') return Value.null(attrType);
  if (obj.state === 'unknown') return Value.unknown(attrType);
  const found = (obj.value as Readonly<Record<string, TfValue>>)[name];
  return found ?? Value.null(attrType);
}

/** Returns a copy of a known object value with one attribute replaced. */
export function withAttribute(obj: TfValue, name: string, attr: TfValue): KnownValue {
  if (obj.state !== 'known' || obj.type.kind !== 'object') {
    throw new ValueError(`cannot set attribute "${name}" on a ${obj.state} ${typeToString(obj.type)}`);
  }
  return { state: 'known', type: obj.type, value: { ...(obj.value as Record<string, TfValue>), [name]: attr } };
}

/**
 * The value at a path, or undefined when the path leads through a null/unknown
 * value or does not exist. Set elements are not addressable.
 */
export function getAtPath(v: TfValue, path: AttributePath): TfValue | undefined {
  let cur: TfValue = v;
  for (const step of path.steps) {
    if (cur.state !== 'known') return undefined;
    const t = cur.type;
    if (step.kind === 'attribute') {
      if (t.kind !== 'object' || !Object.hasOwn(cur.value as object, step.name)) return undefined;
      cur = (cur.value as Record<string, TfValue>)[step.name] as TfValue;
    } else if (step.kind === 'key') {
      if (t.kind !== 'map' || !Object.hasOwn(cur.value as object, step.key)) return undefined;
      cur = (cur.value as Record<string, TfValue>)[step.key] as TfValue;
    } else {
      if (t.kind !== 'list' && t.kind !== 'tuple') return undefined;
      cur = (cur.value as readonly TfValue[])[step.index] as TfValue;
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** True when the value contains no unknown anywhere. */
export function isWhollyKnown(v: TfValue): boolean {
  if (v.state === 'unknown') return false;
  if (v.state === 'null') return true;
  switch (v.type.kind) {
    case 'list':
    case 'set':
    case 'tuple':
      return (v.value as readonly TfValue[]).every(isWhollyKnown);
    case 'map':
    case 'object':
      return Object.values(v.value as Record<string, TfValue>).every(isWhollyKnown);
    default:
      return true;
  }
}

/**
 * Structural equality of two values (types, nullness, unknownness and content).
 * Sets compare as unordered collections.
 */
export function valueEquals(a: TfValue, b: TfValue): boolean {
  if (a.state !== b.state) return false;
  if (!typeEquals(a.type, b.type)) return false;
  if (a.state !== 'known' || b.state !== 'known') return true;
  switch (a.type.kind) {
    case 'string':
    case 'bool':
      return a.value === b.value;
    case 'number':
      return numbersEqual(a.value as TfNumber, b.value as TfNumber);
    case 'list':
    case 'tuple': {
      const x = a.value as readonly TfValue[];
      const y = b.value as readonly TfValue[];
      return x.length === y.length && x.every((e, i) => valueEquals(e, y[i]!));
    }
    case 'set': {
      const x = a.value as readonly TfValue[];
      const y = b.value as readonly TfValue[];
      if (x.length !== y.length) return false;
      const used = new Array<boolean>(y.length).fill(false);
      return x.every((e) => {
        const i = y.findIndex((f, j) => !used[j] && valueEquals(e, f));
        if (i < 0) return false;
        used[i] = true;
        return true;
      });
    }
    case 'map':
    case 'object': {
      const x = a.value as Record<string, TfValue>;
      const y = b.value as Record<string, TfValue>;
      const keys = Object.keys(x);
      return keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && valueEquals(x[k]!, y[k]!));
    }
    case 'dynamic':
      return false;
  }
}

/**
 * Rebuilds a value bottom-up: `fn` sees each node (after its children were
 * transformed) with its path and returns the replacement. Set elements get the
 * set's path, since they are not addressable.
 */
export function transformValue(
  v: TfValue,
  fn: (path: AttributePath, value: TfValue) => TfValue,
  path: AttributePath = AttributePath.root,
): TfValue {
  if (v.state !== 'known') return fn(path, v);
  let next: TfValue = v;
  switch (v.type.kind) {
    case 'list':
    case 'tuple': {
      const items = (v.value as readonly TfValue[]).map((e, i) => transformValue(e, fn, path.index(i)));
      next = { state: 'known', type: v.type, value: items };
      break;
    }
    case 'set': {
      const items = (v.value as readonly TfValue[]).map((e) => transformValue(e, fn, path));
      next = { state: 'known', type: v.type, value: items };
      break;
    }
    case 'map':
    case 'object': {
      const out: Record<string, TfValue> = {};
      const isObj = v.type.kind === 'object';
      for (const [k, e] of Object.entries(v.value as Record<string, TfValue>)) {
        out[k] = transformValue(e, fn, isObj ? path.attribute(k) : path.key(k));
      }
      next = { state: 'known', type: v.type, value: out };
      break;
    }
    default:
      break;
  }
  return fn(path, next);
}
