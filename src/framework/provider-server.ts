/**
 * createProviderServer(provider): the protocol-agnostic server logic between
 * tfprotov6 (opaque DynamicValue bytes) and a framework Provider — what
 * terraform-plugin-framework's fwserver does:
 *
 *   - routes by type name (an unknown type is an error diagnostic);
 *   - decodes and encodes values against the schemas;
 *   - validates configuration (schema validators, block counts, capability hooks);
 *   - plans (computed → unknown, plan modifiers, ModifyPlan, requires_replace);
 *   - applies (null plan → delete, null prior → create, else update);
 *   - checks its own responses the way Terraform will, turning a would-be
 *     "Provider produced invalid plan" / "inconsistent result after apply"
 *     into a diagnostic that names the attribute path.
 *
 * Nothing here depends on GetProviderSchema having been called first
 * (get_provider_schema_optional), and no attribute value is ever logged.
 */
import type * as proto from '../tfprotov6/types.js';
import type { AttributePath } from '../tftypes/attribute-path.js';
import { decodeDynamicValue, encodeDynamicValue } from '../tftypes/dynamic-value.js';
import type { ObjectType } from '../tftypes/type.js';
import type { TfValue } from '../tftypes/value.js';
import { Value } from '../tftypes/value.js';
import { ValueCodecError } from '../tftypes/value-codec-error.js';
import { JsonSyntaxError } from '../tftypes/json-tree.js';
import { hasConfigure, hasConfigValidators, hasValidateConfig } from './capabilities.js';
import type { RequestContext } from './capabilities.js';
import { validateConfigAgainstSchema } from './config-validation.js';
import type { DataSource, DataSourceFactory } from './data-source.js';
import { Diagnostics } from './diagnostics.js';
import { ModelError } from './model.js';
import { ObjectData } from './object-data.js';
import type { ReadonlyObjectData } from './object-data.js';
import { applyPlanModifiers, markComputedUnknown, revertUnneededUnknowns } from './plan.js';
import { applyProblems, planProblems, unknownPaths, unknownsAsNull } from './plan-checks.js';
import type { ValueProblem } from './plan-checks.js';
import { PrivateData } from './private-data.js';
import type { Provider } from './provider.js';
import { decodeStoredState, parseStoredState } from './raw-state.js';
import type { Resource, ResourceFactory } from './resource.js';
import { hasImportState, hasModifyPlan, hasUpgradeState } from './resource.js';
import type { Schema, SchemaKind } from './schema.js';
import { emptyObject, impliedType, schemaProblems, SchemaDefinitionError, toProtoSchema } from './schema.js';
import { typeAtPath } from './value-at-path.js';

export const SERVER_CAPABILITIES: proto.ServerCapabilities = Object.freeze({
  planDestroy: true,
  getProviderSchemaOptional: true,
  moveResourceState: false,
});

interface Entry<F> {
  readonly factory: F;
  readonly schema: Schema;
  readonly type: ObjectType;
}

interface Registry {
  readonly provider: Entry<undefined>;
  readonly resources: ReadonlyMap<string, Entry<ResourceFactory>>;
  readonly dataSources: ReadonlyMap<string, Entry<DataSourceFactory>>;
  /** Problems found while loading schemas; reported by every schema RPC. */
  readonly problems: Diagnostics;
}

const BUG = 'This is a bug in the provider; please report it to the provider developers.';

export function createProviderServer(provider: Provider): proto.ProviderServer {
  return new FrameworkProviderServer(provider);
}

class FrameworkProviderServer implements proto.ProviderServer {
  private registry: Registry | undefined;
  private providerData: unknown = undefined;

  constructor(private readonly provider: Provider) {}

  // ---- metadata and schema ----------------------------------------------------

