/**
 * Schema-aware traversal helpers shared by planning, validation and the
 * self-checks: which schema node sits at a path, how block elements of a
 * plan correlate with configuration and prior state (by index for lists,
 * by configured content for sets), and comparisons that ignore
 * computed-only attributes.
 */
import type { AttributePath } from '../tftypes/attribute-path.js';
import type { TfValue } from '../tftypes/value.js';
import { getAttribute, knownElements, Value, valueEquals } from '../tftypes/value.js';
import type { AttributeSchema, BlockSchema, NestedBlockSchema } from './schema.js';
import { impliedType } from './schema.js';

export type SchemaNode =
  | { readonly kind: 'attribute'; readonly attribute: AttributeSchema }
  | { readonly kind: 'block'; readonly block: NestedBlockSchema }
  | { readonly kind: 'root'; readonly block: BlockSchema };

/** The attribute or block a path points at (index/key steps inside blocks are skipped). */
export function schemaNodeAt(root: BlockSchema, path: AttributePath): SchemaNode | undefined {
  let node: SchemaNode = { kind: 'root', block: root };
  for (const step of path.steps) {
    if (node.kind === 'attribute') return node; // inside an attribute's value
    if (step.kind !== 'attribute') {
      if (node.kind === 'block' && node.block.nesting !== 'single') continue;
      return undefined;
    }
    const block: BlockSchema = node.block;
    const attr = block.attributes?.[step.name];
    if (attr !== undefined && Object.hasOwn(block.attributes!, step.name)) {
      node = { kind: 'attribute', attribute: attr };
      continue;
    }
    const nested = block.blocks?.[step.name];
    if (nested === undefined || !Object.hasOwn(block.blocks!, step.name)) return undefined;
    node = { kind: 'block', block: nested };
  }
  return node;
}

/** Attribute of an object value, null when the object is null or absent. */
export function attributeOf(obj: TfValue | undefined, name: string, block: BlockSchema): TfValue {
  const type = impliedType(block).attributes[name]!;
  if (obj === undefined || obj.state === 'null') return Value.null(type);
  return getAttribute(obj, name);
}

/** An object value with computed-only attributes (also in nested blocks) set to null. */
function stripComputed(block: BlockSchema, v: TfValue): TfValue {
  if (v.state !== 'known') return v;
  const attrs: Record<string, TfValue> = { ...(v.value as Record<string, TfValue>) };
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.mode === 'computed') attrs[name] = Value.null(attr.type);
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const bv = attrs[name];
    if (bv === undefined) continue;
    attrs[name] = mapBlockElements(nested, bv, (e) => stripComputed(nested, e));
  }
  return { state: 'known', type: v.type, value: attrs };
}

/** Applies `fn` to every element object of a block value (list, set or single). */
function mapBlockElements(nested: NestedBlockSchema, v: TfValue, fn: (e: TfValue, i: number) => TfValue): TfValue {
  if (v.state !== 'known') return v;
  if (nested.nesting === 'single') return fn(v, 0);
  return { state: 'known', type: v.type, value: (v.value as readonly TfValue[]).map(fn) };
}

/** Whether two values differ for change detection: schema-aware for blocks, raw otherwise. */
export function valuesDiffer(node: SchemaNode | undefined, a: TfValue, b: TfValue): boolean {
  if (node === undefined || node.kind === 'attribute') return !valueEquals(a, b);
  if (node.kind === 'root') return !valueEquals(stripComputed(node.block, a), stripComputed(node.block, b));
  const strip = (v: TfValue) => mapBlockElements(node.block, v, (e) => stripComputed(node.block, e));
  return !valueEquals(strip(a), strip(b));
}

/**
 * Whether two element objects of a set block can be the same element: equal
 * in everything configured; computed-only attributes and optional+computed
 * ones left to the provider (null or unknown on a side) do not count.
 */
function elementsCorrelate(block: BlockSchema, a: TfValue, b: TfValue): boolean {
  if (a.state !== 'known' || b.state !== 'known') return a.state === b.state;
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.mode === 'computed') continue;
    const x = getAttribute(a, name);
    const y = getAttribute(b, name);
    if (attr.mode === 'optionalComputed' && (x.state !== 'known' || y.state !== 'known')) continue;
    if (!valueEquals(x, y)) return false;
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const x = getAttribute(a, name);
    const y = getAttribute(b, name);
    if (nested.nesting === 'single') {
      if (!elementsCorrelate(nested, x, y)) return false;
      continue;
    }
    const xs = knownElements(x) ?? [];
    const ys = knownElements(y) ?? [];
    if (xs.length !== ys.length) return false;
    if (nested.nesting === 'list' && !xs.every((e, i) => elementsCorrelate(nested, e, ys[i]!))) return false;
    if (nested.nesting === 'set' && !xs.every((e) => ys.some((f) => elementsCorrelate(nested, e, f)))) return false;
  }
  return true;
}

export interface ElementTriple {
  readonly path: AttributePath;
  readonly plan: TfValue;
  readonly config: TfValue;
  readonly prior: TfValue;
}

/**
 * The element objects of a block value in the plan, each with its
 * configuration and prior-state counterpart (null when there is none).
 * Set elements are not addressable: they carry the set's path.
 */
export function blockElements(
  nested: NestedBlockSchema,
  path: AttributePath,
  plan: TfValue,
  config: TfValue,
  prior: TfValue,
): ElementTriple[] {
  const objType = impliedType(nested);
  const none = Value.null(objType);
  if (nested.nesting === 'single') {
    return plan.state === 'known' ? [{ path, plan, config: config.state === 'known' ? config : none, prior: prior.state === 'known' ? prior : none }] : [];
  }
  const plans = knownElements(plan) ?? [];
  const configs = knownElements(config) ?? [];
  const priors = knownElements(prior) ?? [];
  if (nested.nesting === 'list') {
    return plans.map((p, i) => ({ path: path.index(i), plan: p, config: configs[i] ?? none, prior: priors[i] ?? none }));
  }
  const usedConfig = new Set<number>();
  const usedPrior = new Set<number>();
  const pick = (p: TfValue, from: readonly TfValue[], used: Set<number>): TfValue => {
    const i = from.findIndex((c, j) => !used.has(j) && elementsCorrelate(nested, p, c));
    if (i < 0) return none;
    used.add(i);
    return from[i]!;
  };
  return plans.map((p) => ({ path, plan: p, config: pick(p, configs, usedConfig), prior: pick(p, priors, usedPrior) }));
}

/** Rebuilds a block value from new element objects (same order as blockElements). */
export function withBlockElements(nested: NestedBlockSchema, original: TfValue, elements: readonly TfValue[]): TfValue {
  if (original.state !== 'known') return original;
  if (nested.nesting === 'single') return elements[0] ?? original;
  return { state: 'known', type: original.type, value: elements };
}
