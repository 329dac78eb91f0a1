/**
 * Plain-JS views of values, so resources work with ordinary objects instead
 * of TfValue trees:
 *
 *   string → string        number → number        bool → boolean
 *   list / set / tuple → array                     map / object → record
 *   null → null            unknown → UNKNOWN (a sentinel, never undefined)
 *
 * Blocks follow their implied type: list and set blocks are arrays, single
 * blocks an object or null. A model for an object must name every
 * attribute (null for "no value"): a missing one is a bug, reported as a
 * ModelError that names the path (never the value).
 *
 *   interface ThingModel { id: string | Unknown; name: string; tags: Record<string, string> | null }
 *   const m = toModel(value) as ThingModel;
 *   const v = fromModel(type, { ...m, id: 'abc' });
 *
 * Numbers become JS numbers (exact for integers up to 2^53); `fromModel`
 * also takes bigint or decimal text for numbers that need more.
 */
import { AttributePath } from '../tftypes/attribute-path.js';
import type { TfType } from '../tftypes/type.js';
import { typeToString } from '../tftypes/type.js';
import type { TfNumber, TfValue } from '../tftypes/value.js';
import { toJsNumber, Value } from '../tftypes/value.js';
import { parseNumberText } from '../tftypes/number.js';

/** The "unknown until apply" marker in models. */
export const UNKNOWN: unique symbol = Symbol.for('terraform-provider-ibm.unknown');
export type Unknown = typeof UNKNOWN;

export type ModelValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Unknown
  | readonly ModelValue[]
  | { readonly [key: string]: ModelValue };

export const isUnknownModel = (v: unknown): v is Unknown => v === UNKNOWN;

export class ModelError extends Error {
  override readonly name = 'ModelError';

  constructor(
    readonly path: AttributePath,
    readonly reason: string,
  ) {
    super(path.isRoot ? reason : `${path.toString()}: ${reason}`);
  }
}

export function toModel(v: TfValue): ModelValue {
  if (v.state === 'null') return null;
  if (v.state === 'unknown') return UNKNOWN;
  switch (v.type.kind) {
    case 'string':
    case 'bool':
      return v.value as string | boolean;
    case 'number':
      return toJsNumber(v.value as TfNumber);
    case 'list':
    case 'set':
    case 'tuple':
      return (v.value as readonly TfValue[]).map(toModel);
    case 'map':
    case 'object': {
      const out: Record<string, ModelValue> = {};
      for (const [k, e] of Object.entries(v.value as Record<string, TfValue>)) out[k] = toModel(e);
      return out;
    }
    case 'dynamic':
      return null;
  }
}

export function fromModel(type: TfType, model: unknown, path: AttributePath = AttributePath.root): TfValue {
  if (model === null) return Value.null(type);
  if (model === UNKNOWN) return Value.unknown(type);
  if (model === undefined) throw new ModelError(path, 'no value (use null for "no value" and UNKNOWN for "known after apply")');
  const wrong = (): never => {
    throw new ModelError(path, `a ${describe(model)} cannot be used as ${typeToString(type)}`);
  };
  switch (type.kind) {
    case 'string':
      return typeof model === 'string' ? Value.string(model) : wrong();
    case 'bool':
      return typeof model === 'boolean' ? Value.bool(model) : wrong();
    case 'number':
      return Value.number(numberFromModel(model, path) ?? wrong());
    case 'list':
    case 'set': {
      if (!Array.isArray(model)) return wrong();
      const items = model.map((e: unknown, i) => fromModel(type.element, e, type.kind === 'set' ? path : path.index(i)));
      return type.kind === 'list' ? Value.list(type.element, items) : Value.set(type.element, items);
    }
    case 'tuple': {
      if (!Array.isArray(model) || model.length !== type.elements.length) return wrong();
      return Value.tuple(
        type.elements,
        model.map((e: unknown, i) => fromModel(type.elements[i]!, e, path.index(i))),
      );
    }
    case 'map': {
      if (!isRecord(model)) return wrong();
      const entries: Record<string, TfValue> = {};
      for (const [k, e] of Object.entries(model)) entries[k] = fromModel(type.element, e, path.key(k));
      return Value.map(type.element, entries);
    }
    case 'object': {
      if (!isRecord(model)) return wrong();
      for (const k of Object.keys(model)) {
        if (!Object.hasOwn(type.attributes, k)) throw new ModelError(path.attribute(k), 'no such attribute in the schema');
      }
      const attrs: Record<string, TfValue> = {};
      for (const [k, t] of Object.entries(type.attributes)) {
        if (!Object.hasOwn(model, k)) {
          throw new ModelError(path.attribute(k), 'missing from the model (use null for "no value")');
        }
        attrs[k] = fromModel(t, model[k], path.attribute(k));
      }
      return Value.object(type, attrs);
    }
    case 'dynamic':
      throw new ModelError(path, 'dynamic values cannot be built from a model; use a TfValue');
  }
}

function numberFromModel(model: unknown, path: AttributePath): TfNumber | undefined {
  if (typeof model === 'number') {
    if (Number.isNaN(model)) throw new ModelError(path, 'NaN is not a number Terraform can store');
    return model;
  }
  if (typeof model === 'bigint') return model;
  if (typeof model === 'string') {
    try {
      return parseNumberText(model);
    } catch {
      throw new ModelError(path, 'text that is not a decimal number cannot be used as number');
    }
  }
  return undefined;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (Array.isArray(x)) return 'array';
  return typeof x === 'object' ? 'object' : typeof x;
}
