/**
 * The runner against the real terraform CLI, with only Terraform's built-in
 * terraform_data resource and outputs (no provider needed).
 */
import { existsSync } from 'node:fs';
import { actions, replacePaths, resourceChange, unknownAfterApply } from '../harness/plan-checks.js';
import { expectAttr, resourceAttrs } from '../harness/state-checks.js';
import { isolatedEnv, TerraformError } from '../harness/terraform-runner.js';
import { WorkingDir } from '../harness/working-dir.js';

const config = (input: string, trigger = 'one'): string => `
resource "terraform_data" "a" {
  input            = { name = "${input}", tags = ["x", "y"], size = 3 }
  triggers_replace = "${trigger}"
}

output "name" {
  value = terraform_data.a.output.name
}

output "secret" {
  value     = "s3cr3t"
  sensitive = true
}
`;

/** A check block whose assertion fails: a warning, not an error. */
const CHECK_FAILS = `
variable "v" {
  default = "no"
}
check "always" {
  assert {
    condition     = var.v == "ok"
    error_message = "This check always fails."
  }
}
`;

let wd: WorkingDir;

beforeAll(async () => {
  wd = await WorkingDir.create({ prefix: 'harness-selftest' });
});

afterAll(async () => {
  await wd.cleanup();
  expect(existsSync(wd.root)).toBe(false);
});

test('version and init', async () => {
  expect((await wd.tf.version()).terraform_version).toMatch(/^1\.\d+\.\d+/);
  wd.setConfig(config('first'));
  const init = await wd.tf.init();
  expect(init.stdout).toContain('Terraform has been successfully initialized');
});

test('validate returns JSON diagnostics for valid and invalid configs', async () => {
  expect(await wd.tf.validate()).toMatchObject({ valid: true, error_count: 0 });
  wd.writeFile('broken.tf', 'resource "terraform_data" "bad" {\n  no_such_argument = 1\n}\n');
  const invalid = await wd.tf.validate();
  wd.removeFile('broken.tf');
  expect(invalid.valid).toBe(false);
  expect(invalid.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'Unsupported argument' });
  expect(invalid.diagnostics[0]!.range?.filename).toBe('broken.tf');
});

test('plan with detailed exit code, JSON plan, apply of the saved plan, state and outputs', async () => {
  const plan = await wd.tf.plan({ out: 'tfplan' });
  expect(plan.changes).toBe(true);
  const planJson = await wd.tf.showPlanJson('tfplan');
  expect(actions(planJson, 'terraform_data.a')).toEqual(['create']);
  expect(unknownAfterApply(planJson, 'terraform_data.a')).toEqual(['id', 'output']);
  expect(planJson.output_changes?.['secret']?.after_sensitive).toBe(true);

  await wd.tf.apply({ planFile: 'tfplan' });
  const state = await wd.tf.showStateJson();
  expect(resourceAttrs(state, 'terraform_data.a')).toMatchObject({
    'input.%': '3',
    'input.name': 'first',
    'input.tags.#': '2',
    'input.tags.1': 'y',
    'input.size': '3',
    triggers_replace: 'one',
  });
  expectAttr(state, 'terraform_data.a', 'id', /^[0-9a-f-]{36}$/);
  expect(await wd.tf.output('name')).toBe('first');
  const outputs = await wd.tf.output();
  expect(outputs['secret']).toMatchObject({ sensitive: true, value: 's3cr3t' });

  expect((await wd.tf.plan()).changes).toBe(false);
});

test('in-place update and replacement show up as plan actions', async () => {
  wd.setConfig(config('second'));
  await wd.tf.plan({ out: 'tfplan' });
  expect(actions(await wd.tf.showPlanJson('tfplan'), 'terraform_data.a')).toEqual(['update']);
  await wd.tf.apply({ planFile: 'tfplan' });
  expect(await wd.tf.output('name')).toBe('second');

  wd.setConfig(config('second', 'two'));
  await wd.tf.plan({ out: 'tfplan' });
  const replace = await wd.tf.showPlanJson('tfplan');
  expect(actions(replace, 'terraform_data.a')).toEqual(['delete', 'create']);
  expect(replacePaths(replace, 'terraform_data.a')).toEqual(['triggers_replace']);
  expect(resourceChange(replace, 'terraform_data.a').action_reason).toBe('replace_because_cannot_update');
  await wd.tf.apply({ vars: {} });
});

