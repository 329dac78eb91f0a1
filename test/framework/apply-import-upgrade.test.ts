/**
 * ApplyResourceChange dispatch and self-checks, ReadResource, import,
 * UpgradeResourceState and error handling, driven with msgpack requests.
 */
import { createLogger } from '../../src/logging/logger.js';
import { decodeDynamicValue, encodeDynamicValue } from '../../src/tftypes/dynamic-value.js';
import { Types } from '../../src/tftypes/type.js';
import {
  createProviderServer,
  defineSchema,
  fromModel,
  impliedType,
  importStatePassthroughId,
  UNKNOWN,
} from '../../src/framework/index.js';
import type { Provider, Resource, ResourceWithUpgradeState } from '../../src/framework/index.js';
import { decode, encode, errorsOf, newWorld, planAndApply, planRequest, rpc, server, THING_SCHEMA, thingConfig } from './framework-harness.js';

const type = impliedType(THING_SCHEMA);
const enc = (m: unknown) => encodeDynamicValue(fromModel(type, m), type);

test('apply: null prior → create, state wholly known', async () => {
  const world = newWorld();
  const { apply, state } = await planAndApply(server(world), null, thingConfig({ tags: { team: 'a' } }));
  expect(errorsOf(apply.diagnostics)).toEqual([]);
  expect(state).toEqual({ ...thingConfig({ tags: { team: 'a' } }), id: 't-1', zone: 'z1', token: 'secret-t-1', created: '2026-01-01T00:00:00Z' });
  expect(world.objects.has('t-1')).toBe(true);
});

test('apply: both non-null → update; null plan → delete and null state', async () => {
  const world = newWorld();
  const s = server(world);
  const first = (await planAndApply(s, null, thingConfig())).state!;
  const updated = await planAndApply(s, first, thingConfig({ name: 'beta' }));
  expect(errorsOf(updated.apply.diagnostics)).toEqual([]);
  expect(updated.state).toMatchObject({ id: 't-1', name: 'beta', token: 'secret-t-1-v2', created: first.created });

  const destroyed = await planAndApply(s, updated.state, null);
  expect(errorsOf(destroyed.apply.diagnostics)).toEqual([]);
  expect(destroyed.state).toBeNull();
  expect(world.objects.size).toBe(0);
});

test('apply: a create that fails after the remote object exists keeps the state it recorded', async () => {
  const world = newWorld();
  world.failCreateAfterRemote = true;
  const { apply, state } = await planAndApply(server(world), null, thingConfig());
  expect(errorsOf(apply.diagnostics).map((d) => d.summary)).toEqual(['Create Half Done']);
  expect(state).toMatchObject({ id: 't-1', name: 'alpha' }); // Terraform stores it (tainted): nothing is lost
});

test('apply: unknown values left after create become a diagnostic naming each path; the known part is kept', async () => {
  const world = newWorld();
  world.leaveUnknown = true;
  const { apply, state } = await planAndApply(server(world), null, thingConfig());
  const errs = errorsOf(apply.diagnostics);
  expect(errs.map((d) => String(d.attribute)).sort()).toEqual(['created', 'token', 'zone']);
  expect(errs[0]!.summary).toBe('Provider Returned Unknown Value');
  expect(state).toMatchObject({ id: 't-1', token: null, created: null });
});

test('apply: a result that contradicts the plan is reported with its path', async () => {
  const world = newWorld();
  const s = server(world);
  const planned = fromModel(type, { ...thingConfig(), id: UNKNOWN, zone: 'z7', token: UNKNOWN, created: UNKNOWN });
  // The resource sets zone to "z1" when the plan says "z7": inconsistent.
  const resp = await s.applyResourceChange(
    { typeName: 'test_thing', priorState: enc(null), plannedState: encodeDynamicValue(planned, type), config: enc(thingConfig()) },
    rpc,
  );
  expect(resp.diagnostics).toEqual([]); // the fixture honours the plan: no report
  const bad = await s.applyResourceChange(
    {
      typeName: 'test_thing',
      priorState: enc(null),
      plannedState: encodeDynamicValue(fromModel(type, { ...thingConfig(), id: 'planned-id', zone: UNKNOWN, token: UNKNOWN, created: UNKNOWN }), type),
      config: enc(thingConfig()),
    },
    rpc,
  );
  const [d] = errorsOf(bad.diagnostics);
  expect(d!.summary).toBe('Provider Produced Inconsistent Result');
  expect(String(d!.attribute)).toBe('id');
  expect(decode(THING_SCHEMA, bad.newState)).toMatchObject({ id: 't-2' }); // the real object stays in state
});

