/**
 * The provider framework: import everything from here.
 *
 *   import { defineSchema, requiresReplace, useStateForUnknown, stringLengthBetween, UNKNOWN } from '../framework/index.js';
 *   import type { Resource, CreateRequest, CreateResponse, Unknown } from '../framework/index.js';
 *
 * See resource.ts for a worked example of a resource.
 */

/**** Schemas ****/
export { attributeDocumentation, defineSchema, emptyObject, impliedType, isComputedMode, nestedBlockType, SchemaDefinitionError, schemaProblems, toProtoSchema } from './schema.js';
export type { AttributeMode, AttributeSchema, BlockNesting, BlockSchema, NestedBlockSchema, Schema, SchemaKind } from './schema.js';

/**** Values and models ****/
export { fromModel, isUnknownModel, ModelError, toModel, UNKNOWN } from './model.js';
export type { ModelValue, Unknown } from './model.js';
export { ObjectData } from './object-data.js';
export type { ReadonlyObjectData } from './object-data.js';
export { PrivateData } from './private-data.js';
export type { JsonValue, ReadonlyPrivateData } from './private-data.js';
export { parsePath, PathSyntaxError, toPath } from './path.js';
export type { PathLike } from './path.js';

/**** Diagnostics ****/
export { Diagnostics } from './diagnostics.js';
export type { DiagnosticsLike } from './diagnostics.js';

/**** Plan modifiers ****/
export { defaultValue, planModifier, requiresReplace, requiresReplaceIf, suppressDiffIf, useStateForUnknown, useStateWhileUnchanged } from './plan-modifiers.js';
export type { PlanModifier, PlanModifierRequest, PlanModifierResponse } from './plan-modifier.js';

/**** Validators ****/
export {
  eachElement,
  eachMapKey,
  eachMapValue,
  intAtLeast,
  intAtMost,
  intBetween,
  oneOf,
  sizeAtLeast,
  sizeAtMost,
  sizeBetween,
  stringLengthAtLeast,
  stringLengthAtMost,
  stringLengthBetween,
  stringMatches,
  uniqueElements,
  validator,
} from './validators.js';
export { atLeastOneOf, configValidator, conflictsWith, exactlyOneOf, requiredWith } from './config-validators.js';
export type { AttributeValidator, AttributeValidatorRequest, ConfigValidator } from './validator.js';

/**** Provider, resources, data sources ****/
export { hasConfigure, hasConfigValidators, hasValidateConfig } from './capabilities.js';
export type {
  ConfigureRequest,
  ConfigureResponse,
  RequestContext,
  ValidateConfigRequest,
  ValidateConfigResponse,
  WithConfigure,
  WithConfigValidators,
  WithValidateConfig,
} from './capabilities.js';
export { hasImportState, hasModifyPlan, hasUpgradeState, importStatePassthroughId } from './resource.js';
export type {
  CreateRequest,
  CreateResponse,
  DeleteRequest,
  DeleteResponse,
  ImportStateRequest,
  ImportStateResponse,
  ModifyPlanRequest,
  ModifyPlanResponse,
  ReadRequest,
  ReadResponse,
  Resource,
  ResourceFactory,
  ResourceWithConfigure,
  ResourceWithConfigValidators,
  ResourceWithImportState,
  ResourceWithModifyPlan,
  ResourceWithUpgradeState,
  ResourceWithValidateConfig,
  StateUpgrader,
  UpdateRequest,
  UpdateResponse,
  UpgradeStateRequest,
  UpgradeStateResponse,
} from './resource.js';
export type {
  DataSource,
  DataSourceFactory,
  DataSourceReadRequest,
  DataSourceReadResponse,
  DataSourceWithConfigure,
  DataSourceWithConfigValidators,
  DataSourceWithValidateConfig,
} from './data-source.js';
export type { Provider, ProviderConfigureRequest, ProviderConfigureResponse } from './provider.js';

/**** Server ****/
export { createProviderServer, SERVER_CAPABILITIES } from './provider-server.js';
