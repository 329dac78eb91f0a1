/**
 * Pure converters from the typed responses in types.ts to generated tfplugin6
 * messages, one per message. Absent in gives absent out.
 */
import type { AttributePath, PathStep } from '../tftypes/attribute-path.js';
import { typeToJSON } from '../tftypes/type.js';
import type * as pb from './generated/tfplugin6.js';
import type * as t from './types.js';

const utf8 = new TextEncoder();

export function dynamicValue(v: t.DynamicValue | undefined): pb.DynamicValue | undefined {
  if (v === undefined) return undefined;
  return { ...(v.msgpack && { msgpack: v.msgpack }), ...(v.json && { json: v.json }) };
}

export function attributePathStep(s: PathStep): pb.AttributePath_Step {
  switch (s.kind) {
    case 'attribute':
      return { attribute_name: s.name };
    case 'key':
      return { element_key_string: s.key };
    case 'index':
      return { element_key_int: s.index };
  }
}

export function attributePath(p: AttributePath | undefined): pb.AttributePath | undefined {
  if (p === undefined) return undefined;
  return { steps: p.steps.map(attributePathStep) };
}

export function diagnostic(d: t.Diagnostic): pb.Diagnostic {
  return {
    severity: d.severity === 'warning' ? 'WARNING' : 'ERROR',
    summary: d.summary,
    ...(d.detail !== undefined && { detail: d.detail }),
    ...(d.attribute !== undefined && !d.attribute.isRoot && { attribute: attributePath(d.attribute) }),
  };
}

export function diagnostics(ds: readonly t.Diagnostic[] | undefined): pb.Diagnostic[] {
  return (ds ?? []).map(diagnostic);
}

export function stringKind(k: t.StringKind | undefined): pb.StringKind {
  return k === 'markdown' ? 'MARKDOWN' : 'PLAIN';
}

export function schemaAttribute(a: t.SchemaAttribute): pb.Schema_Attribute {
  return {
    name: a.name,
    type: utf8.encode(JSON.stringify(typeToJSON(a.type))),
    description: a.description ?? '',
    description_kind: stringKind(a.descriptionKind),
    required: a.required ?? false,
    optional: a.optional ?? false,
    computed: a.computed ?? false,
    sensitive: a.sensitive ?? false,
    deprecated: a.deprecated ?? false,
    write_only: a.writeOnly ?? false,
  };
}

const NESTING: Record<t.SchemaNestingMode, pb.Schema_NestedBlock_NestingMode> = {
  single: 'SINGLE',
  list: 'LIST',
  set: 'SET',
  map: 'MAP',
  group: 'GROUP',
};

export function schemaNestedBlock(b: t.SchemaNestedBlock): pb.Schema_NestedBlock {
  return {
    type_name: b.typeName,
    block: schemaBlock(b.block),
    nesting: NESTING[b.nesting],
    min_items: b.minItems ?? 0,
    max_items: b.maxItems ?? 0,
  };
}

export function schemaBlock(b: t.SchemaBlock): pb.Schema_Block {
  return {
    version: b.version ?? 0,
    attributes: b.attributes.map(schemaAttribute),
    block_types: b.blockTypes.map(schemaNestedBlock),
    description: b.description ?? '',
    description_kind: stringKind(b.descriptionKind),
    deprecated: b.deprecated ?? false,
  };
}

/** A Schema always carries a block: Terraform dereferences it without a nil check. */
export function schema(s: t.Schema | undefined): pb.Schema | undefined {
  if (s === undefined) return undefined;
  return { version: s.version, block: schemaBlock(s.block) };
}

function schemaMap(m: Readonly<Record<string, t.Schema>>): Record<string, pb.Schema> {
  const out: Record<string, pb.Schema> = {};
  for (const [name, s] of Object.entries(m)) out[name] = { version: s.version, block: schemaBlock(s.block) };
  return out;
}

export function serverCapabilities(c: t.ServerCapabilities | undefined): pb.ServerCapabilities | undefined {
  if (c === undefined) return undefined;
  return {
    plan_destroy: c.planDestroy,
    get_provider_schema_optional: c.getProviderSchemaOptional,
    move_resource_state: c.moveResourceState,
  };
}

const DEFERRED_REASON: Record<t.DeferredReason, pb.Deferred_Reason> = {
  unknown: 'UNKNOWN',
  resource_config_unknown: 'RESOURCE_CONFIG_UNKNOWN',
  provider_config_unknown: 'PROVIDER_CONFIG_UNKNOWN',
  absent_prereq: 'ABSENT_PREREQ',
};

export function deferred(d: t.Deferred | undefined): pb.Deferred | undefined {
  return d === undefined ? undefined : { reason: DEFERRED_REASON[d.reason] };
}

