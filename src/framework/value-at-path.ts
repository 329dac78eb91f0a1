/**
 * Immutable edits of a value at a path (reading is tftypes' getAtPath).
 * Errors name the path and the reason, never the value.
 */
import type { AttributePath, PathStep } from '../tftypes/attribute-path.js';
import { AttributePath as Path } from '../tftypes/attribute-path.js';
import type { TfType } from '../tftypes/type.js';
import { typeEquals, typeToString } from '../tftypes/type.js';
import type { TfValue } from '../tftypes/value.js';
import { ModelError } from './model.js';

/** The type found by following `path` from `type` (list/map/set element types included). */
export function typeAtPath(type: TfType, path: AttributePath): TfType | undefined {
  let t: TfType = type;
  for (const step of path.steps) {
    const next = childType(t, step);
    if (next === undefined) return undefined;
    t = next;
  }
  return t;
}

function childType(t: TfType, step: PathStep): TfType | undefined {
  switch (step.kind) {
    case 'attribute':
      return t.kind === 'object' && Object.hasOwn(t.attributes, step.name) ? t.attributes[step.name] : undefined;
    case 'key':
      return t.kind === 'map' ? t.element : undefined;
    case 'index':
      if (t.kind === 'list') return t.element;
      return t.kind === 'tuple' ? t.elements[step.index] : undefined;
  }
}

/** A copy of `root` with the value at `path` replaced by `value` (map keys are added when missing). */
export function setValueAtPath(root: TfValue, path: AttributePath, value: TfValue): TfValue {
  const expected = typeAtPath(root.type, path);
  if (expected === undefined) throw new ModelError(path, `no such attribute path in ${typeToString(root.type)}`);
  if (!typeEquals(expected, value.type) && expected.kind !== 'dynamic') {
    throw new ModelError(path, `a ${typeToString(value.type)} value cannot be stored in a ${typeToString(expected)} attribute`);
  }
  return setAt(root, path.steps, 0, value, path);
}

function setAt(cur: TfValue, steps: readonly PathStep[], i: number, value: TfValue, full: AttributePath): TfValue {
  if (i === steps.length) return value;
  const step = steps[i]!;
  if (cur.state !== 'known') {
    const at = Path.fromSteps(steps.slice(0, i));
    throw new ModelError(full, `cannot set a value below ${at.isRoot ? 'the object' : at.toString()}, which is ${cur.state}`);
  }
  switch (step.kind) {
    case 'attribute':
    case 'key': {
      const k = step.kind === 'attribute' ? step.name : step.key;
      const record = cur.value as Readonly<Record<string, TfValue>>;
      const elemType = cur.type.kind === 'map' ? cur.type.element : (cur.type as Extract<TfType, { kind: 'object' }>).attributes[k]!;
      const child = Object.hasOwn(record, k) ? record[k]! : { state: 'null' as const, type: elemType };
      return { state: 'known', type: cur.type, value: { ...record, [k]: setAt(child, steps, i + 1, value, full) } };
    }
    case 'index': {
      const items = cur.value as readonly TfValue[];
      if (step.index >= items.length) throw new ModelError(full, `index ${step.index} is out of range (${items.length} elements)`);
      const copy = [...items];
      copy[step.index] = setAt(items[step.index]!, steps, i + 1, value, full);
      return { state: 'known', type: cur.type, value: copy };
    }
  }
}
