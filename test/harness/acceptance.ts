/**
 * Acceptance steps in the style of terraform-plugin-testing's TestCase.
 *
 *   await runSteps({ wiring: devOverrides(IBM_PROVIDER), checkDestroy: goneFromStore }, [
 *     { config: basic('a'), check: (s) => expectAttr(s, 'ibm_x.a', 'name', 'a') },  // plan, apply, check, plan is empty
 *     { importState: true, resourceName: 'ibm_x.a', importStateVerify: true, importStateVerifyIgnore: ['ttl'] },
 *     { config: basic('b'), planCheck: (p) => expect(actions(p, 'ibm_x.a')).toEqual(['update']) },
 *     { config: bad, expectError: /Invalid TTL/ },
 *     { config: ttl('60d'), planOnly: true, expectNonEmptyPlan: true, expectWarning: /next rotation/ },
 *   ]);                                                   // then destroy, then checkDestroy(lastState)
 *
 * or as a one-liner test: `acceptanceTest('basic', ctx, steps)`.
 *
 * Config step: write the config, `plan -out`, optional planCheck(planJson),
 * `apply` of that plan, check(state), then a refreshing plan that must be empty
 * (expectEmptyPlanAfter, default true) or non-empty (expectNonEmptyPlan).
 * planOnly stops after the plan, which must be empty unless expectNonEmptyPlan.
 * expectError / expectWarning match Terraform's output; both the raw text and a
 * normalised form (diagnostic boxes removed, wrapped lines joined) are tried.
 *
 * Import step: `terraform import` in a scratch copy of the working directory
 * (same config, no state), id from importStateId or the resource's `id`;
 * importStateVerify compares the imported attributes with the state's,
 * skipping keys that start with an importStateVerifyIgnore entry.
 *
 * After the steps (even failed ones) everything is destroyed; checkDestroy
 * runs with the last applied state when all steps passed.
 *
 * Step `env` reaches the provider only when terraform launches it
 * (dev_overrides, mirror); a reattached debug provider keeps the environment
 * it was started with.
 */
import type { PlanJson, StateJson } from './terraform-json.js';
import type { EnvVars, PlanResult } from './terraform-runner.js';
import { TerraformError } from './terraform-runner.js';
import { diffAttrs, findResource, flattenValues, isSensitiveKey } from './state-checks.js';
import type { ProviderWiring } from './working-dir.js';
import { WorkingDir } from './working-dir.js';

type MaybePromise<T> = T | Promise<T>;

export interface ConfigStep {
  readonly config: string;
  /** Shown in failure messages. */
  readonly name?: string;
  readonly vars?: Readonly<Record<string, string>>;
  /** Extra environment for this step's commands (e.g. IBM_SM_LOCAL_CLOCK_OFFSET). */
  readonly env?: EnvVars;
  /** Runs before the step, e.g. to change things behind Terraform's back (drift). */
  readonly preConfig?: (wd: WorkingDir) => MaybePromise<void>;
  readonly planOnly?: boolean;
  readonly expectError?: RegExp;
  readonly expectWarning?: RegExp;
  /** The plan (planOnly) or the plan after apply must have changes. */
  readonly expectNonEmptyPlan?: boolean;
  /** Default true: the plan after apply must be empty. */
  readonly expectEmptyPlanAfter?: boolean;
  /** Sees the JSON of the plan that is about to be applied, and the plan's text output. */
  readonly planCheck?: (plan: PlanJson, output: string, wd: WorkingDir) => MaybePromise<void>;
  /** Sees the state after apply; `wd.tf` can run more commands (outputs, state show). */
  readonly check?: (state: StateJson, wd: WorkingDir) => MaybePromise<void>;
}

export interface ImportStep {
  readonly importState: true;
  readonly resourceName: string;
  /** Default: the `id` attribute of resourceName in the last state. */
  readonly importStateId?: string | ((state: StateJson | undefined) => string);
  readonly importStateVerify?: boolean;
  /** Flattened-key prefixes to skip in the verification (`credentials` skips `credentials.%` and all keys). */
  readonly importStateVerifyIgnore?: readonly string[];
  /** Config for the scratch directory; default the last config step's. */
  readonly config?: string;
  readonly name?: string;
  readonly vars?: Readonly<Record<string, string>>;
  readonly env?: EnvVars;
  readonly preConfig?: (wd: WorkingDir) => MaybePromise<void>;
  readonly expectError?: RegExp;
  /** Sees the scratch directory's state after the import (and the scratch directory). */
  readonly check?: (importedState: StateJson, scratch: WorkingDir) => MaybePromise<void>;
}

