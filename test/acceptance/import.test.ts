/**
 * Adopting secrets made outside Terraform: `terraform import` with a
 * hand-written config, and an `import {}` block with -generate-config-out
 * whose generated file plans empty. Both rely on read setting everything
 * the service has, ttl and (on import) the rotation policy and role included.
 */
import { expectAttr, findResource, resourceAttrs, runSteps, WorkingDir } from '../harness/index.js';
import { accTarget, targets } from './acc-target.js';
import type { AccInstance } from './acc-target.js';
import { goneFromBackend } from './acc-checks.js';
import { COS_CRN, WRITER } from './configs.js';

const ADDR = 'ibm_sm_service_credentials_secret.adopted';

/** A COS secret with HMAC, labels, metadata, TTL and auto-rotation, made with bin/ibm-sm. */
async function secretMadeOutside(inst: AccInstance, name: string): Promise<string> {
  const made = (await inst.cli([
    'secret-create',
    '--secret-name',
    name,
    '--secret-description',
    'Made outside Terraform.',
    '--secret-labels',
    'team-a,prod',
    '--secret-custom-metadata',
    '{"owner":"team-a"}',
    '--secret-ttl',
    '30d',
    '--secret-rotation',
    '{"auto_rotate":true,"interval":7,"unit":"day"}',
    '--secret-source-service',
    JSON.stringify({ instance: { crn: COS_CRN }, role: { crn: WRITER }, parameters: { HMAC: true } }),
  ])) as { id: string };
  return made.id;
}

function adoptedConfig(instanceId: string, name: string): string {
  return `resource "ibm_sm_service_credentials_secret" "adopted" {
  instance_id     = "${instanceId}"
  name            = "${name}"
  description     = "Made outside Terraform."
  labels          = ["team-a", "prod"]
  custom_metadata = { owner = "team-a" }
  ttl             = "30d"
  rotation {
    auto_rotate = true
    interval    = 7
    unit        = "day"
  }
  source_service {
    instance {
      crn = "${COS_CRN}"
    }
    role {
      crn = "${WRITER}"
    }
    parameters = { HMAC = true }
  }
}
`;
}

for (const name of targets(['local-reattach', 'rest-reattach'])) {
  describe(name, () => {
    const acc = accTarget(name);

    test('terraform import of a secret made outside Terraform, then an empty plan', async () => {
      const inst = acc.instance();
      const id = await secretMadeOutside(inst, 'adopted-by-import');
      await runSteps(acc.case({ checkDestroy: goneFromBackend(inst) }), [
        {
          name: 'import',
          importState: true,
          resourceName: ADDR,
          importStateId: `us-south/${inst.id}/${id}`,
          config: acc.config(adoptedConfig(inst.id, 'adopted-by-import')),
          check: (s) => {
            expectAttr(s, ADDR, 'ttl', '30d');
            expectAttr(s, ADDR, 'rotation.0.interval', '7');
            expectAttr(s, ADDR, 'source_service.0.role.0.crn', WRITER);
            expectAttr(s, ADDR, 'source_service.0.parameters.HMAC', 'true');
            expect(resourceAttrs(s, ADDR)['credentials.cos_hmac_keys.access_key_id']).toMatch(/^[0-9a-f]{32}$/);
          },
        },
      ]);
      // The import step runs in a scratch copy; import for real and plan in one directory.
      const wd = await WorkingDir.create({ wiring: acc.wiring(), prefix: 'acc-import' });
      try {
        wd.setConfig(acc.config(adoptedConfig(inst.id, 'adopted-by-import')));
        await wd.ensureInit();
        await wd.tf.import(ADDR, `us-south/${inst.id}/${id}`);
        const plan = await wd.tf.plan();
        expect({ changes: plan.changes, out: plan.changes ? plan.stdout : '' }).toEqual({ changes: false, out: '' });
        await wd.tf.destroy();
        expect((await inst.cliRaw(['secret-metadata', '--id', id])).stderr).toMatch(/NotFound/);
      } finally {
        await wd.cleanup();
      }
    });

    test('import {} block with -generate-config-out: the generated config plans empty', async () => {
      const inst = acc.instance();
      const id = await secretMadeOutside(inst, 'adopted-by-block');
      const wd = await WorkingDir.create({ wiring: acc.wiring(), prefix: 'acc-import-block' });
      try {
        wd.setConfig(acc.config(`import {
  to = ${ADDR}
  id = "us-south/${inst.id}/${id}"
}
`));
        await wd.ensureInit();
        const first = await wd.tf.plan({ generateConfigOut: 'generated.tf' });
        expect(first.changes).toBe(true); // the import itself
        const generated = wd.readFile('generated.tf');
        expect(generated).toContain('ttl                     = "30d"');
        expect(generated).toMatch(/rotation \{\s+auto_rotate = true\s+interval\s+= 7\s+unit\s+= "day"/);
        expect(generated).not.toMatch(/^\s*credentials\s*=/m);
        await wd.tf.apply();
        const state = await wd.tf.showStateJson();
        expect(findResource(state, ADDR).values['secret_id']).toBe(id);
        const after = await wd.tf.plan();
        if (after.changes) throw new Error(`the generated config does not plan empty:\n${generated}\n${after.stdout}`);
        await wd.tf.destroy();
        const gone = await inst.cliRaw(['secret-metadata', '--id', id]);
        expect(gone.stderr).toMatch(/NotFound/);
      } finally {
        await wd.cleanup();
      }
    });
  });
}
