/**
 * Set semantics for decoded and encoded values: wholly known duplicates
 * collapse to the first occurrence, as cty.SetVal does. Elements that contain
 * unknowns stay distinct (their final values may differ).
 */
import { numberToText } from './number.js';
import type { TfNumber, TfValue } from './value.js';
import { isWhollyKnown, valueEquals } from './value.js';

export function dedupeSetElements(items: readonly TfValue[]): TfValue[] {
  const out: TfValue[] = [];
  const seenPrimitives = new Set<string>();
  for (const item of items) {
    const key = primitiveKey(item);
    if (key !== undefined) {
      if (seenPrimitives.has(key)) continue;
      seenPrimitives.add(key);
    } else if (isWhollyKnown(item) && out.some((o) => valueEquals(o, item))) {
      continue;
    }
    out.push(item);
  }
  return out;
}

/** A cheap identity for known/null primitives; undefined for everything else. */
function primitiveKey(v: TfValue): string | undefined {
  if (v.state === 'unknown') return undefined;
  const kind = v.type.kind;
  if (kind !== 'string' && kind !== 'number' && kind !== 'bool') return undefined;
  if (v.state === 'null') return `${kind}:null`;
  if (kind === 'number') {
    try {
      return `number:${numberToText(v.value as TfNumber)}`;
    } catch {
      return undefined;
    }
  }
  return `${kind}=${String(v.value)}`;
}
