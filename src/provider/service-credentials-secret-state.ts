/**
 * Mapping between the resource's model and the Secrets Manager API:
 * the create prototype, the metadata patch of an update, and the state a
 * read produces. The read keeps configuration-shaped values stable (spec
 * §9): "" and empty collections stay null when the prior value was null,
 * blocks hold only what configuration holds, a TTL written differently but
 * meaning the same keeps its spelling, and interval/unit survive while
 * auto-rotation is off (the service keeps none then).
 */
import type {
  RotationPolicy,
  RotationUnit,
  SecretMetadataPatch,
  SecretVersionMetadata,
  ServiceCredentials,
  ServiceCredentialsSecretMetadata,
  ServiceCredentialsSecretPrototype,
  SourceServiceParameters,
} from '../backend/credential-backend.js';
import { parseTtl } from '../backend/validation/index.js';
import { isUnknownModel } from '../framework/index.js';
import { flattenCredentials, stringMap } from './flatten-credentials.js';
import { formatImportId } from './import-id.js';
import type { IamModel, RotationModel, SecretModel, SourceServiceModel } from './service-credentials-secret-schema.js';
import { SECRET_TYPE } from './service-credentials-secret-schema.js';

/** What one read of a secret returned. */
export interface SecretReadResult {
  readonly secret: ServiceCredentialsSecretMetadata & { readonly credentials?: ServiceCredentials };
  /** Metadata of the current version (version_custom_metadata); absent when it could not be read. */
  readonly version?: SecretVersionMetadata;
}

export interface StateContext {
  /** Prior state on refresh, the plan on apply (values may be UNKNOWN then). */
  readonly prior: SecretModel;
  readonly region: string;
  readonly instanceId: string;
  /** The read right after `terraform import`: no prior configuration shape. */
  readonly isImport: boolean;
}

/** A value the prior state or plan holds (not null, not unknown). */
const held = <T>(v: T | null): v is T => v !== null && !isUnknownModel(v);

function emptyToNull<T extends object>(value: T, isEmpty: boolean, prior: unknown): T | null {
  return isEmpty && !held(prior) ? null : value;
}

/** The TTL as seconds (absent = 0), or undefined when it does not parse. */
function ttlSeconds(ttl: string | undefined | null): number | undefined {
  if (ttl === undefined || ttl === null) return 0;
  const parsed = parseTtl(ttl);
  return parsed.ok ? parsed.value : undefined;
}

function ttlState(api: string | undefined, prior: string | null): string | null {
  if (held(prior)) {
    const a = ttlSeconds(api);
    if (a !== undefined && a === ttlSeconds(prior)) return prior;
  }
  return api ?? null;
}

/** Parameters as the API reports them, as map(string). */
function parametersFromApi(parameters: SourceServiceParameters | undefined): Record<string, string> | null {
  const out = stringMap(parameters);
  return Object.keys(out).length > 0 ? out : null;
}

function rotationState(api: RotationPolicy | undefined, prior: readonly RotationModel[], isImport: boolean): RotationModel[] {
  const auto = api?.auto_rotate === true;
  const fromApi = (): RotationModel => ({ auto_rotate: auto, interval: api?.interval ?? null, unit: api?.unit ?? null });
  const before = prior[0];
  if (before === undefined) return isImport && auto ? [fromApi()] : [];
  if (auto) return [fromApi()];
  // Auto-rotation off: the service may drop interval and unit; keep what the configuration said.
  return [
    {
      auto_rotate: false,
      interval: held(before.interval) ? before.interval : (api?.interval ?? null),
      unit: held(before.unit) ? before.unit : (api?.unit ?? null),
    },
  ];
}

function sourceServiceState(secret: SecretReadResult['secret'], prior: SecretModel, isImport: boolean): SourceServiceModel {
  const api = secret.source_service;
  const before = prior.source_service[0];
  const roleCrn = api.role?.crn !== undefined && api.role.crn !== '' ? api.role.crn : undefined;
  let role: { crn: string | null }[];
  if (before !== undefined && before.role.length > 0) {
    const priorCrn = before.role[0]?.crn ?? null;
    role = [{ crn: roleCrn ?? (held(priorCrn) ? priorCrn : null) }];
  } else {
    role = isImport && roleCrn !== undefined ? [{ crn: roleCrn }] : [];
  }
  // Parameters cannot change after create; keep the configured spelling except on import.
  const priorParameters = before?.parameters ?? null;
  const parameters = isImport || before === undefined || isUnknownModel(priorParameters) ? parametersFromApi(api.parameters) : priorParameters;
  return { instance: [{ crn: api.instance.crn }], role, parameters, ...sourceServiceComputed(api) };
}

/** The parts of source_service only the service sets: the IAM details and the resource key. */
export function sourceServiceComputed(api: ServiceCredentialsSecretMetadata['source_service']): { iam: IamModel[]; resource_key: { crn: string; name: string }[] } {
  return {
    iam: api.iam
      ? [
          {
            apikey: [{ name: api.iam.apikey.name, description: api.iam.apikey.description }],
            role: [{ crn: api.iam.role.crn }],
            serviceid: [{ crn: api.iam.serviceid.crn }],
          },
        ]
      : [],
    resource_key: api.resource_key ? [{ crn: api.resource_key.crn, name: api.resource_key.name }] : [],
  };
}

