/**
 * The provider package's loader: the V8 code cache made at build time is used
 * when it fits, and a cache V8 rejects (another Node build, a corrupt file)
 * costs only speed. The package works from any directory.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { requireBuilt, startProvider, STUB_PROVIDER } from '../protocol/provider-process.js';

beforeAll(() => requireBuilt(STUB_PROVIDER));

test('the built code cache is accepted', async () => {
  const p = await startProvider({ env: { TF_PROVIDER_CODE_CACHE_DEBUG: '1' } });
  await p.kill();
  expect(p.stderr()).toContain('code cache: accepted');
});

test('a copied package with a corrupt cache still starts, compiling from source', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pkg-'));
  try {
    cpSync(dirname(STUB_PROVIDER), dir, { recursive: true });
    writeFileSync(join(dir, 'provider.cjs.cache'), Buffer.alloc(4096, 0x5a));
    const p = await startProvider({ executable: join(dir, 'terraform-provider-stub'), env: { TF_PROVIDER_CODE_CACHE_DEBUG: '1' } });
    await p.kill();
    expect(p.stderr()).toContain('code cache: rejected');
    expect(p.handshake.version).toBe('6');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
