/**
 * The msgpack form of DynamicValue, byte-compatible with go-cty
 * (cty/msgpack): the value is encoded against a type and decoded against it.
 *
 *   encodeMsgpack(value, type): Uint8Array
 *   decodeMsgpack(bytes, type): TfValue
 *
 * null → nil; unknown → ext 0 `d4 00 00` (ext 12 when refinements exist); any
 * ext decodes as unknown; numbers → int64 / float64 / decimal text; list, set,
 * tuple → array; map, object → map with sorted keys; `dynamic` →
 * [type JSON as bin, value]. Both directions throw ValueCodecError with the
 * path of the offending value.
 */
import { AttributePath } from './attribute-path.js';
import { MsgpackFormatError, MsgpackReader } from './msgpack-reader.js';
import type { WireExt } from './msgpack-reader.js';
import { MsgpackWriter } from './msgpack-writer.js';
import { fromWireNumber, NumberFormatError, numberWireForm } from './number.js';
import { dedupeSetElements } from './set-elements.js';
import { compareCodePoints } from './string-order.js';
import type { ObjectType, TfType } from './type.js';
import { typeEquals, typeFromJSON, typeToJSON, typeToString } from './type.js';
import { decodeRefinements, encodeRefinements, REFINED_UNKNOWN_EXT } from './unknown-refinements.js';
import type { KnownValue, TfNumber, TfValue } from './value.js';
import { Value } from './value.js';
import { ValueCodecError } from './value-codec-error.js';

const UNKNOWN_BYTES = Uint8Array.of(0xd4, 0x00, 0x00);
const UTF8 = new TextEncoder();

export function encodeMsgpack(value: TfValue, type: TfType): Uint8Array {
  const w = new MsgpackWriter();
  writeValue(w, value, type, AttributePath.root);
  return w.bytes();
}

export function decodeMsgpack(bytes: Uint8Array, type: TfType): TfValue {
  const r = new MsgpackReader(bytes);
  try {
    const value = readValue(r, type, AttributePath.root);
    if (!r.atEnd) {
      throw new ValueCodecError(AttributePath.root, `unexpected data after the value at offset ${r.offset}`);
    }
    return value;
  } catch (e: unknown) {
    if (e instanceof MsgpackFormatError) throw new ValueCodecError(AttributePath.root, e.message);
    throw e;
  }
}

// ---- encoding ----

function writeValue(w: MsgpackWriter, v: TfValue, t: TfType, path: AttributePath): void {
  if (t.kind === 'dynamic') return writeDynamic(w, v, path);
  if (v.state !== 'known') {
    if (v.type.kind !== 'dynamic' && !typeEquals(v.type, t)) {
      throw new ValueCodecError(path, `${typeToString(t)} is required, got ${v.state} ${typeToString(v.type)}`);
    }
    if (v.state === 'null') return w.nil();
    const payload = encodeRefinements(v.refinements, t);
    return payload === undefined ? w.raw(UNKNOWN_BYTES) : w.ext(REFINED_UNKNOWN_EXT, payload);
  }
  if (v.type.kind !== t.kind) {
    throw new ValueCodecError(path, `${typeToString(t)} is required, got ${typeToString(v.type)}`);
  }
  switch (t.kind) {
    case 'string':
      if (typeof v.value !== 'string') throw payloadError(path, t);
      return w.str(v.value);
    case 'bool':
      if (typeof v.value !== 'boolean') throw payloadError(path, t);
      return w.bool(v.value);
    case 'number':
      return writeNumber(w, v, path);
    case 'list':
    case 'set':
      return writeElements(w, v, t.kind === 'set', () => t.element, path);
    case 'tuple': {
      const items = elementsOf(v, path, t);
      if (items.length !== t.elements.length) {
        throw new ValueCodecError(path, `a tuple of length ${t.elements.length} is required (${items.length} given)`);
      }
      return writeElements(w, v, false, (i) => t.elements[i]!, path);
    }
    case 'map': {
      const entries = entriesOf(v, path, t);
      const keys = Object.keys(entries).sort(compareCodePoints);
      w.mapHeader(keys.length);
      for (const k of keys) {
        w.str(k);
        writeValue(w, entries[k]!, t.element, path.key(k));
      }
      return;
    }
    case 'object':
      return writeObject(w, v, t, path);
  }
}

