/**
 * Adding a version (= rotating) and reading a version's payload. A version
 * mints a new API key and resource key under the secret's service ID; its
 * lease is its creation time plus the TTL in force at that moment.
 */
import { BackendError } from '../backend-error.js';
import type { CustomMetadata, ServiceCredentials, SourceServicePrototype } from '../credential-backend.js';
import { parseBooleanParameter } from '../validation/check-secret-prototype.js';
import { parseRoleCrn, parseSourceServiceCrn } from '../validation/parse-crn.js';
import type { InstanceInfo } from './api-shapes.js';
import { VERSIONS_RETAINED, type EngineContext } from './engine-context.js';
import { mintCredential } from './mint-credential.js';
import { newUuid } from './random-values.js';
import type { SecretRow, VersionRow } from './store-rows.js';

export interface NewVersionOptions {
  readonly autoRotated: boolean;
  readonly createdBy: string;
  readonly versionCustomMetadata?: CustomMetadata;
}

export interface NewVersion {
  readonly version: VersionRow;
  readonly credentials: ServiceCredentials;
}

/** Binds a ciphertext to its row so it cannot be replayed onto another version. */
function payloadAad(inst: InstanceInfo, secretId: string, versionId: string): string {
  return `${inst.key}/${secretId}/${versionId}`;
}

export function addVersion(ctx: EngineContext, inst: InstanceInfo, secret: SecretRow, at: number, opts: NewVersionOptions): NewVersion {
  const source = JSON.parse(secret.source_service) as SourceServicePrototype;
  const parsedSource = parseSourceServiceCrn(source.instance.crn);
  if (!parsedSource.ok) throw new BackendError('Internal', `Stored source CRN of secret ${secret.id} no longer parses.`);
  const role = source.role ? parseRoleCrn(source.role.crn, parsedSource.value.service) : undefined;
  const minted = mintCredential({
    sourceCrn: source.instance.crn,
    source: parsedSource.value,
    role: role?.ok ? role.value : undefined,
    serviceIdCrn: secret.service_id_crn,
    keyName: secret.name,
    hmac: parseBooleanParameter(source.parameters?.['HMAC']) ?? false,
  });
  const id = newUuid();
  const expiresAt = secret.ttl_seconds > 0 ? at + secret.ttl_seconds * 1000 : null;
  const version: VersionRow = {
    instance: inst.key,
    secret_id: secret.id,
    id,
    seq: ctx.store.maxVersionSeq(inst.key, secret.id) + 1,
    created_by: opts.createdBy,
    created_at: at,
    auto_rotated: opts.autoRotated ? 1 : 0,
    downloaded: 0,
    expires_at: expiresAt,
    payload: ctx.cipher.seal(JSON.stringify(minted.credentials), payloadAad(inst, secret.id, id)),
    version_custom_metadata: JSON.stringify(opts.versionCustomMetadata ?? {}),
    resource_key_crn: minted.resourceKey.crn,
    resource_key_name: minted.resourceKey.name,
    apikey_id: minted.apiKey.id ?? null,
    apikey_name: minted.apiKey.name,
    apikey_description: minted.apiKey.description,
  };
  ctx.store.insertVersion(version);
  ctx.store.updateSecret(inst.key, secret.id, { current_version_id: id, current_expires_at: expiresAt });
  ctx.store.pruneVersions(inst.key, secret.id, VERSIONS_RETAINED);
  return { version, credentials: minted.credentials };
}

/** The decrypted credentials, or undefined when the lease ended and they were revoked. */
export function readPayload(ctx: EngineContext, inst: InstanceInfo, version: VersionRow): ServiceCredentials | undefined {
  if (version.payload === null) return undefined;
  try {
    return JSON.parse(ctx.cipher.open(version.payload, payloadAad(inst, version.secret_id, version.id))) as ServiceCredentials;
  } catch (err: unknown) {
    throw new BackendError('Internal', `The credentials of version ${version.id} cannot be decrypted with this store key.`, { cause: err });
  }
}
