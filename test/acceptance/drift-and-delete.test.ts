/**
 * Things that happen behind Terraform's back: a secret deleted with
 * bin/ibm-sm is dropped on refresh and planned again; destroying a secret
 * that is already gone succeeds; a locked secret refuses to be destroyed
 * with a diagnostic naming the lock and how to remove it.
 */
import { actions, findResource, runSteps, TerraformError, WorkingDir } from '../harness/index.js';
import { accTarget, targets } from './acc-target.js';
import { goneFromBackend } from './acc-checks.js';
import { basicConfig } from './configs.js';

const ADDR = 'ibm_sm_service_credentials_secret.sm_service_credentials_secret_basic';

for (const name of targets(['local-reattach', 'rest-reattach', 'local-launched'])) {
  describe(name, () => {
    const acc = accTarget(name);

    test('drift: a secret deleted outside Terraform is planned again', async () => {
      const inst = acc.instance();
      let firstId = '';
      await runSteps(acc.case({ checkDestroy: goneFromBackend(inst) }), [
        { name: 'create', config: acc.config(basicConfig(inst.id)), check: (s) => void (firstId = String(findResource(s, ADDR).values['secret_id'])) },
        {
          name: 'recreate after ibm-sm secret-delete',
          preConfig: async () => {
            await inst.cli(['secret-delete', '--id', firstId]);
          },
          config: acc.config(basicConfig(inst.id)),
          planCheck: (plan) => expect(actions(plan, ADDR)).toEqual(['create']),
          check: (s) => expect(findResource(s, ADDR).values['secret_id']).not.toBe(firstId),
        },
      ]);
    });

    test('destroying a secret that is already gone succeeds', async () => {
      const inst = acc.instance();
      const wd = await WorkingDir.create({ wiring: acc.wiring(), prefix: 'acc-gone' });
      try {
        wd.setConfig(acc.config(basicConfig(inst.id)));
        await wd.ensureInit();
        await wd.tf.apply();
        const id = String(findResource(await wd.tf.showStateJson(), ADDR).values['secret_id']);
        await inst.cli(['secret-delete', '--id', id]);
        // Without a refresh, terraform asks the provider to delete what it still believes exists.
        await wd.tf.run(['destroy', '-input=false', '-no-color', '-auto-approve', '-refresh=false']);
        expect(await wd.tf.stateList()).toEqual([]);
      } finally {
        await wd.cleanup();
      }
    });

    test('a locked secret refuses destroy, naming the lock; unlocked it goes', async () => {
      const inst = acc.instance();
      const wd = await WorkingDir.create({ wiring: acc.wiring(), prefix: 'acc-locked' });
      try {
        wd.setConfig(acc.config(basicConfig(inst.id)));
        await wd.ensureInit();
        await wd.tf.apply();
        const id = String(findResource(await wd.tf.showStateJson(), ADDR).values['secret_id']);
        await inst.cli(['secret-lock-add', '--id', id, '--locks', '[{"name":"release-freeze"}]']);
        const err = await wd.tf.destroy().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(TerraformError);
        const out = (err as TerraformError).output.replace(/\s+/g, ' ');
        expect(out).toMatch(/Secret Is Locked/);
        expect(out).toMatch(/release-freeze/);
        expect(out).toContain(`ibm-sm secret-lock-remove --id ${id} --names release-freeze`);
        expect(await wd.tf.stateList()).toEqual([ADDR]);
        await inst.cli(['secret-lock-remove', '--id', id, '--names', 'release-freeze']);
        await wd.tf.destroy();
        expect((await inst.cliRaw(['secret-metadata', '--id', id])).stderr).toMatch(/NotFound/);
      } finally {
        await wd.cleanup();
      }
    });
  });
}
