/**
 * Typed tfplugin6 requests and responses, independent of the generated proto
 * code (which never leaves src/tfprotov6). Mirrors terraform-plugin-go's
 * tfprotov6 package: one Request/Response pair per RPC and a ProviderServer
 * interface that the framework implements.
 *
 * Values stay opaque here (DynamicValue bytes); the framework decodes them
 * against its schema.
 */
import type { AttributePath } from '../tftypes/attribute-path.js';
import type { TfType } from '../tftypes/type.js';
import type { Logger } from '../logging/logger.js';

/** msgpack (preferred) or JSON encoding of a value; Terraform always sends msgpack. */
export interface DynamicValue {
  readonly msgpack?: Uint8Array;
  readonly json?: Uint8Array;
}

export interface RawState {
  readonly json?: Uint8Array;
  readonly flatmap?: Readonly<Record<string, string>>;
}

export type DiagnosticSeverity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  readonly summary: string;
  readonly detail?: string;
  readonly attribute?: AttributePath;
}

export type StringKind = 'plain' | 'markdown';

export interface SchemaAttribute {
  readonly name: string;
  readonly type: TfType;
  readonly description?: string;
  readonly descriptionKind?: StringKind;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  readonly writeOnly?: boolean;
}

export type SchemaNestingMode = 'single' | 'list' | 'set' | 'map' | 'group';

