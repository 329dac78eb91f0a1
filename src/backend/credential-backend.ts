/**
 * The credential backend, in Secrets Manager's own terms. Domain types use the
 * SM v2 JSON field names (snake_case) so the REST client, the local engine and
 * the local REST server exchange them unchanged and the CLI prints the API's
 * shape. Every method rejects only with BackendError.
 */

/** Which Secrets Manager instance a call addresses. */
export interface InstanceRef {
  /** The instance GUID. */
  readonly instanceId: string;
  /** e.g. `us-south`. */
  readonly region: string;
  /** `private` selects the private endpoint of the REST backend; ignored locally. */
  readonly endpointType?: 'public' | 'private';
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /**
   * IAM id of the caller, recorded as `created_by` (the local REST server passes
   * the API key's identity; the IBM backend ignores it: the service knows).
   */
  readonly actor?: string;
}

export type SecretType = 'service_credentials';

export type SecretState = 0 | 1 | 2 | 3 | 5;
export type SecretStateDescription = 'pre_activation' | 'active' | 'suspended' | 'deactivated' | 'destroyed';

export const SECRET_STATES: Readonly<Record<SecretStateDescription, SecretState>> = {
  pre_activation: 0,
  active: 1,
  suspended: 2,
  deactivated: 3,
  destroyed: 5,
};

export type RotationUnit = 'day' | 'month';

export interface RotationPolicy {
  readonly auto_rotate: boolean;
  readonly interval?: number;
  readonly unit?: RotationUnit;
}

export interface CrnRef {
  readonly crn: string;
}

/** `parameters` as the service takes them: `serviceid_crn` plus service-specific keys (e.g. `HMAC`). */
export type SourceServiceParameters = Readonly<Record<string, unknown>> & { readonly serviceid_crn?: string };

export interface SourceServicePrototype {
  readonly instance: CrnRef;
  readonly role?: CrnRef;
  readonly parameters?: SourceServiceParameters;
}

export interface SourceServiceIam {
  readonly apikey: { readonly name: string; readonly description: string; readonly id?: string };
  readonly role: CrnRef;
  readonly serviceid: CrnRef;
}

export interface ResourceKeyRef {
  readonly crn: string;
  readonly name: string;
}

export interface SourceService extends SourceServicePrototype {
  readonly iam?: SourceServiceIam;
  readonly resource_key?: ResourceKeyRef;
}

/**
 * The minted credential, shaped like the source service's resource keys:
 * IAM fields plus service-specific ones (e.g. `cos_hmac_keys`, `connection`).
 */
export type ServiceCredentials = Readonly<Record<string, unknown>> & {
  readonly apikey?: string;
  readonly iam_apikey_description?: string;
  readonly iam_apikey_id?: string;
  readonly iam_apikey_name?: string;
  readonly iam_role_crn?: string;
  readonly iam_serviceid_crn?: string;
};

export type CustomMetadata = Readonly<Record<string, unknown>>;

export interface ServiceCredentialsSecretPrototype {
  readonly secret_type: SecretType;
  readonly name: string;
  readonly source_service: SourceServicePrototype;
  readonly description?: string;
  readonly labels?: readonly string[];
  /** A group UUID or `default` (the default). */
  readonly secret_group_id?: string;
  readonly custom_metadata?: CustomMetadata;
  readonly version_custom_metadata?: CustomMetadata;
  /** Seconds, or a number with s/m/h/d; absent or "0" = no expiry. */
  readonly ttl?: string;
  readonly rotation?: RotationPolicy;
}

