/**
 * The payload of msgpack extension 12 (a refined unknown, go-cty
 * cty/msgpack/unknown.go): a map with small int keys — 1 nullness (false =
 * definitely not null), 2 string prefix, 3/4 number lower/upper bound as
 * [number, inclusive], 5/6 collection length lower/upper bound. Unknown keys
 * are ignored; a payload that does not fit the type is treated as no
 * refinement at all (the value stays unknown, which is always safe).
 */
import { MsgpackReader } from './msgpack-reader.js';
import { MsgpackWriter } from './msgpack-writer.js';
import { fromWireNumber, numberWireForm } from './number.js';
import type { TfType } from './type.js';
import { isCollectionType } from './type.js';
import type { TfNumber, UnknownRefinements } from './value.js';

export const REFINED_UNKNOWN_EXT = 12;
const MAX_PAYLOAD = 1024;

const KEY = { nullness: 1, prefix: 2, numberMin: 3, numberMax: 4, lengthMin: 5, lengthMax: 6 } as const;

/** 'null' when the payload says the value is definitely null (cty collapses that to a known null). */
export type DecodedRefinements = UnknownRefinements | 'null' | undefined;

export function decodeRefinements(payload: Uint8Array, type: TfType): DecodedRefinements {
  if (payload.length > MAX_PAYLOAD || type.kind === 'dynamic') return undefined;
  try {
    return readRefinements(new MsgpackReader(payload), type);
  } catch {
    return undefined;
  }
}

function readRefinements(r: MsgpackReader, type: TfType): DecodedRefinements {
  const count = r.readMapHeader();
  if (count === undefined) return undefined;
  const out: { -readonly [K in keyof UnknownRefinements]: UnknownRefinements[K] } = {};
  for (let i = 0; i < count; i++) {
    const key = r.readNumber();
    if (key === undefined || key.kind !== 'int') return undefined;
    switch (Number(key.value)) {
      case KEY.nullness: {
        const isNull = r.readBool();
        if (isNull === undefined) return undefined;
        if (isNull) return 'null';
        out.notNull = true;
        break;
      }
      case KEY.prefix: {
        const prefix = r.readString();
        if (type.kind !== 'string' || prefix === undefined) return undefined;
        out.stringPrefix = prefix;
        break;
      }
      case KEY.numberMin:
      case KEY.numberMax: {
        const bound = type.kind === 'number' ? readBound(r) : undefined;
        if (bound === undefined) return undefined;
        if (Number(key.value) === KEY.numberMin) out.numberLower = bound;
        else out.numberUpper = bound;
        break;
      }
      case KEY.lengthMin:
      case KEY.lengthMax: {
        const n = r.readNumber();
        if (!isCollectionType(type) || n === undefined || n.kind !== 'int') return undefined;
        if (Number(key.value) === KEY.lengthMin) out.lengthLower = Number(n.value);
        else out.lengthUpper = Number(n.value);
        break;
      }
      default:
        r.skip();
    }
  }
  return out;
}

function readBound(r: MsgpackReader): readonly [TfNumber, boolean] | undefined {
  if (r.readArrayHeader() !== 2) return undefined;
  const n = r.readNumber();
  if (n === undefined) return undefined;
  const inclusive = r.readBool();
  if (inclusive === undefined) return undefined;
  return [fromWireNumber(n), inclusive];
}

/** The ext 12 payload for the refinements that apply to `type`, or undefined when there are none. */
export function encodeRefinements(refs: UnknownRefinements | undefined, type: TfType): Uint8Array | undefined {
  if (refs === undefined || type.kind === 'dynamic') return undefined;
  const body = new MsgpackWriter();
  let entries = 0;
  const entry = (key: number, write: () => void): void => {
    entries += 1;
    body.int(BigInt(key));
    write();
  };
  if (refs.notNull) entry(KEY.nullness, () => body.bool(false));
  if (type.kind === 'number') {
    if (refs.numberLower) entry(KEY.numberMin, () => writeBound(body, refs.numberLower!));
    if (refs.numberUpper) entry(KEY.numberMax, () => writeBound(body, refs.numberUpper!));
  } else if (type.kind === 'string') {
    if (refs.stringPrefix) entry(KEY.prefix, () => body.str(refs.stringPrefix!));
  } else if (isCollectionType(type)) {
    if (refs.lengthLower !== undefined && refs.lengthLower !== 0) {
      entry(KEY.lengthMin, () => body.int(BigInt(refs.lengthLower!)));
    }
    if (refs.lengthUpper !== undefined) entry(KEY.lengthMax, () => body.int(BigInt(refs.lengthUpper!)));
  }
  if (entries === 0) return undefined;
  const out = new MsgpackWriter();
  out.mapHeader(entries);
  out.raw(body.bytes());
  return out.bytes();
}

function writeBound(w: MsgpackWriter, [n, inclusive]: readonly [TfNumber, boolean]): void {
  w.arrayHeader(2);
  w.number(numberWireForm(n));
  w.bool(inclusive);
}
