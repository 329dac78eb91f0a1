/**
 * A fresh store file per test, a clock the test drives, and valid create
 * requests for every supported service.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../src/backend/clock.js';
import type { InstanceRef, ServiceCredentialsSecretPrototype } from '../../../src/backend/credential-backend.js';
import { openLocalBackend, type LocalBackend, type LocalBackendOptions } from '../../../src/backend/local/index.js';

export const INSTANCE: InstanceRef = { instanceId: '6ebc4224-e983-496a-8a54-f40a0bfa9175', region: 'us-south' };
export const OTHER_INSTANCE: InstanceRef = { instanceId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', region: 'eu-de' };
export const ACCOUNT = '347df6de25020f0fa8b711c6d9881111';
export const WRITER = 'crn:v1:bluemix:public:iam::::serviceRole:Writer';
export const EXISTING_SERVICE_ID = `crn:v1:bluemix:public:iam-identity::a/${ACCOUNT}::serviceid:ServiceId-11111111-2222-4333-8444-555555555555`;

export function instanceCrn(service: string, location = 'us-south', guid = 'f35e85fc-3d4d-476e-8547-51222e3c1111'): string {
  return `crn:v1:bluemix:public:${service}:${location}:a/${ACCOUNT}:${guid}::`;
}

export const COS_CRN = instanceCrn('cloud-object-storage', 'global');
export const EN_CRN = instanceCrn('event-notifications');

export function prototype(overrides: Partial<ServiceCredentialsSecretPrototype> = {}): ServiceCredentialsSecretPrototype {
  return {
    secret_type: 'service_credentials',
    name: 'my-sc',
    source_service: { instance: { crn: EN_CRN }, role: { crn: WRITER } },
    ...overrides,
  };
}

export interface LocalFixture {
  readonly dir: string;
  readonly path: string;
  readonly clock: ManualClock;
  readonly backend: LocalBackend;
  /** Another handle on the same file, as a second process would have. */
  reopen(options?: Partial<LocalBackendOptions>): LocalBackend;
  close(): Promise<void>;
}

export function openFixture(options: Partial<LocalBackendOptions> = {}): LocalFixture {
  const dir = mkdtempSync(join(tmpdir(), 'ibm-sm-local-'));
  const path = join(dir, 'store.db');
  const clock = new ManualClock('2026-01-01T00:00:00Z');
  const opened: LocalBackend[] = [];
  const open = (extra: Partial<LocalBackendOptions> = {}): LocalBackend => {
    const b = openLocalBackend({ path, clock, env: {}, ...options, ...extra });
    opened.push(b);
    return b;
  };
  const backend = open();
  return {
    dir,
    path,
    clock,
    backend,
    reopen: open,
    close: async () => {
      for (const b of opened) await b.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Awaits a rejection and returns it, failing when the promise resolves. */
export async function rejection(p: Promise<unknown>): Promise<{ code: string; field?: string; message: string; locks: readonly string[] }> {
  try {
    await p;
  } catch (err: unknown) {
    return err as { code: string; field?: string; message: string; locks: readonly string[] };
  }
  throw new Error('expected the call to fail');
}