export interface SchemaNestedBlock {
  readonly typeName: string;
  readonly block: SchemaBlock;
  readonly nesting: SchemaNestingMode;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface SchemaBlock {
  readonly version?: number;
  readonly attributes: readonly SchemaAttribute[];
  readonly blockTypes: readonly SchemaNestedBlock[];
  readonly description?: string;
  readonly descriptionKind?: StringKind;
  readonly deprecated?: boolean;
}

export interface Schema {
  readonly version: number;
  readonly block: SchemaBlock;
}

export interface ServerCapabilities {
  readonly planDestroy: boolean;
  readonly getProviderSchemaOptional: boolean;
  readonly moveResourceState: boolean;
}

export interface ClientCapabilities {
  readonly deferralAllowed: boolean;
  readonly writeOnlyAttributesAllowed: boolean;
}

export type DeferredReason = 'unknown' | 'resource_config_unknown' | 'provider_config_unknown' | 'absent_prereq';

export interface Deferred {
  readonly reason: DeferredReason;
}

/** Per-RPC context: cancelled by StopProvider (and by the client going away). */
export interface RpcContext {
  readonly signal: AbortSignal;
  readonly logger: Logger;
}

// ---- GetMetadata -------------------------------------------------------------

export interface GetMetadataRequest {}
export interface GetMetadataResponse {
  readonly serverCapabilities: ServerCapabilities;
  readonly diagnostics: readonly Diagnostic[];
  readonly resources: readonly { readonly typeName: string }[];
  readonly dataSources: readonly { readonly typeName: string }[];
}

// ---- GetProviderSchema ------------------------------------------------------

export interface GetProviderSchemaRequest {}
export interface GetProviderSchemaResponse {
  readonly provider: Schema;
  readonly providerMeta?: Schema;
  readonly resourceSchemas: Readonly<Record<string, Schema>>;
  readonly dataSourceSchemas: Readonly<Record<string, Schema>>;
  readonly serverCapabilities: ServerCapabilities;
  readonly diagnostics: readonly Diagnostic[];
}

// ---- Provider configuration -------------------------------------------------

export interface ValidateProviderConfigRequest {
  readonly config: DynamicValue;
}
export interface ValidateProviderConfigResponse {
  readonly diagnostics: readonly Diagnostic[];
}

export interface ConfigureProviderRequest {
  readonly terraformVersion: string;
  readonly config: DynamicValue;
  readonly clientCapabilities?: ClientCapabilities;
}
export interface ConfigureProviderResponse {
  readonly diagnostics: readonly Diagnostic[];
}

// ---- Resources --------------------------------------------------------------

export interface ValidateResourceConfigRequest {
  readonly typeName: string;
  readonly config: DynamicValue;
  readonly clientCapabilities?: ClientCapabilities;
}
export interface ValidateResourceConfigResponse {
  readonly diagnostics: readonly Diagnostic[];
}

export interface UpgradeResourceStateRequest {
  readonly typeName: string;
  readonly version: number;
  readonly rawState: RawState;
}
export interface UpgradeResourceStateResponse {
  readonly upgradedState?: DynamicValue;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ReadResourceRequest {
  readonly typeName: string;
  readonly currentState: DynamicValue;
  readonly private?: Uint8Array;
  readonly providerMeta?: DynamicValue;
  readonly clientCapabilities?: ClientCapabilities;
}
export interface ReadResourceResponse {
  readonly newState?: DynamicValue;
  readonly diagnostics: readonly Diagnostic[];
  readonly private?: Uint8Array;
  readonly deferred?: Deferred;
}

export interface PlanResourceChangeRequest {
  readonly typeName: string;
  readonly priorState: DynamicValue;
  readonly proposedNewState: DynamicValue;
  readonly config: DynamicValue;
  readonly priorPrivate?: Uint8Array;
  readonly providerMeta?: DynamicValue;
  readonly clientCapabilities?: ClientCapabilities;
}
export interface PlanResourceChangeResponse {
  readonly plannedState?: DynamicValue;
  readonly requiresReplace: readonly AttributePath[];
  readonly plannedPrivate?: Uint8Array;
  readonly diagnostics: readonly Diagnostic[];
  readonly deferred?: Deferred;
}

export interface ApplyResourceChangeRequest {
  readonly typeName: string;
  readonly priorState: DynamicValue;
  readonly plannedState: DynamicValue;
  readonly config: DynamicValue;
  readonly plannedPrivate?: Uint8Array;
  readonly providerMeta?: DynamicValue;
}
export interface ApplyResourceChangeResponse {
  readonly newState?: DynamicValue;
  readonly private?: Uint8Array;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ImportResourceStateRequest {
  readonly typeName: string;
  readonly id: string;
  readonly clientCapabilities?: ClientCapabilities;
}
export interface ImportedResource {
  readonly typeName: string;
  readonly state: DynamicValue;
  readonly private?: Uint8Array;
}
export interface ImportResourceStateResponse {
  readonly importedResources: readonly ImportedResource[];
  readonly diagnostics: readonly Diagnostic[];
  readonly deferred?: Deferred;
}

export interface MoveResourceStateRequest {
  readonly sourceProviderAddress: string;
  readonly sourceTypeName: string;
  readonly sourceSchemaVersion: number;
  readonly sourceState: RawState;
  readonly targetTypeName: string;
  readonly sourcePrivate?: Uint8Array;
}
export interface MoveResourceStateResponse {
  readonly targetState?: DynamicValue;
  readonly targetPrivate?: Uint8Array;
  readonly diagnostics: readonly Diagnostic[];
}

// ---- Data sources -----------------------------------------------------------

export interface ValidateDataResourceConfigRequest {
  readonly typeName: string;
  readonly config: DynamicValue;
}
export interface ValidateDataResourceConfigResponse {
  readonly diagnostics: readonly Diagnostic[];
}

export interface ReadDataSourceRequest {
  readonly typeName: string;
  readonly config: DynamicValue;
  readonly providerMeta?: DynamicValue;
  readonly clientCapabilities?: ClientCapabilities;
}
export interface ReadDataSourceResponse {
  readonly state?: DynamicValue;
  readonly diagnostics: readonly Diagnostic[];
  readonly deferred?: Deferred;
}

// ---- Functions and identity (declared empty by this provider) --------------

export interface GetFunctionsRequest {}
export interface GetFunctionsResponse {
  readonly functionNames: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface GetResourceIdentitySchemasRequest {}
export interface GetResourceIdentitySchemasResponse {
  readonly diagnostics: readonly Diagnostic[];
}

// ---- StopProvider -------------------------------------------------------------

export interface StopProviderRequest {}
export interface StopProviderResponse {
  /** Empty when stopping succeeded. */
  readonly error: string;
}

/**
 * What a provider implementation offers to the wire layer. Every method
 * resolves (never rejects on user-facing failures: those are diagnostics);
 * the wire layer still turns a thrown error into an error diagnostic.
 * StopProvider is handled by the wire layer itself (it aborts `ctx.signal`
 * of in-flight calls) and then forwarded here.
 */
export interface ProviderServer {
  getMetadata(req: GetMetadataRequest, ctx: RpcContext): Promise<GetMetadataResponse>;
  getProviderSchema(req: GetProviderSchemaRequest, ctx: RpcContext): Promise<GetProviderSchemaResponse>;
  validateProviderConfig(req: ValidateProviderConfigRequest, ctx: RpcContext): Promise<ValidateProviderConfigResponse>;
  configureProvider(req: ConfigureProviderRequest, ctx: RpcContext): Promise<ConfigureProviderResponse>;
  validateResourceConfig(req: ValidateResourceConfigRequest, ctx: RpcContext): Promise<ValidateResourceConfigResponse>;
  upgradeResourceState(req: UpgradeResourceStateRequest, ctx: RpcContext): Promise<UpgradeResourceStateResponse>;
  readResource(req: ReadResourceRequest, ctx: RpcContext): Promise<ReadResourceResponse>;
  planResourceChange(req: PlanResourceChangeRequest, ctx: RpcContext): Promise<PlanResourceChangeResponse>;
  applyResourceChange(req: ApplyResourceChangeRequest, ctx: RpcContext): Promise<ApplyResourceChangeResponse>;
  importResourceState(req: ImportResourceStateRequest, ctx: RpcContext): Promise<ImportResourceStateResponse>;
  moveResourceState(req: MoveResourceStateRequest, ctx: RpcContext): Promise<MoveResourceStateResponse>;
  validateDataResourceConfig(
    req: ValidateDataResourceConfigRequest,
    ctx: RpcContext,
  ): Promise<ValidateDataResourceConfigResponse>;
  readDataSource(req: ReadDataSourceRequest, ctx: RpcContext): Promise<ReadDataSourceResponse>;
  getFunctions(req: GetFunctionsRequest, ctx: RpcContext): Promise<GetFunctionsResponse>;
  getResourceIdentitySchemas(
    req: GetResourceIdentitySchemasRequest,
    ctx: RpcContext,
  ): Promise<GetResourceIdentitySchemasResponse>;
  stopProvider(req: StopProviderRequest, ctx: RpcContext): Promise<StopProviderResponse>;
}
