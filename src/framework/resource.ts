/**
 * Resources: a small core interface plus opt-in capabilities.
 *
 * Calling convention (as in terraform-plugin-framework): `create(req, resp)`
 * gets a response that is already filled in — `resp.state` starts as the
 * plan — and mutates it; bail out early when `resp.diagnostics.hasError()`.
 * Every request carries `signal` (aborted by StopProvider) and `logger`.
 *
 *   interface ThingModel { id: string | Unknown; name: string; size: number | null }
 *
 *   export class ThingResource implements Resource, WithImportState {
 *     readonly typeName = 'example_thing';
 *     schema() { return THING_SCHEMA; }                       // defineSchema({...})
 *     async create(req: CreateRequest, resp: CreateResponse) {
 *       const plan = req.plan.as<ThingModel>();
 *       const made = await api.create(plan.name, { signal: req.signal });
 *       resp.state.set({ ...plan, id: made.id });            // or setAttribute('id', made.id)
 *     }
 *     async read(req: ReadRequest, resp: ReadResponse) {
 *       const found = await api.get(req.state.get<string>('id'), { signal: req.signal });
 *       if (!found) return resp.removeResource();
 *       resp.state.setAttribute('name', found.name);
 *     }
 *     async update(req: UpdateRequest, resp: UpdateResponse) { ... }
 *     async delete(req: DeleteRequest, resp: DeleteResponse) { ... }
 *     importState = importStatePassthroughId('id');
 *   }
 *
 * Failures are diagnostics, never exceptions (a throw becomes an
 * "Unexpected Provider Error" diagnostic naming the bug).
 */
import type { AttributePath } from '../tftypes/attribute-path.js';
import type { RequestContext, WithConfigure, WithConfigValidators, WithValidateConfig } from './capabilities.js';
import { hasMethod } from './capabilities.js';
import type { Diagnostics } from './diagnostics.js';
import type { ObjectData, ReadonlyObjectData } from './object-data.js';
import type { PathLike } from './path.js';
import { toPath } from './path.js';
import type { PrivateData, ReadonlyPrivateData } from './private-data.js';
import type { Schema } from './schema.js';

export interface CreateRequest extends RequestContext {
  readonly config: ReadonlyObjectData;
  readonly plan: ReadonlyObjectData;
  readonly private: ReadonlyPrivateData;
}
export interface CreateResponse {
  /** Starts as the plan (unknowns included); must be wholly known when create returns. */
  readonly state: ObjectData;
  readonly private: PrivateData;
  readonly diagnostics: Diagnostics;
}

export interface ReadRequest extends RequestContext {
  readonly state: ReadonlyObjectData;
  readonly private: ReadonlyPrivateData;
}
export interface ReadResponse {
  /** Starts as the current state. */
  readonly state: ObjectData;
  readonly private: PrivateData;
  readonly diagnostics: Diagnostics;
  /** The remote object is gone: Terraform drops it from state (and plans to create it again). */
  removeResource(): void;
}

export interface UpdateRequest extends RequestContext {
  readonly config: ReadonlyObjectData;
  readonly plan: ReadonlyObjectData;
  /** The prior state. */
  readonly state: ReadonlyObjectData;
  readonly private: ReadonlyPrivateData;
}
export interface UpdateResponse {
  /** Starts as the plan; must be wholly known when update returns. */
  readonly state: ObjectData;
  readonly private: PrivateData;
  readonly diagnostics: Diagnostics;
}

export interface DeleteRequest extends RequestContext {
  readonly state: ReadonlyObjectData;
  readonly private: ReadonlyPrivateData;
}
export interface DeleteResponse {
  readonly diagnostics: Diagnostics;
}

export interface Resource {
  /** Full type name, e.g. `ibm_sm_service_credentials_secret`. */
  readonly typeName: string;
  schema(): Schema;
  create(req: CreateRequest, resp: CreateResponse): void | Promise<void>;
  read(req: ReadRequest, resp: ReadResponse): void | Promise<void>;
  update(req: UpdateRequest, resp: UpdateResponse): void | Promise<void>;
  /** Success removes the resource from state. */
  delete(req: DeleteRequest, resp: DeleteResponse): void | Promise<void>;
}

export type ResourceFactory = () => Resource;

// ---- import -------------------------------------------------------------------

export interface ImportStateRequest extends RequestContext {
  /** The ID the user gave `terraform import` or an `import {}` block. */
  readonly id: string;
}
export interface ImportStateResponse {
  /** Starts with every attribute null (list blocks empty); set what Read needs to find the object. */
  readonly state: ObjectData;
  readonly private: PrivateData;
  readonly diagnostics: Diagnostics;
}
export interface ResourceWithImportState extends Resource {
  importState(req: ImportStateRequest, resp: ImportStateResponse): void | Promise<void>;
}
export const hasImportState = (r: Resource): r is ResourceWithImportState => hasMethod(r, 'importState');

/** importState that stores the import ID at `path` (usually `id`); Read then fills in the rest. */
export function importStatePassthroughId(path: PathLike): ResourceWithImportState['importState'] {
  const at: AttributePath = toPath(path);
  return (req, resp) => {
    resp.state.setAttribute(at, req.id);
  };
}

// ---- plan modification --------------------------------------------------------

export interface ModifyPlanRequest extends RequestContext {
  readonly config: ReadonlyObjectData;
  /** Prior state; null when creating. */
  readonly state: ReadonlyObjectData;
  /** The plan after the framework's defaults and the attribute plan modifiers; null when destroying. */
  readonly plan: ReadonlyObjectData;
  readonly private: ReadonlyPrivateData;
}
export interface ModifyPlanResponse {
  /** Starts as `req.plan`; edit it (e.g. setAttribute to UNKNOWN or a known value). */
  readonly plan: ObjectData;
  /** Paths that force replacement when their values change; starts with the modifiers' paths. */
  readonly requiresReplace: AttributePath[];
  readonly private: PrivateData;
  readonly diagnostics: Diagnostics;
}
export interface ResourceWithModifyPlan extends Resource {
  modifyPlan(req: ModifyPlanRequest, resp: ModifyPlanResponse): void | Promise<void>;
}
export const hasModifyPlan = (r: Resource): r is ResourceWithModifyPlan => hasMethod(r, 'modifyPlan');

// ---- state upgrade ------------------------------------------------------------

export interface UpgradeStateRequest extends RequestContext {
  /** The stored state as parsed JSON (numbers as JS numbers). */
  readonly rawState: unknown;
  /** The stored state decoded against the upgrader's priorSchema, when it has one. */
  readonly state: ReadonlyObjectData | undefined;
}
export interface UpgradeStateResponse {
  /** Starts null; set the state in the current schema. */
  readonly state: ObjectData;
  readonly diagnostics: Diagnostics;
}
export interface StateUpgrader {
  /** The schema the stored state was written with; lets the upgrader read `req.state` as a model. */
  readonly priorSchema?: Schema;
  upgrade(req: UpgradeStateRequest, resp: UpgradeStateResponse): void | Promise<void>;
}
export interface ResourceWithUpgradeState extends Resource {
  /** Upgraders by the stored version they read; each produces the current version directly. */
  upgradeState(): Readonly<Record<number, StateUpgrader>>;
}
export const hasUpgradeState = (r: Resource): r is ResourceWithUpgradeState => hasMethod(r, 'upgradeState');

// ---- configure / validation ---------------------------------------------------

export type ResourceWithConfigure = Resource & WithConfigure;
export type ResourceWithValidateConfig = Resource & WithValidateConfig;
export type ResourceWithConfigValidators = Resource & WithConfigValidators;
