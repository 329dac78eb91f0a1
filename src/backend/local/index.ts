/**
 * The local engine: the embedded default backend on a SQLite file.
 */
export { openLocalBackend, LocalBackend, LOCAL_ACCOUNT_ID, LOCAL_ACTOR, MAX_LOCKS_PER_SECRET, NATIVE_BINDING_ENV } from './local-backend.js';
export type { LocalBackendOptions, ServiceIdRecord, DueWorkReport, DueWorkEvent, DueWorkKind } from './local-backend.js';
export { VERSIONS_RETAINED } from './engine-context.js';
export { STORE_KEY_ENV, keyFilePath, decodeStoreKey } from './store-key.js';
export { SCHEMA_VERSION, MIGRATIONS, migrateSchema, schemaVersion } from './schema-migrations.js';
export type { Migration, MigrationResult } from './schema-migrations.js';
export { addRotationInterval } from './rotation-schedule.js';
