/**
 * Pure converters from generated tfplugin6 messages to the typed requests in
 * types.ts, one per message. Absent in gives absent out; empty bytes count as
 * absent (proto3 cannot tell them apart).
 */
import type * as pb from './generated/tfplugin6.js';
import type * as t from './types.js';

function bytes(b: Uint8Array | undefined): Uint8Array | undefined {
  return b !== undefined && b.length > 0 ? b : undefined;
}

export function dynamicValue(v: pb.DynamicValue | undefined): t.DynamicValue | undefined {
  if (v === undefined) return undefined;
  const msgpack = bytes(v.msgpack);
  const json = bytes(v.json);
  return { ...(msgpack && { msgpack }), ...(json && { json }) };
}

/** A DynamicValue the typed request requires: an absent one is an empty value (a typed null). */
function requiredDynamicValue(v: pb.DynamicValue | undefined): t.DynamicValue {
  return dynamicValue(v) ?? {};
}

export function rawState(v: pb.RawState | undefined): t.RawState | undefined {
  if (v === undefined) return undefined;
  const json = bytes(v.json);
  const flatmap = v.flatmap !== undefined && Object.keys(v.flatmap).length > 0 ? v.flatmap : undefined;
  return { ...(json && { json }), ...(flatmap && { flatmap }) };
}

export function clientCapabilities(v: pb.ClientCapabilities | undefined): t.ClientCapabilities | undefined {
  if (v === undefined) return undefined;
  return {
    deferralAllowed: v.deferral_allowed ?? false,
    writeOnlyAttributesAllowed: v.write_only_attributes_allowed ?? false,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export function getMetadataRequest(_: pb.GetMetadata_Request): t.GetMetadataRequest {
  return {};
}

export function getProviderSchemaRequest(_: pb.GetProviderSchema_Request): t.GetProviderSchemaRequest {
  return {};
}

export function validateProviderConfigRequest(m: pb.ValidateProviderConfig_Request): t.ValidateProviderConfigRequest {
  return { config: requiredDynamicValue(m.config) };
}

export function configureProviderRequest(m: pb.ConfigureProvider_Request): t.ConfigureProviderRequest {
  return {
    terraformVersion: m.terraform_version ?? '',
    config: requiredDynamicValue(m.config),
    ...optional('clientCapabilities', clientCapabilities(m.client_capabilities)),
  };
}

export function validateResourceConfigRequest(m: pb.ValidateResourceConfig_Request): t.ValidateResourceConfigRequest {
  return {
    typeName: m.type_name ?? '',
    config: requiredDynamicValue(m.config),
    ...optional('clientCapabilities', clientCapabilities(m.client_capabilities)),
  };
}

export function validateDataResourceConfigRequest(
  m: pb.ValidateDataResourceConfig_Request,
): t.ValidateDataResourceConfigRequest {
  return { typeName: m.type_name ?? '', config: requiredDynamicValue(m.config) };
}

export function upgradeResourceStateRequest(m: pb.UpgradeResourceState_Request): t.UpgradeResourceStateRequest {
  return { typeName: m.type_name ?? '', version: m.version ?? 0, rawState: rawState(m.raw_state) ?? {} };
}

export function readResourceRequest(m: pb.ReadResource_Request): t.ReadResourceRequest {
  return {
    typeName: m.type_name ?? '',
    currentState: requiredDynamicValue(m.current_state),
    ...optional('private', bytes(m.private)),
    ...optional('providerMeta', dynamicValue(m.provider_meta)),
    ...optional('clientCapabilities', clientCapabilities(m.client_capabilities)),
  };
}

export function planResourceChangeRequest(m: pb.PlanResourceChange_Request): t.PlanResourceChangeRequest {
  return {
    typeName: m.type_name ?? '',
    priorState: requiredDynamicValue(m.prior_state),
    proposedNewState: requiredDynamicValue(m.proposed_new_state),
    config: requiredDynamicValue(m.config),
    ...optional('priorPrivate', bytes(m.prior_private)),
    ...optional('providerMeta', dynamicValue(m.provider_meta)),
    ...optional('clientCapabilities', clientCapabilities(m.client_capabilities)),
  };
}

export function applyResourceChangeRequest(m: pb.ApplyResourceChange_Request): t.ApplyResourceChangeRequest {
  return {
    typeName: m.type_name ?? '',
    priorState: requiredDynamicValue(m.prior_state),
    plannedState: requiredDynamicValue(m.planned_state),
    config: requiredDynamicValue(m.config),
    ...optional('plannedPrivate', bytes(m.planned_private)),
    ...optional('providerMeta', dynamicValue(m.provider_meta)),
  };
}

export function importResourceStateRequest(m: pb.ImportResourceState_Request): t.ImportResourceStateRequest {
  return {
    typeName: m.type_name ?? '',
    id: m.id ?? '',
    ...optional('clientCapabilities', clientCapabilities(m.client_capabilities)),
  };
}

export function moveResourceStateRequest(m: pb.MoveResourceState_Request): t.MoveResourceStateRequest {
  return {
    sourceProviderAddress: m.source_provider_address ?? '',
    sourceTypeName: m.source_type_name ?? '',
    sourceSchemaVersion: m.source_schema_version ?? 0,
    sourceState: rawState(m.source_state) ?? {},
    targetTypeName: m.target_type_name ?? '',
    ...optional('sourcePrivate', bytes(m.source_private)),
  };
}

export function readDataSourceRequest(m: pb.ReadDataSource_Request): t.ReadDataSourceRequest {
  return {
    typeName: m.type_name ?? '',
    config: requiredDynamicValue(m.config),
    ...optional('providerMeta', dynamicValue(m.provider_meta)),
    ...optional('clientCapabilities', clientCapabilities(m.client_capabilities)),
  };
}

export function getFunctionsRequest(_: pb.GetFunctions_Request): t.GetFunctionsRequest {
  return {};
}

export function getResourceIdentitySchemasRequest(
  _: pb.GetResourceIdentitySchemas_Request,
): t.GetResourceIdentitySchemasRequest {
  return {};
}

export function stopProviderRequest(_: pb.StopProvider_Request): t.StopProviderRequest {
  return {};
}
