/**
 * The harness's three ways of wiring a provider, exercised with the built stub
 * test provider (dist/test-providers/stub, from `npm run build`): launched by
 * terraform through dev_overrides, installed by `terraform init` from a
 * filesystem mirror, and attached to one debug-mode process for the file.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Step } from '../harness/acceptance.js';
import { runSteps } from '../harness/acceptance.js';
import { debugProviderForFile, startDebugProvider } from '../harness/debug-provider.js';
import { actions } from '../harness/plan-checks.js';
import { expectAttr } from '../harness/state-checks.js';
import { devOverrides, mirror, providerExecutable, reattach, STUB_PROVIDER, WorkingDir } from '../harness/working-dir.js';

const config = (value: string): string => `
terraform {
  required_providers {
    stub = { source = "registry.terraform.io/test/stub" }
  }
}

resource "stub_echo" "a" {
  value = "${value}"
}

data "stub_upper" "u" {
  input = stub_echo.a.result
}
`;

const STEPS: readonly Step[] = [
  {
    config: config('one'),
    check: (s) => {
      expectAttr(s, 'stub_echo.a', 'result', 'one');
      expectAttr(s, 'data.stub_upper.u', 'output', 'ONE');
    },
  },
  // The stub imports only the id.
  { importState: true, resourceName: 'stub_echo.a', importStateVerify: true, importStateVerifyIgnore: ['value', 'result'] },
  {
    config: config('two'),
    planCheck: (plan) => expect(actions(plan, 'stub_echo.a')).toEqual(['update']),
    check: (s) => expectAttr(s, 'data.stub_upper.u', 'output', 'TWO'),
  },
];

beforeAll(() => {
  providerExecutable(STUB_PROVIDER); // a clear "run npm run build" error when missing
});

test('dev_overrides: terraform launches the package directly, no init', async () => {
  await runSteps({ wiring: devOverrides(STUB_PROVIDER) }, STEPS);
});

test('mirror: init installs a self-contained copy of the package', async () => {
  const wd = await WorkingDir.create({ wiring: mirror(STUB_PROVIDER, '1.2.3'), prefix: 'harness-mirror' });
  try {
    await runSteps({ workingDir: wd }, STEPS.slice(0, 1)); // installation is the point here
    const installed = join(wd.path, '.terraform/providers/registry.terraform.io/test/stub/1.2.3', `${process.platform}_amd64`);
    expect(readdirSync(installed)).toContain('terraform-provider-stub_v1.2.3');
    expect(statSync(join(installed, 'terraform-provider-stub_v1.2.3')).mode & 0o111).not.toBe(0);
    expect(readFileSync(wd.file('.terraform.lock.hcl'), 'utf8')).toContain('provider "registry.terraform.io/test/stub"');
    expect(readFileSync(wd.cliConfigFile, 'utf8')).toContain('filesystem_mirror');
  } finally {
    await wd.cleanup();
  }
});

describe('reattach to one debug-mode provider for the file', () => {
  const provider = debugProviderForFile(STUB_PROVIDER);

  test('every step runs against the same long-lived process', async () => {
    const pid = provider.current.pid;
    await runSteps({ wiring: reattach(() => provider.reattach) }, STEPS);
    expect(provider.current.pid).toBe(pid);
    expect(() => process.kill(pid, 0)).not.toThrow();
  });
});

test('startDebugProvider parses the reattach line and stop() ends the process', async () => {
  const p = await startDebugProvider({ executable: providerExecutable(STUB_PROVIDER), address: 'registry.terraform.io/test/renamed' });
  const parsed = JSON.parse(p.reattach) as Record<string, { Test: boolean; ProtocolVersion: number; Pid: number }>;
  expect(Object.keys(parsed)).toEqual(['registry.terraform.io/test/renamed']);
  expect(parsed['registry.terraform.io/test/renamed']).toMatchObject({ Test: true, ProtocolVersion: 6, Pid: p.pid });
  expect(existsSync(p.stderrFile)).toBe(true);
  expect(await p.stop()).toBe(0);
  expect(() => process.kill(p.pid, 0)).toThrow();
});

test('a provider that never prints the reattach line fails with its output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'harness-bad-provider-'));
  const script = join(dir, 'terraform-provider-bad');
  writeFileSync(script, '#!/bin/sh\necho starting\necho oops >&2\nexit 3\n', { mode: 0o755 });
  const err = await startDebugProvider({ executable: script }).catch((e: unknown) => e as Error);
  rmSync(dir, { recursive: true, force: true });
  expect((err as Error).message).toMatch(/debug provider exited \(3\) before printing TF_REATTACH_PROVIDERS\nstdout: starting\n\nstderr: oops/);
});
