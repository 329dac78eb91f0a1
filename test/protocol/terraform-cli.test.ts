/**
 * The real terraform CLI (1.11.4 on PATH) and the stub provider: launched by
 * Terraform through dev_overrides and from a filesystem mirror, and attached
 * through TF_REATTACH_PROVIDERS to a provider running in debug mode.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReattachLine } from '../../src/plugin/reattach-config.js';
import { requireBuilt, ROOT, STUB_PROVIDER } from './provider-process.js';

const SOURCE = 'registry.terraform.io/test/stub';
const STUB_DIR = join(ROOT, 'dist/test-providers/stub');

const CONFIG = `
terraform {
  required_providers {
    stub = { source = "${SOURCE}" }
  }
}
provider "stub" {
  greeting = "hello"
}
resource "stub_echo" "a" {
  value = var.value
}
data "stub_upper" "u" {
  input = stub_echo.a.result
}
variable "value" {
  type    = string
  default = "one"
}
output "upper" {
  value = data.stub_upper.u.output
}
`;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let work: string;

function terraformEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('TF_') || k.startsWith('PLUGIN_')) delete env[k];
  return { ...env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', ...extra };
}

function terraform(dir: string, args: readonly string[], env: NodeJS.ProcessEnv): Run {
  const r = spawnSync('terraform', ['-chdir=' + dir, ...args], { env: terraformEnv(env), encoding: 'utf8', timeout: 90_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cliConfig(mode: 'dev' | 'mirror', file: string, mirrorDir?: string): string {
  const args = ['scripts/write-cli-config.mjs', '--mode', mode, '--out', file, '--provider', `${SOURCE}=${STUB_DIR}`];
  if (mirrorDir !== undefined) args.push('--mirror-dir', mirrorDir);
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return file;
}

function project(name: string): string {
  const dir = join(work, name);
  spawnSync('mkdir', ['-p', dir]);
  writeFileSync(join(dir, 'main.tf'), CONFIG);
  return dir;
}

beforeAll(() => {
  requireBuilt(STUB_PROVIDER);
  work = mkdtempSync(join(tmpdir(), 'tf-stub-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('launched by terraform through dev_overrides', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    env = { TF_CLI_CONFIG_FILE: cliConfig('dev', join(work, 'dev.tfrc')) };
  });

  test('terraform providers schema -json, with no slow shutdown in the trace log', () => {
    const dir = project('schema');
    const r = terraform(dir, ['providers', 'schema', '-json'], { ...env, TF_LOG: 'trace' });
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as {
      provider_schemas: Record<string, { resource_schemas: Record<string, { block: { attributes: Record<string, { computed?: boolean }> } }> }>;
    };
    expect(schema.provider_schemas[SOURCE]!.resource_schemas['stub_echo']!.block.attributes['id']!.computed).toBe(true);
    expect(r.stderr).toContain('provider.terraform-provider-stub');
    expect(r.stderr).toContain('plugin exited');
    expect(r.stderr).not.toContain('plugin failed to exit gracefully');
    expect(r.stderr).not.toContain('Unrecognized remote plugin message');
  });

  test('apply, a clean plan, an in-place update and destroy', () => {
    const dir = project('lifecycle');
    const apply = terraform(dir, ['apply', '-auto-approve', '-no-color'], { ...env, TF_LOG: 'trace' });
    expect(apply.status).toBe(0);
    expect(apply.stdout).toContain('upper = "ONE"');
    expect(apply.stderr).not.toContain('plugin failed to exit gracefully');
    expect(apply.stderr).toContain('tf_rpc=ApplyResourceChange');

    const plan = terraform(dir, ['plan', '-detailed-exitcode', '-no-color'], env);
    expect(plan.stdout).toContain('No changes.');
    expect(plan.status).toBe(0);

    const update = terraform(dir, ['apply', '-auto-approve', '-no-color', '-var', 'value=two'], env);
    expect(update.status).toBe(0);
    expect(update.stdout).toContain('1 changed');
    expect(update.stdout).toContain('upper = "TWO"');

    const destroy = terraform(dir, ['destroy', '-auto-approve', '-no-color', '-var', 'value=two'], env);
    expect(destroy.status).toBe(0);
    expect(destroy.stdout).toContain('1 destroyed');
  });

  test('a provider-side failure reaches the user as a diagnostic, not a crash', () => {
    const dir = project('failure');
    writeFileSync(join(dir, 'extra.tf'), 'resource "stub_echo" "boom" {\n  behavior = "throw"\n}\n');
    const r = terraform(dir, ['plan', '-no-color'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Unexpected Provider Error');
    expect(r.stderr).toContain('stub planning exploded on purpose');
    expect(r.stderr).not.toContain('plugin crashed');
  });
});

describe('installed by terraform init from a filesystem mirror', () => {
  test('init copies a self-contained package that works outside the repository', () => {
    const env = { TF_CLI_CONFIG_FILE: cliConfig('mirror', join(work, 'mirror.tfrc'), join(work, 'mirror')) };
    const dir = project('mirror');
    const init = terraform(dir, ['init', '-no-color'], env);
    expect(init.stdout + init.stderr).toContain('Terraform has been successfully initialized');
    expect(init.status).toBe(0);
    const installed = join(dir, '.terraform/providers/registry.terraform.io/test/stub/0.1.0/linux_amd64');
    expect(readdirSync(installed)).toEqual(expect.arrayContaining(['terraform-provider-stub', 'provider.cjs', 'package.json']));
    expect(statSync(join(installed, 'terraform-provider-stub')).mode & 0o111).not.toBe(0);
    const apply = terraform(dir, ['apply', '-auto-approve', '-no-color'], env);
    expect(apply.status).toBe(0);
    expect(apply.stdout).toContain('upper = "ONE"');
  });
});

describe('attached through TF_REATTACH_PROVIDERS', () => {
  test('one debug-mode provider process serves schema, apply and plan runs', async () => {
    const env = { ...process.env };
    delete env['TF_PLUGIN_MAGIC_COOKIE'];
    const child = spawn(STUB_PROVIDER, ['--debug'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | string>((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig ?? 'unknown')));
    try {
      let out = '';
      const reattach = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const json = parseReattachLine(out);
          if (json !== undefined) resolve(json);
        });
        void exited.then((c) => reject(new Error(`debug provider exited ${c}`)));
      });
      // No CLI config at all: the provider is found only through the reattach variable.
      const tfEnv = { TF_REATTACH_PROVIDERS: reattach, TF_CLI_CONFIG_FILE: join(work, 'none.tfrc') };
      writeFileSync(tfEnv.TF_CLI_CONFIG_FILE, '');
      const dir = project('reattach');

      const schema = terraform(dir, ['providers', 'schema', '-json'], tfEnv);
      expect(schema.status).toBe(0);
      expect(Object.keys((JSON.parse(schema.stdout) as { provider_schemas: object }).provider_schemas)).toEqual([SOURCE]);

      const apply = terraform(dir, ['apply', '-auto-approve', '-no-color'], tfEnv);
      expect(apply.status).toBe(0);
      expect(apply.stdout).toContain('upper = "ONE"');

      const plan = terraform(dir, ['plan', '-detailed-exitcode', '-no-color'], tfEnv);
      expect(plan.status).toBe(0);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  });
});

const IBM_PROVIDER_DIR = join(ROOT, 'dist/provider');
// The ibm provider package exists once src/provider/index.ts does (another issue); until then this is skipped.
const withIbmProvider = existsSync(join(IBM_PROVIDER_DIR, 'terraform-provider-ibm')) ? describe : describe.skip;

withIbmProvider('the built ibm provider', () => {
  test('terraform providers schema -json through dev_overrides, exiting promptly', () => {
    const file = join(work, 'ibm.tfrc');
    const r0 = spawnSync(process.execPath, ['scripts/write-cli-config.mjs', '--out', file], { cwd: ROOT, encoding: 'utf8' });
    expect(r0.status).toBe(0);
    const dir = join(work, 'ibm');
    spawnSync('mkdir', ['-p', dir]);
    writeFileSync(
      join(dir, 'main.tf'),
      'terraform {\n  required_providers {\n    ibm = { source = "registry.terraform.io/ibm-cloud/ibm" }\n  }\n}\n',
    );
    const r = terraform(dir, ['providers', 'schema', '-json'], { TF_CLI_CONFIG_FILE: file, TF_LOG: 'trace' });
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as { provider_schemas: Record<string, unknown> };
    expect(Object.keys(schema.provider_schemas)).toEqual(['registry.terraform.io/ibm-cloud/ibm']);
    expect(r.stderr).not.toContain('plugin failed to exit gracefully');
  });
});
