/**
 * examples/ as users will run them: formatted (terraform fmt -check), and
 * applied against an embedded store with the provider launched by
 * terraform — provider, resources and data sources together; the import.sh
 * commands with real IDs; the quickstart, including the TTL-change plan.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devOverrides, findResource, IBM_PROVIDER, providerExecutable, TerraformRunner, WorkingDir } from '../harness/index.js';
import { tempDir } from './acc-target.js';

const EXAMPLES = join(process.cwd(), 'examples');
const read = (rel: string): string => readFileSync(join(EXAMPLES, rel), 'utf8');
const INSTANCE = '6ebc4224-e983-496a-8a54-f40a0bfa9175';

/** The `terraform import <address> <id>` line of an import.sh. */
function importLine(rel: string): { address: string; id: string } {
  const line = read(rel)
    .split('\n')
    .find((l) => l.startsWith('terraform import '));
  const [, , address = '', id = ''] = line?.split(/\s+/) ?? [];
  return { address, id };
}

beforeAll(() => providerExecutable(IBM_PROVIDER));

test('every example is formatted (terraform fmt -check -recursive)', async () => {
  const tf = new TerraformRunner({ dir: EXAMPLES });
  const r = await tf.fmtCheck('.', { recursive: true });
  expect(r.diff).toBe('');
  expect(r.ok).toBe(true);
});

test('provider, resource and data source examples apply, plan empty, import by their import.sh IDs, destroy', async () => {
  const store = tempDir('examples-store');
  const wd = await WorkingDir.create({ wiring: devOverrides(IBM_PROVIDER), prefix: 'acc-examples', env: { IBM_SM_LOCAL_STORE: join(store.path, 'store.db') } });
  try {
    wd.writeFile('provider.tf', read('provider/provider.tf'));
    for (const dir of readdirSync(join(EXAMPLES, 'resources'))) wd.writeFile(`resource-${dir}.tf`, read(`resources/${dir}/resource.tf`));
    for (const dir of readdirSync(join(EXAMPLES, 'data-sources'))) wd.writeFile(`data-${dir}.tf`, read(`data-sources/${dir}/data-source.tf`));
    await wd.tf.apply();
    expect((await wd.tf.plan()).changes).toBe(false);
    const state = await wd.tf.showStateJson();
    const outputs = await wd.tf.output();
    expect(outputs['example_access_key_id']).toMatchObject({ sensitive: true, value: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(outputs['example_apikey']).toMatchObject({ sensitive: true });
    expect(outputs['example_group_name']).toMatchObject({ value: 'example-group' });
    expect(String((outputs['example_expiration_date'] as { value: unknown }).value)).toMatch(/^\d{4}-/);

    // import.sh: same command, with the IDs this store minted.
    const scratch = await wd.scratchCopy();
    try {
      for (const [dir, idAttr] of [
        ['ibm_sm_service_credentials_secret', 'secret_id'],
        ['ibm_sm_secret_group', 'secret_group_id'],
      ] as const) {
        const { address, id } = importLine(`resources/${dir}/import.sh`);
        expect(id).toMatch(new RegExp(`^us-south/${INSTANCE}/[0-9a-f-]{36}$`));
        const real = `us-south/${INSTANCE}/${String(findResource(state, address).values[idAttr])}`;
        await scratch.tf.import(address, real);
      }
      // Data sources read the same objects; nothing to change.
      expect((await scratch.tf.plan()).changes).toBe(false);
    } finally {
      await scratch.cleanup();
    }
    await wd.tf.destroy();
  } finally {
    await wd.cleanup();
    store.cleanup();
  }
});

test('quickstart: apply against a local store, sensitive outputs, the TTL-change plan warns', async () => {
  const store = tempDir('quickstart-store');
  const wd = await WorkingDir.create({ wiring: devOverrides(IBM_PROVIDER), prefix: 'acc-quickstart' });
  try {
    for (const f of readdirSync(join(EXAMPLES, 'quickstart'))) wd.writeFile(f, read(`quickstart/${f}`));
    const vars = { local_store: join(store.path, 'quickstart.db') };
    await wd.tf.apply({ vars });
    const outputs = await wd.tf.output();
    for (const name of ['access_key_id', 'secret_access_key', 'apikey']) expect(outputs[name]).toMatchObject({ sensitive: true });
    expect((outputs['secret_id'] as { sensitive: boolean }).sensitive).toBe(false);
    expect((await wd.tf.plan({ vars })).changes).toBe(false);
    const ttl = await wd.tf.plan({ vars: { ...vars, ttl: '20d' } });
    expect(ttl.changes).toBe(true);
    expect(ttl.stdout.replace(/\s+/g, ' ')).toMatch(/TTL Change Applies From the Next Rotation/);
    expect(ttl.stdout).toMatch(/1 to change/);
    await wd.tf.destroy({ vars });
  } finally {
    await wd.cleanup();
    store.cleanup();
  }
});
