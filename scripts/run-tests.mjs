#!/usr/bin/env node
// The project's one test command (README, .ci/run): builds, runs jest, and
// ends with the plain summary line CI looks for: `tests: N passed, N failed`.
// Extra arguments go to jest (e.g. `npm test -- test/tftypes`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

mkdirSync(join(root, '.tmp'), { recursive: true });
const report = join(root, '.tmp/jest-report.json');
rmSync(report, { force: true });
const jestBin = join(root, 'node_modules/jest/bin/jest.js');
const jest = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${report}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHECKPOINT_DISABLE: '1' },
});

let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
} catch {
  failed = 1; // jest died before writing its report
}
if (jest.status !== 0 && failed === 0) failed = 1;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
