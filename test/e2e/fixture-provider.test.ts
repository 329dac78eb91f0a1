/**
 * The framework end to end with the real terraform CLI and the built fixture
 * provider (dist/test-providers/fixture): create, empty plan after apply,
 * import + verify, in-place update, replacement, drift, validation errors
 * and destroy — launched by terraform (dev_overrides) and attached to one
 * debug-mode process (TF_REATTACH_PROVIDERS).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderWiring, StateJson, Step } from '../harness/index.js';
import {
  actions,
  debugProviderForFile,
  devOverrides,
  expectAttr,
  expectAttrSet,
  FIXTURE_PROVIDER,
  findResource,
  isReplacement,
  providerExecutable,
  reattach,
  replacePaths,
  runSteps,
  unknownAfterApply,
} from '../harness/index.js';

interface StoreFile {
  next: number;
  things: Record<string, Record<string, unknown>>;
}

let dir: string;
beforeAll(() => {
  providerExecutable(FIXTURE_PROVIDER); // a clear "run npm run build" error when missing
  dir = mkdtempSync(join(tmpdir(), 'fixture-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readStore = (file: string): StoreFile => JSON.parse(readFileSync(file, 'utf8')) as StoreFile;

function config(stateFile: string, thing: string): string {
  return `
terraform {
  required_providers {
    fixture = { source = "registry.terraform.io/example/fixture" }
  }
}

provider "fixture" {
  state_file = ${JSON.stringify(stateFile)}
}

resource "fixture_thing" "a" {
${thing}
}

output "secret" {
  value     = fixture_thing.a.secret
  sensitive = true
}
`;
}

const BASE = `
  name   = "alpha"
  kind   = "small"
  labels = { team = "core" }

  rule {
    port = 80
  }
  rule {
    port     = 53
    protocol = "udp"
  }
`;

function lifecycle(stateFile: string): Step[] {
  let firstId = '';
  let secondId = '';
  const id = (s: StateJson) => String(findResource(s, 'fixture_thing.a').values['id']);
  return [
    {
      name: 'create',
      config: config(stateFile, BASE),
      planCheck: (plan) => {
        expect(actions(plan, 'fixture_thing.a')).toEqual(['create']);
        expect(unknownAfterApply(plan, 'fixture_thing.a')).toEqual(
          ['created_at', 'description', 'id', 'revision', 'rule.0.protocol', 'secret'].sort(),
        );
      },
      check: (s) => {
        firstId = id(s);
        expect(firstId).toMatch(/^thing-\d+$/);
        expectAttr(s, 'fixture_thing.a', 'description', 'Managed by Terraform');
        expectAttr(s, 'fixture_thing.a', 'rule.0.protocol', 'tcp');
        expectAttr(s, 'fixture_thing.a', 'rule.1.protocol', 'udp');
        expectAttr(s, 'fixture_thing.a', 'revision', '1');
        expectAttr(s, 'fixture_thing.a', 'labels.team', 'core');
        expectAttrSet(s, 'fixture_thing.a', 'secret');
        expect(readStore(stateFile).things[firstId]).toMatchObject({ name: 'alpha', kind: 'small' });
      },
      // and then: the plan after apply must be empty (the harness checks it)
    },
    { name: 'import', importState: true, resourceName: 'fixture_thing.a', importStateVerify: true },
    {
      name: 'in-place update',
      config: config(stateFile, BASE.replace('"alpha"', '"beta"')),
      planCheck: (plan, output) => {
        expect(actions(plan, 'fixture_thing.a')).toEqual(['update']);
        expect(unknownAfterApply(plan, 'fixture_thing.a')).toEqual(['revision']); // id, secret, created_at stay known
        expect(output).not.toContain(String(readStore(stateFile).things[firstId]!['secret']));
      },
      check: (s) => {
        expect(id(s)).toBe(firstId);
        expectAttr(s, 'fixture_thing.a', 'name', 'beta');
        expectAttr(s, 'fixture_thing.a', 'revision', '2');
      },
    },
    {
      name: 'replace',
      config: config(stateFile, BASE.replace('"alpha"', '"beta"').replace('"small"', '"large"')),
      planCheck: (plan) => {
        expect(isReplacement(plan, 'fixture_thing.a')).toBe(true);
        expect(replacePaths(plan, 'fixture_thing.a')).toEqual(['kind']);
      },
      check: (s) => {
        secondId = id(s);
        expect(secondId).not.toBe(firstId);
        expect(Object.keys(readStore(stateFile).things)).toEqual([secondId]);
      },
    },
    {
      name: 'drift: deleted outside terraform is recreated',
      config: config(stateFile, BASE.replace('"alpha"', '"beta"').replace('"small"', '"large"')),
      preConfig: () => {
        const store = readStore(stateFile);
        store.things = {};
        writeFileSync(stateFile, JSON.stringify(store));
      },
      planCheck: (plan) => expect(actions(plan, 'fixture_thing.a')).toEqual(['create']),
      check: (s) => expect(id(s)).not.toBe(secondId),
    },
    {
      name: 'plan-time validation with attribute paths',
      config: config(stateFile, BASE.replace('port = 80', 'port = 70000')),
      expectError: /Attribute rule\[0\]\.port must be between 1 and 65535/,
    },
  ];
}

async function runLifecycle(wiring: ProviderWiring, name: string): Promise<void> {
  const stateFile = join(dir, `${name}.json`);
  await runSteps(
    {
      wiring,
      prefix: `fixture-${name}`,
      checkDestroy: () => expect(readStore(stateFile).things).toEqual({}),
    },
    lifecycle(stateFile),
  );
}

test('launched by terraform (dev_overrides): create, import, update, replace, drift, validation, destroy', async () => {
  await runLifecycle(devOverrides(FIXTURE_PROVIDER), 'dev-overrides');
}, 240_000);

describe('attached to a debug-mode provider (TF_REATTACH_PROVIDERS)', () => {
  const provider = debugProviderForFile(FIXTURE_PROVIDER);

  test('the same lifecycle against one long-lived process', async () => {
    const pid = provider.current.pid;
    await runLifecycle(reattach(() => provider.reattach), 'reattach');
    expect(provider.current.pid).toBe(pid);
    expect(provider.current.readStderr()).not.toMatch(/"@level":"error"/);
  }, 240_000);
});
