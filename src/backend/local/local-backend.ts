/**
 * The embedded default backend: IBM Cloud Secrets Manager's service
 * credentials behaviour on a local SQLite file. Every call is one short
 * transaction (writes take `BEGIN IMMEDIATE`), so several processes — terraform
 * runs, the CLI, the local REST server — can share one store. better-sqlite3 is
 * synchronous; the async interface only defers errors into rejections.
 */
import type { Database } from 'better-sqlite3';
import { BackendError } from '../backend-error.js';
import { systemClock, type Clock } from '../clock.js';
import {
  SECRET_STATES,
  type CallOptions,
  type CredentialBackend,
  type InstanceRef,
  type ListSecretsQuery,
  type LockMode,
  type RotationPolicy,
  type SecretGroup,
  type SecretGroupPatch,
  type SecretGroupPrototype,
  type SecretLockList,
  type SecretLockPrototype,
  type SecretLocks,
  type SecretMetadataPage,
  type SecretMetadataPatch,
  type SecretVersion,
  type SecretVersionMetadata,
  type SecretVersionMetadataPatch,
  type SecretVersionPrototype,
  type ServiceCredentials,
  type ServiceCredentialsSecret,
  type ServiceCredentialsSecretMetadata,
  type ServiceCredentialsSecretPrototype,
  type SourceServicePrototype,
  type VersionRef,
} from '../credential-backend.js';
import { checkSecretMetadataPatch } from '../validation/check-secret-metadata-patch.js';
import { checkSecretPrototype } from '../validation/check-secret-prototype.js';
import { formatServiceIdCrn } from '../validation/parse-crn.js';
import {
  isPlainObject,
  validateCustomMetadata,
  validateDescription,
  validateInstanceId,
  validateLockName,
  validateRegion,
  validateSecretGroupId,
  validateSecretGroupName,
} from '../validation/secret-field-validators.js';
import { validateRotationPolicy } from '../validation/validate-rotation-policy.js';
import { issue, issueToBackendError, throwFirstIssue } from '../validation/validation-issue.js';
import { nullLogger, type Logger } from '../../logging/logger.js';
import { aliasOf, isoTime, toSecretGroup, toSecretLock, toSecretMetadata, toVersionMetadata, type InstanceInfo } from './api-shapes.js';
import { applyInstanceDueWork, EMPTY_DUE_WORK, mergeDueWork, type DueWorkReport } from './due-work.js';
import type { EngineContext } from './engine-context.js';
import { LocalStore } from './local-store.js';
import { listSecretPage } from './list-secret-page.js';
import { openStoreDatabase } from './open-store-database.js';
import { PayloadCipher } from './payload-cipher.js';
import { newUuid } from './random-values.js';
import { nextRotationAfter } from './rotation-schedule.js';
import { addVersion, readPayload } from './secret-versions.js';
import { schemaVersion } from './schema-migrations.js';
import type { SecretRow, SecretViewRow, VersionRow } from './store-rows.js';
import { loadStoreKey } from './store-key.js';

export interface LocalBackendOptions {
  /** The SQLite store file (created 0600 with its directory), or `:memory:`. */
  readonly path: string;
  /** 32-byte payload key; else `IBM_SM_LOCAL_KEY`, else `<path>.key` (created 0600). */
  readonly key?: Uint8Array;
  /** Default: system clock plus `IBM_SM_LOCAL_CLOCK_OFFSET`. */
  readonly clock?: Clock;
  /**
   * better-sqlite3 `nativeBinding`: path of the .node file when running from a
   * bundle; default `IBM_SM_SQLITE_BINDING` (set by the bundles' banner).
   */
  readonly nativeBinding?: string;
  readonly logger?: Logger;
  /** The 32-hex account id in CRNs; default LOCAL_ACCOUNT_ID. */
  readonly accountId?: string;
  /** How long a call waits for another process's write transaction. Default 15 s. */
  readonly busyTimeoutMs?: number;
  /** Environment read for the key and clock offset; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

/** A service ID as the local IAM knows it; `deleted_at` is set when a secret's deletion removed it. */
export interface ServiceIdRecord {
  readonly crn: string;
  readonly name: string;
  readonly auto_generated: boolean;
  readonly created_at: string;
  readonly deleted_at?: string;
}

export type { DueWorkReport, DueWorkEvent, DueWorkKind } from './due-work.js';

/** Where a bundle's banner puts the better-sqlite3 addon it ships. */
export const NATIVE_BINDING_ENV = 'IBM_SM_SQLITE_BINDING';
export const LOCAL_ACCOUNT_ID = '5e1f7a0c3b2d4e6f8a9b0c1d2e3f4a5b';
/** `created_by` when the caller names no actor. */
export const LOCAL_ACTOR = 'iam-ServiceId-5e1f7a0c-3b2d-4e6f-8a9b-0c1d2e3f4a5b';
export const MAX_LOCKS_PER_SECRET = 1000;
const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;

const LOCKED_MESSAGE = "The requested action can't be completed because the secret version is locked";

function lockedError(names: readonly string[]): BackendError {
  return new BackendError('PreconditionFailed', `${LOCKED_MESSAGE} (locks: ${names.join(', ')}).`, { locks: names });
}

function secretNotFound(id: string): BackendError {
  return BackendError.notFound(`Secret ${id} was not found.`, { field: 'id' });
}

function normalizeRotation(policy: RotationPolicy | undefined): RotationPolicy {
  if (!policy) return { auto_rotate: false };
  return {
    auto_rotate: policy.auto_rotate === true,
    ...(policy.interval !== undefined ? { interval: policy.interval } : {}),
    ...(policy.unit !== undefined ? { unit: policy.unit } : {}),
  };
}

export class LocalBackend implements CredentialBackend {
  private readonly store: LocalStore;
  private readonly ctx: EngineContext;
  private closed = false;

