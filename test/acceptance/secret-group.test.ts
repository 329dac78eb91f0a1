/**
 * ibm_sm_secret_group with the real terraform CLI: create, update in place,
 * import verify, the data source, a secret in the group, and a delete the
 * service refuses because the group still holds a secret made outside
 * Terraform.
 */
import { actions, expectAttr, expectAttrSet, findResource, runSteps, TerraformError, WorkingDir } from '../harness/index.js';
import type { StateJson } from '../harness/index.js';
import { accTarget, targets } from './acc-target.js';
import { goneFromBackend } from './acc-checks.js';
import { COS_CRN, WRITER } from './configs.js';

const GROUP = 'ibm_sm_secret_group.g';

function groupConfig(instanceId: string, name: string, description: string | undefined, withSecret: boolean): string {
  return `resource "ibm_sm_secret_group" "g" {
  instance_id = "${instanceId}"
  name        = "${name}"
${description !== undefined ? `  description = "${description}"\n` : ''}}

data "ibm_sm_secret_group" "g" {
  instance_id     = "${instanceId}"
  secret_group_id = ibm_sm_secret_group.g.secret_group_id
}
${
  withSecret
    ? `
resource "ibm_sm_service_credentials_secret" "s" {
  instance_id     = "${instanceId}"
  name            = "in-group"
  secret_group_id = ibm_sm_secret_group.g.secret_group_id
  source_service {
    instance {
      crn = "${COS_CRN}"
    }
    role {
      crn = "${WRITER}"
    }
  }
}
`
    : ''
}`;
}

for (const name of targets(['local-reattach', 'rest-reattach', 'local-launched'])) {
  describe(name, () => {
    const acc = accTarget(name);

    test('create, update, import verify, data source, secret in the group', async () => {
      const inst = acc.instance();
      let groupId = '';
      await runSteps(acc.case({ checkDestroy: goneFromBackend(inst) }), [
        {
          name: 'create',
          config: acc.config(groupConfig(inst.id, 'team-a', undefined, false)),
          check: (s: StateJson) => {
            groupId = String(findResource(s, GROUP).values['secret_group_id']);
            expect(groupId).toMatch(/^[0-9a-f-]{36}$/);
            expectAttr(s, GROUP, 'id', `us-south/${inst.id}/${groupId}`);
            expectAttr(s, GROUP, 'region', 'us-south');
            expectAttrSet(s, GROUP, 'created_at');
            expectAttr(s, 'data.ibm_sm_secret_group.g', 'name', 'team-a');
            expectAttr(s, 'data.ibm_sm_secret_group.g', 'id', `us-south/${inst.id}/${groupId}`);
          },
        },
        { name: 'import', importState: true, resourceName: GROUP, importStateVerify: true },
        {
          name: 'rename and describe in place, add a secret to the group',
          config: acc.config(groupConfig(inst.id, 'team-b', 'Secrets of team B.', true)),
          planCheck: (plan) => expect(actions(plan, GROUP)).toEqual(['update']),
          check: async (s) => {
            expect(findResource(s, GROUP).values['secret_group_id']).toBe(groupId);
            expectAttr(s, GROUP, 'description', 'Secrets of team B.');
            expectAttr(s, 'ibm_sm_service_credentials_secret.s', 'secret_group_id', groupId);
            expect(await inst.cli(['secret-group', '--id', groupId])).toMatchObject({ name: 'team-b', description: 'Secrets of team B.' });
          },
        },
        { name: 'import after update', importState: true, resourceName: GROUP, importStateVerify: true },
      ]);
    });

    test('a group that still holds a secret cannot be destroyed, with a clear diagnostic', async () => {
      const inst = acc.instance();
      const wd = await WorkingDir.create({ wiring: acc.wiring(), prefix: 'acc-group-nonempty' });
      try {
        wd.setConfig(acc.config(groupConfig(inst.id, 'shared', undefined, false)));
        await wd.ensureInit();
        await wd.tf.apply();
        const groupId = String(findResource(await wd.tf.showStateJson(), GROUP).values['secret_group_id']);
        const outside = (await inst.cli([
          'secret-create',
          '--secret-name',
          'made-outside',
          '--secret-group-id',
          groupId,
          '--secret-source-service',
          JSON.stringify({ instance: { crn: COS_CRN }, role: { crn: WRITER } }),
        ])) as { id: string };
        const err = await wd.tf.destroy().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(TerraformError);
        expect((err as TerraformError).output).toMatch(/Secret Group Not Empty/);
        expect((err as TerraformError).output).toMatch(/still holds/);
        await inst.cli(['secret-delete', '--id', outside.id]);
        await wd.tf.destroy();
        expect(await wd.tf.stateList()).toEqual([]);
      } finally {
        await wd.cleanup();
      }
    });
  });
}
