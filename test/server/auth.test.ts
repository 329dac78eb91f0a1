/**
 * Authentication and roles: 401 without or with a bad/expired token, 403 when
 * the role is too low, and what the REST backend's callers then see.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createIbmCloudBackend } from '../../src/backend/ibm-cloud/index.js';
import { iamIdForApiKey } from '../../src/server/iam-issuer.js';
import { EN_CRN, type Fixture, KEYS, leakedIn, rejection, startFixture, WRITER_ROLE } from './server-fixture.js';

let fx: Fixture;

beforeAll(async () => {
  fx = await startFixture();
});

afterAll(async () => {
  await fx.close();
});

const prototype = {
  name: 'auth-secret',
  secret_type: 'service_credentials' as const,
  source_service: { instance: { crn: EN_CRN }, role: { crn: WRITER_ROLE } },
};

async function status(method: string, path: string, token: string | undefined, body?: unknown): Promise<[number, string]> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers['Authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${fx.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as { errors?: { message: string }[] };
  return [res.status, json.errors?.[0]?.message ?? ''];
}

describe('IAM and roles on the server', () => {
  it('answers 401 in the SM error shape without a valid bearer token', async () => {
    const res = await fetch(`${fx.api}/secrets`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toMatchObject({ errors: [{ code: 'unauthorized' }], status_code: 401 });
    expect((await status('GET', '/secrets', 'not-a-token'))[0]).toBe(401);
    const writer = await fx.token(KEYS.writer);
    expect((await status('GET', '/secrets', `${writer.slice(0, -2)}xx`))[0]).toBe(401);
  });

  it('answers 401 once a token has expired', async () => {
    // Whole-second expiration (as IAM's): a 2 s token lives 1-2 s.
    const short = await startFixture({ tokenLifetimeSeconds: 2 });
    try {
      const token = await short.token(KEYS.writer);
      const ok = await fetch(`${short.api}/secrets`, { headers: { Authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      await sleep(2100);
      const late = await fetch(`${short.api}/secrets`, { headers: { Authorization: `Bearer ${token}` } });
      expect(late.status).toBe(401);
      expect(((await late.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/expired/);
    } finally {
      await short.close();
    }
  });

  it('enforces Reader < SecretsReader < Writer < Manager', async () => {
    const [reader, secretsReader, writer, manager] = await Promise.all(
      [KEYS.reader, KEYS.secretsReader, KEYS.writer, KEYS.manager].map((k) => fx.token(k)),
    );
    const [denied, why] = await status('POST', '/secrets', reader, prototype);
    expect(denied).toBe(403);
    expect(why).toBe('The Reader role does not allow this action; it needs Writer or higher.');
    const createRes = await fetch(`${fx.api}/secrets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${writer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(prototype),
    });
    expect(createRes.status).toBe(201);
    const secret = (await createRes.json()) as { id: string; created_by: string };
    expect(secret.created_by).toBe(iamIdForApiKey(KEYS.writer));

    expect((await status('GET', '/secrets', reader))[0]).toBe(200);
    expect((await status('GET', `/secrets/${secret.id}/metadata`, reader))[0]).toBe(200);
    expect((await status('GET', `/secrets/${secret.id}`, reader))[0]).toBe(403);
    expect((await status('GET', `/secrets/${secret.id}`, secretsReader))[0]).toBe(200);
    expect((await status('POST', `/secrets/${secret.id}/versions`, secretsReader, {}))[0]).toBe(403);
    expect((await status('POST', '/secret_groups', writer, { name: 'g-auth' }))[0]).toBe(403);
    expect((await status('POST', '/secret_groups', manager, { name: 'g-auth' }))[0]).toBe(201);
    expect((await status('DELETE', `/secrets/${secret.id}`, writer))[0]).toBe(204);
  });

  it('answers token requests in IAM’s error shape', async () => {
    const post = (body: string, type = 'application/x-www-form-urlencoded') =>
      fetch(`${fx.server.url}/identity/token`, { method: 'POST', headers: { 'Content-Type': type }, body });
    const unknown = await post('grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=wrong-key-123');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ errorCode: 'BXNIM0415E', errorMessage: 'Provided API key could not be found.' });
    expect((await post('grant_type=password&apikey=x')).status).toBe(400);
    expect((await post('{}', 'application/json')).status).toBe(400);
    expect((await fetch(`${fx.server.url}/identity/token`)).status).toBe(405);
  });
});

describe('auth errors through the REST backend', () => {
  const inst = (): { instanceId: string; region: string } => ({ instanceId: fx.server.instanceId, region: 'us-south' });
  const backend = (apiKey: string) =>
    createIbmCloudBackend({ apiKey, iamEndpoint: fx.server.url, secretsManagerEndpoint: fx.server.url, logger: fx.logger('client') });

  it('an unknown API key is Unauthorized with IAM’s message and never the key', async () => {
    const error = await rejection(backend('totally-wrong-api-key').listSecrets(inst()));
    expect(error.code).toBe('Unauthorized');
    expect(error.message).toMatch(/^IAM: Provided API key could not be found\. \(HTTP 400, BXNIM0415E, trace [0-9a-f-]{36}\)$/);
    expect(error.message).not.toContain('totally-wrong-api-key');
  });

  it('a Reader creating a secret is Forbidden, quoting the service and its trace', async () => {
    const error = await rejection(backend(KEYS.reader).createSecret(inst(), prototype));
    expect(error.code).toBe('Forbidden');
    expect(error.status).toBe(403);
    expect(error.message).toMatch(
      /^Secrets Manager: The Reader role does not allow this action; it needs Writer or higher\. \(HTTP 403, forbidden, trace [0-9a-f-]{36}\)$/,
    );
    expect(error.traceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('no key or token reached a log line', () => {
    expect(leakedIn(fx.lines, [...Object.values(KEYS), 'totally-wrong-api-key'])).toEqual([]);
  });
});
