/**
 * cty types as Terraform sends them on the wire. A type is plain immutable data;
 * `typeToJSON` / `typeFromJSON` speak the JSON form used in schemas and in
 * dynamic values (`"string"`, `["list","string"]`, `["object",{...}]`).
 */

export type PrimitiveKind = 'string' | 'number' | 'bool';

export type TfType =
  | { readonly kind: PrimitiveKind }
  | { readonly kind: 'dynamic' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TfType }
  | {
      readonly kind: 'object';
      readonly attributes: Readonly<Record<string, TfType>>;
      /** Optional attribute names; only meaningful in function parameters. */
      readonly optional?: readonly string[];
    }
  | { readonly kind: 'tuple'; readonly elements: readonly TfType[] };

export type CollectionType = Extract<TfType, { kind: 'list' | 'set' | 'map' }>;
export type ObjectType = Extract<TfType, { kind: 'object' }>;
export type TupleType = Extract<TfType, { kind: 'tuple' }>;

const STRING: TfType = Object.freeze({ kind: 'string' });
const NUMBER: TfType = Object.freeze({ kind: 'number' });
const BOOL: TfType = Object.freeze({ kind: 'bool' });
const DYNAMIC: TfType = Object.freeze({ kind: 'dynamic' });

export const Types = {
  string: STRING,
  number: NUMBER,
  bool: BOOL,
  dynamic: DYNAMIC,
  list: (element: TfType): TfType => ({ kind: 'list', element }),
  set: (element: TfType): TfType => ({ kind: 'set', element }),
  map: (element: TfType): TfType => ({ kind: 'map', element }),
  object: (attributes: Record<string, TfType>): ObjectType => ({ kind: 'object', attributes }),
  tuple: (elements: readonly TfType[]): TfType => ({ kind: 'tuple', elements }),
} as const;

export function isCollectionType(t: TfType): t is CollectionType {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
}

export function isObjectType(t: TfType): t is ObjectType {
  return t.kind === 'object';
}

export function typeEquals(a: TfType, b: TfType): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'string':
    case 'number':
    case 'bool':
    case 'dynamic':
      return a.kind === b.kind;
    case 'list':
    case 'set':
    case 'map':
      return b.kind === a.kind && typeEquals(a.element, (b as CollectionType).element);
    case 'object': {
      if (b.kind !== 'object') return false;
      const ak = Object.keys(a.attributes);
      if (ak.length !== Object.keys(b.attributes).length) return false;
      return ak.every((k) => k in b.attributes && typeEquals(a.attributes[k]!, b.attributes[k]!));
    }
    case 'tuple':
      return (
        b.kind === 'tuple' &&
        a.elements.length === b.elements.length &&
        a.elements.every((e, i) => typeEquals(e, b.elements[i]!))
      );
  }
}

/** JSON form of a type, object keys sorted (as cty and terraform-plugin-go emit them). */
export function typeToJSON(t: TfType): unknown {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
    case 'dynamic':
      return t.kind;
    case 'list':
    case 'set':
    case 'map':
      return [t.kind, typeToJSON(t.element)];
    case 'object': {
      const attrs: Record<string, unknown> = {};
      for (const k of Object.keys(t.attributes).sort()) attrs[k] = typeToJSON(t.attributes[k]!);
      return t.optional && t.optional.length > 0 ? ['object', attrs, [...t.optional].sort()] : ['object', attrs];
    }
    case 'tuple':
      return ['tuple', t.elements.map(typeToJSON)];
  }
}

export class TypeParseError extends Error {
  override readonly name = 'TypeParseError';
}

export function typeFromJSON(json: unknown): TfType {
  if (typeof json === 'string') {
    switch (json) {
      case 'string':
        return STRING;
      case 'number':
        return NUMBER;
      case 'bool':
        return BOOL;
      case 'dynamic':
        return DYNAMIC;
      default:
        throw new TypeParseError(`unknown primitive type ${JSON.stringify(json)}`);
    }
  }
  if (!Array.isArray(json) || json.length < 2 || typeof json[0] !== 'string') {
    throw new TypeParseError(`invalid type JSON ${JSON.stringify(json)}`);
  }
  const [kind, arg, extra] = json as [string, unknown, unknown];
  switch (kind) {
    case 'list':
    case 'set':
    case 'map':
      return { kind, element: typeFromJSON(arg) };
    case 'object': {
      if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) {
        throw new TypeParseError('object type needs an attribute map');
      }
      const attributes: Record<string, TfType> = {};
      for (const [k, v] of Object.entries(arg)) attributes[k] = typeFromJSON(v);
      if (Array.isArray(extra) && extra.every((x): x is string => typeof x === 'string')) {
        return { kind: 'object', attributes, optional: extra };
      }
      return { kind: 'object', attributes };
    }
    case 'tuple':
      if (!Array.isArray(arg)) throw new TypeParseError('tuple type needs an element list');
      return { kind: 'tuple', elements: arg.map(typeFromJSON) };
    default:
      throw new TypeParseError(`unknown type kind ${JSON.stringify(kind)}`);
  }
}

/** Human form used in diagnostics, e.g. `list(object({name=string}))`. */
export function typeToString(t: TfType): string {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'dynamic':
      return 'any';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeToString(t.element)})`;
    case 'object':
      return `object({${Object.keys(t.attributes)
        .sort()
        .map((k) => `${k}=${typeToString(t.attributes[k]!)}`)
        .join(',')}})`;
    case 'tuple':
      return `tuple([${t.elements.map(typeToString).join(',')}])`;
  }
}
