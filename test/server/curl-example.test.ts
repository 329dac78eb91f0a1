/**
 * The product page's curl example ("Creating Service credentials with the
 * API"), its JSON made valid and its placeholders filled, run with the real
 * curl binary: an IAM token from /identity/token, then the create call at the
 * cloud's own URL shape `<instance_id>.<region>.secrets-manager.appdomain.cloud`
 * (resolved to loopback), which selects the instance from the Host header.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { COS_CRN, KEYS, leakedIn, startFixture, type Fixture } from './server-fixture.js';

const run = promisify(execFile);
let fx: Fixture;

beforeAll(async () => {
  fx = await startFixture({ instanceId: '0c6d8f1e-5b7a-4c3d-9e2f-1a2b3c4d5e6f' });
});

afterAll(async () => {
  await fx.close();
});

/** curl, returning [status, parsed body]; -s keeps progress off, -w appends the status. */
async function curl(args: readonly string[]): Promise<[number, Record<string, unknown>]> {
  const { stdout } = await run('curl', ['-s', '-w', '\n%{http_code}', ...args]);
  const cut = stdout.lastIndexOf('\n');
  return [Number(stdout.slice(cut + 1)), JSON.parse(stdout.slice(0, cut)) as Record<string, unknown>];
}

describe('product page curl example', () => {
  it('creates a COS service credentials secret with HMAC through curl', async () => {
    const port = new URL(fx.server.url).port;
    const [tokenStatus, token] = await curl([
      '-X', 'POST',
      '-H', 'Content-Type: application/x-www-form-urlencoded',
      '-H', 'Accept: application/json',
      '-d', `grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=${KEYS.writer}`,
      `${fx.server.url}/identity/token`,
    ]);
    expect(tokenStatus).toBe(200);
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600, expiration: expect.any(Number) });
    const iamToken = token['access_token'] as string;

    // The page's secret group must exist: create it (groups need Manager).
    const managerToken = await fx.token(KEYS.manager);
    const groupRes = await fetch(`${fx.api}/secret_groups`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${managerToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'example-group' }),
    });
    const groupId = ((await groupRes.json()) as { id: string }).id;

    const host = `${fx.server.instanceId}.us-south.secrets-manager.appdomain.cloud`;
    const serviceIdCrn =
      'crn:v1:bluemix:public:iam-identity::a/1234567890abcdef1234567890abcdef::serviceid:ServiceId-7a4e6b1c-2d3f-4a5b-8c9d-0e1f2a3b4c5d';
    const body = `{
        "name": "example-service-credentials-secret",
        "description": "Description of my Service Credentials secret",
        "secret_type": "service_credentials",
        "secret_group_id": "${groupId}",
        "labels": [
          "dev",
          "us-south"
        ],
        "source_service": {
          "instance": {
            "crn": "${COS_CRN}"
          },
          "parameters": {
            "serviceid_crn": "${serviceIdCrn}",
            "HMAC": true
          },
          "role": {
            "crn": "crn:v1:bluemix:public:iam::::serviceRole:Writer"
          }
        }
      }`;
    const [status, secret] = await curl([
      '-X', 'POST',
      '--resolve', `${host}:${port}:127.0.0.1`,
      '-H', `Authorization: Bearer ${iamToken}`,
      '-H', 'Accept: application/json',
      '-H', 'Content-Type: application/json',
      '-d', body,
      `http://${host}:${port}/api/v2/secrets`,
    ]);
    expect(status).toBe(201);
    expect(secret).toMatchObject({
      name: 'example-service-credentials-secret',
      secret_type: 'service_credentials',
      secret_group_id: groupId,
      labels: ['dev', 'us-south'],
      state: 1,
      source_service: {
        instance: { crn: COS_CRN },
        role: { crn: 'crn:v1:bluemix:public:iam::::serviceRole:Writer' },
        parameters: expect.objectContaining({ serviceid_crn: serviceIdCrn }),
      },
      credentials: {
        apikey: expect.any(String),
        cos_hmac_keys: { access_key_id: expect.any(String), secret_access_key: expect.any(String) },
        iam_serviceid_crn: serviceIdCrn,
      },
    });
    expect(secret['crn']).toContain(`:${fx.server.instanceId}:secret:${secret['id'] as string}`);

    const [readStatus] = await curl([
      '-H', `Authorization: Bearer ${iamToken}`,
      `${fx.server.url}/instances/${fx.server.instanceId}/api/v2/secrets/${secret['id'] as string}/metadata`,
    ]);
    expect(readStatus).toBe(200);
    expect(leakedIn(fx.lines, [...Object.values(KEYS), iamToken])).toEqual([]);
  });
});