  private constructor(
    private readonly db: Database,
    cipher: PayloadCipher,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly accountId: string,
    /** The store file this backend serves. */
    readonly path: string,
  ) {
    this.store = new LocalStore(db);
    this.ctx = { store: this.store, cipher, logger };
  }

  static open(options: LocalBackendOptions): LocalBackend {
    const env = options.env ?? process.env;
    const logger = (options.logger ?? nullLogger).with({ backend: 'local' });
    const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
    if (!/^[0-9a-f]{32}$/.test(accountId)) throw BackendError.invalid('accountId', 'The account id must be 32 lowercase hexadecimal characters.');
    const clock = options.clock ?? systemClock(env);
    const key = loadStoreKey(options.path, options.key, env);
    const cipher = new PayloadCipher(key);
    const nativeBinding = options.nativeBinding ?? (env[NATIVE_BINDING_ENV] || undefined);
    const { db, migration } = openStoreDatabase({
      path: options.path,
      ...(nativeBinding !== undefined ? { nativeBinding } : {}),
      ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    });
    const backend = new LocalBackend(db, cipher, clock, logger, accountId, options.path);
    try {
      backend.checkKey();
    } catch (err: unknown) {
      db.close();
      throw err;
    }
    if (migration.from !== migration.to) logger.info('local store migrated', { from: migration.from, to: migration.to });
    logger.debug('local store opened', { schema_version: migration.to });
    return backend;
  }

  /** Refuses a key other than the one the store was first written with. */
  private checkKey(): void {
    const check = this.db
      .transaction((): Buffer | string | undefined => {
        this.store.setMetaIfAbsent('key_check', this.ctx.cipher.keyCheck());
        return this.store.getMeta('key_check');
      })
      .immediate();
    if (!Buffer.isBuffer(check) || !this.ctx.cipher.matchesKeyCheck(check)) {
      throw new BackendError(
        'Unauthorized',
        `The store key does not match the store ${this.path} (check IBM_SM_LOCAL_KEY or the key file ${this.path}.key).`,
      );
    }
  }

  /** The store's schema version (PRAGMA user_version). */
  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  // ---- plumbing -------------------------------------------------------------

  private nowMs(): number {
    return Math.floor(this.clock.now().getTime() / 1000) * 1000;
  }

  private instanceInfo(inst: InstanceRef): InstanceInfo {
    throwFirstIssue([validateInstanceId(inst.instanceId), validateRegion(inst.region)]);
    return { key: `${inst.region}/${inst.instanceId}`, instanceId: inst.instanceId, region: inst.region, accountId: this.accountId };
  }

  private begin(opts: CallOptions | undefined): void {
    if (this.closed) throw new BackendError('Internal', 'The local backend is closed.');
    if (opts?.signal?.aborted) throw new BackendError('Cancelled', 'The operation was cancelled.', { cause: opts.signal.reason });
  }