test('private state travels plan → apply → state', async () => {
  const world = newWorld();
  const s = server(world);
  const first = (await planAndApply(s, null, thingConfig())).state;
  const priv = new TextEncoder().encode('{"etag":"e1"}');
  const { plan, apply } = await planAndApply(s, first, thingConfig({ name: 'beta' }), priv);
  expect(new TextDecoder().decode(plan.plannedPrivate)).toBe('{"etag":"e1"}');
  expect(new TextDecoder().decode(apply.private)).toBe('{"etag":"e1"}');
});

test('read: refreshes, and a vanished object is removed from state (null)', async () => {
  const world = newWorld();
  const s = server(world);
  const state = (await planAndApply(s, null, thingConfig())).state!;
  world.objects.set('t-1', { ...state, name: 'drifted' });
  const read = await s.readResource({ typeName: 'test_thing', currentState: enc(state) }, rpc);
  expect(decode(THING_SCHEMA, read.newState)).toMatchObject({ name: 'drifted' });
  world.objects.clear();
  const gone = await s.readResource({ typeName: 'test_thing', currentState: enc(state) }, rpc);
  expect(gone.diagnostics).toEqual([]);
  expect(decode(THING_SCHEMA, gone.newState)).toBeNull();
});

test('a throwing resource becomes an error diagnostic, not a crash', async () => {
  const world = newWorld();
  const s = server(world);
  const state = (await planAndApply(s, null, thingConfig())).state;
  world.throwOnRead = true;
  const resp = await s.readResource({ typeName: 'test_thing', currentState: enc(state) }, rpc);
  expect(resp.newState).toBeUndefined();
  expect(resp.diagnostics).toEqual([
    expect.objectContaining({ severity: 'error', summary: 'Unexpected Provider Error', detail: expect.stringContaining('TypeError: cannot read properties') }),
  ]);
});

test('import: passthrough id, then read fills in the rest', async () => {
  const world = newWorld();
  const s = server(world);
  await planAndApply(s, null, thingConfig({ rule: [{ crn: 'crn:x', note: 'n', rid: null }] }));
  const imported = await s.importResourceState({ typeName: 'test_thing', id: 't-1' }, rpc);
  expect(imported.diagnostics).toEqual([]);
  expect(imported.importedResources).toHaveLength(1);
  const partial = decode(THING_SCHEMA, imported.importedResources[0]!.state);
  expect(partial).toEqual({ ...thingConfig({ name: null as unknown as string }), id: 't-1' });
  const read = await s.readResource({ typeName: 'test_thing', currentState: imported.importedResources[0]!.state }, rpc);
  expect(decode(THING_SCHEMA, read.newState)).toMatchObject({ id: 't-1', name: 'alpha', rule: [{ crn: 'crn:x', note: 'n', rid: 'r-t-1' }] });
});

test('import of a resource without importState is a clear error', async () => {
  const schema = defineSchema({ attributes: { id: { type: Types.string, mode: 'computed' } } });
  const plain: Resource = { typeName: 'test_plain', schema: () => schema, create() {}, read() {}, update() {}, delete() {} };
  const s = createProviderServer(provider([() => plain]));
  const resp = await s.importResourceState({ typeName: 'test_plain', id: 'x' }, rpc);
  expect(resp.importedResources).toEqual([]);
  expect(resp.diagnostics[0]!.summary).toBe('Resource Import Not Implemented');
});

function provider(resources: Provider['resources'] extends () => infer R ? R : never): Provider {
  return {
    typeName: 'test',
    version: '0',
    schema: () => defineSchema({}, 'provider'),
    configure() {},
    resources: () => resources,
    dataSources: () => [],
  };
}

// ---- UpgradeResourceState ---------------------------------------------------------

const json = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

test('upgrade at the current version drops attributes no longer in the schema (also nested)', async () => {
  const stored = {
    ...thingConfig(),
    id: 't-1',
    zone: 'z1',
    token: 's',
    created: 'c',
    removed_long_ago: 'x',
    rule: [{ crn: 'crn:a', note: null, rid: 'r', stale: true }],
    item: [],
  };
  const resp = await server().upgradeResourceState({ typeName: 'test_thing', version: 2, rawState: { json: json(stored) } }, rpc);
  expect(resp.diagnostics).toEqual([]);
  expect(decode(THING_SCHEMA, resp.upgradedState)).toEqual({
    ...thingConfig(),
    id: 't-1',
    zone: 'z1',
    token: 's',
    created: 'c',
    rule: [{ crn: 'crn:a', note: null, rid: 'r' }],
  });
});

