/**
 * PlanResourceChange case by case, with requests built like Terraform's
 * (msgpack, proposed new state from config + prior).
 */
import { AttributePath } from '../../src/tftypes/attribute-path.js';
import { UNKNOWN } from '../../src/framework/index.js';
import type { ThingModel } from './framework-harness.js';
import { decode, errorsOf, newWorld, paths, planAndApply, planRequest, rpc, server, THING_SCHEMA, thingConfig } from './framework-harness.js';

async function plan(s: ReturnType<typeof server>, prior: ThingModel | null, config: ThingModel | null) {
  const resp = await s.planResourceChange(planRequest('test_thing', THING_SCHEMA, prior, config), rpc);
  return { resp, planned: decode<ThingModel | null>(THING_SCHEMA, resp.plannedState) };
}

async function created(s: ReturnType<typeof server>, config: ThingModel) {
  const { state } = await planAndApply(s, null, config);
  return state!;
}

const withBlocks = (o: Partial<ThingModel> = {}) =>
  thingConfig({ rule: [{ crn: 'crn:v1:a', note: null, rid: null }], item: [{ value: 'x', seq: null }], ...o });

test('create: computed attributes (also inside nested blocks) are unknown; optional+computed with null config too', async () => {
  const { resp, planned } = await plan(server(), null, withBlocks());
  expect(errorsOf(resp.diagnostics)).toEqual([]);
  expect(planned).toEqual({
    ...withBlocks(),
    id: UNKNOWN,
    zone: UNKNOWN,
    token: UNKNOWN,
    created: UNKNOWN,
    rule: [{ crn: 'crn:v1:a', note: null, rid: UNKNOWN }],
    item: [{ value: 'x', seq: UNKNOWN }],
  });
  expect(resp.requiresReplace).toEqual([]);
});

test('create: requiresReplace never reported, configured values planned as configured', async () => {
  const { resp, planned } = await plan(server(), null, thingConfig({ zone: 'z9', size: 3, tags: { a: 'b' } }));
  expect(resp.requiresReplace).toEqual([]);
  expect(planned).toMatchObject({ zone: 'z9', size: 3, tags: { a: 'b' } });
});

test('update without changes plans exactly the prior state (no unknowns)', async () => {
  const s = server();
  const state = await created(s, withBlocks());
  const { resp, planned } = await plan(s, state, withBlocks());
  expect(planned).toEqual(state);
  expect(resp.requiresReplace).toEqual([]);
});

test('changed update: computed become unknown except useStateForUnknown; optional+computed with null config keeps prior', async () => {
  const s = server();
  const state = await created(s, withBlocks());
  const { resp, planned } = await plan(s, state, withBlocks({ name: 'beta' }));
  expect(errorsOf(resp.diagnostics)).toEqual([]);
  expect(planned).toEqual({
    ...state,
    name: 'beta',
    token: UNKNOWN, // computed, no modifier
    rule: [{ crn: 'crn:v1:a', note: null, rid: UNKNOWN }], // nested computed
    item: [{ value: 'x', seq: UNKNOWN }],
  });
  expect(planned!.id).toBe(state.id); // useStateForUnknown
  expect(planned!.zone).toBe('z1'); // optional+computed, null config: prior kept
  expect(resp.requiresReplace).toEqual([]);
});

test('requiresReplace only when the value differs', async () => {
  const s = server();
  const state = await created(s, withBlocks({ zone: 'z1' }));
  expect((await plan(s, state, withBlocks({ zone: 'z1', name: 'other' }))).resp.requiresReplace).toEqual([]);
  expect(paths((await plan(s, state, withBlocks({ zone: 'z2' }))).resp.requiresReplace)).toEqual(['zone']);
});

test('requiresReplace inside a nested block carries the block index path', async () => {
  const s = server();
  const state = await created(s, withBlocks());
  const { resp, planned } = await plan(s, state, withBlocks({ rule: [{ crn: 'crn:v1:b', note: null, rid: null }] }));
  expect(paths(resp.requiresReplace)).toEqual(['rule[0].crn']);
  expect(planned!.rule[0]!.rid).toBe(UNKNOWN);
});