/** GET …/metadata: a secret without its credentials. */
export interface ServiceCredentialsSecretMetadata {
  readonly id: string;
  readonly name: string;
  readonly secret_type: SecretType;
  readonly secret_group_id: string;
  readonly crn: string;
  readonly created_by: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly retrieved_at?: string;
  readonly description: string;
  readonly labels: readonly string[];
  readonly custom_metadata: CustomMetadata;
  readonly downloaded: boolean;
  readonly locks_total: number;
  readonly versions_total: number;
  readonly state: SecretState;
  readonly state_description: SecretStateDescription;
  readonly rotation: RotationPolicy;
  readonly next_rotation_date?: string;
  /** The configured TTL (applies to the next version), as the service echoes it. */
  readonly ttl?: string;
  /** Expiration of the current version's lease. */
  readonly expiration_date?: string;
  readonly source_service: SourceService;
  readonly referenced_by?: readonly string[];
}

/** GET /secrets/{id}: metadata plus the current version's credentials. */
export interface ServiceCredentialsSecret extends ServiceCredentialsSecretMetadata {
  readonly credentials: ServiceCredentials;
}

/** merge-patch: absent = unchanged; for maps, `null` removes. */
export interface SecretMetadataPatch {
  readonly name?: string;
  readonly description?: string;
  readonly labels?: readonly string[];
  readonly custom_metadata?: CustomMetadata | null;
  readonly rotation?: RotationPolicy;
  readonly ttl?: string;
}

export type VersionAlias = 'current' | 'previous';

export interface SecretVersionMetadata {
  readonly id: string;
  readonly secret_id: string;
  readonly secret_name: string;
  readonly secret_type: SecretType;
  readonly secret_group_id: string;
  readonly alias?: VersionAlias;
  readonly auto_rotated: boolean;
  readonly created_at: string;
  readonly created_by: string;
  readonly downloaded: boolean;
  readonly payload_available: boolean;
  readonly expiration_date?: string;
  readonly version_custom_metadata: CustomMetadata;
  readonly resource_key?: ResourceKeyRef;
}

export interface SecretVersion extends SecretVersionMetadata {
  /** Absent when the payload is no longer available (revoked). */
  readonly credentials?: ServiceCredentials;
}

export interface SecretVersionPrototype {
  readonly custom_metadata?: CustomMetadata;
  readonly version_custom_metadata?: CustomMetadata;
}

export interface SecretVersionMetadataPatch {
  readonly version_custom_metadata?: CustomMetadata | null;
}

/** A version id, or the aliases `current` / `previous`. */
export type VersionRef = string;

export interface SecretGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface SecretGroupPrototype {
  readonly name: string;
  readonly description?: string;
}

export interface SecretGroupPatch {
  readonly name?: string;
  readonly description?: string;
}

export type SecretSortKey =
  | 'id'
  | 'created_at'
  | 'updated_at'
  | 'retrieved_at'
  | 'expiration_date'
  | 'secret_type'
  | 'name';

export interface ListSecretsQuery {
  readonly offset?: number;
  /** Default 200, max 1000. */
  readonly limit?: number;
  /** A sort key, `-` prefix for descending. */
  readonly sort?: SecretSortKey | `-${SecretSortKey}`;
  readonly search?: string;
  readonly groups?: readonly string[];
  readonly match_all_labels?: readonly string[];
}

export interface SecretMetadataPage {
  readonly secrets: readonly ServiceCredentialsSecretMetadata[];
  readonly total_count: number;
  readonly offset: number;
  readonly limit: number;
}

export interface SecretLockPrototype {
  readonly name: string;
  readonly description?: string;
  readonly attributes?: Readonly<Record<string, unknown>>;
}

export interface SecretLock extends SecretLockPrototype {
  readonly created_at: string;
  readonly created_by: string;
  readonly secret_group_id: string;
  readonly secret_id: string;
  readonly secret_version_id: string;
  readonly secret_version_alias: VersionAlias;
}

export interface SecretLockList {
  readonly locks: readonly SecretLock[];
  readonly total_count: number;
}

