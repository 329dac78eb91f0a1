/**
 * Backend selection from the provider block: local store, IBM Cloud API
 * key, or a diagnostic that explains both ways; never a silent fallback,
 * never a credential in what a handle shows, one shared backend per store.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { BackendError } from '../../src/backend/backend-error.js';
import { selectBackend } from '../../src/provider/backend-selection.js';
import type { IbmProviderConfig } from '../../src/provider/provider-config.js';
import { SecretValue } from '../../src/provider/provider-config.js';

const BASE: IbmProviderConfig = {
  apiKey: undefined,
  iamToken: undefined,
  iamRefreshToken: undefined,
  iamProfileId: undefined,
  iamProfileName: undefined,
  accountId: undefined,
  region: 'us-south',
  zone: undefined,
  resourceGroup: undefined,
  visibility: 'public',
  privateEndpointType: undefined,
  endpointsFilePath: undefined,
  timeoutSeconds: 60,
  maxRetries: 10,
  secretsManagerEndpoint: undefined,
  iamEndpoint: undefined,
  localStore: undefined,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'backend-selection-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('neither a local store nor credentials: an error that explains both ways', () => {
  const s = selectBackend(BASE);
  expect(s.ok).toBe(false);
  if (s.ok) return;
  expect(s.summary).toBe('No Secrets Manager Backend Configured');
  expect(s.detail).toMatch(/ibmcloud_api_key/);
  expect(s.detail).toMatch(/IC_API_KEY/);
  expect(s.detail).toMatch(/local_store/);
  expect(s.detail).toMatch(/IBM_SM_LOCAL_STORE/);
});

test('an IAM token or trusted profile alone is not silently ignored', () => {
  const s = selectBackend({ ...BASE, iamToken: new SecretValue('token-abc') });
  expect(s).toMatchObject({ ok: false, summary: 'Unsupported Authentication' });
});

test('local_store selects the embedded engine, even when an API key is also around', () => {
  const s = selectBackend({ ...BASE, localStore: join(dir, 'a.db'), apiKey: new SecretValue('key-123456') });
  expect(s.ok && s.handle.kind).toBe('local');
});

test('an API key selects IBM Cloud; the handle never shows the key', () => {
  const s = selectBackend({ ...BASE, apiKey: new SecretValue('very-secret-api-key'), secretsManagerEndpoint: 'http://127.0.0.1:9/instances/{instance_id}' });
  expect(s.ok).toBe(true);
  if (!s.ok) return;
  expect(s.handle.kind).toBe('ibm-cloud');
  expect(s.handle.description).toContain('http://127.0.0.1:9/instances/{instance_id}');
  const shown = [JSON.stringify(s), inspect(s, { depth: 10 }), String(s.handle.description)].join('\n');
  expect(shown).not.toContain('very-secret-api-key');
});

test('the local backend opens once per store and is shared', async () => {
  const path = join(dir, 'shared.db');
  const a = selectBackend({ ...BASE, localStore: path });
  const b = selectBackend({ ...BASE, localStore: path });
  if (!a.ok || !b.ok) throw new Error('expected local backends');
  const first = await a.handle.open();
  expect(await b.handle.open()).toBe(first);
  const group = await first.createSecretGroup({ instanceId: '6ebc4224-e983-496a-8a54-f40a0bfa9175', region: 'us-south' }, { name: 'shared-group' });
  expect(group.name).toBe('shared-group');
});

test('a store that cannot be opened rejects with a BackendError, and the next open tries again', async () => {
  const path = join(dir, 'keyed.db');
  const s = selectBackend({ ...BASE, localStore: path });
  if (!s.ok) throw new Error('expected a local backend');
  writeFileSync(`${path}.key`, 'not a key');
  const failed = await s.handle.open().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failed).toBeInstanceOf(BackendError);
  rmSync(`${path}.key`);
  const backend = await s.handle.open();
  expect((await backend.listSecretGroups({ instanceId: '6ebc4224-e983-496a-8a54-f40a0bfa9175', region: 'us-south' })).length).toBe(0);
});
