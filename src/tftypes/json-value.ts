/**
 * Terraform's JSON value encoding (go-cty cty/json), used by
 * UpgradeResourceState raw state and the `json` field of DynamicValue.
 *
 *   decodeJsonValue(json: string | Uint8Array, type): TfValue
 *   encodeJsonValue(value, type): string
 *
 * Decoding follows cty: a missing object attribute becomes null (state written
 * by an older schema), an unexpected one is an error; numbers keep their exact
 * text (big ints, decimals); strings accept numbers/bools, numbers and bools
 * accept their string forms; `dynamic` is `{"value": …, "type": …}`. JSON has
 * no unknown, so encoding an unknown is an error.
 */
import { AttributePath } from './attribute-path.js';
import type { JsonNode } from './json-tree.js';
import { JsonSyntaxError, parseJsonTree } from './json-tree.js';
import { NumberFormatError, numberToText, parseNumberText } from './number.js';
import { dedupeSetElements } from './set-elements.js';
import { compareCodePoints } from './string-order.js';
import type { ObjectType, TfType } from './type.js';
import { typeFromJSON, typeToJSON, typeToString } from './type.js';
import type { TfNumber, TfValue } from './value.js';
import { Value } from './value.js';
import { ValueCodecError } from './value-codec-error.js';

export function decodeJsonValue(json: string | Uint8Array, type: TfType): TfValue {
  const text = typeof json === 'string' ? json : new TextDecoder().decode(json);
  let tree: JsonNode;
  try {
    tree = parseJsonTree(text);
  } catch (e: unknown) {
    if (e instanceof JsonSyntaxError) throw new ValueCodecError(AttributePath.root, `invalid JSON: ${e.message}`);
    throw e;
  }
  return fromNode(tree, type, AttributePath.root);
}

function fromNode(node: JsonNode, t: TfType, path: AttributePath): TfValue {
  if (node.kind === 'null') return Value.null(t);
  switch (t.kind) {
    case 'dynamic':
      return fromDynamic(node, path);
    case 'string':
      if (node.kind === 'string') return Value.string(node.value);
      if (node.kind === 'number') return Value.string(node.text);
      if (node.kind === 'bool') return Value.string(String(node.value));
      throw new ValueCodecError(path, `string is required, got ${node.kind}`);
    case 'bool':
      if (node.kind === 'bool') return Value.bool(node.value);
      if (node.kind === 'string' && (node.value === 'true' || node.value === 'false')) {
        return Value.bool(node.value === 'true');
      }
      throw new ValueCodecError(path, `bool is required, got ${node.kind}`);
    case 'number':
      return Value.number(numberFrom(node, path));
    case 'list':
    case 'set': {
      const items = arrayItems(node, path, t.kind).map((n, i) =>
        fromNode(n, t.element, t.kind === 'set' ? path : path.index(i)),
      );
      return { state: 'known', type: t, value: t.kind === 'set' ? dedupeSetElements(items) : items };
    }
    case 'tuple': {
      const items = arrayItems(node, path, 'tuple');
      if (items.length !== t.elements.length) {
        throw new ValueCodecError(path, `a tuple of length ${t.elements.length} is required (${items.length} given)`);
      }
      return { state: 'known', type: t, value: items.map((n, i) => fromNode(n, t.elements[i]!, path.index(i))) };
    }
    case 'map': {
      const entries: Record<string, TfValue> = Object.create(null);
      for (const [k, n] of objectMembers(node, path, 'map')) entries[k] = fromNode(n, t.element, path.key(k));
      return { state: 'known', type: t, value: entries };
    }
    case 'object':
      return fromObject(node, t, path);
  }
}

function fromObject(node: JsonNode, t: ObjectType, path: AttributePath): TfValue {
  const attrs: Record<string, TfValue> = Object.create(null);
  for (const [name, n] of objectMembers(node, path, 'object')) {
    if (!Object.hasOwn(t.attributes, name)) throw new ValueCodecError(path, `unsupported attribute "${name}"`);
    attrs[name] = fromNode(n, t.attributes[name]!, path.attribute(name));
  }
  // State written under an older schema may lack attributes: they read as null.
  for (const [name, at] of Object.entries(t.attributes)) {
    if (!Object.hasOwn(attrs, name)) attrs[name] = Value.null(at);
  }
  return { state: 'known', type: t, value: attrs };
}

function fromDynamic(node: JsonNode, path: AttributePath): TfValue {
  let typeNode: JsonNode | undefined;
  let valueNode: JsonNode | undefined;
  for (const [k, n] of objectMembers(node, path, 'dynamically-typed value')) {
    if (k === 'type') typeNode = n;
    else if (k === 'value') valueNode = n;
    else throw new ValueCodecError(path, `invalid key "${k}" in dynamically-typed value`);
  }
  if (typeNode === undefined) throw new ValueCodecError(path, 'missing type in dynamically-typed value');
  if (valueNode === undefined) throw new ValueCodecError(path, 'missing value in dynamically-typed value');
  let concrete: TfType;
  try {
    concrete = typeFromJSON(toPlain(typeNode));
  } catch (e: unknown) {
    throw new ValueCodecError(path, `invalid type in dynamic value: ${(e as Error).message}`);
  }
  return fromNode(valueNode, concrete, path);
}