  async getMetadata(): Promise<proto.GetMetadataResponse> {
    const reg = this.load();
    return {
      serverCapabilities: SERVER_CAPABILITIES,
      diagnostics: reg.problems.toArray(),
      resources: [...reg.resources.keys()].map((typeName) => ({ typeName })),
      dataSources: [...reg.dataSources.keys()].map((typeName) => ({ typeName })),
    };
  }

  async getProviderSchema(): Promise<proto.GetProviderSchemaResponse> {
    const reg = this.load();
    const map = <F>(m: ReadonlyMap<string, Entry<F>>) => Object.fromEntries([...m].map(([k, e]) => [k, toProtoSchema(e.schema)]));
    return {
      provider: toProtoSchema(reg.provider.schema),
      resourceSchemas: map(reg.resources),
      dataSourceSchemas: map(reg.dataSources),
      serverCapabilities: SERVER_CAPABILITIES,
      diagnostics: reg.problems.toArray(),
    };
  }

  // ---- provider configuration ---------------------------------------------------

  async validateProviderConfig(req: proto.ValidateProviderConfigRequest, ctx: proto.RpcContext): Promise<proto.ValidateProviderConfigResponse> {
    const d = new Diagnostics();
    await guard(d, 'validating the provider configuration', async () => {
      const entry = this.load().provider;
      const config = new ObjectData(entry.type, decodeDynamicValue(req.config, entry.type));
      await validateConfig(this.provider, entry.schema, config, requestContext(ctx), d);
    });
    return { diagnostics: d.toArray() };
  }

  async configureProvider(req: proto.ConfigureProviderRequest, ctx: proto.RpcContext): Promise<proto.ConfigureProviderResponse> {
    const d = new Diagnostics();
    await guard(d, 'configuring the provider', async () => {
      const entry = this.load().provider;
      const config = new ObjectData(entry.type, decodeDynamicValue(req.config, entry.type));
      const resp = { providerData: undefined as unknown, diagnostics: d };
      await this.provider.configure({ ...requestContext(ctx), config, terraformVersion: req.terraformVersion }, resp);
      if (!d.hasError()) this.providerData = resp.providerData;
    });
    return { diagnostics: d.toArray() };
  }

  // ---- resources ----------------------------------------------------------------

  async validateResourceConfig(req: proto.ValidateResourceConfigRequest, ctx: proto.RpcContext): Promise<proto.ValidateResourceConfigResponse> {
    const d = new Diagnostics();
    await guard(d, `validating ${req.typeName}`, async () => {
      const found = this.resource(req.typeName, d);
      if (!found) return;
      const config = new ObjectData(found.entry.type, decodeDynamicValue(req.config, found.entry.type));
      await validateConfig(found.resource, found.entry.schema, config, requestContext(ctx), d);
    });
    return { diagnostics: d.toArray() };
  }

  async upgradeResourceState(req: proto.UpgradeResourceStateRequest, ctx: proto.RpcContext): Promise<proto.UpgradeResourceStateResponse> {
    const d = new Diagnostics();
    let upgraded: proto.DynamicValue | undefined;
    await guard(d, `upgrading the state of ${req.typeName}`, async () => {
      const found = this.resource(req.typeName, d);
      if (!found) return;
      const { entry, resource } = found;
      const current = entry.schema.version ?? 0;
      let value: TfValue;
      if (req.version === current) {
        const decoded = readStoredState(req.rawState, entry.type, req.typeName, d);
        if (decoded === undefined) return;
        value = decoded;
      } else if (req.version > current) {
        d.addError(
          'Unsupported State Version',
          `The state of this ${req.typeName} was written by a newer version of the provider (schema version ${req.version}; ` +
            `this version understands up to ${current}). Upgrade the provider.`,
        );
        return;
      } else {
        const upgraders = hasUpgradeState(resource) ? resource.upgradeState() : {};
        const upgrader = Object.hasOwn(upgraders, req.version) ? upgraders[req.version] : undefined;
        if (upgrader === undefined) {
          d.addError(
            'Unable to Upgrade Resource State',
            `The state of this ${req.typeName} has schema version ${req.version}, and the provider has no upgrade from it ` +
              `to version ${current}. ${BUG}`,
          );
          return;
        }
        const prior = upgrader.priorSchema;
        let state: ObjectData | undefined;
        if (prior !== undefined) {
          const decoded = readStoredState(req.rawState, impliedType(prior), req.typeName, d);
          if (decoded === undefined) return;
          state = new ObjectData(impliedType(prior), decoded);
        }
        const resp = { state: ObjectData.null(entry.type), diagnostics: d };
        await upgrader.upgrade({ ...requestContext(ctx), rawState: parseStoredState(req.rawState), state }, resp);
        if (d.hasError()) return;
        value = resp.state.value;
      }
      if (value.state === 'null') {
        d.addError('Unable to Upgrade Resource State', `The upgraded state of this ${req.typeName} is empty. ${BUG}`);
        return;
      }
      if (!reportUnknowns(d, value, req.typeName, 'upgraded state')) return;
      upgraded = encodeDynamicValue(value, entry.type);
    });
    return { ...(upgraded !== undefined && { upgradedState: upgraded }), diagnostics: d.toArray() };
  }

