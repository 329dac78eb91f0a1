/**
 * What plan-time checks cannot know reaches the user as clear diagnostics
 * from the service: a name already taken in the group (Conflict), a secret
 * group that does not exist (Not Found); and a value that was unknown at
 * plan time is checked once it is known, at apply, before anything is
 * created.
 */
import { runSteps, TerraformError, WorkingDir } from '../harness/index.js';
import { accTarget, targets } from './acc-target.js';
import { basicConfig, EN_CRN, WRITER } from './configs.js';

for (const name of targets(['local-reattach', 'rest-reattach'])) {
  describe(name, () => {
    const acc = accTarget(name);

    test('a name already taken in the group: Conflict', async () => {
      const inst = acc.instance();
      await inst.cli(['secret-create', '--secret-name', 'taken', '--secret-source-service', JSON.stringify({ instance: { crn: EN_CRN }, role: { crn: WRITER } })]);
      await runSteps(acc.case(), [{ config: acc.config(basicConfig(inst.id, 'taken')), expectError: /Conflict[\s\S]*already exists/ }]);
    });

    test('a secret group that does not exist: Not Found', async () => {
      const inst = acc.instance();
      const config = basicConfig(inst.id).replace('  ttl = ', '  secret_group_id = "0d9a4c2e-1111-4222-8333-944455556666"\n  ttl = ');
      await runSteps(acc.case(), [{ config: acc.config(config), expectError: /Not Found[\s\S]*0d9a4c2e-1111-4222-8333-944455556666/ }]);
    });

    test('a name unknown at plan time is checked once known, on the name attribute, before anything is created', async () => {
      const inst = acc.instance();
      const config = `resource "terraform_data" "name" {
  input = "bad name!"
}

${basicConfig(inst.id).replace('name        = "terraform-test-sc-secret"', 'name        = terraform_data.name.output')}`;
      const wd = await WorkingDir.create({ wiring: acc.wiring(), prefix: 'acc-unknown-name' });
      try {
        wd.setConfig(acc.config(config));
        await wd.ensureInit();
        const plan = await wd.tf.plan({ out: 'tfplan' }); // the name is not known yet: nothing to check
        expect(plan.changes).toBe(true);
        const err = await wd.tf.apply({ planFile: 'tfplan' }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(TerraformError);
        expect((err as TerraformError).output).toMatch(
          /Invalid Secret Name[\s\S]*with ibm_sm_service_credentials_secret\.sm_service_credentials_secret_basic,[\s\S]*name\s+= terraform_data\.name\.output[\s\S]*letters, digits/,
        );
        wd.setConfig(acc.config('resource "terraform_data" "name" {\n  input = "bad name!"\n}\n'));
        await wd.tf.destroy();
      } finally {
        await wd.cleanup();
      }
      expect(await inst.cli(['secrets'])).toMatchObject({ total_count: 0 });
    });
  });
}