/** The resource state for what the backend returned. */
export function secretState(result: SecretReadResult, ctx: StateContext): SecretModel {
  const { secret, version } = result;
  const { prior } = ctx;
  const labels = [...secret.labels];
  const custom = stringMap(secret.custom_metadata);
  const versionMetadata = version !== undefined ? stringMap(version.version_custom_metadata) : undefined;
  return {
    id: formatImportId(ctx.region, ctx.instanceId, secret.id),
    instance_id: ctx.instanceId,
    region: ctx.region,
    endpoint_type: held(prior.endpoint_type) ? prior.endpoint_type : null,
    secret_type: secret.secret_type ?? SECRET_TYPE,
    name: secret.name,
    description: secret.description === '' && !held(prior.description) ? null : secret.description,
    secret_group_id: secret.secret_group_id,
    labels: emptyToNull(labels, labels.length === 0, prior.labels),
    custom_metadata: emptyToNull(custom, Object.keys(custom).length === 0, prior.custom_metadata),
    version_custom_metadata:
      versionMetadata === undefined
        ? held(prior.version_custom_metadata)
          ? prior.version_custom_metadata
          : null
        : emptyToNull(versionMetadata, Object.keys(versionMetadata).length === 0, prior.version_custom_metadata),
    ttl: ttlState(secret.ttl, prior.ttl),
    created_by: secret.created_by,
    created_at: secret.created_at,
    crn: secret.crn,
    credentials: secret.credentials !== undefined ? flattenCredentials(secret.credentials) : held(prior.credentials) ? prior.credentials : {},
    downloaded: secret.downloaded,
    locks_total: secret.locks_total,
    next_rotation_date: secret.next_rotation_date ?? '',
    state: secret.state,
    state_description: secret.state_description,
    expiration_date: secret.expiration_date ?? null,
    updated_at: secret.updated_at,
    retrieved_at: secret.retrieved_at ?? null,
    versions_total: secret.versions_total,
    secret_id: secret.id,
    rotation: rotationState(secret.rotation, prior.rotation, ctx.isImport),
    source_service: [sourceServiceState(secret, prior, ctx.isImport)],
  };
}

// ---- requests -------------------------------------------------------------------

/** "true"/"false" become JSON booleans (so HCL `HMAC = true` reaches the service as a boolean); serviceid_crn stays text. */
export function parameterForApi(key: string, value: string): string | boolean {
  return key !== 'serviceid_crn' && (value === 'true' || value === 'false') ? value === 'true' : value;
}

function parametersForApi(parameters: Record<string, string> | null): SourceServiceParameters | undefined {
  if (parameters === null || Object.keys(parameters).length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parameters)) out[k] = parameterForApi(k, v);
  return out;
}

function rotationForApi(r: RotationModel): RotationPolicy {
  return {
    auto_rotate: r.auto_rotate === true,
    ...(r.interval !== null && r.interval !== 0 && { interval: r.interval }),
    ...(r.unit !== null && r.unit !== '' && { unit: r.unit as RotationUnit }),
  };
}

const nonEmpty = (o: Record<string, string> | null): o is Record<string, string> => o !== null && Object.keys(o).length > 0;

/** The create request for a fully known plan (spec §1.4: empty optionals are left out). */
export function secretPrototype(plan: SecretModel): ServiceCredentialsSecretPrototype {
  const source = plan.source_service[0];
  const role = source?.role[0]?.crn;
  const parameters = parametersForApi(source?.parameters ?? null);
  const rotation = plan.rotation[0];
  return {
    secret_type: SECRET_TYPE,
    name: plan.name ?? '',
    ...(plan.description !== null && plan.description !== '' && { description: plan.description }),
    ...(plan.secret_group_id !== null && plan.secret_group_id !== '' && { secret_group_id: plan.secret_group_id }),
    ...(plan.labels !== null && plan.labels.length > 0 && { labels: plan.labels }),
    ...(nonEmpty(plan.custom_metadata) && { custom_metadata: plan.custom_metadata }),
    ...(nonEmpty(plan.version_custom_metadata) && { version_custom_metadata: plan.version_custom_metadata }),
    ...(plan.ttl !== null && plan.ttl !== '' && { ttl: plan.ttl }),
    ...(rotation !== undefined && { rotation: rotationForApi(rotation) }),
    source_service: {
      instance: { crn: source?.instance[0]?.crn ?? '' },
      ...(role !== undefined && role !== null && role !== '' && { role: { crn: role } }),
      ...(parameters !== undefined && { parameters }),
    },
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The metadata merge-patch for an update: only what changed; undefined when nothing did. */
export function secretMetadataPatch(plan: SecretModel, prior: SecretModel): SecretMetadataPatch | undefined {
  const patch: { -readonly [K in keyof SecretMetadataPatch]: SecretMetadataPatch[K] } = {};
  if (plan.name !== null && plan.name !== prior.name) patch.name = plan.name;
  if ((plan.description ?? '') !== (prior.description ?? '')) patch.description = plan.description ?? '';
  if (plan.labels !== null && !same(plan.labels, prior.labels ?? [])) patch.labels = plan.labels;
  if (plan.custom_metadata !== null && !same(sorted(plan.custom_metadata), sorted(prior.custom_metadata ?? {}))) patch.custom_metadata = plan.custom_metadata;
  if (plan.ttl !== null && plan.ttl !== prior.ttl) patch.ttl = plan.ttl;
  const rotation = plan.rotation[0];
  if (rotation !== undefined && !same(rotation, prior.rotation[0] ?? null)) patch.rotation = rotationForApi(rotation);
  return Object.keys(patch).length > 0 ? patch : undefined;
}

function sorted(m: Record<string, string>): [string, string][] {
  return Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether the rotation policy the plan carries differs from the prior one (what moves next_rotation_date). */
export function rotationPolicyChanged(plan: readonly RotationModel[], prior: readonly RotationModel[]): boolean {
  const p = plan[0];
  if (p === undefined) return false; // removing the block changes nothing remotely
  return !same(p, prior[0] ?? null);
}
