/**
 * No credential reaches a log: TF_LOG=trace output of a full plan, apply,
 * refresh and destroy (provider launched by terraform, so its logs are part
 * of terraform's) holds none of the secret values the store minted — read
 * back with bin/ibm-sm — nor the provider's API key.
 */
import { findResource, flattenValues, WorkingDir } from '../harness/index.js';
import { accTarget, MANAGER_KEY, targets } from './acc-target.js';
import { apiSecret } from './acc-checks.js';
import { COS_CRN, WRITER } from './configs.js';

const ADDR = 'ibm_sm_service_credentials_secret.logged';

for (const name of targets(['local-launched', 'rest-launched'])) {
  describe(name, () => {
    const acc = accTarget(name);

    test('TF_LOG=trace of a full lifecycle contains no credential value', async () => {
      const inst = acc.instance();
      const config = acc.config(`resource "ibm_sm_service_credentials_secret" "logged" {
  instance_id = "${inst.id}"
  name        = "logged-secret"
  ttl         = "30d"
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

output "access_key_id" {
  value     = ibm_sm_service_credentials_secret.logged.credentials["cos_hmac_keys.access_key_id"]
  sensitive = true
}
`);
      const wd = await WorkingDir.create({ wiring: acc.wiring(), prefix: 'acc-logs', env: { TF_LOG: 'trace' } });
      try {
        wd.setConfig(config);
        await wd.ensureInit();
        const outputs: string[] = [];
        const keep = (r: { stdout: string; stderr: string }) => outputs.push(r.stdout, r.stderr);
        keep(await wd.tf.plan({ out: 'tfplan' }));
        keep(await wd.tf.apply({ planFile: 'tfplan' }));
        keep(await wd.tf.plan());
        const state = await wd.tf.showStateJson({ env: { TF_LOG: undefined } });
        const resource = findResource(state, ADDR);
        const id = String(resource.values['secret_id']);
        const api = await apiSecret(inst, id);
        keep(await wd.tf.destroy());
        const log = outputs.join('\n');
        expect(log).toMatch(/\[TRACE\]/); // the log really is at trace level
        expect(log).toMatch(/tf_rpc|ApplyResourceChange/);

        // Secret values: credential values that appear nowhere else (not in the config, not in any non-sensitive attribute).
        const visible = JSON.stringify({ ...resource.values, credentials: undefined }) + config;
        const secrets = Object.entries(flattenValues(api.credentials)).filter(([, v]) => v.length >= 8 && !visible.includes(v));
        expect(secrets.map(([k]) => k)).toEqual(expect.arrayContaining(['apikey', 'cos_hmac_keys.access_key_id', 'cos_hmac_keys.secret_access_key']));
        const leaked = secrets.filter(([, v]) => log.includes(v)).map(([k]) => k);
        expect(leaked).toEqual([]);
        expect(log).not.toContain(MANAGER_KEY);
      } finally {
        await wd.cleanup();
      }
    });
  });
}