  async readResource(req: proto.ReadResourceRequest, ctx: proto.RpcContext): Promise<proto.ReadResourceResponse> {
    const d = new Diagnostics();
    let out: { newState: proto.DynamicValue; private?: Uint8Array } | undefined;
    await guard(d, `reading ${req.typeName}`, async () => {
      const found = this.resource(req.typeName, d);
      if (!found) return;
      const { entry, resource } = found;
      const current = decodeDynamicValue(req.currentState, entry.type);
      const priv = PrivateData.fromBytes(req.private);
      const state = new ObjectData(entry.type, current);
      const resp = { state, private: priv.clone(), diagnostics: d, removeResource: () => state.setNull() };
      await resource.read({ ...requestContext(ctx), state: new ObjectData(entry.type, current), private: priv }, resp);
      if (d.hasError()) return;
      let value = state.value;
      if (!reportUnknowns(d, value, req.typeName, 'refreshed state')) value = unknownsAsNull(value);
      out = { newState: encodeDynamicValue(value, entry.type), ...optionalBytes('private', resp.private.toBytes()) };
    });
    return { ...out, diagnostics: d.toArray() };
  }

  async planResourceChange(req: proto.PlanResourceChangeRequest, ctx: proto.RpcContext): Promise<proto.PlanResourceChangeResponse> {
    const d = new Diagnostics();
    let out: Pick<proto.PlanResourceChangeResponse, 'plannedState' | 'plannedPrivate' | 'requiresReplace'> = { requiresReplace: [] };
    await guard(d, `planning ${req.typeName}`, async () => {
      const found = this.resource(req.typeName, d);
      if (!found) return;
      const { entry, resource } = found;
      const type = entry.type;
      const prior = decodeDynamicValue(req.priorState, type);
      const proposed = decodeDynamicValue(req.proposedNewState, type);
      const config = decodeDynamicValue(req.config, type);
      const priv = PrivateData.fromBytes(req.priorPrivate);
      const rc = requestContext(ctx);

      if (proposed.state === 'null') {
        // Destroy: the resource may warn or refuse, but the plan stays null.
        const resp = planResponse(type, proposed, [], priv, d);
        if (hasModifyPlan(resource)) {
          await resource.modifyPlan({ ...rc, config: new ObjectData(type, config), state: new ObjectData(type, prior), plan: new ObjectData(type, proposed), private: priv }, resp);
        }
        if (!resp.plan.isNull) d.addError('Provider Produced Invalid Plan', `The ${req.typeName} resource planned a value for its own destruction. ${BUG}`);
        if (d.hasError()) return;
        out = { plannedState: encodeDynamicValue(Value.null(type), type), requiresReplace: [], ...optionalBytes('plannedPrivate', resp.private.toBytes()) };
        return;
      }

      const isCreate = prior.state === 'null';
      const marked = markComputedUnknown(entry.schema, proposed, config, prior);
      const modified = applyPlanModifiers({
        schema: entry.schema,
        isCreate,
        configData: new ObjectData(type, config),
        stateData: new ObjectData(type, prior),
        planData: new ObjectData(type, marked.plan),
        private: priv,
        diagnostics: d,
      });
      if (d.hasError()) return;
      const resp = planResponse(type, modified.plan, modified.requiresReplace, priv, d);
      if (hasModifyPlan(resource)) {
        await resource.modifyPlan(
          { ...rc, config: new ObjectData(type, config), state: new ObjectData(type, prior), plan: new ObjectData(type, modified.plan), private: priv },
          resp,
        );
        if (d.hasError()) return;
      }
      const planned = revertUnneededUnknowns(entry.schema, resp.plan.value, prior, marked.marks);
      const problems = planProblems(entry.schema, prior, config, planned);
      const badPaths = resp.requiresReplace.filter((p) => typeAtPath(type, p) === undefined);
      if (problems.length > 0 || badPaths.length > 0) {
        reportProblems(d, 'Provider Produced Invalid Plan', `The ${req.typeName} resource produced a plan Terraform would reject`, problems);
        for (const p of badPaths) {
          d.addError('Provider Produced Invalid Plan', `The ${req.typeName} resource asked for replacement at ${p.toString()}, which is not an attribute path of its schema. ${BUG}`);
        }
        return;
      }
      rc.logger.debug('Planned resource change', {
        tf_plan_action: isCreate ? 'create' : planned === prior ? 'no-op' : 'update',
        ...(resp.requiresReplace.length > 0 && !isCreate && { tf_requires_replace: resp.requiresReplace.map(String) }),
      });
      out = {
        plannedState: encodeDynamicValue(planned, type),
        requiresReplace: isCreate ? [] : dedupePaths(resp.requiresReplace),
        ...optionalBytes('plannedPrivate', resp.private.toBytes()),
      };
    });
    return { ...out, diagnostics: d.toArray() };
  }

