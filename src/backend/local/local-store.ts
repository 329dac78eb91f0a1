/**
 * Data access for the local engine: one method per query, no business rules.
 * Callers run these inside the engine's per-operation transaction.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { GroupRow, InstanceRow, LockRow, SecretListRow, SecretRow, SecretViewRow, ServiceIdRow, VersionRow } from './store-rows.js';

const SECRET_VIEW = `
  SELECT s.*,
    v.downloaded AS cur_downloaded,
    v.resource_key_crn AS cur_resource_key_crn,
    v.resource_key_name AS cur_resource_key_name,
    v.apikey_id AS cur_apikey_id,
    v.apikey_name AS cur_apikey_name,
    v.apikey_description AS cur_apikey_description,
    (SELECT COUNT(*) FROM secret_versions x WHERE x.instance = s.instance AND x.secret_id = s.id) AS versions_total,
    (SELECT COUNT(*) FROM secret_locks l WHERE l.instance = s.instance AND l.secret_id = s.id) AS locks_total
  FROM secrets s
  LEFT JOIN secret_versions v ON v.instance = s.instance AND v.secret_id = s.id AND v.id = s.current_version_id`;

/** Columns an update may touch; keeps the dynamic SET clause free of caller-supplied names. */
const SECRET_UPDATABLE = new Set<keyof SecretRow>([
  'name',
  'description',
  'labels',
  'custom_metadata',
  'updated_at',
  'retrieved_at',
  'state',
  'ttl',
  'ttl_seconds',
  'rotation',
  'next_rotation_at',
  'current_version_id',
  'current_expires_at',
]);

export type SecretUpdate = Partial<Pick<SecretRow, 'name' | 'description' | 'labels' | 'custom_metadata' | 'updated_at' | 'retrieved_at' | 'state' | 'ttl' | 'ttl_seconds' | 'rotation' | 'next_rotation_at' | 'current_version_id' | 'current_expires_at'>>;

