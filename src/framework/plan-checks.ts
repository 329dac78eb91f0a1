/**
 * Self-checks that mirror Terraform's own (objchange.AssertPlanValid and
 * AssertObjectCompatible), run before a response leaves the provider. A
 * failure would otherwise surface as Terraform's "Provider produced invalid
 * plan" or "inconsistent result after apply"; here it becomes a diagnostic
 * naming the attribute path and the rule, for the provider's developers.
 * Problems never quote values (they may be sensitive).
 */
import { AttributePath } from '../tftypes/attribute-path.js';
import type { TfValue } from '../tftypes/value.js';
import { isWhollyKnown, knownElements, transformValue, Value, valueEquals } from '../tftypes/value.js';
import type { AttributeSchema, BlockSchema } from './schema.js';
import { attributeOf } from './schema-walk.js';

export interface ValueProblem {
  readonly path: AttributePath;
  readonly problem: string;
}

/** Problems of a planned state for create/update against config and prior state. */
export function planProblems(schema: BlockSchema, prior: TfValue, config: TfValue, planned: TfValue): ValueProblem[] {
  const out: ValueProblem[] = [];
  checkPlannedBlock(schema, prior, config, planned, AttributePath.root, out);
  return out;
}

function checkPlannedBlock(block: BlockSchema, prior: TfValue, config: TfValue, planned: TfValue, path: AttributePath, out: ValueProblem[]): void {
  if (planned.state === 'unknown') {
    out.push({ path, problem: 'an object of a block was planned as unknown; plan its attributes as unknown instead' });
    return;
  }
  if (planned.state === 'null' && config.state !== 'null') {
    out.push({ path, problem: 'planned as absent while the configuration has it' });
    return;
  }
  if (config.state === 'null' && planned.state !== 'null') {
    out.push({ path, problem: 'planned as present while the configuration does not have it' });
    return;
  }
  if (planned.state === 'null') return;
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    const problem = plannedAttributeProblem(attr, attributeOf(prior, name, block), attributeOf(config, name, block), attributeOf(planned, name, block));
    if (problem !== undefined) out.push({ path: path.attribute(name), problem });
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const at = path.attribute(name);
    const pv = attributeOf(planned, name, block);
    const cv = attributeOf(config, name, block);
    const sv = attributeOf(prior, name, block);
    if (nested.nesting !== 'single' && pv.state === 'null') {
      out.push({ path: at, problem: `a ${nested.nesting} of blocks must be empty to mean "no blocks", not null` });
      continue;
    }
    if (valueEquals(pv, cv)) continue;
    if (cv.state === 'unknown') {
      out.push({ path: at, problem: 'a dynamic block over values not known yet must stay unknown' });
      continue;
    }
    if (pv.state === 'unknown') {
      out.push({ path: at, problem: 'blocks cannot be planned as unknown' });
      continue;
    }
    if (nested.nesting === 'single') {
      checkPlannedBlock(nested, sv, cv, pv, at, out);
      continue;
    }
    const ps = knownElements(pv) ?? [];
    const cs = knownElements(cv) ?? [];
    if (nested.nesting === 'set') {
      if (ps.some((e) => e.state === 'unknown')) out.push({ path: at, problem: 'a block element was planned as unknown' });
      continue;
    }
    if (ps.length !== cs.length) {
      out.push({ path: at, problem: `${ps.length} blocks planned but ${cs.length} configured; the counts must match` });
      continue;
    }
    const ss = knownElements(sv) ?? [];
    ps.forEach((e, i) => checkPlannedBlock(nested, ss[i] ?? Value.null(e.type), cs[i]!, e, at.index(i), out));
  }
}

function plannedAttributeProblem(attr: AttributeSchema, prior: TfValue, config: TfValue, planned: TfValue): string | undefined {
  if (valueEquals(planned, config)) return undefined;
  if (prior.state !== 'null' && config.state !== 'null' && valueEquals(planned, prior)) return undefined;
  if (attr.mode === 'computed') return undefined;
  if (config.state === 'null' && attr.mode === 'optionalComputed') return undefined;
  if (config.state === 'null') return 'a value was planned for an attribute the configuration leaves unset, and the attribute is not computed';
  if (planned.state === 'unknown') return 'planned as unknown although the configuration sets it';
  return prior.state === 'null'
    ? 'the planned value differs from the configured value'
    : 'the planned value differs from both the configured value and the prior state';
}

/** Problems of an apply result against the plan: known planned values must come back unchanged. */
export function applyProblems(planned: TfValue, actual: TfValue): ValueProblem[] {
  const out: ValueProblem[] = [];
  compareCompatible(planned, actual, AttributePath.root, out);
  return out;
}

function compareCompatible(planned: TfValue, actual: TfValue, path: AttributePath, out: ValueProblem[]): void {
  if (planned.state === 'unknown') return;
  if (actual.state === 'unknown') return; // reported by unknownPaths
  if (planned.state === 'null' || actual.state === 'null') {
    if (planned.state !== actual.state) {
      out.push({ path, problem: planned.state === 'null' ? 'planned as null but has a value after apply' : 'planned with a value but is null after apply' });
    }
    return;
  }
  switch (planned.type.kind) {
    case 'list':
    case 'tuple': {
      const p = planned.value as readonly TfValue[];
      const a = actual.value as readonly TfValue[];
      if (p.length !== a.length) {
        out.push({ path, problem: `planned ${p.length} elements but has ${a.length} after apply` });
        return;
      }
      p.forEach((e, i) => compareCompatible(e, a[i]!, path.index(i), out));
      return;
    }
    case 'map':
    case 'object': {
      const p = planned.value as Readonly<Record<string, TfValue>>;
      const a = actual.value as Readonly<Record<string, TfValue>>;
      const isMap = planned.type.kind === 'map';
      for (const k of Object.keys(p)) {
        const step = isMap ? path.key(k) : path.attribute(k);
        if (!Object.hasOwn(a, k)) out.push({ path: step, problem: 'planned but missing after apply' });
        else compareCompatible(p[k]!, a[k]!, step, out);
      }
      if (isMap) for (const k of Object.keys(a)) if (!Object.hasOwn(p, k)) out.push({ path: path.key(k), problem: 'not planned but present after apply' });
      return;
    }
    case 'set':
      if (isWhollyKnown(planned) && !valueEquals(planned, actual)) out.push({ path, problem: 'the set differs from the planned set' });
      return;
    default:
      if (!valueEquals(planned, actual)) out.push({ path, problem: 'the value after apply differs from the planned value' });
  }
}

/** Paths holding unknown values (set elements report the set's path). */
export function unknownPaths(v: TfValue, path: AttributePath = AttributePath.root): AttributePath[] {
  if (v.state === 'unknown') return [path];
  if (v.state === 'null') return [];
  switch (v.type.kind) {
    case 'list':
    case 'tuple':
      return (v.value as readonly TfValue[]).flatMap((e, i) => unknownPaths(e, path.index(i)));
    case 'set':
      return (v.value as readonly TfValue[]).some((e) => !isWhollyKnown(e)) ? [path] : [];
    case 'map':
      return Object.entries(v.value as Record<string, TfValue>).flatMap(([k, e]) => unknownPaths(e, path.key(k)));
    case 'object':
      return Object.entries(v.value as Record<string, TfValue>).flatMap(([k, e]) => unknownPaths(e, path.attribute(k)));
    default:
      return [];
  }
}

/** The value with every unknown replaced by null (what Terraform itself does to an invalid result). */
export function unknownsAsNull(v: TfValue): TfValue {
  return transformValue(v, (_, x) => (x.state === 'unknown' ? Value.null(x.type) : x));
}
