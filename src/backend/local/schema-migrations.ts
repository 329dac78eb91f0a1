/**
 * Versioned schema of the local store, tracked in `PRAGMA user_version`.
 * Migrations only ever append: a released step is never edited. Several
 * processes may open an old store at once, so the check and the upgrade run
 * in one `BEGIN IMMEDIATE` transaction and only the first one migrates.
 */
import type { Database } from 'better-sqlite3';
import { BackendError } from '../backend-error.js';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

// Times are integer milliseconds since the epoch (UTC); JSON columns hold API-shaped values.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'instances, secret groups, secrets, versions, locks, service IDs',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
      CREATE TABLE instances (
        instance TEXT PRIMARY KEY,
        instance_id TEXT NOT NULL,
        region TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE secret_groups (
        instance TEXT NOT NULL,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (instance, id),
        UNIQUE (instance, name)
      );
      CREATE TABLE secrets (
        instance TEXT NOT NULL,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        group_id TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        labels TEXT NOT NULL DEFAULT '[]',
        custom_metadata TEXT NOT NULL DEFAULT '{}',
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        retrieved_at INTEGER,
        state INTEGER NOT NULL,
        ttl TEXT,
        ttl_seconds INTEGER NOT NULL DEFAULT 0,
        rotation TEXT NOT NULL,
        next_rotation_at INTEGER,
        source_service TEXT NOT NULL,
        service_id_crn TEXT NOT NULL,
        current_version_id TEXT,
        current_expires_at INTEGER,
        PRIMARY KEY (instance, id),
        UNIQUE (instance, group_id, name)
      );
      CREATE TABLE secret_versions (
        instance TEXT NOT NULL,
        secret_id TEXT NOT NULL,
        id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        auto_rotated INTEGER NOT NULL DEFAULT 0,
        downloaded INTEGER NOT NULL DEFAULT 0,
        expires_at INTEGER,
        payload BLOB,
        version_custom_metadata TEXT NOT NULL DEFAULT '{}',
        resource_key_crn TEXT NOT NULL,
        resource_key_name TEXT NOT NULL,
        apikey_id TEXT,
        apikey_name TEXT NOT NULL,
        apikey_description TEXT NOT NULL,
        PRIMARY KEY (instance, secret_id, id),
        UNIQUE (instance, secret_id, seq)
      );
      CREATE TABLE secret_locks (
        instance TEXT NOT NULL,
        secret_id TEXT NOT NULL,
        version_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        attributes TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        PRIMARY KEY (instance, secret_id, version_id, name)
      );
      CREATE TABLE service_ids (
        instance TEXT NOT NULL,
        crn TEXT NOT NULL,
        name TEXT NOT NULL,
        auto_generated INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER,
        PRIMARY KEY (instance, crn)
      );
    `,
  },
  {
    version: 2,
    description: 'indexes for due work (rotations, lease expiries) so every access can check it cheaply',
    sql: `
      CREATE INDEX secrets_next_rotation ON secrets (instance, next_rotation_at) WHERE next_rotation_at IS NOT NULL;
      CREATE INDEX secrets_current_expiry ON secrets (instance, current_expires_at) WHERE current_expires_at IS NOT NULL;
      CREATE INDEX versions_live_expiry ON secret_versions (instance, expires_at) WHERE payload IS NOT NULL AND expires_at IS NOT NULL;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export interface MigrationResult {
  readonly from: number;
  readonly to: number;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the store to `target` (default: latest). Refuses a store newer than this code. */
export function migrateSchema(db: Database, target: number = SCHEMA_VERSION): MigrationResult {
  const run = db.transaction((): MigrationResult => {
    const from = schemaVersion(db);
    if (from > SCHEMA_VERSION) {
      throw new BackendError(
        'Internal',
        `The store has schema version ${from}, newer than this ibm-sm (${SCHEMA_VERSION}); upgrade the provider or CLI.`,
      );
    }
    for (const m of MIGRATIONS) {
      if (m.version <= from || m.version > target) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
    return { from, to: Math.max(from, Math.min(target, SCHEMA_VERSION)) };
  });
  return run.immediate();
}