test('upgrade keeps big numbers exactly', async () => {
  const text = `{"id":"t","name":"n","zone":null,"size":12345678901234567890,"token":"s","created":"c","tags":null,"rule":[],"item":[]}`;
  const resp = await server().upgradeResourceState({ typeName: 'test_thing', version: 2, rawState: { json: new TextEncoder().encode(text) } }, rpc);
  expect(resp.diagnostics).toEqual([]);
  const v = decodeDynamicValue(resp.upgradedState, type);
  expect((v as { value: Record<string, { value: unknown }> }).value['size']!.value).toBe(12345678901234567890n);
});

test('upgrade from an older version goes through the resource upgrader', async () => {
  const v0 = defineSchema({ attributes: { id: { type: Types.string, mode: 'computed' }, title: { type: Types.string, mode: 'required' } } });
  const v1 = defineSchema({
    version: 1,
    attributes: { id: { type: Types.string, mode: 'computed' }, name: { type: Types.string, mode: 'required' } },
  });
  const res: ResourceWithUpgradeState = {
    typeName: 'test_versioned',
    schema: () => v1,
    create() {},
    read() {},
    update() {},
    delete() {},
    upgradeState: () => ({
      0: {
        priorSchema: v0,
        upgrade(req, resp) {
          const old = req.state!.as<{ id: string; title: string }>();
          resp.state.set({ id: old.id, name: old.title });
        },
      },
    }),
  };
  const s = createProviderServer(provider([() => res]));
  const resp = await s.upgradeResourceState({ typeName: 'test_versioned', version: 0, rawState: { json: json({ id: 'a', title: 'T' }) } }, rpc);
  expect(resp.diagnostics).toEqual([]);
  expect(decode(v1, resp.upgradedState)).toEqual({ id: 'a', name: 'T' });

  const missing = await s.upgradeResourceState({ typeName: 'test_versioned', version: 7, rawState: { json: json({}) } }, rpc);
  expect(missing.diagnostics[0]!.summary).toBe('Unsupported State Version');
});

test('flatmap state (Terraform < 0.12) is a clear error, not a crash', async () => {
  const resp = await server().upgradeResourceState({ typeName: 'test_thing', version: 2, rawState: { flatmap: { id: 't-1', '%': '1' } } }, rpc);
  expect(resp.upgradedState).toBeUndefined();
  expect(resp.diagnostics).toEqual([
    expect.objectContaining({ severity: 'error', summary: 'Unable to Read Stored State', detail: expect.stringContaining('flatmap') }),
  ]);
});

test('encode helper round-trips (sanity)', () => {
  expect(decode(THING_SCHEMA, encode(THING_SCHEMA, thingConfig()))).toEqual(thingConfig());
  expect(planRequest('test_thing', THING_SCHEMA, null, null).config.msgpack).toEqual(new Uint8Array([0xc0]));
  expect(typeof importStatePassthroughId).toBe('function');
});

test('requests carry the RPC signal (StopProvider aborts it) and logger; no attribute value is logged', async () => {
  const lines: string[] = [];
  const logger = createLogger({ module: 'test', level: 'trace', write: (l) => lines.push(l) });
  const controller = new AbortController();
  let seen: AbortSignal | undefined;
  const world = newWorld();
  world.modifyPlan = (req) => void (seen = req.signal);
  const s = server(world);
  const ctx = { signal: controller.signal, logger };
  const planned = await s.planResourceChange(planRequest('test_thing', THING_SCHEMA, null, thingConfig({ name: 'visible-name', tags: { k: 'tag-value' } })), ctx);
  controller.abort();
  expect(seen?.aborted).toBe(true);
  await s.applyResourceChange(
    { typeName: 'test_thing', priorState: enc(null), plannedState: planned.plannedState!, config: enc(thingConfig({ name: 'visible-name', tags: { k: 'tag-value' } })) },
    ctx,
  );
  expect(lines.length).toBeGreaterThan(0);
  const log = lines.join('');
  for (const value of ['visible-name', 'tag-value', 'secret-t-1']) expect(log).not.toContain(value);
});