export class LocalStore {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database) {}

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.stmt(sql).all(...params) as T[];
  }

  private run(sql: string, ...params: unknown[]): number {
    return this.stmt(sql).run(...params).changes;
  }

  // meta
  getMeta(key: string): Buffer | string | undefined {
    return this.get<{ value: Buffer | string }>('SELECT value FROM meta WHERE key = ?', key)?.value;
  }

  setMetaIfAbsent(key: string, value: Buffer | string): void {
    this.run('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)', key, value);
  }

  // instances
  ensureInstance(row: InstanceRow): void {
    this.run(
      'INSERT OR IGNORE INTO instances (instance, instance_id, region, created_at) VALUES (@instance, @instance_id, @region, @created_at)',
      row,
    );
  }

  getInstance(instance: string): InstanceRow | undefined {
    return this.get<InstanceRow>('SELECT * FROM instances WHERE instance = ?', instance);
  }

  listInstances(): InstanceRow[] {
    return this.all<InstanceRow>('SELECT * FROM instances ORDER BY created_at, instance');
  }

  // secret groups
  getGroup(instance: string, id: string): GroupRow | undefined {
    return this.get<GroupRow>('SELECT * FROM secret_groups WHERE instance = ? AND id = ?', instance, id);
  }

  getGroupByName(instance: string, name: string): GroupRow | undefined {
    return this.get<GroupRow>('SELECT * FROM secret_groups WHERE instance = ? AND name = ?', instance, name);
  }

  listGroups(instance: string): GroupRow[] {
    return this.all<GroupRow>('SELECT * FROM secret_groups WHERE instance = ? ORDER BY created_at, id', instance);
  }

  insertGroup(row: GroupRow): void {
    this.run(
      'INSERT INTO secret_groups (instance, id, name, description, created_at, updated_at) VALUES (@instance, @id, @name, @description, @created_at, @updated_at)',
      row,
    );
  }

  updateGroup(row: GroupRow): void {
    this.run(
      'UPDATE secret_groups SET name = @name, description = @description, updated_at = @updated_at WHERE instance = @instance AND id = @id',
      row,
    );
  }

  deleteGroup(instance: string, id: string): void {
    this.run('DELETE FROM secret_groups WHERE instance = ? AND id = ?', instance, id);
  }

  countSecretsInGroup(instance: string, groupId: string): number {
    return this.get<{ n: number }>('SELECT COUNT(*) AS n FROM secrets WHERE instance = ? AND group_id = ?', instance, groupId)?.n ?? 0;
  }

  // secrets
  secretView(instance: string, id: string): SecretViewRow | undefined {
    return this.get<SecretViewRow>(`${SECRET_VIEW} WHERE s.instance = ? AND s.id = ?`, instance, id);
  }

  secretViewByName(instance: string, groupId: string, name: string): SecretViewRow | undefined {
    return this.get<SecretViewRow>(`${SECRET_VIEW} WHERE s.instance = ? AND s.group_id = ? AND s.name = ?`, instance, groupId, name);
  }

  secretListRows(instance: string): SecretListRow[] {
    return this.all<SecretListRow>(
      'SELECT id, name, group_id, labels, created_at, updated_at, retrieved_at, current_expires_at FROM secrets WHERE instance = ?',
      instance,
    );
  }

  getSecret(instance: string, id: string): SecretRow | undefined {
    return this.get<SecretRow>('SELECT * FROM secrets WHERE instance = ? AND id = ?', instance, id);
  }

  secretIdByName(instance: string, groupId: string, name: string): string | undefined {
    return this.get<{ id: string }>('SELECT id FROM secrets WHERE instance = ? AND group_id = ? AND name = ?', instance, groupId, name)?.id;
  }

  insertSecret(row: SecretRow): void {
    this.run(
      `INSERT INTO secrets (instance, id, name, group_id, description, labels, custom_metadata, created_by, created_at, updated_at,
         retrieved_at, state, ttl, ttl_seconds, rotation, next_rotation_at, source_service, service_id_crn, current_version_id, current_expires_at)
       VALUES (@instance, @id, @name, @group_id, @description, @labels, @custom_metadata, @created_by, @created_at, @updated_at,
         @retrieved_at, @state, @ttl, @ttl_seconds, @rotation, @next_rotation_at, @source_service, @service_id_crn, @current_version_id, @current_expires_at)`,
      row,
    );
  }

  updateSecret(instance: string, id: string, update: SecretUpdate): void {
    const keys = (Object.keys(update) as (keyof SecretUpdate)[]).filter((k) => SECRET_UPDATABLE.has(k) && update[k] !== undefined);
    if (keys.length === 0) return;
    const set = keys.map((k) => `${k} = @${k}`).join(', ');
    this.run(`UPDATE secrets SET ${set} WHERE instance = @__instance AND id = @__id`, { ...update, __instance: instance, __id: id });
  }

  deleteSecret(instance: string, id: string): void {
    this.run('DELETE FROM secret_locks WHERE instance = ? AND secret_id = ?', instance, id);
    this.run('DELETE FROM secret_versions WHERE instance = ? AND secret_id = ?', instance, id);
    this.run('DELETE FROM secrets WHERE instance = ? AND id = ?', instance, id);
  }

  /** Active secrets whose rotation or current lease is due at `now`. */
  dueSecrets(instance: string, now: number): SecretRow[] {
    return this.all<SecretRow>(
      `SELECT * FROM secrets WHERE instance = @instance AND state != 5 AND next_rotation_at IS NOT NULL AND next_rotation_at <= @now
       UNION
       SELECT * FROM secrets WHERE instance = @instance AND state != 5 AND current_expires_at IS NOT NULL AND current_expires_at <= @now`,
      { instance, now },
    );
  }

  hasDueWork(instance: string, now: number): boolean {
    const row = this.get<{ due: number }>(
      `SELECT EXISTS (SELECT 1 FROM secrets WHERE instance = @instance AND state != 5 AND next_rotation_at IS NOT NULL AND next_rotation_at <= @now)
           OR EXISTS (SELECT 1 FROM secrets WHERE instance = @instance AND state != 5 AND current_expires_at IS NOT NULL AND current_expires_at <= @now)
           OR EXISTS (SELECT 1 FROM secret_versions WHERE instance = @instance AND payload IS NOT NULL AND expires_at IS NOT NULL AND expires_at <= @now)
         AS due`,
      { instance, now },
    );
    return row?.due === 1;
  }

  // versions
  insertVersion(row: VersionRow): void {
    this.run(
      `INSERT INTO secret_versions (instance, secret_id, id, seq, created_by, created_at, auto_rotated, downloaded, expires_at, payload,
         version_custom_metadata, resource_key_crn, resource_key_name, apikey_id, apikey_name, apikey_description)
       VALUES (@instance, @secret_id, @id, @seq, @created_by, @created_at, @auto_rotated, @downloaded, @expires_at, @payload,
         @version_custom_metadata, @resource_key_crn, @resource_key_name, @apikey_id, @apikey_name, @apikey_description)`,
      row,
    );
  }

  /** Newest first: index 0 is `current`, index 1 `previous`. */
  versionsOf(instance: string, secretId: string): VersionRow[] {
    return this.all<VersionRow>('SELECT * FROM secret_versions WHERE instance = ? AND secret_id = ? ORDER BY seq DESC', instance, secretId);
  }

  /** `rank` 0 = current, 1 = previous. */
  versionByRank(instance: string, secretId: string, rank: number): VersionRow | undefined {
    return this.get<VersionRow>(
      'SELECT * FROM secret_versions WHERE instance = ? AND secret_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?',
      instance,
      secretId,
      rank,
    );
  }

  getVersion(instance: string, secretId: string, id: string): VersionRow | undefined {
    return this.get<VersionRow>('SELECT * FROM secret_versions WHERE instance = ? AND secret_id = ? AND id = ?', instance, secretId, id);
  }

  maxVersionSeq(instance: string, secretId: string): number {
    return this.get<{ m: number | null }>('SELECT MAX(seq) AS m FROM secret_versions WHERE instance = ? AND secret_id = ?', instance, secretId)?.m ?? 0;
  }

  setVersionDownloaded(instance: string, secretId: string, id: string): void {
    this.run('UPDATE secret_versions SET downloaded = 1 WHERE instance = ? AND secret_id = ? AND id = ?', instance, secretId, id);
  }

  setVersionCustomMetadata(instance: string, secretId: string, id: string, json: string): void {
    this.run('UPDATE secret_versions SET version_custom_metadata = ? WHERE instance = ? AND secret_id = ? AND id = ?', json, instance, secretId, id);
  }

  revokeVersion(instance: string, secretId: string, id: string): void {
    this.run('UPDATE secret_versions SET payload = NULL WHERE instance = ? AND secret_id = ? AND id = ?', instance, secretId, id);
  }

  /** Ends the leases that ran out; returns how many versions lost their credentials. */
  revokeExpiredVersions(instance: string, now: number): number {
    return this.run(
      'UPDATE secret_versions SET payload = NULL WHERE instance = ? AND payload IS NOT NULL AND expires_at IS NOT NULL AND expires_at <= ?',
      instance,
      now,
    );
  }

  /** Keeps the newest `keep` versions. */
  pruneVersions(instance: string, secretId: string, keep: number): number {
    return this.run(
      `DELETE FROM secret_versions WHERE instance = ? AND secret_id = ? AND seq <= (
         SELECT seq FROM secret_versions WHERE instance = ? AND secret_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
      instance,
      secretId,
      instance,
      secretId,
      keep,
    );
  }

  // locks
  locksOf(instance: string, secretId: string): LockRow[] {
    return this.all<LockRow>('SELECT * FROM secret_locks WHERE instance = ? AND secret_id = ? ORDER BY created_at, name', instance, secretId);
  }

  locksOnVersion(instance: string, secretId: string, versionId: string): LockRow[] {
    return this.all<LockRow>(
      'SELECT * FROM secret_locks WHERE instance = ? AND secret_id = ? AND version_id = ? ORDER BY created_at, name',
      instance,
      secretId,
      versionId,
    );
  }

  upsertLock(row: LockRow): void {
    this.run(
      `INSERT INTO secret_locks (instance, secret_id, version_id, name, description, attributes, created_at, created_by)
       VALUES (@instance, @secret_id, @version_id, @name, @description, @attributes, @created_at, @created_by)
       ON CONFLICT (instance, secret_id, version_id, name) DO UPDATE SET description = excluded.description, attributes = excluded.attributes`,
      row,
    );
  }

  deleteLock(instance: string, secretId: string, versionId: string, name: string): number {
    return this.run(
      'DELETE FROM secret_locks WHERE instance = ? AND secret_id = ? AND version_id = ? AND name = ?',
      instance,
      secretId,
      versionId,
      name,
    );
  }

  // service IDs
  getServiceId(instance: string, crn: string): ServiceIdRow | undefined {
    return this.get<ServiceIdRow>('SELECT * FROM service_ids WHERE instance = ? AND crn = ?', instance, crn);
  }

  insertServiceId(row: ServiceIdRow): void {
    this.run(
      'INSERT INTO service_ids (instance, crn, name, auto_generated, created_at, deleted_at) VALUES (@instance, @crn, @name, @auto_generated, @created_at, @deleted_at)',
      row,
    );
  }

  markServiceIdDeleted(instance: string, crn: string, at: number): void {
    this.run('UPDATE service_ids SET deleted_at = ? WHERE instance = ? AND crn = ? AND deleted_at IS NULL', at, instance, crn);
  }

  listServiceIds(instance: string): ServiceIdRow[] {
    return this.all<ServiceIdRow>('SELECT * FROM service_ids WHERE instance = ? ORDER BY created_at, crn', instance);
  }
}
