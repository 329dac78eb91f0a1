/**
 * The acceptance harness: import everything from here.
 *
 *   import { acceptanceTest, devOverrides, IBM_PROVIDER, expectAttr } from '../harness/index.js';
 */
export { acceptanceTest, normalizeOutput, runSteps } from './acceptance.js';
export type { AcceptanceCase, AcceptanceResult, ConfigStep, ImportStep, Step } from './acceptance.js';
export { debugProviderForFile, startDebugProvider } from './debug-provider.js';
export type { DebugProvider, DebugProviderOptions } from './debug-provider.js';
export { actions, changedResources, isReplacement, plannedAttrs, replacePaths, resourceChange, unknownAfterApply } from './plan-checks.js';
export {
  allResources,
  diffAttrs,
  expectAttr,
  expectAttrSet,
  expectNoAttr,
  findResource,
  flattenValues,
  hasResource,
  isSensitiveKey,
  resourceAttrs,
} from './state-checks.js';
export type { AttrMap } from './state-checks.js';
export type {
  ChangeAction,
  ChangeJson,
  DiagnosticJson,
  ModuleJson,
  OutputJson,
  PlanJson,
  ResourceChangeJson,
  ResourceJson,
  StateJson,
  ValidateJson,
  VersionJson,
} from './terraform-json.js';
export { isolatedEnv, parseUiDiagnostics, TerraformError, TerraformRunner } from './terraform-runner.js';
export type {
  ApplyOptions,
  DestroyOptions,
  EnvVars,
  InitOptions,
  PlanOptions,
  PlanResult,
  RunOptions,
  RunResult,
  TerraformRunnerOptions,
} from './terraform-runner.js';
export {
  devOverrides,
  FIXTURE_PROVIDER,
  IBM_PROVIDER,
  mirror,
  providerExecutable,
  providerType,
  reattach,
  STUB_PROVIDER,
  WorkingDir,
  writeMirrorPackage,
} from './working-dir.js';
export type { ProviderPackage, ProviderWiring, WorkingDirOptions } from './working-dir.js';