  private static mapError(err: unknown): BackendError {
    if (err instanceof BackendError) return err;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
      return new BackendError('Transient', 'The local store is busy (another process holds it); try again.', { cause: err });
    }
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      return new BackendError('Conflict', 'The change conflicts with data written at the same time; try again.', { cause: err });
    }
    return BackendError.from(err);
  }

  /** One IMMEDIATE transaction: register the instance, apply its due work, then `fn`. */
  private write<T>(
    inst: InstanceRef,
    opts: CallOptions | undefined,
    fn: (info: InstanceInfo, now: number, due: DueWorkReport) => T,
  ): Promise<T> {
    try {
      this.begin(opts);
      const info = this.instanceInfo(inst);
      const run = this.db.transaction((): T => {
        const now = this.nowMs();
        this.store.ensureInstance({ instance: info.key, instance_id: info.instanceId, region: info.region, created_at: now });
        const due = applyInstanceDueWork(this.ctx, info, now);
        return fn(info, now, due);
      });
      return Promise.resolve(run.immediate());
    } catch (err: unknown) {
      return Promise.reject(LocalBackend.mapError(err));
    }
  }

  /** A read that takes no write lock unless due work must be applied first. */
  private read<T>(inst: InstanceRef, opts: CallOptions | undefined, fn: (info: InstanceInfo, now: number) => T): Promise<T> {
    try {
      this.begin(opts);
      const info = this.instanceInfo(inst);
      const now = this.nowMs();
      if (this.store.hasDueWork(info.key, now)) return this.write(inst, opts, fn);
      return Promise.resolve(this.db.transaction((): T => fn(info, now)).deferred());
    } catch (err: unknown) {
      return Promise.reject(LocalBackend.mapError(err));
    }
  }

  private requireSecret(info: InstanceInfo, id: string): SecretRow {
    const row = this.store.getSecret(info.key, id);
    if (!row) throw secretNotFound(id);
    return row;
  }

  private view(info: InstanceInfo, id: string): SecretViewRow {
    const v = this.store.secretView(info.key, id);
    if (!v) throw secretNotFound(id);
    return v;
  }

  private metadata(info: InstanceInfo, id: string): ServiceCredentialsSecretMetadata {
    return toSecretMetadata(this.view(info, id), info);
  }

  private actor(opts: CallOptions | undefined): string {
    return opts?.actor ?? LOCAL_ACTOR;
  }

  /** A version's credentials, as a fetch: marks it downloaded and the secret retrieved. Undefined once revoked. */
  private download(info: InstanceInfo, version: VersionRow, now: number): ServiceCredentials | undefined {
    const credentials = readPayload(this.ctx, info, version);
    if (credentials) {
      this.store.setVersionDownloaded(info.key, version.secret_id, version.id);
      this.store.updateSecret(info.key, version.secret_id, { retrieved_at: now });
    }
    return credentials;
  }

  /** Fetches the current credentials; `{}` once the lease has ended. */
  private fetchSecret(info: InstanceInfo, secret: SecretRow, now: number): ServiceCredentialsSecret {
    const current = secret.current_version_id ? this.store.getVersion(info.key, secret.id, secret.current_version_id) : undefined;
    const credentials = current ? this.download(info, current, now) : undefined;
    return { ...this.metadata(info, secret.id), credentials: credentials ?? {} };
  }

  /** `current`, `previous` or a version id, with its rank (0 = current). */
  private resolveVersion(info: InstanceInfo, secretId: string, ref: VersionRef): { version: VersionRow; rank: number } {
    const versions = this.store.versionsOf(info.key, secretId);
    const rank = ref === 'current' ? 0 : ref === 'previous' ? 1 : versions.findIndex((v) => v.id === ref);
    const version = rank >= 0 ? versions[rank] : undefined;
    if (!version) throw BackendError.notFound(`Version ${ref} of secret ${secretId} was not found.`, { field: 'version_id' });
    return { version, rank };
  }

  private lockSummary(info: InstanceInfo, secret: SecretRow): SecretLocks {
    const versions = this.store.versionsOf(info.key, secret.id).slice(0, 2);
    return {
      secret_id: secret.id,
      secret_group_id: secret.group_id,
      secret_type: 'service_credentials',
      secret_name: secret.name,
      versions: versions.map((v, rank) => ({
        version_id: v.id,
        version_alias: aliasOf(rank) ?? 'current',
        locks: this.store.locksOnVersion(info.key, secret.id, v.id).map((l) => l.name),
        payload_available: v.payload !== null,
      })),
    };
  }

  // ---- due work ---------------------------------------------------------------

  /** Applies due auto-rotations and lease expiries now: for one instance, or every instance in the store. */
  applyDueWork(inst?: InstanceRef): Promise<DueWorkReport> {
    if (inst) return this.write(inst, undefined, (_info, _now, due) => due);
    try {
      this.begin(undefined);
      let report = EMPTY_DUE_WORK;
      for (const row of this.store.listInstances()) {
        const info: InstanceInfo = { key: row.instance, instanceId: row.instance_id, region: row.region, accountId: this.accountId };
        const run = this.db.transaction((): DueWorkReport => applyInstanceDueWork(this.ctx, info, this.nowMs()));
        report = mergeDueWork(report, run.immediate());
      }
      return Promise.resolve(report);
    } catch (err: unknown) {
      return Promise.reject(LocalBackend.mapError(err));
    }
  }

  // ---- secret groups ----------------------------------------------------------

  createSecretGroup(inst: InstanceRef, group: SecretGroupPrototype, opts?: CallOptions): Promise<SecretGroup> {
    return this.write(inst, opts, (info, now) => {
      throwFirstIssue([
        validateSecretGroupName(group.name),
        group.description !== undefined ? validateDescription(group.description) : undefined,
      ]);
      if (this.store.getGroupByName(info.key, group.name)) {
        throw new BackendError('Conflict', `A secret group named "${group.name}" already exists.`, { field: 'name' });
      }
      const row = { instance: info.key, id: newUuid(), name: group.name, description: group.description ?? '', created_at: now, updated_at: now };
      this.store.insertGroup(row);
      return toSecretGroup(row);
    });
  }

  getSecretGroup(inst: InstanceRef, id: string, opts?: CallOptions): Promise<SecretGroup> {
    return this.read(inst, opts, (info, now) => {
      if (id === 'default') {
        // An instance exists from its first use; before any write it is brand new.
        const created = this.store.getInstance(info.key)?.created_at ?? now;
        return { id: 'default', name: 'default', description: 'The default secret group.', created_at: isoTime(created), updated_at: isoTime(created) };
      }
      const row = this.store.getGroup(info.key, id);
      if (!row) throw BackendError.notFound(`Secret group ${id} was not found.`, { field: 'id' });
      return toSecretGroup(row);
    });
  }

  listSecretGroups(inst: InstanceRef, opts?: CallOptions): Promise<readonly SecretGroup[]> {
    return this.read(inst, opts, (info) => this.store.listGroups(info.key).map(toSecretGroup));
  }

  updateSecretGroup(inst: InstanceRef, id: string, patch: SecretGroupPatch, opts?: CallOptions): Promise<SecretGroup> {
    return this.write(inst, opts, (info, now) => {
      if (id === 'default') throw BackendError.invalid('id', 'The default secret group cannot be changed.');
      const row = this.store.getGroup(info.key, id);
      if (!row) throw BackendError.notFound(`Secret group ${id} was not found.`, { field: 'id' });
      throwFirstIssue([
        patch.name !== undefined ? validateSecretGroupName(patch.name) : undefined,
        patch.description !== undefined ? validateDescription(patch.description) : undefined,
      ]);
      if (patch.name !== undefined && patch.name !== row.name && this.store.getGroupByName(info.key, patch.name)) {
        throw new BackendError('Conflict', `A secret group named "${patch.name}" already exists.`, { field: 'name' });
      }
      const updated = { ...row, name: patch.name ?? row.name, description: patch.description ?? row.description, updated_at: now };
      this.store.updateGroup(updated);
      return toSecretGroup(updated);
    });
  }

  deleteSecretGroup(inst: InstanceRef, id: string, opts?: CallOptions): Promise<void> {
    return this.write(inst, opts, (info) => {
      if (id === 'default') throw BackendError.invalid('id', 'The default secret group cannot be deleted.');
      if (!this.store.getGroup(info.key, id)) throw BackendError.notFound(`Secret group ${id} was not found.`, { field: 'id' });
      const n = this.store.countSecretsInGroup(info.key, id);
      if (n > 0) throw new BackendError('Conflict', `The secret group ${id} still holds ${n} secret(s); delete or move them first.`, { field: 'id' });
      this.store.deleteGroup(info.key, id);
    });
  }

  // ---- secrets --------------------------------------------------------------------

  createSecret(inst: InstanceRef, secret: ServiceCredentialsSecretPrototype, opts?: CallOptions): Promise<ServiceCredentialsSecret> {
    return this.write(inst, opts, (info, now) => {
      const checked = checkSecretPrototype(secret);
      if (!checked.value) {
        throwFirstIssue(checked.issues);
        throw BackendError.invalid('body', 'The secret prototype is invalid.');
      }
      const { prototype: proto, ttlSeconds, serviceId } = checked.value;
      const groupId = proto.secret_group_id ?? 'default';
      if (groupId !== 'default' && !this.store.getGroup(info.key, groupId)) {
        throw BackendError.notFound(`Secret group ${groupId} was not found.`, { field: 'secret_group_id' });
      }
      if (this.store.secretIdByName(info.key, groupId, proto.name) !== undefined) {
        throw new BackendError('Conflict', `A secret named "${proto.name}" already exists in secret group ${groupId}.`, { field: 'name' });
      }

      let serviceIdCrn: string;
      if (serviceId) {
        serviceIdCrn = proto.source_service.parameters?.serviceid_crn ?? '';
        const known = this.store.getServiceId(info.key, serviceIdCrn);
        if (known?.deleted_at != null) {
          throw BackendError.notFound('The service ID in serviceid_crn was deleted.', { field: 'source_service.parameters.serviceid_crn' });
        }
        if (!known) {
          this.store.insertServiceId({ instance: info.key, crn: serviceIdCrn, name: serviceId.serviceId, auto_generated: 0, created_at: now, deleted_at: null });
        }
      } else {
        serviceIdCrn = formatServiceIdCrn(this.accountId, `ServiceId-${newUuid()}`);
        this.store.insertServiceId({
          instance: info.key,
          crn: serviceIdCrn,
          name: `SecretsManager-${proto.name}`,
          auto_generated: 1,
          created_at: now,
          deleted_at: null,
        });
      }

      const rotation = normalizeRotation(proto.rotation);
      const source: SourceServicePrototype = {
        instance: { crn: proto.source_service.instance.crn },
        ...(proto.source_service.role?.crn ? { role: { crn: proto.source_service.role.crn } } : {}),
        ...(proto.source_service.parameters ? { parameters: proto.source_service.parameters } : {}),
      };
      const row: SecretRow = {
        instance: info.key,
        id: newUuid(),
        name: proto.name,
        group_id: groupId,
        description: proto.description ?? '',
        labels: JSON.stringify(proto.labels ?? []),
        custom_metadata: JSON.stringify(proto.custom_metadata ?? {}),
        created_by: this.actor(opts),
        created_at: now,
        updated_at: now,
        retrieved_at: null,
        state: SECRET_STATES.active,
        ttl: proto.ttl !== undefined && proto.ttl.trim() !== '' ? proto.ttl : null,
        ttl_seconds: ttlSeconds,
        rotation: JSON.stringify(rotation),
        next_rotation_at: nextRotationAfter(rotation, now),
        source_service: JSON.stringify(source),
        service_id_crn: serviceIdCrn,
        current_version_id: null,
        current_expires_at: null,
      };
      this.store.insertSecret(row);
      const { credentials } = addVersion(this.ctx, info, row, now, {
        autoRotated: false,
        createdBy: row.created_by,
        ...(proto.version_custom_metadata ? { versionCustomMetadata: proto.version_custom_metadata } : {}),
      });
      this.logger.debug('local engine: secret created', { id: row.id, instance_id: info.instanceId });
      return { ...this.metadata(info, row.id), credentials };
    });
  }

  getSecret(inst: InstanceRef, id: string, opts?: CallOptions): Promise<ServiceCredentialsSecret> {
    return this.write(inst, opts, (info, now) => this.fetchSecret(info, this.requireSecret(info, id), now));
  }

  getSecretMetadata(inst: InstanceRef, id: string, opts?: CallOptions): Promise<ServiceCredentialsSecretMetadata> {
    return this.read(inst, opts, (info) => this.metadata(info, id));
  }

  getSecretByName(inst: InstanceRef, groupName: string, name: string, opts?: CallOptions): Promise<ServiceCredentialsSecret> {
    return this.write(inst, opts, (info, now) => {
      const groupId = groupName === 'default' ? 'default' : this.store.getGroupByName(info.key, groupName)?.id;
      if (groupId === undefined) throw BackendError.notFound(`Secret group "${groupName}" was not found.`, { field: 'secret_group_name' });
      const id = this.store.secretIdByName(info.key, groupId, name);
      if (id === undefined) throw BackendError.notFound(`Secret "${name}" was not found in secret group "${groupName}".`, { field: 'name' });
      return this.fetchSecret(info, this.requireSecret(info, id), now);
    });
  }

  listSecrets(inst: InstanceRef, query: ListSecretsQuery = {}, opts?: CallOptions): Promise<SecretMetadataPage> {
    try {
      const offset = query.offset ?? 0;
      const limit = query.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(offset) || offset < 0) throw BackendError.invalid('offset', 'offset must be a whole number of at least 0.');
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw BackendError.invalid('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}.`);
      }
      for (const g of query.groups ?? []) throwFirstIssue([validateSecretGroupId(g, 'groups')]);
      return this.read(inst, opts, (info) =>
        listSecretPage(this.store.secretListRows(info.key), (id) => this.metadata(info, id), { ...query, offset, limit }),
      );
    } catch (err: unknown) {
      return Promise.reject(LocalBackend.mapError(err));
    }
  }

  updateSecretMetadata(
    inst: InstanceRef,
    id: string,
    patch: SecretMetadataPatch,
    opts?: CallOptions,
  ): Promise<ServiceCredentialsSecretMetadata> {
    return this.write(inst, opts, (info, now) => {
      const checked = checkSecretMetadataPatch(patch);
      if (!checked.value) {
        throwFirstIssue(checked.issues);
        throw BackendError.invalid('body', 'The metadata patch is invalid.');
      }
      const secret = this.requireSecret(info, id);
      const p = checked.value.patch;
      if (p.name !== undefined && p.name !== secret.name && this.store.secretIdByName(info.key, secret.group_id, p.name) !== undefined) {
        throw new BackendError('Conflict', `A secret named "${p.name}" already exists in secret group ${secret.group_id}.`, { field: 'name' });
      }
      const ttlSeconds = checked.value.ttlSeconds ?? secret.ttl_seconds;
      const oldRotation = JSON.parse(secret.rotation) as RotationPolicy;
      const rotation = p.rotation ? normalizeRotation({ ...oldRotation, ...p.rotation }) : oldRotation;
      const rotationIssue = validateRotationPolicy(rotation, ttlSeconds);
      if (rotationIssue && p.rotation === undefined && p.ttl !== undefined) {
        // Only the TTL changed: it is the TTL that no longer fits the stored policy.
        throw BackendError.invalid('ttl', `The TTL cannot be shorter than the rotation interval (${rotation.interval} ${rotation.unit}).`);
      }
      if (rotationIssue) throw issueToBackendError(rotationIssue);

      const policyChanged = JSON.stringify(rotation) !== JSON.stringify(oldRotation);
      let nextRotation = secret.next_rotation_at;
      if (policyChanged) {
        const current = secret.current_version_id ? this.store.getVersion(info.key, id, secret.current_version_id) : undefined;
        const last = current?.created_at ?? now;
        // From the last rotation; a new policy that would already be overdue starts counting now,
        // so changing a policy never rotates the secret on the spot.
        nextRotation = nextRotationAfter(rotation, last);
        if (nextRotation !== null && nextRotation <= now) nextRotation = nextRotationAfter(rotation, now);
      }
      const ttlText = p.ttl === undefined ? secret.ttl : p.ttl.trim() === '' ? null : p.ttl;
      this.store.updateSecret(info.key, id, {
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.description !== undefined ? { description: p.description } : {}),
        ...(p.labels !== undefined ? { labels: JSON.stringify(p.labels) } : {}),
        ...(p.custom_metadata !== undefined ? { custom_metadata: JSON.stringify(p.custom_metadata ?? {}) } : {}),
        ttl: ttlText,
        ttl_seconds: ttlSeconds,
        rotation: JSON.stringify(rotation),
        next_rotation_at: nextRotation,
        updated_at: now,
      });
      return this.metadata(info, id);
    });
  }

  deleteSecret(inst: InstanceRef, id: string, opts?: CallOptions): Promise<void> {
    return this.write(inst, opts, (info, now) => {
      const secret = this.requireSecret(info, id);
      const locks = this.store.locksOf(info.key, id);
      if (locks.length > 0) throw lockedError(locks.map((l) => l.name));
      this.store.deleteSecret(info.key, id);
      const serviceId = this.store.getServiceId(info.key, secret.service_id_crn);
      // A pre-existing service ID belongs to the user; only the one minted for this secret goes.
      if (serviceId?.auto_generated === 1) this.store.markServiceIdDeleted(info.key, secret.service_id_crn, now);
      this.logger.debug('local engine: secret deleted', { id, instance_id: info.instanceId });
    });
  }

  // ---- versions -------------------------------------------------------------------

  createSecretVersion(inst: InstanceRef, secretId: string, version: SecretVersionPrototype, opts?: CallOptions): Promise<SecretVersion> {
    return this.write(inst, opts, (info, now) => {
      if (!isPlainObject(version as unknown)) throw BackendError.invalid('body', 'The version prototype must be a JSON object.');
      throwFirstIssue([
        version.custom_metadata !== undefined ? validateCustomMetadata(version.custom_metadata, 'custom_metadata') : undefined,
        version.version_custom_metadata !== undefined
          ? validateCustomMetadata(version.version_custom_metadata, 'version_custom_metadata')
          : undefined,
      ]);
      const secret = this.requireSecret(info, secretId);
      // Rotation drops the alias of the current `previous`; a locked one must keep it.
      const previous = this.store.versionByRank(info.key, secretId, 1);
      const previousLocks = previous ? this.store.locksOnVersion(info.key, secretId, previous.id) : [];
      if (previousLocks.length > 0) throw lockedError(previousLocks.map((l) => l.name));

      const { version: row, credentials } = addVersion(this.ctx, info, secret, now, {
        autoRotated: false,
        createdBy: this.actor(opts),
        ...(version.version_custom_metadata ? { versionCustomMetadata: version.version_custom_metadata } : {}),
      });
      const rotation = JSON.parse(secret.rotation) as RotationPolicy;
      this.store.updateSecret(info.key, secretId, {
        state: SECRET_STATES.active,
        updated_at: now,
        next_rotation_at: nextRotationAfter(rotation, now),
        ...(version.custom_metadata !== undefined ? { custom_metadata: JSON.stringify(version.custom_metadata) } : {}),
      });
      const fresh = this.requireSecret(info, secretId);
      return { ...toVersionMetadata(row, fresh, 0), credentials };
    });
  }

  listSecretVersions(inst: InstanceRef, secretId: string, opts?: CallOptions): Promise<readonly SecretVersionMetadata[]> {
    return this.read(inst, opts, (info) => {
      const secret = this.requireSecret(info, secretId);
      return this.store.versionsOf(info.key, secretId).map((v, rank) => toVersionMetadata(v, secret, rank));
    });
  }

  getSecretVersion(inst: InstanceRef, secretId: string, version: VersionRef, opts?: CallOptions): Promise<SecretVersion> {
    return this.write(inst, opts, (info, now) => {
      const secret = this.requireSecret(info, secretId);
      const { version: row, rank } = this.resolveVersion(info, secretId, version);
      const credentials = this.download(info, row, now);
      const fresh = this.store.getVersion(info.key, secretId, row.id) ?? row;
      return { ...toVersionMetadata(fresh, secret, rank), ...(credentials ? { credentials } : {}) };
    });
  }

  getSecretVersionMetadata(inst: InstanceRef, secretId: string, version: VersionRef, opts?: CallOptions): Promise<SecretVersionMetadata> {
    return this.read(inst, opts, (info) => {
      const secret = this.requireSecret(info, secretId);
      const { version: row, rank } = this.resolveVersion(info, secretId, version);
      return toVersionMetadata(row, secret, rank);
    });
  }

  updateSecretVersionMetadata(
    inst: InstanceRef,
    secretId: string,
    version: VersionRef,
    patch: SecretVersionMetadataPatch,
    opts?: CallOptions,
  ): Promise<SecretVersionMetadata> {
    return this.write(inst, opts, (info) => {
      if (!isPlainObject(patch as unknown)) throw BackendError.invalid('body', 'The version metadata patch must be a JSON object.');
      const meta = patch.version_custom_metadata;
      if (meta !== undefined && meta !== null) throwFirstIssue([validateCustomMetadata(meta, 'version_custom_metadata')]);
      const secret = this.requireSecret(info, secretId);
      const { version: row, rank } = this.resolveVersion(info, secretId, version);
      if (meta !== undefined) this.store.setVersionCustomMetadata(info.key, secretId, row.id, JSON.stringify(meta ?? {}));
      const fresh = this.store.getVersion(info.key, secretId, row.id) ?? row;
      return toVersionMetadata(fresh, secret, rank);
    });
  }

  // ---- locks ------------------------------------------------------------------------

  listSecretLocks(inst: InstanceRef, secretId: string, opts?: CallOptions): Promise<SecretLockList> {
    return this.read(inst, opts, (info) => {
      const secret = this.requireSecret(info, secretId);
      const ranks = new Map(this.store.versionsOf(info.key, secretId).map((v, rank) => [v.id, rank]));
      const locks = this.store
        .locksOf(info.key, secretId)
        .map((l) => toSecretLock(l, secret, aliasOf(ranks.get(l.version_id) ?? 0) ?? 'current'));
      return { locks, total_count: locks.length };
    });
  }

  addSecretLocks(
    inst: InstanceRef,
    secretId: string,
    locks: readonly SecretLockPrototype[],
    mode?: LockMode,
    opts?: CallOptions,
  ): Promise<SecretLocks> {
    return this.write(inst, opts, (info, now) => {
      if (!Array.isArray(locks) || locks.length === 0) throw BackendError.invalid('locks', 'Give at least one lock: [{"name": "..."}].');
      locks.forEach((lock, i) => {
        if (!isPlainObject(lock as unknown)) throw issueToBackendError(issue('locks', `Lock ${i + 1} must be an object with a name.`));
        throwFirstIssue([
          validateLockName(lock.name, 'locks.name'),
          lock.description !== undefined ? validateDescription(lock.description, 'locks.description') : undefined,
          lock.attributes !== undefined ? validateCustomMetadata(lock.attributes, 'locks.attributes') : undefined,
        ]);
      });
      if (mode !== undefined && mode !== 'remove_previous' && mode !== 'remove_previous_and_delete') {
        throw BackendError.invalid('mode', 'mode must be remove_previous or remove_previous_and_delete.');
      }
      const secret = this.requireSecret(info, secretId);
      const current = secret.current_version_id;
      if (!current) throw new BackendError('Conflict', `Secret ${secretId} has no version to lock.`);
      for (const lock of locks) {
        this.store.upsertLock({
          instance: info.key,
          secret_id: secretId,
          version_id: current,
          name: lock.name,
          description: lock.description ?? '',
          attributes: JSON.stringify(lock.attributes ?? {}),
          created_at: now,
          created_by: this.actor(opts),
        });
      }
      if (this.store.locksOf(info.key, secretId).length > MAX_LOCKS_PER_SECRET) {
        throw BackendError.invalid('locks', `A secret can hold at most ${MAX_LOCKS_PER_SECRET} locks.`);
      }
      const previous = this.store.versionByRank(info.key, secretId, 1);
      if (previous && mode !== undefined) {
        // The locks move to the new version: same-named locks on `previous` are dropped.
        for (const lock of locks) this.store.deleteLock(info.key, secretId, previous.id, lock.name);
        if (mode === 'remove_previous_and_delete' && this.store.locksOnVersion(info.key, secretId, previous.id).length === 0) {
          this.store.revokeVersion(info.key, secretId, previous.id);
        }
      }
      return this.lockSummary(info, secret);
    });
  }

  removeSecretLocks(inst: InstanceRef, secretId: string, names: readonly string[], opts?: CallOptions): Promise<SecretLocks> {
    return this.write(inst, opts, (info) => {
      const secret = this.requireSecret(info, secretId);
      // Without names every lock goes. Locks are removed from every version: the
      // interface has no per-version call, and a stale lock on `previous` would block delete forever.
      const wanted = new Set(names);
      for (const lock of this.store.locksOf(info.key, secretId)) {
        if (wanted.size === 0 || wanted.has(lock.name)) this.store.deleteLock(info.key, secretId, lock.version_id, lock.name);
      }
      return this.lockSummary(info, secret);
    });
  }

  // ---- inspection (tests, CLI) -------------------------------------------------------

  /** Service IDs the local IAM holds for an instance, including deleted ones. Read-only. */
  inspectServiceIds(inst: InstanceRef): Promise<readonly ServiceIdRecord[]> {
    return this.read(inst, undefined, (info) =>
      this.store.listServiceIds(info.key).map((r) => ({
        crn: r.crn,
        name: r.name,
        auto_generated: r.auto_generated === 1,
        created_at: isoTime(r.created_at),
        ...(r.deleted_at !== null ? { deleted_at: isoTime(r.deleted_at) } : {}),
      })),
    );
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.db.close();
    }
    return Promise.resolve();
  }
}

export function openLocalBackend(options: LocalBackendOptions): LocalBackend {
  return LocalBackend.open(options);
}