test('nested blocks: a new element gets unknown computed values, the count follows config', async () => {
  const s = server();
  const state = await created(s, withBlocks());
  const config = withBlocks({ item: [{ value: 'x', seq: null }, { value: 'y', seq: null }] });
  const { resp, planned } = await plan(s, state, config);
  expect(errorsOf(resp.diagnostics)).toEqual([]);
  expect(planned!.item).toEqual([
    { value: 'x', seq: UNKNOWN },
    { value: 'y', seq: UNKNOWN },
  ]);
  const applied = await planAndApply(s, state, config);
  expect(errorsOf(applied.apply.diagnostics)).toEqual([]);
  expect(applied.state!.item).toEqual([
    { value: 'x', seq: 1 },
    { value: 'y', seq: 2 },
  ]);
});

test('removing a configured optional+computed value keeps the prior value (SDKv2 semantics)', async () => {
  const s = server();
  const state = await created(s, thingConfig({ zone: 'z5' }));
  const { resp, planned } = await plan(s, state, thingConfig());
  expect(planned).toEqual(state);
  expect(resp.requiresReplace).toEqual([]);
});

test('destroy plans null and keeps private state', async () => {
  const s = server();
  const state = await created(s, thingConfig());
  const priv = new TextEncoder().encode('{"etag":"e1"}');
  const resp = await s.planResourceChange(planRequest('test_thing', THING_SCHEMA, state, null, priv), rpc);
  expect(errorsOf(resp.diagnostics)).toEqual([]);
  expect(decode(THING_SCHEMA, resp.plannedState)).toBeNull();
  expect(new TextDecoder().decode(resp.plannedPrivate)).toBe('{"etag":"e1"}');
});

test('ModifyPlan can set values and replacement paths; the framework keeps the plan honest', async () => {
  const world = newWorld();
  const s = server(world);
  const state = await created(s, thingConfig());
  world.modifyPlan = (req, resp) => {
    if (req.plan.isNull) return;
    resp.plan.setAttribute('token', 'fixed-token');
    resp.requiresReplace.push(AttributePath.of('size'));
  };
  const { resp, planned } = await plan(s, state, thingConfig({ size: 4 }));
  expect(errorsOf(resp.diagnostics)).toEqual([]);
  expect(planned!.token).toBe('fixed-token');
  expect(paths(resp.requiresReplace)).toEqual(['size']);
});

test('a plan Terraform would reject becomes a provider-bug diagnostic with the attribute path', async () => {
  const world = newWorld();
  const s = server(world);
  world.modifyPlan = (req, resp) => {
    if (!req.plan.isNull) resp.plan.setAttribute('name', 'not-what-was-configured');
  };
  const { resp } = await plan(s, null, thingConfig());
  expect(resp.plannedState).toBeUndefined();
  const [d] = errorsOf(resp.diagnostics);
  expect(d!.summary).toBe('Provider Produced Invalid Plan');
  expect(String(d!.attribute)).toBe('name');
  expect(d!.detail).toContain('bug in the provider');
});

test('a ModifyPlan that changes a list block count is caught', async () => {
  const world = newWorld();
  const s = server(world);
  world.modifyPlan = (req, resp) => {
    if (!req.plan.isNull) resp.plan.setAttribute('item', []);
  };
  const { resp } = await plan(s, null, withBlocks());
  expect(errorsOf(resp.diagnostics).map((d) => String(d.attribute))).toEqual(['item']);
});

test('requires_replace paths outside the schema are caught', async () => {
  const world = newWorld();
  const s = server(world);
  const state = await created(s, thingConfig());
  world.modifyPlan = (_req, resp) => void resp.requiresReplace.push(AttributePath.of('nope'));
  const { resp } = await plan(s, state, thingConfig({ name: 'other' }));
  expect(errorsOf(resp.diagnostics)[0]!.detail).toContain('nope');
});

test('unknown values in config (from other resources) pass through planning', async () => {
  const s = server();
  const state = await created(s, thingConfig());
  const config = { ...thingConfig(), name: UNKNOWN } as unknown as ThingModel;
  const { resp, planned } = await plan(s, state, config);
  expect(errorsOf(resp.diagnostics)).toEqual([]);
  expect(planned!.name).toBe(UNKNOWN);
  expect(planned!.token).toBe(UNKNOWN);
});

test('an unknown resource type is an error diagnostic', async () => {
  const req = { ...planRequest('test_thing', THING_SCHEMA, null, thingConfig()), typeName: 'test_nope' };
  const resp = await server().planResourceChange(req, rpc);
  expect(resp.diagnostics).toEqual([expect.objectContaining({ severity: 'error', summary: 'Unknown Resource Type' })]);
});