function present<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export function getMetadataResponse(r: t.GetMetadataResponse): pb.GetMetadata_Response {
  return {
    ...present('server_capabilities', serverCapabilities(r.serverCapabilities)),
    diagnostics: diagnostics(r.diagnostics),
    data_sources: r.dataSources.map((d) => ({ type_name: d.typeName })),
    resources: r.resources.map((d) => ({ type_name: d.typeName })),
    functions: [],
    ephemeral_resources: [],
  };
}

export function getProviderSchemaResponse(r: t.GetProviderSchemaResponse): pb.GetProviderSchema_Response {
  return {
    ...present('provider', schema(r.provider)),
    resource_schemas: schemaMap(r.resourceSchemas),
    data_source_schemas: schemaMap(r.dataSourceSchemas),
    functions: {},
    ephemeral_resource_schemas: {},
    diagnostics: diagnostics(r.diagnostics),
    // Omitted rather than empty: a Schema without a block crashes Terraform.
    ...present('provider_meta', schema(r.providerMeta)),
    ...present('server_capabilities', serverCapabilities(r.serverCapabilities)),
  };
}

export function validateProviderConfigResponse(r: t.ValidateProviderConfigResponse): pb.ValidateProviderConfig_Response {
  return { diagnostics: diagnostics(r.diagnostics) };
}

export function configureProviderResponse(r: t.ConfigureProviderResponse): pb.ConfigureProvider_Response {
  return { diagnostics: diagnostics(r.diagnostics) };
}

export function validateResourceConfigResponse(r: t.ValidateResourceConfigResponse): pb.ValidateResourceConfig_Response {
  return { diagnostics: diagnostics(r.diagnostics) };
}

export function validateDataResourceConfigResponse(
  r: t.ValidateDataResourceConfigResponse,
): pb.ValidateDataResourceConfig_Response {
  return { diagnostics: diagnostics(r.diagnostics) };
}

export function upgradeResourceStateResponse(r: t.UpgradeResourceStateResponse): pb.UpgradeResourceState_Response {
  return {
    ...present('upgraded_state', dynamicValue(r.upgradedState)),
    diagnostics: diagnostics(r.diagnostics),
  };
}

export function readResourceResponse(r: t.ReadResourceResponse): pb.ReadResource_Response {
  return {
    ...present('new_state', dynamicValue(r.newState)),
    diagnostics: diagnostics(r.diagnostics),
    ...present('private', r.private),
    ...present('deferred', deferred(r.deferred)),
  };
}

export function planResourceChangeResponse(r: t.PlanResourceChangeResponse): pb.PlanResourceChange_Response {
  return {
    ...present('planned_state', dynamicValue(r.plannedState)),
    requires_replace: r.requiresReplace.map((p) => ({ steps: p.steps.map(attributePathStep) })),
    ...present('planned_private', r.plannedPrivate),
    diagnostics: diagnostics(r.diagnostics),
    ...present('deferred', deferred(r.deferred)),
  };
}

export function applyResourceChangeResponse(r: t.ApplyResourceChangeResponse): pb.ApplyResourceChange_Response {
  return {
    ...present('new_state', dynamicValue(r.newState)),
    ...present('private', r.private),
    diagnostics: diagnostics(r.diagnostics),
  };
}

export function importedResource(r: t.ImportedResource): pb.ImportResourceState_ImportedResource {
  return {
    type_name: r.typeName,
    ...present('state', dynamicValue(r.state)),
    ...present('private', r.private),
  };
}

export function importResourceStateResponse(r: t.ImportResourceStateResponse): pb.ImportResourceState_Response {
  return {
    imported_resources: r.importedResources.map(importedResource),
    diagnostics: diagnostics(r.diagnostics),
    ...present('deferred', deferred(r.deferred)),
  };
}

export function moveResourceStateResponse(r: t.MoveResourceStateResponse): pb.MoveResourceState_Response {
  return {
    ...present('target_state', dynamicValue(r.targetState)),
    diagnostics: diagnostics(r.diagnostics),
    ...present('target_private', r.targetPrivate),
  };
}

export function readDataSourceResponse(r: t.ReadDataSourceResponse): pb.ReadDataSource_Response {
  return {
    ...present('state', dynamicValue(r.state)),
    diagnostics: diagnostics(r.diagnostics),
    ...present('deferred', deferred(r.deferred)),
  };
}

/** Function definitions are not part of the typed contract: the map is always empty. */
export function getFunctionsResponse(r: t.GetFunctionsResponse): pb.GetFunctions_Response {
  return { functions: {}, diagnostics: diagnostics(r.diagnostics) };
}

/** Resource identity is not offered: the map is always empty. */
export function getResourceIdentitySchemasResponse(
  r: t.GetResourceIdentitySchemasResponse,
): pb.GetResourceIdentitySchemas_Response {
  return { identity_schemas: {}, diagnostics: diagnostics(r.diagnostics) };
}

export function stopProviderResponse(r: t.StopProviderResponse): pb.StopProvider_Response {
  return { Error: r.error };
}
