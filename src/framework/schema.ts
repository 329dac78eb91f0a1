/**
 * Declarative schemas as plain data (terraform-plugin-framework's shape):
 *
 *   const schema = defineSchema({
 *     version: 1,
 *     description: 'A thing.',
 *     attributes: {
 *       id: { type: Types.string, mode: 'computed', planModifiers: [useStateForUnknown()] },
 *       name: { type: Types.string, mode: 'required', validators: [stringLengthBetween(2, 256)] },
 *       zone: { type: Types.string, mode: 'optionalComputed', planModifiers: [requiresReplace()] },
 *     },
 *     blocks: {
 *       rule: { nesting: 'list', maxItems: 1, attributes: { crn: { type: Types.string, mode: 'required' } } },
 *     },
 *   });
 *
 * An attribute's mode is one enum, so impossible flag combinations cannot be
 * written. `defineSchema` checks everything Terraform would reject (or crash
 * on) and throws a SchemaDefinitionError at definition time: names, clashes,
 * block item limits, sets of dynamic values, and computed blocks (protocol 6
 * has none: use a computed attribute of type list(object(...)) instead).
 */
import type * as proto from '../tfprotov6/types.js';
import type { ObjectType, TfType } from '../tftypes/type.js';
import { Types } from '../tftypes/type.js';
import type { TfValue } from '../tftypes/value.js';
import { Value } from '../tftypes/value.js';
import type { PlanModifier } from './plan-modifier.js';
import type { AttributeValidator } from './validator.js';

export type AttributeMode = 'required' | 'optional' | 'computed' | 'optionalComputed';
export type BlockNesting = 'list' | 'set' | 'single';

export interface AttributeSchema {
  readonly type: TfType;
  readonly mode: AttributeMode;
  readonly description?: string;
  /** Hidden in plan output and UI; the framework never logs any attribute value either way. */
  readonly sensitive?: boolean;
  /** Setting the attribute in configuration yields this warning. */
  readonly deprecationMessage?: string;
  readonly planModifiers?: readonly PlanModifier[];
  readonly validators?: readonly AttributeValidator[];
}

export interface BlockSchema {
  readonly description?: string;
  readonly deprecationMessage?: string;
  readonly attributes?: Readonly<Record<string, AttributeSchema>>;
  readonly blocks?: Readonly<Record<string, NestedBlockSchema>>;
}

export interface NestedBlockSchema extends BlockSchema {
  /** list/set: zero or more `name { ... }` blocks (an array in models); single: at most one (object or null). */
  readonly nesting: BlockNesting;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly planModifiers?: readonly PlanModifier[];
  /** Validate the whole block value (the array for list/set, the object for single). */
  readonly validators?: readonly AttributeValidator[];
}

export interface Schema extends BlockSchema {
  /** State schema version; raise it together with a state upgrader. */
  readonly version?: number;
}

export type SchemaKind = 'resource' | 'dataSource' | 'provider';

export class SchemaDefinitionError extends Error {
  override readonly name = 'SchemaDefinitionError';

  constructor(readonly problems: readonly string[]) {
    super(`invalid schema: ${problems.join('; ')}`);
  }
}

const NAME = /^[a-z0-9_]+$/;
const MODES: readonly AttributeMode[] = ['required', 'optional', 'computed', 'optionalComputed'];
const NESTINGS: readonly BlockNesting[] = ['list', 'set', 'single'];
// Top-level names Terraform keeps for its own meta-arguments.
const RESERVED: Record<SchemaKind, readonly string[]> = {
  resource: ['count', 'depends_on', 'for_each', 'lifecycle', 'provider', 'provisioner', 'connection'],
  dataSource: ['count', 'depends_on', 'for_each', 'lifecycle', 'provider'],
  provider: ['alias', 'version'],
};

export const isComputedMode = (mode: AttributeMode): boolean => mode === 'computed' || mode === 'optionalComputed';

