/**
 * Drives createProviderServer the way Terraform does: msgpack DynamicValues
 * in and out, proposed new state computed like Terraform's ProposedNew,
 * plan → apply round trips. Includes a small in-memory test provider whose
 * `test_thing` resource exercises every framework feature.
 */
import { nullLogger } from '../../src/logging/logger.js';
import type * as proto from '../../src/tfprotov6/types.js';
import { decodeDynamicValue, encodeDynamicValue } from '../../src/tftypes/dynamic-value.js';
import type { TfValue } from '../../src/tftypes/value.js';
import { getAttribute, knownElements, Value } from '../../src/tftypes/value.js';
import { Types } from '../../src/tftypes/type.js';
import type { AttributePath } from '../../src/tftypes/attribute-path.js';
import {
  createProviderServer,
  defineSchema,
  exactlyOneOf,
  fromModel,
  impliedType,
  importStatePassthroughId,
  intBetween,
  requiresReplace,
  stringLengthBetween,
  stringMatches,
  toModel,
  UNKNOWN,
  useStateForUnknown,
} from '../../src/framework/index.js';
import type {
  BlockSchema,
  CreateRequest,
  CreateResponse,
  DeleteRequest,
  DeleteResponse,
  ModelValue,
  ModifyPlanRequest,
  ModifyPlanResponse,
  Provider,
  ProviderConfigureRequest,
  ProviderConfigureResponse,
  ReadRequest,
  ReadResponse,
  Resource,
  Schema,
  Unknown,
  UpdateRequest,
  UpdateResponse,
} from '../../src/framework/index.js';

export const rpc: proto.RpcContext = { signal: new AbortController().signal, logger: nullLogger };

// ---- values ---------------------------------------------------------------------

export function encode(schema: BlockSchema, model: unknown): proto.DynamicValue {
  const type = impliedType(schema);
  return encodeDynamicValue(fromModel(type, model), type);
}

export function decode<T = ModelValue>(schema: BlockSchema, dv: proto.DynamicValue | undefined): T {
  return toModel(decodeDynamicValue(dv, impliedType(schema))) as T;
}

export const paths = (ps: readonly AttributePath[]): string[] => ps.map(String).sort();
export const summaries = (ds: readonly proto.Diagnostic[]): string[] => ds.map((d) => d.summary);
export const errorsOf = (ds: readonly proto.Diagnostic[]) => ds.filter((d) => d.severity === 'error');

/** Terraform's ProposedNew: config, with prior values for computed attributes the config leaves null. */
export function proposedNew(block: BlockSchema, prior: TfValue, config: TfValue): TfValue {
  if (config.state !== 'known') return config;
  const attrs: Record<string, TfValue> = {};
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    const c = getAttribute(config, name);
    const p = prior.state === 'known' ? getAttribute(prior, name) : Value.null(a.type);
    attrs[name] = c.state === 'null' && a.mode !== 'required' && a.mode !== 'optional' ? p : c;
  }
  for (const [name, b] of Object.entries(block.blocks ?? {})) {
    const c = getAttribute(config, name);
    const p = prior.state === 'known' ? getAttribute(prior, name) : Value.null(c.type);
    if (b.nesting === 'single') {
      attrs[name] = proposedNew(b, p, c);
      continue;
    }
    const priors = knownElements(p) ?? [];
    const items = (knownElements(c) ?? []).map((e, i) => proposedNew(b, priors[i] ?? Value.null(e.type), e));
    attrs[name] = { state: 'known', type: c.type, value: items };
  }
  return { state: 'known', type: config.type, value: attrs };
}