  async applyResourceChange(req: proto.ApplyResourceChangeRequest, ctx: proto.RpcContext): Promise<proto.ApplyResourceChangeResponse> {
    const d = new Diagnostics();
    let out: { newState?: proto.DynamicValue; private?: Uint8Array } = {};
    await guard(d, `applying ${req.typeName}`, async () => {
      const found = this.resource(req.typeName, d);
      if (!found) return;
      const { entry, resource } = found;
      const type = entry.type;
      const prior = decodeDynamicValue(req.priorState, type);
      const planned = decodeDynamicValue(req.plannedState, type);
      const config = decodeDynamicValue(req.config, type);
      const priv = PrivateData.fromBytes(req.plannedPrivate);
      const rc = requestContext(ctx);
      const encode = (v: TfValue, p?: PrivateData) => {
        out = { newState: encodeDynamicValue(v, type), ...optionalBytes('private', p?.toBytes()) };
      };

      if (planned.state === 'null') {
        await resource.delete({ ...rc, state: new ObjectData(type, prior), private: priv }, { diagnostics: d });
        // A failed delete leaves the object (and its state) in place.
        encode(d.hasError() ? prior : Value.null(type), d.hasError() ? priv : undefined);
        return;
      }

      const isCreate = prior.state === 'null';
      const state = new ObjectData(type, planned);
      const resp = { state, private: priv.clone(), diagnostics: d };
      const base = { ...rc, config: new ObjectData(type, config), plan: new ObjectData(type, planned), private: priv };
      if (isCreate) await resource.create(base, resp);
      else await resource.update({ ...base, state: new ObjectData(type, prior) }, resp);

      if (d.hasError()) {
        // Keep whatever the resource recorded (e.g. a remote object that exists
        // although a later step failed); otherwise nothing changed.
        if (state.modified) encode(unknownsAsNull(state.value), resp.private);
        else encode(isCreate ? Value.null(type) : prior, isCreate ? undefined : priv);
        return;
      }
      let result = state.value;
      if (result.state === 'null') {
        d.addError(
          'Provider Returned No State',
          `The ${req.typeName} resource returned no state after ${isCreate ? 'create' : 'update'} without reporting an error. ${BUG}`,
        );
        encode(isCreate ? result : prior, priv);
        return;
      }
      if (!reportUnknowns(d, result, req.typeName, `state after ${isCreate ? 'create' : 'update'}`)) result = unknownsAsNull(result);
      reportProblems(
        d,
        'Provider Produced Inconsistent Result',
        `The ${req.typeName} resource's state after ${isCreate ? 'create' : 'update'} does not match its plan`,
        applyProblems(planned, result),
      );
      encode(result, resp.private);
    });
    return { ...out, diagnostics: d.toArray() };
  }

