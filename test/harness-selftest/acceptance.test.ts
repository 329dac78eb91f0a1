/**
 * runSteps end to end with the real terraform CLI and terraform_data:
 * apply + checks, import + verify, update, expected errors and warnings,
 * plan-only steps, the "plan is empty after apply" rule, and the final destroy.
 */
import { normalizeOutput, runSteps } from '../harness/acceptance.js';
import { actions } from '../harness/plan-checks.js';
import { expectAttr, expectAttrSet, expectNoAttr, hasResource } from '../harness/state-checks.js';
import type { StateJson } from '../harness/terraform-json.js';
import { WorkingDir } from '../harness/working-dir.js';

const data = (input: string): string => `
resource "terraform_data" "a" {
  input = { name = "${input}", list = ["p", "q"] }
}
`;

const WARNS = `
resource "terraform_data" "a" {
  input = "w"
}
variable "v" {
  default = "no"
}
check "always" {
  assert {
    condition     = var.v == "ok"
    error_message = "This check always fails, and its message is long enough that Terraform wraps it onto a second line."
  }
}
`;

async function rejection(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof Error)) throw new Error('expected runSteps to fail');
  return e;
}

test('apply, import with verify, update, then destroy and checkDestroy', async () => {
  const wd = await WorkingDir.create({ prefix: 'harness-acc' });
  let destroyedState: StateJson | undefined;
  let importedId = '';
  try {
    const { lastState } = await runSteps(
      {
        workingDir: wd,
        checkDestroy: async (last) => {
          destroyedState = last;
          expect(await wd.tf.stateList()).toEqual([]);
        },
      },
      [
        {
          name: 'create',
          config: data('one'),
          planCheck: (plan) => expect(actions(plan, 'terraform_data.a')).toEqual(['create']),
          check: (s) => {
            expectAttr(s, 'terraform_data.a', 'input.name', 'one');
            expectAttr(s, 'terraform_data.a', 'input.list.#', 2);
            expectAttrSet(s, 'terraform_data.a', 'id');
            expectNoAttr(s, 'terraform_data.a', 'triggers_replace');
          },
        },
        {
          name: 'import',
          importState: true,
          resourceName: 'terraform_data.a',
          importStateVerify: true,
          // terraform_data imports only its id.
          importStateVerifyIgnore: ['input', 'output'],
          check: (imported) => {
            importedId = String(imported.values?.root_module?.resources?.[0]?.values['id']);
          },
        },
        {
          name: 'update',
          config: data('two'),
          planCheck: (plan) => expect(actions(plan, 'terraform_data.a')).toEqual(['update']),
          check: (s) => expectAttr(s, 'terraform_data.a', 'output.name', 'two'),
        },
      ],
    );
    expect(hasResource(lastState!, 'terraform_data.a')).toBe(true);
    expect(importedId).toBe(lastState!.values?.root_module?.resources?.[0]?.values['id']);
    expect(destroyedState).toBe(lastState);
  } finally {
    await wd.cleanup();
  }
});

test('expected errors pass; a missing or different error fails the step', async () => {
  await runSteps({}, [{ config: 'resource "terraform_data" "a" {\n  input = file("nope")\n}\n', expectError: /Invalid value for "path" parameter/ }]);

  const different = await rejection(
    runSteps({}, [{ config: 'resource "terraform_data" "a" {\n  input = file("nope")\n}\n', expectError: /Something else/ }]),
  );
  expect(different.message).toMatch(/^step 1\/1: expected an error matching \/Something else\/, got:\nterraform plan/);

  const none = await rejection(runSteps({}, [{ config: data('x'), expectError: /anything/ }]));
  expect(none.message).toContain('but plan and apply succeeded');
});

test('warnings match across wrapped lines; plan-only steps', async () => {
  await runSteps({}, [
    { name: 'plan only', config: WARNS, planOnly: true, expectNonEmptyPlan: true, expectWarning: /check always fails, and its message is long enough that Terraform wraps it onto a second line/ },
    { name: 'apply', config: WARNS, expectWarning: /Check block assertion failed/ },
    { name: 'unchanged', config: WARNS, planOnly: true },
  ]);
  const missing = await rejection(runSteps({}, [{ config: data('x'), expectWarning: /never printed/ }]));
  expect(missing.message).toContain('expected a warning matching /never printed/');
  const notEmpty = await rejection(runSteps({}, [{ config: data('x'), planOnly: true }]));
  expect(notEmpty.message).toContain('the plan was not empty');
});

test('a perpetual diff after apply fails the step unless a non-empty plan is expected', async () => {
  const perpetual = 'resource "terraform_data" "a" {\n  triggers_replace = timestamp()\n}\n';
  const err = await rejection(runSteps({}, [{ config: perpetual }]));
  expect(err.message).toContain('after applying this step, the plan was not empty');
  expect(err.message).toContain('must be replaced');
  await runSteps({}, [{ config: perpetual, expectNonEmptyPlan: true }]);
});

test('import verification lists the differing attributes', async () => {
  const err = await rejection(
    runSteps({}, [{ config: data('v') }, { importState: true, resourceName: 'terraform_data.a', importStateVerify: true }]),
  );
  expect(err.message).toMatch(/^step 2\/2: imported terraform_data\.a \(id "[0-9a-f-]+"\) differs from the applied state/);
  expect(err.message).toContain('input.name: "v" → (unset)');
});

test('a failing check names its step, and resources are destroyed anyway', async () => {
  const wd = await WorkingDir.create({ prefix: 'harness-acc-fail' });
  try {
    const err = await rejection(
      runSteps({ workingDir: wd }, [
        { config: data('ok') },
        { name: 'bad check', config: data('later'), check: (s) => expectAttr(s, 'terraform_data.a', 'input.name', 'wrong') },
      ]),
    );
    expect(err.message).toBe('step 2/2 (bad check): terraform_data.a: attribute "input.name" is "later", expected "wrong"');
    expect(await wd.tf.stateList()).toEqual([]);
  } finally {
    await wd.cleanup();
  }
});

test('step env and vars reach terraform; checks can run more commands', async () => {
  const cfg = 'variable "from_env" {}\nvariable "from_var" {}\noutput "both" {\n  value = "${var.from_env}+${var.from_var}"\n}\n';
  await runSteps({}, [
    {
      config: cfg,
      env: { TF_VAR_from_env: 'e' },
      vars: { from_var: 'v' },
      check: async (_state, wd) => expect(await wd.tf.output('both')).toBe('e+v'),
    },
  ]);
});

test('normalizeOutput joins boxed, wrapped diagnostics', () => {
  const boxed = '╷\n│ Warning: Something\n│ \n│ The new TTL applies from\n│ the next rotation.\n╵\n';
  expect(normalizeOutput(boxed)).toBe('Warning: Something The new TTL applies from the next rotation.');
});