/** A plan request built like Terraform builds it (prior null = create, config null = destroy). */
export function planRequest(typeName: string, schema: Schema, prior: unknown, config: unknown, priorPrivate?: Uint8Array): proto.PlanResourceChangeRequest {
  const type = impliedType(schema);
  const p = fromModel(type, prior);
  const c = fromModel(type, config);
  const proposed = c.state === 'null' ? c : proposedNew(schema, p, c);
  return {
    typeName,
    priorState: encodeDynamicValue(p, type),
    proposedNewState: encodeDynamicValue(proposed, type),
    config: encodeDynamicValue(c, type),
    ...(priorPrivate !== undefined && { priorPrivate }),
  };
}

// ---- the test provider ------------------------------------------------------------

export interface RuleModel {
  crn: string;
  note: string | null;
  rid: string | Unknown | null;
}
export interface ItemModel {
  value: string;
  seq: number | Unknown | null;
}
export interface ThingModel {
  id: string | Unknown | null;
  name: string;
  zone: string | null | Unknown;
  size: number | null;
  token: string | Unknown | null;
  created: string | Unknown | null;
  tags: Record<string, string> | null;
  rule: RuleModel[];
  item: ItemModel[];
}

export const THING_SCHEMA = defineSchema({
  version: 2,
  description: 'A thing kept in memory.',
  attributes: {
    id: { type: Types.string, mode: 'computed', planModifiers: [useStateForUnknown()] },
    name: { type: Types.string, mode: 'required', validators: [stringLengthBetween(2, 10)] },
    zone: { type: Types.string, mode: 'optionalComputed', planModifiers: [requiresReplace()] },
    size: { type: Types.number, mode: 'optional', validators: [intBetween(1, 10)] },
    token: { type: Types.string, mode: 'computed', sensitive: true },
    created: { type: Types.string, mode: 'computed', planModifiers: [useStateForUnknown()] },
    tags: { type: Types.map(Types.string), mode: 'optional' },
  },
  blocks: {
    rule: {
      nesting: 'list',
      maxItems: 1,
      attributes: {
        crn: { type: Types.string, mode: 'required', planModifiers: [requiresReplace()], validators: [stringMatches(/^crn:/, 'must be a CRN starting with "crn:"')] },
        note: { type: Types.string, mode: 'optional' },
        rid: { type: Types.string, mode: 'computed' },
      },
    },
    item: {
      nesting: 'list',
      attributes: {
        value: { type: Types.string, mode: 'required' },
        seq: { type: Types.number, mode: 'computed' },
      },
    },
  },
});

/** Behaviour switches and the "remote" store, shared by all instances of one provider. */
export interface ThingWorld {
  objects: Map<string, ThingModel>;
  next: number;
  failCreateAfterRemote?: boolean;
  leaveUnknown?: boolean;
  throwOnRead?: boolean;
  modifyPlan?: (req: ModifyPlanRequest, resp: ModifyPlanResponse) => void;
  configured?: unknown;
}

class ThingResource implements Resource {
  readonly typeName = 'test_thing';
  constructor(private readonly world: ThingWorld) {}

  schema(): Schema {
    return THING_SCHEMA;
  }

  configure(req: { providerData: unknown }): void {
    this.world.configured = req.providerData;
  }

  configValidators() {
    return [];
  }

  create(req: CreateRequest, resp: CreateResponse): void {
    const plan = req.plan.as<ThingModel>();
    const id = `t-${this.world.next++}`;
    const made: ThingModel = {
      ...plan,
      id,
      zone: plan.zone === UNKNOWN ? 'z1' : plan.zone,
      token: `secret-${id}`,
      created: '2026-01-01T00:00:00Z',
      rule: plan.rule.map((r) => ({ ...r, rid: `r-${id}` })),
      item: plan.item.map((it, i) => ({ ...it, seq: i + 1 })),
    };
    this.world.objects.set(id, made);
    if (this.world.leaveUnknown) {
      resp.state.setAttribute('id', id);
      return;
    }
    resp.state.set(made);
    if (this.world.failCreateAfterRemote) {
      resp.diagnostics.addError('Create Half Done', 'The object exists but a follow-up step failed.');
    }
  }

