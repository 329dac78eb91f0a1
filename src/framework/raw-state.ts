/**
 * Stored state (UpgradeResourceState's raw JSON) read against a schema.
 * Attributes the schema no longer has are dropped at every depth — Terraform
 * strips only some of them — so removing an attribute never needs a version
 * bump. Numbers keep their exact text. Flatmap state (Terraform < 0.12) is
 * rejected by the codec with a clear message.
 */
import type { JsonNode } from '../tftypes/json-tree.js';
import { parseJsonTree } from '../tftypes/json-tree.js';
import { decodeJsonValue } from '../tftypes/json-value.js';
import { decodeRawState } from '../tftypes/dynamic-value.js';
import type { RawStateBytes } from '../tftypes/dynamic-value.js';
import type { TfType } from '../tftypes/type.js';
import type { TfValue } from '../tftypes/value.js';

export function decodeStoredState(raw: RawStateBytes, type: TfType): TfValue {
  if (raw.json === undefined || raw.json === null || raw.json.length === 0) return decodeRawState(raw, type);
  const tree = parseJsonTree(new TextDecoder().decode(raw.json));
  return decodeJsonValue(writeJson(prune(tree, type)), type);
}

/** The stored state as plain JSON, for upgraders that read old shapes by hand. */
export function parseStoredState(raw: RawStateBytes): unknown {
  if (raw.json === undefined || raw.json === null || raw.json.length === 0) return null;
  return JSON.parse(new TextDecoder().decode(raw.json)) as unknown;
}

function prune(node: JsonNode, type: TfType): JsonNode {
  switch (type.kind) {
    case 'object':
      if (node.kind !== 'object') return node;
      return {
        kind: 'object',
        members: node.members
          .filter(([k]) => Object.hasOwn(type.attributes, k))
          .map(([k, v]) => [k, prune(v, type.attributes[k]!)] as const),
      };
    case 'map':
      if (node.kind !== 'object') return node;
      return { kind: 'object', members: node.members.map(([k, v]) => [k, prune(v, type.element)] as const) };
    case 'list':
    case 'set':
      return node.kind === 'array' ? { kind: 'array', items: node.items.map((i) => prune(i, type.element)) } : node;
    case 'tuple':
      return node.kind === 'array' ? { kind: 'array', items: node.items.map((i, n) => (type.elements[n] ? prune(i, type.elements[n]) : i)) } : node;
    default:
      return node;
  }
}

function writeJson(node: JsonNode): string {
  switch (node.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'number':
      return node.text;
    case 'string':
      return JSON.stringify(node.value);
    case 'array':
      return `[${node.items.map(writeJson).join(',')}]`;
    case 'object':
      return `{${node.members.map(([k, v]) => `${JSON.stringify(k)}:${writeJson(v)}`).join(',')}}`;
  }
}