/** Checks a schema and returns it unchanged; throws a SchemaDefinitionError listing every problem. */
export function defineSchema<S extends Schema>(schema: S, kind: SchemaKind = 'resource'): S {
  const problems = schemaProblems(schema, kind);
  if (problems.length > 0) throw new SchemaDefinitionError(problems);
  return schema;
}

export function schemaProblems(schema: Schema, kind: SchemaKind = 'resource'): string[] {
  const problems: string[] = [];
  if (schema.version !== undefined && (!Number.isInteger(schema.version) || schema.version < 0)) {
    problems.push(`version must be a non-negative integer`);
  }
  for (const name of RESERVED[kind]) {
    if (Object.hasOwn(schema.attributes ?? {}, name) || Object.hasOwn(schema.blocks ?? {}, name)) {
      problems.push(`"${name}" is reserved by Terraform in ${kind === 'dataSource' ? 'data source' : kind} blocks`);
    }
  }
  blockProblems(schema, '', false, problems);
  return problems;
}

function blockProblems(block: BlockSchema, prefix: string, inSet: boolean, problems: string[]): void {
  const attrs = block.attributes ?? {};
  const blocks = block.blocks ?? {};
  for (const [name, attr] of Object.entries(attrs)) {
    const at = `${prefix}${name}`;
    if (!NAME.test(name)) problems.push(`${at}: names may only contain a-z, 0-9 and _`);
    if (Object.hasOwn(blocks, name)) problems.push(`${at}: an attribute and a block have the same name`);
    if (!MODES.includes(attr.mode)) {
      problems.push(`${at}: mode must be one of ${MODES.join(', ')} (got ${JSON.stringify(attr.mode)})`);
    }
    if (typeof attr.type !== 'object' || attr.type === null || typeof attr.type.kind !== 'string') {
      problems.push(`${at}: type must be a TfType (e.g. Types.string)`);
    } else if (inSet && containsDynamic(attr.type)) {
      problems.push(`${at}: a set block cannot contain dynamic values`);
    } else if (containsDynamicInSet(attr.type)) {
      problems.push(`${at}: a set cannot contain dynamic values`);
    }
    if (attr.mode === 'computed' && (attr.validators?.length ?? 0) > 0) {
      problems.push(`${at}: validators on a computed-only attribute never run (its configuration is always null)`);
    }
  }
  for (const [name, nested] of Object.entries(blocks)) {
    const at = `${prefix}${name}`;
    if (!NAME.test(name)) problems.push(`${at}: names may only contain a-z, 0-9 and _`);
    const stray = nested as unknown as Record<string, unknown>;
    if ('mode' in stray || 'computed' in stray || 'optional' in stray || 'required' in stray) {
      problems.push(
        `${at}: blocks have no mode and cannot be computed in protocol 6; ` +
          'use minItems for a required block, or a computed attribute of type list(object({...})) for provider-set nested data',
      );
    }
    if (!NESTINGS.includes(nested.nesting)) {
      problems.push(`${at}: nesting must be one of ${NESTINGS.join(', ')} (got ${JSON.stringify(nested.nesting)})`);
    }
    const { minItems, maxItems } = nested;
    if (nested.nesting === 'single') {
      if (minItems !== undefined || maxItems !== undefined) {
        problems.push(`${at}: a single block holds at most one object; minItems/maxItems do not apply (use a list block with maxItems 1)`);
      }
    } else {
      for (const [k, v] of [['minItems', minItems], ['maxItems', maxItems]] as const) {
        if (v !== undefined && (!Number.isInteger(v) || v < 0)) problems.push(`${at}: ${k} must be a non-negative integer`);
      }
      if (minItems !== undefined && maxItems !== undefined && maxItems > 0 && minItems > maxItems) {
        problems.push(`${at}: minItems (${minItems}) is larger than maxItems (${maxItems})`);
      }
    }
    blockProblems(nested, `${at}.`, inSet || nested.nesting === 'set', problems);
  }
}