  async importResourceState(req: proto.ImportResourceStateRequest, ctx: proto.RpcContext): Promise<proto.ImportResourceStateResponse> {
    const d = new Diagnostics();
    const imported: proto.ImportedResource[] = [];
    await guard(d, `importing ${req.typeName}`, async () => {
      const found = this.resource(req.typeName, d);
      if (!found) return;
      const { entry, resource } = found;
      if (!hasImportState(resource)) {
        d.addError('Resource Import Not Implemented', `The ${req.typeName} resource does not support import. Create it with Terraform instead.`);
        return;
      }
      const state = new ObjectData(entry.type, emptyObject(entry.schema));
      const resp = { state, private: new PrivateData(), diagnostics: d };
      await resource.importState({ ...requestContext(ctx), id: req.id }, resp);
      if (d.hasError()) return;
      if (state.isNull) {
        d.addError('Missing Resource Import State', `The ${req.typeName} resource imported nothing for this ID. ${BUG}`);
        return;
      }
      if (!reportUnknowns(d, state.value, req.typeName, 'imported state')) return;
      imported.push({
        typeName: req.typeName,
        state: encodeDynamicValue(state.value, entry.type),
        ...optionalBytes('private', resp.private.toBytes()),
      });
    });
    return { importedResources: imported, diagnostics: d.toArray() };
  }

  async moveResourceState(req: proto.MoveResourceStateRequest): Promise<proto.MoveResourceStateResponse> {
    const d = new Diagnostics().addError(
      'Move Resource State Not Supported',
      `The provider cannot move state from ${req.sourceTypeName} (${req.sourceProviderAddress}) to ${req.targetTypeName}. ` +
        'Remove the old resource from state (terraform state rm, or a removed {} block) and import the object as the new type.',
    );
    return { diagnostics: d.toArray() };
  }

  // ---- data sources -------------------------------------------------------------

  async validateDataResourceConfig(req: proto.ValidateDataResourceConfigRequest, ctx: proto.RpcContext): Promise<proto.ValidateDataResourceConfigResponse> {
    const d = new Diagnostics();
    await guard(d, `validating data source ${req.typeName}`, async () => {
      const found = this.dataSource(req.typeName, d);
      if (!found) return;
      const config = new ObjectData(found.entry.type, decodeDynamicValue(req.config, found.entry.type));
      await validateConfig(found.dataSource, found.entry.schema, config, requestContext(ctx), d);
    });
    return { diagnostics: d.toArray() };
  }

  async readDataSource(req: proto.ReadDataSourceRequest, ctx: proto.RpcContext): Promise<proto.ReadDataSourceResponse> {
    const d = new Diagnostics();
    let state: proto.DynamicValue | undefined;
    await guard(d, `reading data source ${req.typeName}`, async () => {
      const found = this.dataSource(req.typeName, d);
      if (!found) return;
      const { entry, dataSource } = found;
      const config = decodeDynamicValue(req.config, entry.type);
      const out = new ObjectData(entry.type, config);
      await dataSource.read({ ...requestContext(ctx), config: new ObjectData(entry.type, config) }, { state: out, diagnostics: d });
      if (d.hasError()) return;
      if (out.isNull) {
        d.addError('Provider Returned No State', `The ${req.typeName} data source returned no value without reporting an error. ${BUG}`);
        return;
      }
      if (!reportUnknowns(d, out.value, req.typeName, 'data source result')) return;
      state = encodeDynamicValue(out.value, entry.type);
    });
    return { ...(state !== undefined && { state }), diagnostics: d.toArray() };
  }

