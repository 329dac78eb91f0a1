import { buildCli, COS_CRN, WRITER, type CliFixture } from './cli-fixture.js';

let cli: CliFixture;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => {
  cli.cleanup();
});

interface Secret {
  id: string;
  name: string;
  labels: string[];
  ttl?: string;
  versions_total: number;
  downloaded: boolean;
  expiration_date?: string;
  credentials: { apikey: string; cos_hmac_keys: { secret_access_key: string } };
}
interface Version {
  id: string;
  alias?: string;
  payload_available: boolean;
  credentials?: Secret['credentials'];
}

const source = JSON.stringify({ instance: { crn: COS_CRN }, parameters: { HMAC: true }, role: { crn: WRITER } });

test('round trip on a fresh store: create → read → rotate → versions → metadata update → delete', () => {
  const created = cli.run(['secret-create', '--secret-type', 'service_credentials', '--secret-name', 'example-service-credentials-secret', '--secret-source-service', source, '--secret-ttl', '30d', '--secret-labels', 'dev,us-south']);
  expect(created.stderr).toBe('');
  expect(created.status).toBe(0);
  const secret = created.json<Secret>();
  expect(secret).toMatchObject({ name: 'example-service-credentials-secret', labels: ['dev', 'us-south'], ttl: '30d', versions_total: 1 });
  expect(secret.credentials.cos_hmac_keys.secret_access_key).toMatch(/^[0-9a-f]{48}$/);

  const read = cli.run(['secret', '--id', secret.id]).json<Secret>();
  expect(read.credentials).toEqual(secret.credentials);
  expect(read.downloaded).toBe(true);

  const rotated = cli.run(['secret-version-create', '--id', secret.id]).json<Version>();
  expect(rotated.alias).toBe('current');
  expect(rotated.credentials?.apikey).not.toBe(secret.credentials.apikey);

  const versions = cli.run(['secret-versions', '--id', secret.id]).json<{ versions: Version[]; total_count: number }>();
  expect(versions.total_count).toBe(2);
  expect(versions.versions.map((v) => [v.alias, v.payload_available])).toEqual([
    ['current', true],
    ['previous', true],
  ]);
  const previous = cli.run(['secret-version', '--id', secret.id, '--version-id', 'previous']).json<Version>();
  expect(previous.credentials).toEqual(secret.credentials);

  const updated = cli.run(['secret-metadata-update', '--id', secret.id, '--name', 'renamed-secret', '--labels', 'prod', '--ttl', '60d', '--rotation', '{"auto_rotate":true,"interval":30,"unit":"day"}']);
  expect(updated.status).toBe(0);
  expect(updated.json<Secret>()).toMatchObject({ name: 'renamed-secret', labels: ['prod'], ttl: '60d', versions_total: 2 });
  expect(updated.stdout).not.toContain('"credentials"');

  const deleted = cli.run(['secret-delete', '--id', secret.id, '--force']);
  expect(deleted.status).toBe(0);
  const gone = cli.run(['secret', '--id', secret.id]);
  expect(gone.status).toBe(1);
  expect(gone.stderr).toBe(`ibm-sm: NotFound (id): Secret ${secret.id} was not found.\n`);
});

test('list commands never print credentials', () => {
  const secret = cli.run(['secret-create', '--secret-name', 'listed', '--secret-source-service', source]).json<Secret>();
  cli.run(['secret-lock-add', '--id', secret.id, '--locks', '[{"name":"lock-app"}]']);
  const values = [secret.credentials.apikey, secret.credentials.cos_hmac_keys.secret_access_key];
  for (const args of [['secrets'], ['secret-versions', '--id', secret.id], ['secret-locks', '--id', secret.id], ['secret-metadata', '--id', secret.id], ['secret-groups']]) {
    const r = cli.run(args);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('"credentials"');
    for (const v of values) expect(r.stdout).not.toContain(v);
  }
  cli.run(['secret-lock-remove', '--id', secret.id]);
});

test('locks and groups from the command line', () => {
  const group = cli.run(['secret-group-create', '--name', 'team-a', '--description', 'A']).json<{ id: string }>();
  const secret = cli.run(['secret-create', '--secret-name', 'grouped', '--secret-group-id', group.id, '--secret-source-service', source]).json<Secret>();
  expect(cli.run(['secret-by-name-type', '--name', 'grouped', '--secret-group-name', 'team-a']).json<Secret>().id).toBe(secret.id);
  expect(cli.run(['secret-lock-add', '--id', secret.id, '--locks', '[{"name":"lock-app"},{"name":"lock-ci"}]']).status).toBe(0);
  const refused = cli.run(['secret-delete', '--id', secret.id]);
  expect(refused.status).toBe(1);
  expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  expect(refused.stderr).toMatch(/PreconditionFailed.*lock-app, lock-ci/);
  const groupBusy = cli.run(['secret-group-delete', '--id', group.id]);
  expect(groupBusy.status).toBe(1);
  expect(cli.run(['secret-lock-remove', '--id', secret.id, '--names', 'lock-app,lock-ci']).json<{ versions: { locks: string[] }[] }>().versions[0]?.locks).toEqual([]);
  expect(cli.run(['secret-delete', '--id', secret.id]).status).toBe(0);
  expect(cli.run(['secret-group-delete', '--id', group.id]).status).toBe(0);
  expect(cli.run(['secret-groups']).json<{ total_count: number }>().total_count).toBe(0);
});

test('the clock offset moves time for the CLI too', () => {
  const secret = cli
    .run(['secret-create', '--secret-name', 'rotating', '--secret-source-service', source, '--secret-rotation', '{"auto_rotate":true,"interval":7,"unit":"day"}'])
    .json<Secret>();
  expect(cli.run(['secret-metadata', '--id', secret.id]).json<Secret>().versions_total).toBe(1);
  expect(cli.run(['secret-metadata', '--id', secret.id], { IBM_SM_LOCAL_CLOCK_OFFSET: '8d' }).json<Secret>().versions_total).toBe(2);
});

test('global flags may come before the command', () => {
  const r = cli.run(['--store', cli.store, '--region', 'us-south', 'secrets', '--limit', '1']);
  expect(r.status).toBe(0);
  expect(r.json<{ limit: number }>().limit).toBe(1);
});
