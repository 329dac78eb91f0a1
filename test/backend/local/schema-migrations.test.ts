import Database from 'better-sqlite3';
import { INSTANCE, openFixture, prototype, type LocalFixture } from './local-fixture.js';
import { MIGRATIONS, SCHEMA_VERSION, migrateSchema, openLocalBackend } from '../../../src/backend/local/index.js';

let fx: LocalFixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(async () => {
  await fx.close();
});

function indexNames(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('schema migrations', () => {
  test('a fresh store is at the latest schema version', () => {
    expect(fx.backend.schemaVersion).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  test('an existing version-1 store is upgraded on open and keeps its secrets', async () => {
    const s = await fx.backend.createSecret(INSTANCE, prototype({ rotation: { auto_rotate: true, interval: 7, unit: 'day' } }));
    await fx.backend.close();
    // Turn the file back into what version 1 wrote.
    const raw = new Database(fx.path);
    for (const name of ['secrets_next_rotation', 'secrets_current_expiry', 'versions_live_expiry']) raw.exec(`DROP INDEX ${name}`);
    raw.pragma('user_version = 1');
    raw.close();
    expect(indexNames(fx.path)).toEqual([]);

    const upgraded = fx.reopen();
    expect(upgraded.schemaVersion).toBe(SCHEMA_VERSION);
    expect(indexNames(fx.path)).toEqual(['secrets_current_expiry', 'secrets_next_rotation', 'versions_live_expiry']);
    const got = await upgraded.getSecret(INSTANCE, s.id);
    expect(got.credentials).toEqual(s.credentials);
    fx.clock.advance('7d');
    expect((await upgraded.getSecretMetadata(INSTANCE, s.id)).versions_total).toBe(2);
  });

  test('migrating step by step gives the same schema as migrating at once', () => {
    const a = new Database(':memory:');
    const b = new Database(':memory:');
    migrateSchema(a, 1);
    expect(a.pragma('user_version', { simple: true })).toBe(1);
    expect(migrateSchema(a)).toEqual({ from: 1, to: SCHEMA_VERSION });
    expect(migrateSchema(b)).toEqual({ from: 0, to: SCHEMA_VERSION });
    const schema = (db: Database.Database): unknown => db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    expect(schema(a)).toEqual(schema(b));
    expect(migrateSchema(b)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    a.close();
    b.close();
  });

  test('a store written by a newer schema is refused with a clear error', async () => {
    await fx.backend.close();
    const raw = new Database(fx.path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openLocalBackend({ path: fx.path, env: {} })).toThrow(/newer than this ibm-sm/);
  });
});
