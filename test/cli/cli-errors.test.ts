import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildCli, COS_CRN, ROOT, WRITER, type CliFixture } from './cli-fixture.js';

let cli: CliFixture;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => {
  cli.cleanup();
});

const source = JSON.stringify({ instance: { crn: COS_CRN }, role: { crn: WRITER } });

describe('bad input: a non-zero exit and one line on stderr that names the flag or field', () => {
  test.each([
    [['secret-create', '--secret-nam', 'x'], 2, /Unknown option '--secret-nam'/],
    [['secret-create', '--secret-source-service', source], 2, /--secret-name is required/],
    [['secret-create', '--secret-name', 'ok-name', '--secret-source-service', '{oops'], 2, /--secret-source-service is not valid JSON/],
    [['secret-create', '--secret-name', 'ok-name', '--secret-source-service', source, '--secret-ttl', '2h'], 1, /InvalidArgument \(ttl\)/],
    [['secret-create', '--secret-name', 'bad-', '--secret-source-service', source], 1, /InvalidArgument \(name\)/],
    [['secret-create', '--secret-name', 'ok-name', '--secret-source-service', '{"instance":{"crn":"crn:v1:bluemix:public:kms:global:a/347df6de25020f0fa8b711c6d9881111:f35e85fc-3d4d-476e-8547-51222e3c1111::"},"role":{"crn":"crn:v1:bluemix:public:iam::::serviceRole:Writer"}}'], 1, /InvalidArgument \(source_service\.instance\.crn\): Service "kms"/],
    [['secret-create', '--secret-name', 'ok-name', '--secret-source-service', source, '--secret-rotation', '{"auto_rotate":true,"interval":5,"unit":"week"}'], 1, /InvalidArgument \(rotation\.unit\)/],
    [['secret-create', '--secret-name', 'ok-name', '--secret-source-service', source, '--secret-type', 'arbitrary'], 2, /--secret-type must be service_credentials/],
    [['secrets', '--limit', 'lots'], 2, /--limit must be a whole number/],
    [['secrets', '--limit', '5000'], 1, /InvalidArgument \(limit\)/],
    [['secrets', '--output', 'table'], 2, /--output supports only json/],
    [['secret', '--id', '00000000-0000-4000-8000-000000000000'], 1, /NotFound/],
    [['secret'], 2, /--id is required/],
    [['secret-metadata-update', '--id', 'x'], 2, /nothing to update/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
  ])('%j', (args, status, pattern) => {
    const r = cli.run(args);
    expect(r.status).toBe(status);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ibm-sm: /);
    expect(lines[0]).toMatch(pattern);
  });

  test('missing store and instance are usage errors', () => {
    expect(cli.run(['secrets'], { IBM_SM_LOCAL_STORE: '' }).stderr).toMatch(/--store is required/);
    expect(cli.run(['secrets'], { IBM_SM_INSTANCE_ID: '' }).stderr).toMatch(/--instance-id is required/);
    expect(cli.run(['secrets', '--instance-id', 'abc']).stderr).toMatch(/InvalidArgument \(instance_id\)/);
  });

  test('help lists every command and exits 0; no arguments is a usage error', () => {
    const help = cli.run(['--help']);
    expect(help.status).toBe(0);
    for (const c of ['secret-create', 'secret-version-create', 'secret-lock-add', 'secret-group-delete']) expect(help.stdout).toContain(c);
    const cmdHelp = cli.run(['secret-create', '--help']);
    expect(cmdHelp.status).toBe(0);
    expect(cmdHelp.stdout).toContain('--secret-source-service');
    expect(cli.run([]).status).toBe(2);
  });
});

test('the launcher asks for a build when the bundle is missing', () => {
  const dir = mkdtempSync(join(ROOT, '.tmp', 'cli-nobundle-'));
  try {
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, 'bin', 'ibm-sm'), join(dir, 'bin', 'ibm-sm'));
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'ibm-sm'), 'secrets'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/run npm run build first/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