  // ---- the rest -----------------------------------------------------------------

  async getFunctions(): Promise<proto.GetFunctionsResponse> {
    return { functionNames: [], diagnostics: [] };
  }

  async getResourceIdentitySchemas(): Promise<proto.GetResourceIdentitySchemasResponse> {
    return { diagnostics: [] };
  }

  async stopProvider(_req: proto.StopProviderRequest, ctx: proto.RpcContext): Promise<proto.StopProviderResponse> {
    // The wire layer already aborted every in-flight request's signal.
    ctx.logger.debug('StopProvider: in-flight requests were signalled to stop');
    return { error: '' };
  }

  // ---- lookup -------------------------------------------------------------------

  private resource(typeName: string, d: Diagnostics): { entry: Entry<ResourceFactory>; resource: Resource } | undefined {
    const entry = this.load().resources.get(typeName);
    if (entry === undefined) {
      d.addError('Unknown Resource Type', `The provider does not support the resource type "${typeName}".`);
      return undefined;
    }
    const resource = entry.factory();
    if (hasConfigure(resource)) resource.configure({ providerData: this.providerData }, { diagnostics: d });
    return d.hasError() ? undefined : { entry, resource };
  }

  private dataSource(typeName: string, d: Diagnostics): { entry: Entry<DataSourceFactory>; dataSource: DataSource } | undefined {
    const entry = this.load().dataSources.get(typeName);
    if (entry === undefined) {
      d.addError('Unknown Data Source Type', `The provider does not support the data source type "${typeName}".`);
      return undefined;
    }
    const dataSource = entry.factory();
    if (hasConfigure(dataSource)) dataSource.configure({ providerData: this.providerData }, { diagnostics: d });
    return d.hasError() ? undefined : { entry, dataSource };
  }

  /** Schemas are loaded once, on the first request of any kind. */
  private load(): Registry {
    this.registry ??= loadRegistry(this.provider);
    return this.registry;
  }
}

function loadRegistry(provider: Provider): Registry {
  const problems = new Diagnostics();
  const checked = (schema: Schema, kind: SchemaKind, what: string): Schema => {
    const found = schemaProblems(schema, kind);
    if (found.length > 0) {
      problems.addError('Invalid Provider Schema', `The schema of ${what} is invalid: ${found.join('; ')}. ${BUG}`);
    }
    return schema;
  };
  const providerSchema = checked(provider.schema(), 'provider', `the ${provider.typeName} provider`);
  const collect = <F extends () => { readonly typeName: string; schema(): Schema }>(factories: readonly F[], kind: SchemaKind) => {
    const map = new Map<string, Entry<F>>();
    for (const factory of factories) {
      const instance = factory();
      const label = `${kind === 'resource' ? 'resource' : 'data source'} ${instance.typeName}`;
      if (map.has(instance.typeName)) problems.addError('Invalid Provider Schema', `The ${label} is defined twice. ${BUG}`);
      if (!instance.typeName.startsWith(`${provider.typeName}_`)) {
        problems.addError('Invalid Provider Schema', `The ${label} must start with "${provider.typeName}_". ${BUG}`);
      }
      const schema = checked(instance.schema(), kind, `the ${label}`);
      map.set(instance.typeName, { factory, schema, type: impliedType(schema) });
    }
    return map;
  };
  return {
    provider: { factory: undefined, schema: providerSchema, type: impliedType(providerSchema) },
    resources: collect(provider.resources(), 'resource'),
    dataSources: collect(provider.dataSources(), 'dataSource'),
    problems,
  };
}

