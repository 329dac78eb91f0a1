/**
 * Plan checks over `show -json <planfile>`:
 *
 *   resourceChange(plan, 'ibm_x.a')            → ResourceChangeJson (readable error when absent)
 *   actions(plan, 'ibm_x.a')                   → ['update'] | ['delete', 'create'] | ['no-op'] …
 *   plannedAttrs(plan, 'ibm_x.a')              → flattened known `after` values
 *   unknownAfterApply(plan, 'ibm_x.a')         → flattened keys that are "(known after apply)"
 *   replacePaths(plan, 'ibm_x.a')              → ['source_service.0.role.0.crn', …] (what forces replacement)
 *   changedResources(plan)                     → addresses with an action other than no-op/read
 */
import type { ChangeAction, PlanJson, ResourceChangeJson } from './terraform-json.js';
import { flattenValues } from './state-checks.js';

export function resourceChange(plan: PlanJson, address: string): ResourceChangeJson {
  const changes = plan.resource_changes ?? [];
  const found = changes.find((c) => c.address === address);
  if (found) return found;
  const known = changes.map((c) => `${c.address} (${c.change.actions.join(',')})`).join(', ') || '(no resource changes)';
  throw new Error(`${address} is not in the plan; changes: ${known}`);
}

export function actions(plan: PlanJson, address: string): readonly ChangeAction[] {
  return resourceChange(plan, address).change.actions;
}

export function isReplacement(plan: PlanJson, address: string): boolean {
  const a = actions(plan, address);
  return a.includes('delete') && a.includes('create');
}

/** Planned values that are already known, flattened like state attributes. */
export function plannedAttrs(plan: PlanJson, address: string): Readonly<Record<string, string>> {
  const after = resourceChange(plan, address).change.after;
  return after !== null && typeof after === 'object' ? flattenValues(after as Record<string, unknown>) : {};
}

/** Flattened keys whose planned value is unknown (`after_unknown` is true there). */
export function unknownAfterApply(plan: PlanJson, address: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string): void => {
    if (v === true) out.push(key);
    else if (Array.isArray(v)) v.forEach((e, i) => walk(e, `${key}.${i}`));
    else if (v !== null && typeof v === 'object') {
      for (const [k, e] of Object.entries(v as Record<string, unknown>)) walk(e, key === '' ? k : `${key}.${k}`);
    }
  };
  walk(resourceChange(plan, address).change.after_unknown, '');
  return out.sort();
}

export function replacePaths(plan: PlanJson, address: string): string[] {
  return (resourceChange(plan, address).change.replace_paths ?? []).map((p) => p.join('.'));
}

export function changedResources(plan: PlanJson): string[] {
  return (plan.resource_changes ?? [])
    .filter((c) => c.change.actions.some((a) => a !== 'no-op' && a !== 'read'))
    .map((c) => c.address);
}
