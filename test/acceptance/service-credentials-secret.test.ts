/**
 * The official acceptance tests of ibm_sm_service_credentials_secret
 * (TestAccIbmSmServiceCredentialsSecretBasic and …AllArgs, spec §4) with the
 * real terraform CLI, against the embedded store and a real `ibm-sm serve`
 * process, with the provider reattached and launched by terraform.
 * Import verification ignores only retrieved_at (every read retrieves the credentials): unlike the
 * official provider, ttl survives import.
 */
import { actions, expectAttr, expectAttrSet, runSteps } from '../harness/index.js';
import type { StateJson } from '../harness/index.js';
import { accTarget, targets } from './acc-target.js';
import { apiSecret, attr, goneFromBackend } from './acc-checks.js';
import { ALL_ARGS_STEP1, ALL_ARGS_STEP2, allArgsConfig, basicConfig, EN_CRN, NAME, SERVICE_ID_CRN, TTL, WRITER } from './configs.js';

const BASIC = 'ibm_sm_service_credentials_secret.sm_service_credentials_secret_basic';
const ALL = 'ibm_sm_service_credentials_secret.sm_service_credentials_secret';
const IGNORE = ['retrieved_at'];

for (const name of targets()) {
  describe(name, () => {
    const acc = accTarget(name);

    test('basic: create, import verify, destroy', async () => {
      const inst = acc.instance();
      await runSteps(acc.case({ checkDestroy: goneFromBackend(inst) }), [
        {
          name: 'create',
          config: acc.config(basicConfig(inst.id)),
          check: (s: StateJson) => {
            for (const k of ['secret_id', 'created_by', 'created_at', 'updated_at', 'retrieved_at', 'crn', 'downloaded']) expectAttrSet(s, BASIC, k);
            expectAttr(s, BASIC, 'state', '1');
            expectAttr(s, BASIC, 'versions_total', '1');
            expectAttr(s, BASIC, 'ttl', TTL);
            expectAttr(s, BASIC, 'secret_type', 'service_credentials');
            expectAttr(s, BASIC, 'secret_group_id', 'default');
            expectAttr(s, BASIC, 'id', new RegExp(`^us-south/${inst.id}/[0-9a-f-]{36}$`));
            expectAttr(s, BASIC, 'source_service.0.iam.0.role.0.crn', WRITER);
            expectAttrSet(s, BASIC, 'source_service.0.iam.0.apikey.0.name');
            expectAttrSet(s, BASIC, 'source_service.0.resource_key.0.crn');
            expectAttrSet(s, BASIC, 'credentials.apikey');
          },
        },
        { name: 'import', importState: true, resourceName: BASIC, importStateVerify: true, importStateVerifyIgnore: IGNORE },
      ]);
    });

    test('all args: create, import verify, in-place update, import verify', async () => {
      const inst = acc.instance();
      let secretId = '';
      await runSteps(acc.case({ checkDestroy: goneFromBackend(inst) }), [
        {
          name: 'create',
          config: acc.config(allArgsConfig(inst.id, ALL_ARGS_STEP1)),
          check: async (s) => {
            secretId = String(attr(s, ALL, 'secret_id'));
            for (const k of ['secret_id', 'created_by', 'created_at', 'updated_at', 'crn', 'downloaded', 'next_rotation_date']) expectAttrSet(s, ALL, k);
            expectAttr(s, ALL, 'state', '1');
            expectAttr(s, ALL, 'versions_total', '1');
            expectAttr(s, ALL, 'ttl', TTL);
            const api = await apiSecret(inst, secretId);
            expect(api).toMatchObject({
              name: NAME,
              description: ALL_ARGS_STEP1.description,
              labels: ['my-label-1'],
              custom_metadata: { key1: 'value1' },
              rotation: { auto_rotate: true, interval: 2, unit: 'month' },
              ttl: TTL,
              source_service: { instance: { crn: EN_CRN }, role: { crn: WRITER }, parameters: { serviceid_crn: SERVICE_ID_CRN } },
            });
            expect(api.credentials['iam_role_crn']).toBe(WRITER);
            expect(api.credentials['iam_serviceid_crn']).toBe(SERVICE_ID_CRN);
          },
        },
        { name: 'import after create', importState: true, resourceName: ALL, importStateVerify: true, importStateVerifyIgnore: IGNORE },
        {
          name: 'update in place',
          config: acc.config(allArgsConfig(inst.id, ALL_ARGS_STEP2)),
          planCheck: (plan, output) => {
            expect(actions(plan, ALL)).toEqual(['update']);
            expect(output).toMatch(/TTL Change Applies From the Next Rotation/);
          },
          check: async (s) => {
            expect(attr(s, ALL, 'secret_id')).toBe(secretId);
            expectAttr(s, ALL, 'ttl', ALL_ARGS_STEP2.ttl);
            const api = await apiSecret(inst, secretId);
            expect(api).toMatchObject({
              name: ALL_ARGS_STEP2.name,
              description: ALL_ARGS_STEP2.description,
              labels: ['modified-label-1'],
              ttl: ALL_ARGS_STEP2.ttl,
              rotation: { auto_rotate: true, interval: 3, unit: 'day' },
            });
            // Replaced, not merged.
            expect(api['custom_metadata']).toEqual({ key2: 'value2' });
          },
        },
        { name: 'import after update', importState: true, resourceName: ALL, importStateVerify: true, importStateVerifyIgnore: IGNORE },
      ]);
    });
  });
}