// ---- helpers --------------------------------------------------------------------

/** Stored state decoded against a schema; a diagnostic (not a provider bug) when it cannot be read. */
function readStoredState(raw: proto.RawState, type: ObjectType, typeName: string, d: Diagnostics): TfValue | undefined {
  try {
    return decodeStoredState(raw, type);
  } catch (err) {
    if (!(err instanceof ValueCodecError) && !(err instanceof JsonSyntaxError)) throw err;
    const reason = err instanceof ValueCodecError ? err.reason : `invalid JSON (${err.message})`;
    const at = err instanceof ValueCodecError && !err.path.isRoot ? ` at ${err.path.toString()}` : '';
    d.addError('Unable to Read Stored State', `The stored state of this ${typeName} cannot be read${at}: ${reason}.`);
    return undefined;
  }
}

function requestContext(ctx: proto.RpcContext): RequestContext {
  return { signal: ctx.signal, logger: ctx.logger };
}

async function validateConfig(target: object, schema: Schema, config: ReadonlyObjectData, rc: RequestContext, d: Diagnostics): Promise<void> {
  d.append(validateConfigAgainstSchema(schema, config));
  if (hasConfigValidators(target)) for (const v of target.configValidators()) v.validate(config, d);
  if (hasValidateConfig(target)) await target.validateConfig({ ...rc, config }, { diagnostics: d });
}

function planResponse(type: ObjectType, plan: TfValue, requiresReplace: readonly AttributePath[], priv: PrivateData, d: Diagnostics) {
  return { plan: new ObjectData(type, plan), requiresReplace: [...requiresReplace], private: priv.clone(), diagnostics: d };
}

function dedupePaths(paths: readonly AttributePath[]): AttributePath[] {
  return paths.filter((p, i) => paths.findIndex((q) => q.equals(p)) === i);
}

function optionalBytes<K extends string>(key: K, bytes: Uint8Array | undefined): Partial<Record<K, Uint8Array>> {
  return bytes === undefined ? {} : ({ [key]: bytes } as Record<K, Uint8Array>);
}

/** Adds one error per unknown value; false when there were any. */
function reportUnknowns(d: Diagnostics, value: TfValue, typeName: string, what: string): boolean {
  const paths = unknownPaths(value);
  for (const p of paths) {
    d.addAttributeError(
      p,
      'Provider Returned Unknown Value',
      `The ${typeName} ${what} still holds an unknown value at ${p.isRoot ? 'the top level' : p.toString()}; ` +
        `every value must be known once the operation is done. ${BUG}`,
    );
  }
  return paths.length === 0;
}

function reportProblems(d: Diagnostics, summary: string, lead: string, problems: readonly ValueProblem[]): void {
  for (const { path, problem } of problems) {
    d.addAttributeError(path, summary, `${lead}: at ${path.isRoot ? 'the top level' : path.toString()}, ${problem}. ${BUG}`);
  }
}

/**
 * Runs one RPC body; anything thrown becomes an error diagnostic (with the
 * attribute path when the error carries one) so Terraform shows the cause.
 */
async function guard(d: Diagnostics, doing: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    if (err instanceof ModelError || err instanceof ValueCodecError) {
      d.addAttributeError(err.path, 'Invalid Value', `The provider hit an invalid value while ${doing}: ${err.reason}. ${BUG}`);
    } else if (err instanceof SchemaDefinitionError) {
      d.addError('Invalid Provider Schema', `The provider's schema is invalid (${doing}): ${err.problems.join('; ')}. ${BUG}`);
    } else {
      const what = err instanceof Error ? `${err.name}: ${err.message}` : typeof err === 'string' ? err : 'an unknown error';
      d.addError('Unexpected Provider Error', `The provider failed while ${doing}: ${what}. ${BUG}`);
    }
  }
}