export type Step = ConfigStep | ImportStep;

export interface AcceptanceCase {
  /** How terraform finds the provider; ignored when workingDir is given. Default: built-ins only. */
  readonly wiring?: ProviderWiring;
  /** Run in this directory (not cleaned up here) instead of a fresh one. */
  readonly workingDir?: WorkingDir;
  /** Environment for every command. */
  readonly env?: EnvVars;
  /** After the final destroy, e.g. "the secret is gone from the backend". */
  readonly checkDestroy?: (lastState: StateJson | undefined, wd: WorkingDir) => MaybePromise<void>;
  /** Leave resources in place (the directory is still removed unless kept). */
  readonly skipDestroy?: boolean;
  readonly prefix?: string;
}

export interface AcceptanceResult {
  /** State after the last successful apply (before the destroy). */
  readonly lastState: StateJson | undefined;
}

const PLAN_FILE = 'tfplan';

export async function runSteps(ctx: AcceptanceCase, steps: readonly Step[]): Promise<AcceptanceResult> {
  const wd =
    ctx.workingDir ??
    (await WorkingDir.create({ wiring: ctx.wiring ?? { mode: 'none' }, prefix: ctx.prefix ?? 'tf-acc', ...(ctx.env && { env: ctx.env }) }));
  let lastState: StateJson | undefined;
  let lastConfig: ConfigStep | undefined;
  // The destroy needs a config Terraform accepts: the last one that was applied.
  let appliedConfig: ConfigStep | undefined;
  let failure: unknown;
  try {
    for (const [i, step] of steps.entries()) {
      const label = `step ${i + 1}/${steps.length}${step.name ? ` (${step.name})` : ''}`;
      try {
        if ('importState' in step) {
          await runImportStep(wd, step, lastState, lastConfig);
        } else {
          lastConfig = step;
          const state = await runConfigStep(wd, step);
          if (state !== undefined) [lastState, appliedConfig] = [state, step];
        }
      } catch (e: unknown) {
        throw stepError(label, e);
      }
    }
  } catch (e: unknown) {
    failure = e;
  }
  try {
    if (!ctx.skipDestroy) await destroyAll(wd, appliedConfig);
    if (failure === undefined) await ctx.checkDestroy?.(lastState, wd);
  } catch (e: unknown) {
    failure = failure === undefined ? stepError('destroy', e) : appendError(failure, stepError('destroy', e));
  } finally {
    if (ctx.workingDir === undefined) await wd.cleanup();
  }
  if (failure !== undefined) throw failure;
  return { lastState };
}

async function destroyAll(wd: WorkingDir, applied: ConfigStep | undefined): Promise<void> {
  if (!wd.hasFile('terraform.tfstate') || (await wd.tf.stateList()).length === 0) return;
  if (applied !== undefined) wd.setConfig(applied.config);
  await wd.tf.destroy({ ...(applied?.vars && { vars: applied.vars }), ...(applied?.env && { env: applied.env }) });
}

/** `test(name, () => runSteps(ctx, steps), timeout)` in one line. */
export function acceptanceTest(name: string, ctx: AcceptanceCase, steps: readonly Step[], timeoutMs?: number): void {
  test(name, async () => {
    await runSteps(ctx, steps);
  }, timeoutMs);
}

async function runConfigStep(wd: WorkingDir, step: ConfigStep): Promise<StateJson | undefined> {
  await step.preConfig?.(wd);
  wd.setConfig(step.config);
  await wd.ensureInit();
  const common = { ...(step.vars && { vars: step.vars }), ...(step.env && { env: step.env }) };
  let output = '';
  try {
    let plan: PlanResult;
    try {
      plan = await wd.tf.plan({ ...common, out: PLAN_FILE });
    } catch (e: unknown) {
      if (matchesExpectedError(step.expectError, e)) return undefined;
      throw e;
    }
    output += `${plan.stdout}\n${plan.stderr}`;
    if (step.planCheck) await step.planCheck(await wd.tf.showPlanJson(PLAN_FILE, common), output, wd);

    if (step.planOnly) {
      if (step.expectError) throw new Error(`expected an error matching ${step.expectError}, but the plan succeeded`);
      if (plan.changes && !step.expectNonEmptyPlan) throw new Error(`the plan was not empty:\n${plan.stdout}`);
      if (!plan.changes && step.expectNonEmptyPlan) throw new Error('expected a non-empty plan, but it was empty');
      expectWarningIn(step.expectWarning, output);
      return undefined;
    }

    try {
      const applied = await wd.tf.apply({ ...common, planFile: PLAN_FILE });
      output += `\n${applied.stdout}\n${applied.stderr}`;
    } catch (e: unknown) {
      if (matchesExpectedError(step.expectError, e)) return await wd.tf.showStateJson(common);
      throw e;
    }
    if (step.expectError) throw new Error(`expected an error matching ${step.expectError}, but plan and apply succeeded`);
    expectWarningIn(step.expectWarning, output);

    const state = await wd.tf.showStateJson(common);
    await step.check?.(state, wd);

    const after = await wd.tf.plan(common);
    if (step.expectNonEmptyPlan) {
      if (!after.changes) throw new Error('expected a non-empty plan after apply, but it was empty');
    } else if (step.expectEmptyPlanAfter !== false && after.changes) {
      throw new Error(`after applying this step, the plan was not empty:\n${after.stdout}`);
    }
    return state;
  } finally {
    wd.removeFile(PLAN_FILE);
  }
}