function containsDynamic(t: TfType): boolean {
  switch (t.kind) {
    case 'dynamic':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return containsDynamic(t.element);
    case 'object':
      return Object.values(t.attributes).some(containsDynamic);
    case 'tuple':
      return t.elements.some(containsDynamic);
    default:
      return false;
  }
}

function containsDynamicInSet(t: TfType): boolean {
  switch (t.kind) {
    case 'set':
      return containsDynamic(t.element);
    case 'list':
    case 'map':
      return containsDynamicInSet(t.element);
    case 'object':
      return Object.values(t.attributes).some(containsDynamicInSet);
    case 'tuple':
      return t.elements.some(containsDynamicInSet);
    default:
      return false;
  }
}

// ---- implied types ------------------------------------------------------------

const impliedTypes = new WeakMap<BlockSchema, ObjectType>();

/** The object type of a block's values: its attributes plus one entry per nested block. */
export function impliedType(block: BlockSchema): ObjectType {
  const cached = impliedTypes.get(block);
  if (cached) return cached;
  const attributes: Record<string, TfType> = {};
  for (const [name, attr] of Object.entries(block.attributes ?? {})) attributes[name] = attr.type;
  for (const [name, nested] of Object.entries(block.blocks ?? {})) attributes[name] = nestedBlockType(nested);
  const t = Types.object(attributes);
  impliedTypes.set(block, t);
  return t;
}

/** list(object) / set(object) / object, by nesting. */
export function nestedBlockType(block: NestedBlockSchema): TfType {
  const obj = impliedType(block);
  switch (block.nesting) {
    case 'list':
      return Types.list(obj);
    case 'set':
      return Types.set(obj);
    case 'single':
      return obj;
  }
}

/**
 * An object with every attribute null, list/set blocks empty and single
 * blocks null: the starting point of an imported resource's state.
 */
export function emptyObject(block: BlockSchema): TfValue {
  const type = impliedType(block);
  const attrs: Record<string, TfValue> = {};
  for (const [name, attr] of Object.entries(block.attributes ?? {})) attrs[name] = Value.null(attr.type);
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const t = nestedBlockType(nested);
    attrs[name] = nested.nesting === 'single' ? Value.null(t) : { state: 'known', type: t, value: [] };
  }
  return Value.object(type, attrs);
}

// ---- protocol form ------------------------------------------------------------

export function toProtoSchema(schema: Schema): proto.Schema {
  return { version: schema.version ?? 0, block: toProtoBlock(schema) };
}

function toProtoBlock(block: BlockSchema): proto.SchemaBlock {
  const sortedEntries = <T>(r: Readonly<Record<string, T>> | undefined): [string, T][] =>
    Object.entries(r ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    attributes: sortedEntries(block.attributes).map(([name, a]) => ({
      name,
      type: a.type,
      ...(a.description !== undefined && { description: a.description, descriptionKind: 'plain' as const }),
      required: a.mode === 'required',
      optional: a.mode === 'optional' || a.mode === 'optionalComputed',
      computed: isComputedMode(a.mode),
      sensitive: a.sensitive === true,
      deprecated: a.deprecationMessage !== undefined,
    })),
    blockTypes: sortedEntries(block.blocks).map(([typeName, b]) => ({
      typeName,
      block: toProtoBlock(b),
      nesting: b.nesting,
      minItems: b.nesting === 'single' ? 0 : (b.minItems ?? 0),
      maxItems: b.nesting === 'single' ? 0 : (b.maxItems ?? 0),
    })),
    ...(block.description !== undefined && { description: block.description, descriptionKind: 'plain' as const }),
    deprecated: block.deprecationMessage !== undefined,
  };
}

/** Documentation lines for an attribute: its description, then its modifiers' and validators' descriptions. */
export function attributeDocumentation(attr: AttributeSchema | NestedBlockSchema): readonly string[] {
  return [
    ...(attr.description !== undefined ? [attr.description] : []),
    ...(attr.planModifiers ?? []).map((m) => m.description),
    ...(attr.validators ?? []).map((v) => `Validation: ${v.description}.`),
  ];
}