function writeDynamic(w: MsgpackWriter, v: TfValue, path: AttributePath): void {
  if (v.type.kind === 'dynamic') {
    if (v.state === 'unknown') return w.raw(UNKNOWN_BYTES);
    if (v.state === 'null') return w.nil();
    throw new ValueCodecError(path, 'a known value needs a concrete type, not dynamic');
  }
  w.arrayHeader(2);
  w.bin(UTF8.encode(JSON.stringify(typeToJSON(v.type))));
  writeValue(w, v, v.type, path);
}

function writeNumber(w: MsgpackWriter, v: KnownValue, path: AttributePath): void {
  const n = v.value;
  if (typeof n !== 'number' && typeof n !== 'bigint' && typeof n !== 'string') throw payloadError(path, v.type);
  try {
    w.number(numberWireForm(n));
  } catch (e: unknown) {
    if (e instanceof NumberFormatError) throw new ValueCodecError(path, e.message);
    throw e;
  }
}

function writeElements(
  w: MsgpackWriter,
  v: KnownValue,
  isSet: boolean,
  elementType: (i: number) => TfType,
  path: AttributePath,
): void {
  const raw = elementsOf(v, path, v.type);
  const items = isSet ? dedupeSetElements(raw) : raw;
  w.arrayHeader(items.length);
  items.forEach((item, i) => writeValue(w, item, elementType(i), isSet ? path : path.index(i)));
}

function writeObject(w: MsgpackWriter, v: KnownValue, t: ObjectType, path: AttributePath): void {
  const attrs = entriesOf(v, path, t);
  for (const name of Object.keys(attrs)) {
    if (!Object.hasOwn(t.attributes, name)) throw new ValueCodecError(path, `unsupported attribute "${name}"`);
  }
  const names = sortedAttributeNames(t);
  w.mapHeader(names.length);
  for (const name of names) {
    const attr = attrs[name];
    if (attr === undefined) throw new ValueCodecError(path, `attribute "${name}" is required`);
    w.str(name);
    writeValue(w, attr, t.attributes[name]!, path.attribute(name));
  }
}

// Types are immutable, so each object type's key order is computed once.
const SORTED_NAMES = new WeakMap<ObjectType, readonly string[]>();

function sortedAttributeNames(t: ObjectType): readonly string[] {
  let names = SORTED_NAMES.get(t);
  if (names === undefined) {
    names = Object.keys(t.attributes).sort(compareCodePoints);
    SORTED_NAMES.set(t, names);
  }
  return names;
}

function elementsOf(v: KnownValue, path: AttributePath, t: TfType): readonly TfValue[] {
  if (!Array.isArray(v.value)) throw payloadError(path, t);
  return v.value as readonly TfValue[];
}

function entriesOf(v: KnownValue, path: AttributePath, t: TfType): Readonly<Record<string, TfValue>> {
  const x = v.value;
  if (x === null || typeof x !== 'object' || Array.isArray(x)) throw payloadError(path, t);
  return x as Readonly<Record<string, TfValue>>;
}

function payloadError(path: AttributePath, t: TfType): ValueCodecError {
  return new ValueCodecError(path, `malformed known value for ${typeToString(t)}`);
}

// ---- decoding ----

