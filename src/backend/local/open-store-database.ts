/**
 * Opens (creating if needed) the SQLite file behind the local engine: mode
 * 0600, WAL so readers never block the writer, a busy timeout so concurrent
 * processes queue instead of failing, then schema migrations.
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { BackendError } from '../backend-error.js';
import { migrateSchema, type MigrationResult } from './schema-migrations.js';

export interface StoreDatabaseOptions {
  readonly path: string;
  /** Passed to better-sqlite3's `nativeBinding` (the bundled provider ships the .node file beside it). */
  readonly nativeBinding?: string;
  readonly busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 15_000;

/** SQLite copies the database file's mode onto -wal and -shm, so creating it 0600 covers all three. */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** journal_mode cannot wait on the busy handler; retry it while another process holds the file. */
function enableWal(db: SqliteDatabase, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err: unknown) {
      const code = (err as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw err;
      sleepSync(20);
    }
  }
}

export function openStoreDatabase(options: StoreDatabaseOptions): { db: SqliteDatabase; migration: MigrationResult } {
  const timeout = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const inMemory = options.path === ':memory:';
  let db: SqliteDatabase | undefined;
  try {
    if (!inMemory) createPrivateFile(options.path);
    db = new Database(options.path, {
      timeout,
      ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
    });
    if (!inMemory) enableWal(db, timeout);
    db.pragma('synchronous = NORMAL');
    const migration = migrateSchema(db);
    return { db, migration };
  } catch (err: unknown) {
    db?.close();
    if (err instanceof BackendError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY')) throw new BackendError('Transient', `The store ${options.path} is busy; try again.`, { cause: err });
    const reason = err instanceof Error ? err.message : String(err);
    throw new BackendError('Internal', `Cannot open the local store ${options.path}: ${reason}`, { cause: err });
  }
}
