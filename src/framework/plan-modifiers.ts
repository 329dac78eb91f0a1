/**
 * Ready-made plan modifiers. Each carries a description for the docs and
 * works on attributes and nested blocks alike, at any depth (the request
 * carries the full path, e.g. `source_service[0].instance[0].crn`).
 *
 *   planModifiers: [requiresReplace()]
 *   planModifiers: [useStateForUnknown()]                          // stable computed id
 *   planModifiers: [useStateWhileUnchanged('rotation')]            // known unless rotation changes
 *   planModifiers: [suppressDiffIf((req) => ..., 'Ignored while auto_rotate is false.')]
 */
import type { TfValue } from '../tftypes/value.js';
import type { PathLike } from './path.js';
import type { PlanModifier, PlanModifierRequest, PlanModifierResponse } from './plan-modifier.js';

/** Builds a modifier from a description and a function. */
export function planModifier(
  description: string,
  modify: (req: PlanModifierRequest, resp: PlanModifierResponse) => void,
): PlanModifier {
  return { description, modify };
}

const REPLACE_DESCRIPTION = 'If the value of this attribute changes, Terraform will destroy and recreate the resource.';

/** Replacement whenever the value changes (never on create, never on destroy). */
export function requiresReplace(): PlanModifier {
  return requiresReplaceIf(() => true, REPLACE_DESCRIPTION);
}

/**
 * Replacement when the value changes and `condition` holds, e.g. only when a
 * value is removed. Unknown planned values count as a change (Terraform
 * shows "forces replacement" until the value is known).
 */
export function requiresReplaceIf(condition: (req: PlanModifierRequest) => boolean, description: string): PlanModifier {
  return planModifier(description, (req, resp) => {
    if (req.isCreate || !req.changed()) return;
    if (condition(req)) resp.requiresReplace = true;
  });
}

/**
 * Keeps the prior state value instead of "known after apply" when the
 * resource changes for other reasons (ids, creation dates, anything the
 * provider never changes after create).
 */
export function useStateForUnknown(): PlanModifier {
  return planModifier(
    'The value does not change after creation; plans show the current value instead of "known after apply".',
    (req, resp) => {
      // A null prior value may legitimately become a value now: leave it unknown.
      if (resp.plan.state === 'unknown' && !req.isCreate && req.state.state === 'known' && req.config.state !== 'unknown') {
        resp.plan = req.state;
      }
    },
  );
}

/**
 * Keeps the prior state value while every listed attribute is unchanged, and
 * leaves it "known after apply" otherwise, e.g. a next rotation date that
 * only moves when the rotation policy changes.
 */
export function useStateWhileUnchanged(...paths: readonly PathLike[]): PlanModifier {
  const names = paths.map(String).join(', ');
  return planModifier(`The value only changes when ${names} changes.`, (req, resp) => {
    if (resp.plan.state !== 'unknown' || req.isCreate || req.state.state === 'unknown') return;
    if (req.config.state === 'unknown') return;
    if (paths.some((p) => req.changed(p))) return;
    resp.plan = req.state;
  });
}

/**
 * Plans the prior state value instead of the configured one while
 * `condition` holds (SDKv2's DiffSuppressFunc), e.g. interval and unit
 * while auto-rotation is off. The resource must then keep the state value
 * on apply. Never applies on create, or when configuration and state are
 * both null.
 */
export function suppressDiffIf(condition: (req: PlanModifierRequest) => boolean, description: string): PlanModifier {
  return planModifier(description, (req, resp) => {
    if (req.isCreate || req.state.state === 'null' || !req.changed()) return;
    // Terraform accepts the prior value for a non-computed attribute only while it is configured.
    if (!req.computed && req.config.state === 'null') return;
    if (condition(req)) resp.plan = req.state;
  });
}

/**
 * A known value when the configuration leaves an optional+computed
 * attribute null, instead of "known after apply" (the provider must then
 * store exactly this value).
 */
export function defaultValue(value: TfValue, description: string): PlanModifier {
  return planModifier(description, (req, resp) => {
    if (req.config.state === 'null' && req.computed && resp.plan.state === 'unknown') resp.plan = value;
  });
}