function readValue(r: MsgpackReader, t: TfType, path: AttributePath): TfValue {
  const ext = r.readExt();
  if (ext !== undefined) return unknownFromExt(ext, t);
  if (t.kind === 'dynamic') return readDynamic(r, path);
  if (r.readNil()) return Value.null(t);
  switch (t.kind) {
    case 'string': {
      const s = r.readString();
      if (s === undefined) throw wrongKind(r, path, 'string is required');
      return { state: 'known', type: t, value: s };
    }
    case 'bool': {
      const b = r.readBool();
      if (b === undefined) throw wrongKind(r, path, 'bool is required');
      return { state: 'known', type: t, value: b };
    }
    case 'number':
      return { state: 'known', type: t, value: readNumber(r, path) };
    case 'list':
    case 'set': {
      const n = r.readArrayHeader();
      if (n === undefined) throw wrongKind(r, path, `a ${t.kind} is required`);
      const items: TfValue[] = [];
      for (let i = 0; i < n; i++) items.push(readValue(r, t.element, t.kind === 'set' ? path : path.index(i)));
      return { state: 'known', type: t, value: t.kind === 'set' ? dedupeSetElements(items) : items };
    }
    case 'tuple': {
      const n = r.readArrayHeader();
      if (n === undefined) throw wrongKind(r, path, 'a tuple is required');
      if (n !== t.elements.length) {
        throw new ValueCodecError(path, `a tuple of length ${t.elements.length} is required (${n} given)`);
      }
      const items = t.elements.map((et, i) => readValue(r, et, path.index(i)));
      return { state: 'known', type: t, value: items };
    }
    case 'map': {
      const n = r.readMapHeader();
      if (n === undefined) throw wrongKind(r, path, 'a map is required');
      const entries: Record<string, TfValue> = Object.create(null);
      for (let i = 0; i < n; i++) {
        const key = r.readString();
        if (key === undefined) throw new ValueCodecError(path, 'map keys must be strings');
        entries[key] = readValue(r, t.element, path.key(key));
      }
      return { state: 'known', type: t, value: entries };
    }
    case 'object':
      return readObject(r, t, path);
  }
}

function readObject(r: MsgpackReader, t: ObjectType, path: AttributePath): TfValue {
  const n = r.readMapHeader();
  if (n === undefined) throw wrongKind(r, path, 'an object is required');
  const attrs: Record<string, TfValue> = Object.create(null);
  for (let i = 0; i < n; i++) {
    const name = r.readString();
    if (name === undefined) throw new ValueCodecError(path, 'object attribute names must be strings');
    if (!Object.hasOwn(t.attributes, name)) throw new ValueCodecError(path, `unsupported attribute "${name}"`);
    attrs[name] = readValue(r, t.attributes[name]!, path.attribute(name));
  }
  const expected = Object.keys(t.attributes);
  const missing = expected.filter((name) => !Object.hasOwn(attrs, name));
  if (missing.length > 0) {
    const names = missing.map((m) => `"${m}"`).join(', ');
    throw new ValueCodecError(
      path,
      `an object with ${expected.length} attributes is required (${n} given); missing ${names}`,
    );
  }
  return { state: 'known', type: t, value: attrs };
}

function readDynamic(r: MsgpackReader, path: AttributePath): TfValue {
  if (r.readNil()) return Value.null({ kind: 'dynamic' });
  if (r.readArrayHeader() !== 2) {
    throw new ValueCodecError(path, 'a dynamic value must be a two-element array [type, value]');
  }
  const typeBytes = r.readBytes();
  if (typeBytes === undefined) throw new ValueCodecError(path, 'the type of a dynamic value must be JSON bytes');
  let concrete: TfType;
  try {
    concrete = typeFromJSON(JSON.parse(new TextDecoder().decode(typeBytes)));
  } catch (e: unknown) {
    throw new ValueCodecError(path, `invalid type in dynamic value: ${(e as Error).message}`);
  }
  return readValue(r, concrete, path);
}

function readNumber(r: MsgpackReader, path: AttributePath): TfNumber {
  const wire = r.readNumber();
  if (wire === undefined) throw wrongKind(r, path, 'number is required');
  try {
    return fromWireNumber(wire);
  } catch (e: unknown) {
    if (e instanceof NumberFormatError) {
      throw new ValueCodecError(path, wire.kind === 'string' ? 'number is required, got non-numeric text' : e.message);
    }
    throw e;
  }
}

/** Every extension is an unknown; ext 12 may carry refinements (which can say "definitely null"). */
function unknownFromExt(ext: WireExt, t: TfType): TfValue {
  if (ext.type !== REFINED_UNKNOWN_EXT || ext.data.length <= 1) return Value.unknown(t);
  const refs = decodeRefinements(ext.data, t);
  if (refs === 'null') return Value.null(t);
  if (refs === undefined || Object.keys(refs).length === 0) return Value.unknown(t);
  return { state: 'unknown', type: t, refinements: refs };
}

function wrongKind(r: MsgpackReader, path: AttributePath, reason: string): ValueCodecError {
  return new ValueCodecError(path, `${reason}, got ${r.describeNext()}`);
}
