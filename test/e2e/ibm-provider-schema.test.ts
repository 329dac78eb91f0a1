/**
 * The real `ibm` provider (dist/provider) through the terraform CLI:
 * `terraform providers schema -json` shows the provider configuration schema.
 *
 * (Terraform prunes a provider no resource uses, so `terraform validate` only
 * checks a provider block once the provider has resources; until then the
 * block's validation is covered in-process by test/framework/ibm-provider-config.)
 */
import { devOverrides, IBM_PROVIDER, providerExecutable, WorkingDir } from '../harness/index.js';

interface SchemaAttribute {
  type: unknown;
  optional?: boolean;
  required?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
  description?: string;
}
interface ProvidersSchema {
  format_version: string;
  provider_schemas: Record<string, { provider: { block: { attributes: Record<string, SchemaAttribute> } }; resource_schemas?: object }>;
}

const REQUIRED_PROVIDERS = `
terraform {
  required_providers {
    ibm = { source = "registry.terraform.io/ibm-cloud/ibm" }
  }
}
`;

let wd: WorkingDir;
beforeAll(async () => {
  providerExecutable(IBM_PROVIDER); // a clear "run npm run build" error when missing
  wd = await WorkingDir.create({ wiring: devOverrides(IBM_PROVIDER), prefix: 'ibm-schema' });
});
afterAll(async () => {
  await wd.cleanup();
});

test('terraform providers schema -json shows the provider configuration schema', async () => {
  wd.setConfig(REQUIRED_PROVIDERS);
  const schema = (await wd.tf.providersSchema()) as ProvidersSchema;
  const attrs = schema.provider_schemas['registry.terraform.io/ibm-cloud/ibm']!.provider.block.attributes;
  for (const name of ['ibmcloud_api_key', 'region', 'zone', 'visibility', 'ibmcloud_timeout', 'max_retries', 'endpoints_file_path', 'secrets_manager_endpoint', 'iam_endpoint', 'local_store']) {
    expect(attrs[name]).toMatchObject({ optional: true });
  }
  expect(attrs['ibmcloud_api_key']).toMatchObject({ type: 'string', sensitive: true });
  expect(attrs['ibmcloud_timeout']!.type).toBe('number');
  expect(attrs['bluemix_api_key']).toMatchObject({ deprecated: true, sensitive: true });
  expect(attrs['region']!.description).toContain('IC_REGION');
  expect(Object.keys(attrs)).toHaveLength(30);
});