function numberFrom(node: JsonNode, path: AttributePath): TfNumber {
  if (node.kind !== 'number' && node.kind !== 'string') {
    throw new ValueCodecError(path, `number is required, got ${node.kind}`);
  }
  try {
    return parseNumberText(node.kind === 'number' ? node.text : node.value);
  } catch (e: unknown) {
    if (e instanceof NumberFormatError) throw new ValueCodecError(path, 'number is required, got non-numeric text');
    throw e;
  }
}

function arrayItems(node: JsonNode, path: AttributePath, what: string): readonly JsonNode[] {
  if (node.kind !== 'array') throw new ValueCodecError(path, `need JSON array for ${what}, got ${node.kind}`);
  return node.items;
}

function objectMembers(node: JsonNode, path: AttributePath, what: string): readonly (readonly [string, JsonNode])[] {
  if (node.kind !== 'object') throw new ValueCodecError(path, `need JSON object for ${what}, got ${node.kind}`);
  return node.members;
}

/** Plain JS data for type JSON (numbers never occur there). */
function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'null':
      return null;
    case 'bool':
    case 'string':
      return node.value;
    case 'number':
      return Number(node.text);
    case 'array':
      return node.items.map(toPlain);
    case 'object': {
      const out: Record<string, unknown> = Object.create(null);
      for (const [k, n] of node.members) out[k] = toPlain(n);
      return out;
    }
  }
}

// ---- encoding ----

export function encodeJsonValue(value: TfValue, type: TfType): string {
  return toJson(value, type, AttributePath.root);
}

function toJson(v: TfValue, t: TfType, path: AttributePath): string {
  if (v.state === 'unknown') throw new ValueCodecError(path, 'value is not known; JSON cannot carry unknown values');
  if (t.kind === 'dynamic') {
    if (v.type.kind === 'dynamic') {
      if (v.state === 'null') return 'null';
      throw new ValueCodecError(path, 'a known value needs a concrete type, not dynamic');
    }
    return `{"value":${toJson(v, v.type, path)},"type":${JSON.stringify(typeToJSON(v.type))}}`;
  }
  if (v.state === 'null') return 'null';
  if (v.type.kind !== t.kind) throw new ValueCodecError(path, `${typeToString(t)} is required, got ${typeToString(v.type)}`);
  const x = v.value;
  switch (t.kind) {
    case 'string':
    case 'bool':
      if (typeof x !== (t.kind === 'string' ? 'string' : 'boolean')) throw malformed(path, t);
      return JSON.stringify(x);
    case 'number':
      return numberJson(x as TfNumber, path);
    case 'list':
    case 'set':
    case 'tuple': {
      if (!Array.isArray(x)) throw malformed(path, t);
      const items = t.kind === 'set' ? dedupeSetElements(x as TfValue[]) : (x as TfValue[]);
      if (t.kind === 'tuple' && items.length !== t.elements.length) {
        throw new ValueCodecError(path, `a tuple of length ${t.elements.length} is required (${items.length} given)`);
      }
      const parts = items.map((item, i) => {
        const et = t.kind === 'tuple' ? t.elements[i]! : t.element;
        return toJson(item, et, t.kind === 'set' ? path : path.index(i));
      });
      return `[${parts.join(',')}]`;
    }
    case 'map':
    case 'object': {
      if (x === null || typeof x !== 'object' || Array.isArray(x)) throw malformed(path, t);
      const rec = x as Readonly<Record<string, TfValue>>;
      const keys = Object.keys(t.kind === 'object' ? t.attributes : rec).sort(compareCodePoints);
      if (t.kind === 'object') {
        for (const k of Object.keys(rec)) {
          if (!Object.hasOwn(t.attributes, k)) throw new ValueCodecError(path, `unsupported attribute "${k}"`);
        }
      }
      const parts = keys.map((k) => {
        const item = rec[k];
        if (item === undefined) throw new ValueCodecError(path, `attribute "${k}" is required`);
        const et = t.kind === 'object' ? t.attributes[k]! : t.element;
        return `${JSON.stringify(k)}:${toJson(item, et, t.kind === 'object' ? path.attribute(k) : path.key(k))}`;
      });
      return `{${parts.join(',')}}`;
    }
  }
}

function numberJson(n: TfNumber, path: AttributePath): string {
  if (typeof n !== 'number' && typeof n !== 'bigint' && typeof n !== 'string') throw malformed(path, { kind: 'number' });
  try {
    const text = numberToText(n);
    if (text.endsWith('Inf')) throw new NumberFormatError('infinity cannot be written as JSON');
    return text;
  } catch (e: unknown) {
    if (e instanceof NumberFormatError) throw new ValueCodecError(path, e.message);
    throw e;
  }
}

function malformed(path: AttributePath, t: TfType): ValueCodecError {
  return new ValueCodecError(path, `malformed known value for ${typeToString(t)}`);
}