async function runImportStep(
  wd: WorkingDir,
  step: ImportStep,
  lastState: StateJson | undefined,
  lastConfig: ConfigStep | undefined,
): Promise<void> {
  await step.preConfig?.(wd);
  const id = importId(step, lastState);
  const scratch = await wd.scratchCopy();
  const vars = step.vars ?? lastConfig?.vars;
  const common = { ...(vars && { vars }), ...(step.env && { env: step.env }) };
  try {
    if (step.config !== undefined) scratch.setConfig(step.config);
    await scratch.ensureInit();
    try {
      await scratch.tf.import(step.resourceName, id, common);
    } catch (e: unknown) {
      if (matchesExpectedError(step.expectError, e)) return;
      throw e;
    }
    if (step.expectError) throw new Error(`expected an error matching ${step.expectError}, but the import succeeded`);
    const imported = await scratch.tf.showStateJson(common);
    await step.check?.(imported, scratch);
    if (step.importStateVerify) verifyImport(step, id, lastState, imported);
  } finally {
    await scratch.cleanup();
  }
}

function importId(step: ImportStep, state: StateJson | undefined): string {
  if (typeof step.importStateId === 'function') return step.importStateId(state);
  if (step.importStateId !== undefined) return step.importStateId;
  if (state === undefined) throw new Error('importStateId is required when no earlier step applied a state');
  const id = findResource(state, step.resourceName).values['id'];
  if (typeof id !== 'string' || id === '') throw new Error(`${step.resourceName} has no "id" to import by; set importStateId`);
  return id;
}

function verifyImport(step: ImportStep, id: string, before: StateJson | undefined, imported: StateJson): void {
  if (before === undefined) throw new Error('importStateVerify needs the state of an earlier config step');
  const original = findResource(before, step.resourceName);
  const result = findResource(imported, step.resourceName);
  const diffs = diffAttrs(
    flattenValues(original.values),
    flattenValues(result.values),
    step.importStateVerifyIgnore ?? [],
    (k) => isSensitiveKey(original, k) || isSensitiveKey(result, k),
  );
  if (diffs.length > 0) {
    throw new Error(`imported ${step.resourceName} (id ${JSON.stringify(id)}) differs from the applied state (state → imported):\n${diffs.join('\n')}`);
  }
}

/** Terraform output with diagnostic boxes removed and wrapped lines joined into single spaces. */
export function normalizeOutput(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*[│╷╵]\s?/, '').trim())
    .filter((line) => line !== '')
    .join(' ')
    .replace(/\s+/g, ' ');
}

function outputMatches(re: RegExp, text: string): boolean {
  return re.test(text) || re.test(normalizeOutput(text));
}

function matchesExpectedError(expected: RegExp | undefined, e: unknown): boolean {
  if (expected === undefined || !(e instanceof TerraformError)) return false;
  if (outputMatches(expected, e.output)) return true;
  throw new Error(`expected an error matching ${expected}, got:\n${e.message}`);
}

function expectWarningIn(expected: RegExp | undefined, output: string): void {
  if (expected !== undefined && !outputMatches(expected, output)) {
    throw new Error(`expected a warning matching ${expected}; output was:\n${output.trim()}`);
  }
}

function stepError(label: string, e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  const err = new Error(`${label}: ${message}`, { cause: e });
  if (e instanceof Error && e.stack) err.stack = `${err.name}: ${err.message}\n${e.stack.split('\n').slice(1).join('\n')}`;
  return err;
}

function appendError(first: unknown, second: Error): Error {
  const message = first instanceof Error ? first.message : String(first);
  return new Error(`${message}\n\nand then ${second.message}`, { cause: first });
}