  read(req: ReadRequest, resp: ReadResponse): void {
    if (this.world.throwOnRead) throw new TypeError('cannot read properties of undefined');
    const found = this.world.objects.get(req.state.get<string>('id'));
    if (found === undefined) return resp.removeResource();
    resp.state.set(found);
  }

  update(req: UpdateRequest, resp: UpdateResponse): void {
    const plan = req.plan.as<ThingModel>();
    const prior = req.state.as<ThingModel>();
    const id = prior.id as string;
    const next: ThingModel = {
      ...plan,
      id,
      token: plan.token === UNKNOWN ? `secret-${id}-v2` : plan.token,
      created: prior.created,
      zone: plan.zone === UNKNOWN ? prior.zone : plan.zone,
      rule: plan.rule.map((r) => ({ ...r, rid: r.rid === UNKNOWN ? `r-${id}` : r.rid })),
      item: plan.item.map((it, i) => ({ ...it, seq: it.seq === UNKNOWN ? i + 1 : it.seq })),
    };
    this.world.objects.set(id, next);
    resp.state.set(next);
  }

  delete(req: DeleteRequest, _resp: DeleteResponse): void {
    this.world.objects.delete(req.state.get<string>('id'));
  }

  importState = importStatePassthroughId('id');

  modifyPlan(req: ModifyPlanRequest, resp: ModifyPlanResponse): void {
    this.world.modifyPlan?.(req, resp);
  }
}

export const PROVIDER_SCHEMA = defineSchema(
  {
    attributes: {
      endpoint: { type: Types.string, mode: 'optional' },
      api_key: { type: Types.string, mode: 'optional', sensitive: true },
      legacy: { type: Types.string, mode: 'optional', deprecationMessage: 'Use endpoint instead.' },
    },
  },
  'provider',
);

export function testProvider(world: ThingWorld, extra: Partial<Pick<Provider, 'dataSources'>> = {}): Provider {
  return {
    typeName: 'test',
    version: '1.0.0',
    schema: () => PROVIDER_SCHEMA,
    configure(req: ProviderConfigureRequest, resp: ProviderConfigureResponse) {
      resp.providerData = { endpoint: req.config.get('endpoint') };
    },
    resources: () => [() => new ThingResource(world)],
    dataSources: extra.dataSources ?? (() => []),
    configValidators: () => [exactlyOneOf('endpoint', 'legacy')],
  } as Provider;
}

export function newWorld(): ThingWorld {
  return { objects: new Map(), next: 1 };
}

export function server(world: ThingWorld = newWorld()) {
  return createProviderServer(testProvider(world));
}

/** A full config model for test_thing (computed attributes null, as in configuration). */
export function thingConfig(overrides: Partial<ThingModel> = {}): ThingModel {
  return {
    id: null,
    name: 'alpha',
    zone: null,
    size: null,
    token: null,
    created: null,
    tags: null,
    rule: [],
    item: [],
    ...overrides,
  };
}

/** plan then apply, as `terraform apply` does; returns the new state model and both responses. */
export async function planAndApply(s: proto.ProviderServer, prior: unknown, config: unknown, priorPrivate?: Uint8Array) {
  const plan = await s.planResourceChange(planRequest('test_thing', THING_SCHEMA, prior, config, priorPrivate), rpc);
  if (errorsOf(plan.diagnostics).length > 0) throw new Error(`plan failed: ${JSON.stringify(plan.diagnostics)}`);
  const type = impliedType(THING_SCHEMA);
  const apply = await s.applyResourceChange(
    {
      typeName: 'test_thing',
      priorState: encodeDynamicValue(fromModel(type, prior), type),
      plannedState: plan.plannedState!,
      config: encodeDynamicValue(fromModel(type, config), type),
      ...(plan.plannedPrivate !== undefined && { plannedPrivate: plan.plannedPrivate }),
    },
    rpc,
  );
  return { plan, apply, state: decode<ThingModel | null>(THING_SCHEMA, apply.newState) };
}
