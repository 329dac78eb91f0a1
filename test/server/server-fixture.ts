/**
 * A real local engine (SQLite file in a temp dir) served by a real HTTP server
 * on loopback, with API keys for every role and every log line captured so
 * tests can assert that no key or token ever reaches a log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendError } from '../../src/backend/backend-error.js';
import { openLocalBackend } from '../../src/backend/local/index.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';
import { startSmServer, type SmServer, type SmServerOptions } from '../../src/server/sm-server.js';
import type { DueWorkBackend } from '../../src/server/sm-server.js';

export const KEYS = {
  reader: 'reader-key-0123456789abcdef',
  secretsReader: 'secrets-reader-key-0123456789',
  writer: 'writer-key-0123456789abcdef',
  manager: 'manager-key-0123456789abcdef',
} as const;

export interface Fixture {
  readonly server: SmServer;
  readonly backend: DueWorkBackend;
  readonly dir: string;
  readonly storePath: string;
  /** Every log line written so far (server and any logger from `logger()`). */
  readonly lines: string[];
  logger(module: string): Logger;
  /** An IAM token for a key, fetched over HTTP. */
  token(apiKey: string): Promise<string>;
  /** `<url>/api/v2` of the default instance. */
  readonly api: string;
  close(): Promise<void>;
}

export async function startFixture(overrides: Partial<SmServerOptions> = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'ibm-sm-server-'));
  const storePath = join(dir, 'store.db');
  const lines: string[] = [];
  const logger = (module: string): Logger =>
    createLogger({ module, level: 'trace', write: (line) => void lines.push(line) });
  const backend = openLocalBackend({ path: storePath, logger: logger('engine') }) as DueWorkBackend;
  const server = await startSmServer({
    backend,
    ownsBackend: true,
    apiKeys: [
      { apiKey: KEYS.reader, role: 'Reader' },
      { apiKey: KEYS.secretsReader, role: 'SecretsReader' },
      { apiKey: KEYS.writer, role: 'Writer' },
      { apiKey: KEYS.manager, role: 'Manager' },
    ],
    logger: logger('ibm-sm-server'),
    ...overrides,
  });
  const token = async (apiKey: string): Promise<string> => {
    const res = await fetch(`${server.url}/identity/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: apiKey }),
    });
    const body = (await res.json()) as { access_token: string };
    return body.access_token;
  };
  return {
    server,
    backend,
    dir,
    storePath,
    lines,
    logger,
    token,
    api: `${server.url}/api/v2`,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A source service the engine accepts (Event Notifications, as the official acceptance tests use). */
export const EN_CRN =
  'crn:v1:bluemix:public:event-notifications:us-south:a/1234567890abcdef1234567890abcdef:0f9d5c1e-1111-4222-8333-944455556666::';
export const COS_CRN =
  'crn:v1:bluemix:public:cloud-object-storage:global:a/1234567890abcdef1234567890abcdef:f35e85fc-3d4d-476e-8547-51222e3c1111::';
export const WRITER_ROLE = 'crn:v1:bluemix:public:iam::::serviceRole:Writer';

/** True when no line contains any of the given secrets or anything JWT-shaped. */
export function leakedIn(lines: readonly string[], secrets: readonly string[]): string[] {
  return lines.filter((line) => line.includes('eyJ') || secrets.some((s) => s.length >= 6 && line.includes(s)));
}

/** Awaits a backend call expected to fail with a BackendError, and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (reason: unknown) {
    if (reason instanceof BackendError) return reason;
    throw reason;
  }
  throw new Error('expected a BackendError');
}
