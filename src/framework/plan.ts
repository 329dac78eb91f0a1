/**
 * The framework's planning steps for create and update, in order:
 *
 *  1. markComputedUnknown: start from Terraform's proposed new state; when
 *     the resource is created or has changes, computed-only attributes
 *     (config is always null) become unknown, and optional+computed ones
 *     with null config become unknown where there is no prior object to
 *     keep them from (a new resource or a new block element). On an update,
 *     optional+computed attributes left out of config keep their prior
 *     value, as SDKv2 providers do.
 *  2. applyPlanModifiers: the schema's modifiers, top-down, at every depth;
 *     replacement paths are collected (never on create).
 *  3. (the resource's ModifyPlan, in provider-server.ts)
 *  4. revertUnneededUnknowns: if, after all that, the plan differs from the
 *     prior state only by unknowns the framework itself introduced in step 1,
 *     the resource has no changes after all: plan the prior state.
 */
import { AttributePath } from '../tftypes/attribute-path.js';
import { typeEquals, typeToString } from '../tftypes/type.js';
import type { TfValue } from '../tftypes/value.js';
import { Value, valueEquals } from '../tftypes/value.js';
import type { Diagnostics } from './diagnostics.js';
import { ModelError } from './model.js';
import type { ReadonlyObjectData } from './object-data.js';
import { toPath } from './path.js';
import type { PathLike } from './path.js';
import type { PlanModifier, PlanModifierRequest, PlanModifierResponse } from './plan-modifier.js';
import type { ReadonlyPrivateData } from './private-data.js';
import type { BlockSchema, Schema } from './schema.js';
import { isComputedMode } from './schema.js';
import type { SchemaNode } from './schema-walk.js';
import { attributeOf, blockElements, schemaNodeAt, valuesDiffer, withBlockElements } from './schema-walk.js';

/** Unknown values created by step 1, recognised later by identity. */
export type FrameworkUnknowns = WeakSet<TfValue>;

export function markComputedUnknown(
  schema: Schema,
  proposed: TfValue,
  config: TfValue,
  prior: TfValue,
): { plan: TfValue; marks: FrameworkUnknowns } {
  const marks: FrameworkUnknowns = new WeakSet();
  const isCreate = prior.state === 'null';
  const changed = isCreate || !valueEquals(proposed, prior);
  if (!changed) return { plan: proposed, marks };
  return { plan: markBlock(schema, proposed, config, prior, isCreate, marks), marks };
}

function markBlock(block: BlockSchema, plan: TfValue, config: TfValue, prior: TfValue, isNew: boolean, marks: FrameworkUnknowns): TfValue {
  if (plan.state !== 'known') return plan;
  const attrs: Record<string, TfValue> = { ...(plan.value as Record<string, TfValue>) };
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attributeOf(config, name, block).state !== 'null') continue;
    if (attr.mode === 'computed' || (attr.mode === 'optionalComputed' && isNew)) {
      const unknown = Value.unknown(attr.type);
      marks.add(unknown);
      attrs[name] = unknown;
    }
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const pv = attrs[name]!;
    const elements = blockElements(nested, AttributePath.root, pv, attributeOf(config, name, block), attributeOf(prior, name, block));
    attrs[name] = withBlockElements(
      nested,
      pv,
      elements.map((e) => markBlock(nested, e.plan, e.config, e.prior, isNew || e.prior.state === 'null', marks)),
    );
  }
  return { state: 'known', type: plan.type, value: attrs };
}

export interface ModifierContext {
  readonly schema: Schema;
  readonly isCreate: boolean;
  readonly configData: ReadonlyObjectData;
  readonly stateData: ReadonlyObjectData;
  /** The plan before any modifier ran (after step 1). */
  readonly planData: ReadonlyObjectData;
  readonly private: ReadonlyPrivateData;
  readonly diagnostics: Diagnostics;
}

export function applyPlanModifiers(ctx: ModifierContext): { plan: TfValue; requiresReplace: AttributePath[] } {
  const replace: AttributePath[] = [];
  const plan = modifyBlock(ctx, ctx.schema, AttributePath.root, ctx.planData.value, ctx.configData.value, ctx.stateData.value, replace);
  return { plan, requiresReplace: replace };
}

