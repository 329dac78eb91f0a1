/**
 * The data sources with the real terraform CLI (the official
 * TestAccIbmSmServiceCredentialsSecretDataSourceBasic and …MetadataDataSourceBasic
 * configs): by secret_id, by name + secret_group_name, metadata only, and
 * the secret group by id.
 */
import { expectAttr, expectAttrSet, expectNoAttr, findResource, runSteps } from '../harness/index.js';
import type { StateJson } from '../harness/index.js';
import { accTarget, targets } from './acc-target.js';
import { goneFromBackend } from './acc-checks.js';
import { dataSourceConfig } from './configs.js';

const RES = 'ibm_sm_service_credentials_secret.sm_service_credentials_secret_instance';
const BY_ID = 'data.ibm_sm_service_credentials_secret.sm_service_credentials_secret';
const BY_NAME = 'data.ibm_sm_service_credentials_secret.sm_service_credentials_secret_by_name';
const META = 'data.ibm_sm_service_credentials_secret_metadata.sm_service_credentials_secret_metadata';

for (const name of targets(['local-reattach', 'rest-reattach'])) {
  describe(name, () => {
    const acc = accTarget(name);

    test('service credentials secret by id, by name, and its metadata', async () => {
      const inst = acc.instance();
      await runSteps(acc.case({ checkDestroy: goneFromBackend(inst) }), [
        {
          config: acc.config(dataSourceConfig(inst.id)),
          check: (s: StateJson) => {
            for (const addr of [BY_ID, META]) {
              for (const k of ['secret_id', 'instance_id', 'created_by', 'created_at', 'crn', 'secret_group_id', 'secret_type', 'updated_at', 'versions_total', 'ttl']) {
                expectAttrSet(s, addr, k);
              }
              expectAttr(s, addr, 'rotation.#', '1');
              expectAttr(s, addr, 'rotation.0.interval', '1');
              expectAttr(s, addr, 'source_service.#', '1');
              expectAttr(s, addr, 'ttl', '7776000');
              expectAttr(s, addr, 'labels.0', 'my-label');
              expectAttr(s, addr, 'custom_metadata.key', 'value');
              expectAttr(s, addr, 'id', String(findResource(s, RES).values['id']));
            }
            expectAttrSet(s, BY_ID, 'retrieved_at');
            for (const k of ['name', 'secret_group_name', 'secret_id']) expectAttrSet(s, BY_NAME, k);
            expectAttr(s, BY_NAME, 'secret_id', String(findResource(s, RES).values['secret_id']));
            // Credentials: the resource's, sensitive; the metadata data source has none.
            const creds = findResource(s, RES).values['credentials'];
            expect(findResource(s, BY_ID).values['credentials']).toEqual(creds);
            expect(findResource(s, BY_NAME).values['credentials']).toEqual(creds);
            expect(findResource(s, BY_ID).sensitive_values).toMatchObject({ credentials: true });
            expectNoAttr(s, META, 'credentials');
          },
        },
      ]);
    });

    test('lookups that find nothing, and argument combinations, are clear errors', async () => {
      const inst = acc.instance();
      const missing = '0d9a4c2e-1111-4222-8333-944455556666';
      await runSteps(acc.case(), [
        {
          name: 'unknown secret id',
          config: acc.config(`data "ibm_sm_service_credentials_secret" "x" {
  instance_id = "${inst.id}"
  secret_id   = "${missing}"
}
`),
          expectError: /Secret Not Found[\s\S]*secret_id/,
        },
        {
          name: 'unknown group',
          config: acc.config(`data "ibm_sm_secret_group" "g" {
  instance_id     = "${inst.id}"
  secret_group_id = "${missing}"
}
`),
          expectError: /Secret Group Not Found/,
        },
        {
          name: 'name without secret_group_name',
          config: acc.config(`data "ibm_sm_service_credentials_secret" "x" {
  instance_id = "${inst.id}"
  name        = "some-secret"
}
`),
          expectError: /name requires secret_group_name/,
        },
        {
          name: 'both secret_id and name',
          config: acc.config(`data "ibm_sm_service_credentials_secret" "x" {
  instance_id       = "${inst.id}"
  secret_id         = "${missing}"
  name              = "some-secret"
  secret_group_name = "default"
}
`),
          expectError: /Only one of these attributes may be configured: secret_id, name/,
        },
      ]);
    });
  });
}