/** Summary returned by the locks_bulk calls. */
export interface SecretLocks {
  readonly secret_id: string;
  readonly secret_group_id: string;
  readonly secret_type: SecretType;
  readonly secret_name: string;
  readonly versions: readonly {
    readonly version_id: string;
    readonly version_alias: VersionAlias;
    readonly locks: readonly string[];
    readonly payload_available: boolean;
  }[];
}

export type LockMode = 'remove_previous' | 'remove_previous_and_delete';

export interface CredentialBackend {
  // Secret groups
  createSecretGroup(inst: InstanceRef, group: SecretGroupPrototype, opts?: CallOptions): Promise<SecretGroup>;
  getSecretGroup(inst: InstanceRef, id: string, opts?: CallOptions): Promise<SecretGroup>;
  listSecretGroups(inst: InstanceRef, opts?: CallOptions): Promise<readonly SecretGroup[]>;
  updateSecretGroup(inst: InstanceRef, id: string, patch: SecretGroupPatch, opts?: CallOptions): Promise<SecretGroup>;
  /** Refuses (Conflict) while the group holds secrets. */
  deleteSecretGroup(inst: InstanceRef, id: string, opts?: CallOptions): Promise<void>;

  // Service credentials secrets
  createSecret(
    inst: InstanceRef,
    secret: ServiceCredentialsSecretPrototype,
    opts?: CallOptions,
  ): Promise<ServiceCredentialsSecret>;
  getSecret(inst: InstanceRef, id: string, opts?: CallOptions): Promise<ServiceCredentialsSecret>;
  getSecretMetadata(inst: InstanceRef, id: string, opts?: CallOptions): Promise<ServiceCredentialsSecretMetadata>;
  /** By secret group *name* (`default` for the default group) and secret name. */
  getSecretByName(
    inst: InstanceRef,
    groupName: string,
    name: string,
    opts?: CallOptions,
  ): Promise<ServiceCredentialsSecret>;
  listSecrets(inst: InstanceRef, query?: ListSecretsQuery, opts?: CallOptions): Promise<SecretMetadataPage>;
  updateSecretMetadata(
    inst: InstanceRef,
    id: string,
    patch: SecretMetadataPatch,
    opts?: CallOptions,
  ): Promise<ServiceCredentialsSecretMetadata>;
  /** PreconditionFailed while locked. */
  deleteSecret(inst: InstanceRef, id: string, opts?: CallOptions): Promise<void>;

  // Versions (creating one = rotating the secret)
  createSecretVersion(
    inst: InstanceRef,
    secretId: string,
    version: SecretVersionPrototype,
    opts?: CallOptions,
  ): Promise<SecretVersion>;
  listSecretVersions(
    inst: InstanceRef,
    secretId: string,
    opts?: CallOptions,
  ): Promise<readonly SecretVersionMetadata[]>;
  getSecretVersion(inst: InstanceRef, secretId: string, version: VersionRef, opts?: CallOptions): Promise<SecretVersion>;
  getSecretVersionMetadata(
    inst: InstanceRef,
    secretId: string,
    version: VersionRef,
    opts?: CallOptions,
  ): Promise<SecretVersionMetadata>;
  updateSecretVersionMetadata(
    inst: InstanceRef,
    secretId: string,
    version: VersionRef,
    patch: SecretVersionMetadataPatch,
    opts?: CallOptions,
  ): Promise<SecretVersionMetadata>;

  // Locks
  listSecretLocks(inst: InstanceRef, secretId: string, opts?: CallOptions): Promise<SecretLockList>;
  addSecretLocks(
    inst: InstanceRef,
    secretId: string,
    locks: readonly SecretLockPrototype[],
    mode?: LockMode,
    opts?: CallOptions,
  ): Promise<SecretLocks>;
  removeSecretLocks(
    inst: InstanceRef,
    secretId: string,
    names: readonly string[],
    opts?: CallOptions,
  ): Promise<SecretLocks>;

  /** Releases files, sockets and timers. */
  close(): Promise<void>;
}
