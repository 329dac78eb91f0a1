/**
 * `npm run demo` (scripts/demo.mjs) as a user runs it: init through a
 * filesystem mirror, apply of the quickstart against an embedded store,
 * the secret shown with credential values redacted, and the TTL-change
 * warning — with no credential value anywhere in its output, and no SQLite
 * side files left beside the store.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { flattenValues, isolatedEnv } from '../harness/index.js';
import { runCli, tempDir } from './acc-target.js';

test('npm run demo: apply, redacted secret, TTL warning, no credential in the output', async () => {
  const dir = tempDir('demo');
  try {
    const out = await new Promise<{ code: number; text: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(process.cwd(), 'scripts/demo.mjs')], {
        env: isolatedEnv({ IBM_SM_DEMO_DIR: dir.path }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (text += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, text }));
    });
    expect(out.code).toBe(0);
    const text = out.text.replace(/\s+/g, ' ');
    expect(text).toContain('Installed ibm-cloud/ibm');
    expect(text).toContain('Apply complete! Resources: 2 added');
    expect(text).toMatch(/"cos_hmac_keys.access_key_id": "<redacted, 32 characters>"/);
    expect(text).toContain('TTL Change Applies From the Next Rotation');

    // Each provider process closed the store at shutdown: no WAL side files are left behind.
    expect(readdirSync(dir.path).filter((f) => f.startsWith('quickstart.db')).sort()).toEqual(['quickstart.db', 'quickstart.db.key']);

    const id = /secret-metadata --id ([0-9a-f-]{36})/.exec(out.text)?.[1];
    expect(id).toBeDefined();
    const r = await runCli(['--store', join(dir.path, 'quickstart.db'), '--instance-id', '6ebc4224-e983-496a-8a54-f40a0bfa9175', 'secret', '--id', id!]);
    const credentials = flattenValues((JSON.parse(r.stdout) as { credentials: Record<string, unknown> }).credentials);
    for (const key of ['apikey', 'cos_hmac_keys.access_key_id', 'cos_hmac_keys.secret_access_key']) {
      expect(credentials[key]).toBeDefined();
      expect(out.text).not.toContain(credentials[key]);
    }
  } finally {
    dir.cleanup();
  }
});
