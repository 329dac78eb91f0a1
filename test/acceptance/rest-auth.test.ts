/**
 * The provider pointed at a real `ibm-sm serve`: a wrong API key (401) and a
 * Reader key creating a secret (403) reach the user as clear diagnostics
 * that say what to check, and never quote the key.
 */
import { TerraformError, WorkingDir } from '../harness/index.js';
import { accTarget, BAD_KEY, READER_KEY, REQUIRED_PROVIDERS, targets } from './acc-target.js';
import type { AccTarget } from './acc-target.js';
import { basicConfig } from './configs.js';

async function applyWithKey(acc: AccTarget, apiKey: string, instanceId: string): Promise<TerraformError> {
  const wd = await WorkingDir.create({ wiring: acc.wiring(), prefix: 'acc-auth' });
  try {
    wd.setConfig(`${REQUIRED_PROVIDERS}\nprovider "ibm" {\n${acc.providerArguments(apiKey)}}\n\n${basicConfig(instanceId)}`);
    await wd.ensureInit();
    const err = await wd.tf.apply().then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(err instanceof TerraformError)) throw new Error('expected the apply to fail');
    expect(await wd.tf.stateList()).toEqual([]);
    return err;
  } finally {
    await wd.cleanup();
  }
}

for (const name of targets(['rest-reattach'])) {
  describe(name, () => {
    const acc = accTarget(name);

    test('a wrong API key: Authentication Failed, check ibmcloud_api_key', async () => {
      const err = await applyWithKey(acc, BAD_KEY, acc.instance().id);
      const out = err.output.replace(/\s+/g, ' ');
      expect(out).toContain('Authentication Failed');
      expect(out).toContain('ibmcloud_api_key');
      expect(out).toMatch(/HTTP 40[01]/);
      expect(out).not.toContain(BAD_KEY);
    });

    test('a Reader key creating a secret: Permission Denied, needs Writer', async () => {
      const err = await applyWithKey(acc, READER_KEY, acc.instance().id);
      const out = err.output.replace(/\s+/g, ' ');
      expect(out).toContain('Permission Denied');
      expect(out).toContain('Writer service role');
      expect(out).toMatch(/HTTP 403/);
      expect(out).not.toContain(READER_KEY);
    });
  });
}
