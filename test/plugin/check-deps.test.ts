/** scripts/check-deps.mjs (run by npm run lint) on small made-up source trees. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SCRIPT = join(process.cwd(), 'scripts/check-deps.mjs');

function check(files: Record<string, string>): { status: number | null; stderr: string } {
  const root = mkdtempSync(join(tmpdir(), 'deps-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const r = spawnSync(process.execPath, [SCRIPT], { cwd: root, encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('a clean tree passes', () => {
  const r = check({
    'src/tftypes/type.ts': 'export const a = 1;\n',
    'src/backend/b.ts': "// import { x } from '../plugin/serve.js'\nimport { a } from '../tftypes/type.js';\nexport const b = a;\n",
    'src/main.ts': "const s = 'require(x) import.meta';\nexport const m = async () => (await import('./plugin/p.js')).p;\n",
    'src/plugin/p.ts': "import type { b } from '../tfprotov6/t.js';\nexport const p = 1;\n",
    'src/tfprotov6/t.ts': 'export type b = 1;\n',
  });
  expect(r.stderr).toContain('no cycles, layering respected');
  expect(r.status).toBe(0);
});

test('upward and sideways imports are reported with the rule they break', () => {
  const r = check({
    'src/tftypes/type.ts': "import { l } from '../logging/logger.js';\nexport const a = l;\n",
    'src/logging/logger.ts': 'export const l = 1;\n',
    'src/plugin/p.ts': "import type { F } from '../framework/f.js';\nexport const p = 1;\n",
    'src/framework/f.ts': "export type F = 1;\n",
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('src/tftypes/type.ts: tftypes may not import logging');
  expect(r.stderr).toContain('src/plugin/p.ts: plugin may not import framework');
});

test('cycles, CommonJS-only constructs and unknown layers fail', () => {
  const r = check({
    'src/backend/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
    'src/backend/b.ts': "import { a } from './a.js';\nexport const b = () => a;\nconst fs = require('fs');\n",
    'src/extra/x.ts': 'export const x = __dirname;\n',
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/import cycle: src\/backend\/[ab]\.ts → src\/backend\/[ab]\.ts/);
  expect(r.stderr).toContain('src/backend/b.ts: uses require()');
  expect(r.stderr).toContain('src/extra/x.ts: uses __dirname');
  expect(r.stderr).toContain('layer "extra" has no rule');
});