test('vars, targets and -refresh-only are passed through', async () => {
  wd.writeFile('vars.tf', 'variable "extra" {\n  type    = string\n  default = "d"\n}\nresource "terraform_data" "v" {\n  input = var.extra\n}\n');
  const targeted = await wd.tf.plan({ out: 'tfplan', targets: ['terraform_data.v'], vars: { extra: 'from-var' } });
  expect(targeted.changes).toBe(true);
  const plan = await wd.tf.showPlanJson('tfplan');
  expect((plan.resource_changes ?? []).map((c) => c.address)).toEqual(['terraform_data.v']);
  expect(resourceChange(plan, 'terraform_data.v').change.after).toMatchObject({ input: 'from-var' });
  expect((await wd.tf.plan({ refreshOnly: true })).changes).toBe(false);
  wd.removeFile('vars.tf');
});

test('state list, show and rm', async () => {
  expect(await wd.tf.stateList()).toEqual(['terraform_data.a']);
  expect(await wd.tf.stateShow('terraform_data.a')).toContain('triggers_replace = "two"');
  await wd.tf.stateRm(['terraform_data.a']);
  expect(await wd.tf.stateList()).toEqual([]);
});

test('import by address and id, and import {} with -generate-config-out', async () => {
  wd.setConfig('resource "terraform_data" "a" {\n}\n');
  await wd.tf.import('terraform_data.a', 'abc-123');
  expectAttr(await wd.tf.showStateJson(), 'terraform_data.a', 'id', 'abc-123');

  wd.setConfig('import {\n  to = terraform_data.g\n  id = "xyz"\n}\n');
  await wd.tf.stateRm(['terraform_data.a']);
  const plan = await wd.tf.plan({ generateConfigOut: 'generated.tf' });
  expect(plan.stdout).toContain('1 to import');
  expect(wd.readFile('generated.tf')).toContain('resource "terraform_data" "g"');
  await wd.tf.apply();
  expect(await wd.tf.stateList()).toEqual(['terraform_data.g']);
  expect((await wd.tf.plan()).changes).toBe(false);
  wd.removeFile('generated.tf');
});

test('destroy empties the state', async () => {
  wd.setConfig(config('third'));
  await wd.tf.apply();
  await wd.tf.destroy();
  expect(await wd.tf.stateList()).toEqual([]);
  expect((await wd.tf.showStateJson()).values).toBeUndefined();
});

test('a failing command throws TerraformError carrying the command, exit code and stderr', async () => {
  wd.setConfig('resource "terraform_data" "a" {\n  input = file("does-not-exist.txt")\n}\n');
  const err = await wd.tf.plan().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TerraformError);
  const tfErr = err as TerraformError;
  expect(tfErr.exitCode).toBe(1);
  expect(tfErr.args.slice(0, 2)).toEqual(['plan', '-input=false']);
  expect(tfErr.stderr).toContain('Invalid value for "path" parameter');
  expect(tfErr.message).toMatch(/^terraform plan .* exited with code 1:\n/);
  expect(tfErr.message).toContain('does-not-exist.txt');
});

test('-json plans return parsed diagnostics; failures carry them too', async () => {
  wd.setConfig(CHECK_FAILS);
  const warned = await wd.tf.plan({ json: true });
  expect(warned.diagnostics).toEqual([
    expect.objectContaining({ severity: 'warning', summary: 'Check block assertion failed', detail: 'This check always fails.' }),
  ]);
  wd.setConfig('resource "terraform_data" "a" {\n  input = file("nope")\n}\n');
  const err = (await wd.tf.plan({ json: true }).catch((e: unknown) => e)) as TerraformError;
  expect(err.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'Invalid function argument' });
  expect(err.message).toContain('error: Invalid function argument: Invalid value for "path" parameter');
});

test('timeouts and aborts stop terraform', async () => {
  wd.setConfig(config('x'));
  const timedOut = (await wd.tf.plan({ timeoutMs: 1 }).catch((e: unknown) => e)) as TerraformError;
  expect(timedOut).toBeInstanceOf(TerraformError);
  expect(timedOut.stopped).toBe('timeout');
  expect(timedOut.message).toContain('timed out');
  const controller = new AbortController();
  const pending = wd.tf.plan({ signal: controller.signal }).catch((e: unknown) => e);
  controller.abort();
  expect(((await pending) as TerraformError).stopped).toBe('aborted');
});

test('the environment is isolated from the developer shell', () => {
  const saved = process.env['TF_LOG'];
  process.env['TF_LOG'] = 'trace';
  try {
    const env = isolatedEnv({ EXTRA: '1', CHECKPOINT_DISABLE: undefined });
    expect(env['TF_LOG']).toBeUndefined();
    expect(env['TF_IN_AUTOMATION']).toBe('1');
    expect(env['CHECKPOINT_DISABLE']).toBeUndefined();
    expect(env['EXTRA']).toBe('1');
    expect(env['PATH']).toBe(process.env['PATH']);
  } finally {
    if (saved === undefined) delete process.env['TF_LOG'];
    else process.env['TF_LOG'] = saved;
  }
});
