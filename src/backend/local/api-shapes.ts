/**
 * Rows → the SM v2 JSON shapes the backend interface returns. Field order
 * follows the service's responses; optional fields are omitted, never null.
 */
import type {
  CustomMetadata,
  RotationPolicy,
  SecretGroup,
  SecretLock,
  SecretState,
  SecretStateDescription,
  SecretVersionMetadata,
  ServiceCredentialsSecretMetadata,
  SourceServicePrototype,
  VersionAlias,
} from '../credential-backend.js';
import { SECRET_STATES } from '../credential-backend.js';
import { formatSecretCrn } from '../validation/parse-crn.js';
import type { GroupRow, LockRow, SecretRow, SecretViewRow, VersionRow } from './store-rows.js';

export interface InstanceInfo {
  /** `<region>/<instance_id>`, the store's partition key. */
  readonly key: string;
  readonly instanceId: string;
  readonly region: string;
  readonly accountId: string;
}

const DESCRIPTION_BY_STATE = new Map<number, SecretStateDescription>(
  Object.entries(SECRET_STATES).map(([d, s]) => [s, d as SecretStateDescription]),
);

/** RFC 3339 in UTC with whole seconds, as the service prints timestamps. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function stateDescription(state: number): SecretStateDescription {
  return DESCRIPTION_BY_STATE.get(state) ?? 'active';
}

export function toSecretGroup(row: GroupRow): SecretGroup {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
  };
}

export function toSecretMetadata(v: SecretViewRow, inst: InstanceInfo): ServiceCredentialsSecretMetadata {
  const source = parseJson<SourceServicePrototype>(v.source_service);
  const rotation = parseJson<RotationPolicy>(v.rotation);
  const state = v.state as SecretState;
  return {
    id: v.id,
    name: v.name,
    secret_type: 'service_credentials',
    secret_group_id: v.group_id,
    crn: formatSecretCrn(inst.region, inst.accountId, inst.instanceId, v.id),
    created_by: v.created_by,
    created_at: isoTime(v.created_at),
    updated_at: isoTime(v.updated_at),
    ...(v.retrieved_at !== null ? { retrieved_at: isoTime(v.retrieved_at) } : {}),
    description: v.description,
    labels: parseJson<string[]>(v.labels),
    custom_metadata: parseJson<CustomMetadata>(v.custom_metadata),
    downloaded: v.cur_downloaded === 1,
    locks_total: v.locks_total,
    versions_total: v.versions_total,
    state,
    state_description: stateDescription(state),
    rotation,
    ...(v.next_rotation_at !== null && state !== SECRET_STATES.destroyed ? { next_rotation_date: isoTime(v.next_rotation_at) } : {}),
    ...(v.ttl !== null ? { ttl: v.ttl } : {}),
    ...(v.current_expires_at !== null ? { expiration_date: isoTime(v.current_expires_at) } : {}),
    source_service: {
      instance: source.instance,
      ...(source.role ? { role: source.role } : {}),
      ...(source.parameters ? { parameters: source.parameters } : {}),
      iam: {
        apikey: {
          name: v.cur_apikey_name ?? v.name,
          description: v.cur_apikey_description ?? '',
          ...(v.cur_apikey_id ? { id: v.cur_apikey_id } : {}),
        },
        // Without a role the pre-existing service ID's own policies apply; the service reports no role CRN.
        role: { crn: source.role?.crn ?? '' },
        serviceid: { crn: v.service_id_crn },
      },
      ...(v.cur_resource_key_crn !== null ? { resource_key: { crn: v.cur_resource_key_crn, name: v.cur_resource_key_name ?? v.name } } : {}),
    },
  };
}

export function aliasOf(rank: number): VersionAlias | undefined {
  return rank === 0 ? 'current' : rank === 1 ? 'previous' : undefined;
}

export function toVersionMetadata(row: VersionRow, secret: SecretRow, rank: number): SecretVersionMetadata {
  const alias = aliasOf(rank);
  return {
    id: row.id,
    secret_id: row.secret_id,
    secret_name: secret.name,
    secret_type: 'service_credentials',
    secret_group_id: secret.group_id,
    ...(alias ? { alias } : {}),
    auto_rotated: row.auto_rotated === 1,
    created_at: isoTime(row.created_at),
    created_by: row.created_by,
    downloaded: row.downloaded === 1,
    payload_available: row.payload !== null,
    ...(row.expires_at !== null ? { expiration_date: isoTime(row.expires_at) } : {}),
    version_custom_metadata: parseJson<CustomMetadata>(row.version_custom_metadata),
    resource_key: { crn: row.resource_key_crn, name: row.resource_key_name },
  };
}

export function toSecretLock(row: LockRow, secret: SecretRow, alias: VersionAlias): SecretLock {
  return {
    name: row.name,
    description: row.description,
    attributes: parseJson<Record<string, unknown>>(row.attributes),
    created_at: isoTime(row.created_at),
    created_by: row.created_by,
    secret_group_id: secret.group_id,
    secret_id: secret.id,
    secret_version_id: row.version_id,
    secret_version_alias: alias,
  };
}