function modifyBlock(
  ctx: ModifierContext,
  block: BlockSchema,
  path: AttributePath,
  plan: TfValue,
  config: TfValue,
  prior: TfValue,
  replace: AttributePath[],
): TfValue {
  if (plan.state !== 'known') return plan;
  const attrs: Record<string, TfValue> = { ...(plan.value as Record<string, TfValue>) };
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (!attr.planModifiers || attr.planModifiers.length === 0) continue;
    const at = path.attribute(name);
    attrs[name] = runModifiers(ctx, attr.planModifiers, { kind: 'attribute', attribute: attr }, isComputedMode(attr.mode), at, {
      plan: attrs[name]!,
      config: attributeOf(config, name, block),
      prior: attributeOf(prior, name, block),
      replace,
    });
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const at = path.attribute(name);
    const cv = attributeOf(config, name, block);
    const sv = attributeOf(prior, name, block);
    let bv = attrs[name]!;
    if (nested.planModifiers && nested.planModifiers.length > 0) {
      bv = runModifiers(ctx, nested.planModifiers, { kind: 'block', block: nested }, false, at, { plan: bv, config: cv, prior: sv, replace });
    }
    const elements = blockElements(nested, at, bv, cv, sv);
    attrs[name] = withBlockElements(
      nested,
      bv,
      elements.map((e) => modifyBlock(ctx, nested, e.path, e.plan, e.config, e.prior, replace)),
    );
  }
  return { state: 'known', type: plan.type, value: attrs };
}

function runModifiers(
  ctx: ModifierContext,
  modifiers: readonly PlanModifier[],
  node: SchemaNode,
  computed: boolean,
  path: AttributePath,
  values: { plan: TfValue; config: TfValue; prior: TfValue; replace: AttributePath[] },
): TfValue {
  const resp: PlanModifierResponse = { plan: values.plan, requiresReplace: false, diagnostics: ctx.diagnostics };
  for (const modifier of modifiers) {
    const req: PlanModifierRequest = {
      path,
      config: values.config,
      state: values.prior,
      plan: resp.plan,
      configData: ctx.configData,
      stateData: ctx.stateData,
      planData: ctx.planData,
      isCreate: ctx.isCreate,
      computed,
      private: ctx.private,
      changed: (other?: PathLike) => {
        if (other === undefined) return valuesDiffer(node, resp.plan, values.prior);
        const p = toPath(other);
        return valuesDiffer(schemaNodeAt(ctx.schema, p), ctx.planData.getValue(p), ctx.stateData.getValue(p));
      },
    };
    modifier.modify(req, resp);
    if (!typeEquals(resp.plan.type, values.plan.type)) {
      throw new ModelError(path, `a plan modifier planned a ${typeToString(resp.plan.type)} value for a ${typeToString(values.plan.type)} attribute`);
    }
  }
  if (resp.requiresReplace && !ctx.isCreate && !values.replace.some((p) => p.equals(path))) values.replace.push(path);
  return resp.plan;
}

/** Step 4: the prior state when the plan differs from it only by the framework's own unknowns. */
export function revertUnneededUnknowns(schema: Schema, plan: TfValue, prior: TfValue, marks: FrameworkUnknowns): TfValue {
  if (prior.state !== 'known' || plan.state !== 'known') return plan;
  const candidate = revertBlock(schema, plan, prior, marks);
  return valueEquals(candidate, prior) ? prior : plan;
}

function revertBlock(block: BlockSchema, plan: TfValue, prior: TfValue, marks: FrameworkUnknowns): TfValue {
  if (plan.state !== 'known' || prior.state !== 'known') return plan;
  const attrs: Record<string, TfValue> = { ...(plan.value as Record<string, TfValue>) };
  for (const name of Object.keys(block.attributes ?? {})) {
    if (marks.has(attrs[name]!)) attrs[name] = attributeOf(prior, name, block);
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const pv = attrs[name]!;
    const sv = attributeOf(prior, name, block);
    const elements = blockElements(nested, AttributePath.root, pv, sv, sv);
    attrs[name] = withBlockElements(nested, pv, elements.map((e) => revertBlock(nested, e.plan, e.prior, marks)));
  }
  return { state: 'known', type: plan.type, value: attrs };
}
