/**
 * Plan modifiers on a resource shaped like the IBM secret: a rotation block
 * whose interval/unit are ignored while auto-rotation is off, a next
 * rotation date that only moves when the rotation changes, and a force-new
 * source block with provider-computed data inside.
 */
import { Types } from '../../src/tftypes/type.js';
import { Value } from '../../src/tftypes/value.js';
import {
  createProviderServer,
  defaultValue,
  defineSchema,
  requiresReplace,
  requiresReplaceIf,
  suppressDiffIf,
  UNKNOWN,
  useStateForUnknown,
  useStateWhileUnchanged,
} from '../../src/framework/index.js';
import type { PlanModifierRequest, Provider, Resource } from '../../src/framework/index.js';
import { decode, errorsOf, paths, planRequest, rpc } from './framework-harness.js';

const rotationOff = (req: PlanModifierRequest) => req.planData.get(req.path.parent().attribute('auto_rotate')) === false;

const SECRET = defineSchema({
  attributes: {
    id: { type: Types.string, mode: 'computed', planModifiers: [useStateForUnknown()] },
    name: { type: Types.string, mode: 'required' },
    ttl: { type: Types.string, mode: 'optionalComputed', planModifiers: [defaultValue(Value.string('0'), 'Defaults to "0" (no expiry).')] },
    next_rotation_date: { type: Types.string, mode: 'computed', planModifiers: [useStateWhileUnchanged('rotation')] },
    kind: {
      type: Types.string,
      mode: 'optional',
      planModifiers: [requiresReplaceIf((req) => req.state.state === 'known' && req.plan.state === 'null', 'Removing the kind forces a new secret.')],
    },
  },
  blocks: {
    rotation: {
      nesting: 'list',
      maxItems: 1,
      attributes: {
        auto_rotate: { type: Types.bool, mode: 'optionalComputed' },
        interval: { type: Types.number, mode: 'optionalComputed', planModifiers: [suppressDiffIf(rotationOff, 'Ignored while auto_rotate is false.')] },
        unit: { type: Types.string, mode: 'optionalComputed', planModifiers: [suppressDiffIf(rotationOff, 'Ignored while auto_rotate is false.')] },
      },
    },
    source: {
      nesting: 'list',
      maxItems: 1,
      planModifiers: [requiresReplace()],
      attributes: {
        crn: { type: Types.string, mode: 'required' },
        iam: { type: Types.list(Types.object({ name: Types.string })), mode: 'computed' },
      },
      blocks: {
        role: { nesting: 'list', maxItems: 1, attributes: { crn: { type: Types.string, mode: 'optionalComputed', planModifiers: [requiresReplace()] } } },
      },
    },
  },
});

const resource: Resource = { typeName: 'test_secret', schema: () => SECRET, create() {}, read() {}, update() {}, delete() {} };
const provider: Provider = {
  typeName: 'test',
  version: '0',
  schema: () => defineSchema({}, 'provider'),
  configure() {},
  resources: () => [() => resource],
  dataSources: () => [],
};
const s = createProviderServer(provider);

type Rotation = { auto_rotate: boolean | null; interval: number | null; unit: string | null };
type Source = { crn: string; iam: unknown; role: { crn: string | null }[] };

const config = (o: { name?: string; kind?: string | null; rotation?: Rotation[]; source?: Source[]; ttl?: string | null } = {}) => ({
  id: null,
  name: 'n',
  ttl: null,
  next_rotation_date: null,
  kind: null,
  rotation: [],
  source: [{ crn: 'crn:src', iam: null, role: [] }],
  ...o,
});

const state = (o: Record<string, unknown> = {}) => ({
  ...config(),
  id: 's-1',
  ttl: '0',
  next_rotation_date: '2026-02-01',
  rotation: [{ auto_rotate: true, interval: 30, unit: 'day' }],
  source: [{ crn: 'crn:src', iam: [{ name: 'key-1' }], role: [] }],
  ...o,
});

async function plan(prior: unknown, cfg: unknown) {
  const resp = await s.planResourceChange(planRequest('test_secret', SECRET, prior, cfg), rpc);
  expect(errorsOf(resp.diagnostics)).toEqual([]);
  return { planned: decode<Record<string, unknown>>(SECRET, resp.plannedState), replace: paths(resp.requiresReplace) };
}

test('create: defaultValue gives a known value instead of unknown', async () => {
  const { planned } = await plan(null, config());
  expect(planned).toMatchObject({ id: UNKNOWN, ttl: '0', next_rotation_date: UNKNOWN });
});

test('useStateWhileUnchanged keeps the value while the rotation is unchanged', async () => {
  const { planned } = await plan(state(), config({ name: 'other', rotation: [{ auto_rotate: true, interval: 30, unit: 'day' }] }));
  expect(planned).toMatchObject({ name: 'other', next_rotation_date: '2026-02-01', id: 's-1' });
});

test('useStateWhileUnchanged leaves the value unknown when the rotation changes', async () => {
  const { planned } = await plan(state(), config({ rotation: [{ auto_rotate: true, interval: 60, unit: 'day' }] }));
  expect(planned).toMatchObject({ next_rotation_date: UNKNOWN, rotation: [{ auto_rotate: true, interval: 60, unit: 'day' }] });
});

test('suppressDiffIf: with auto_rotate off, interval/unit changes are no change at all', async () => {
  const prior = state({ rotation: [{ auto_rotate: false, interval: 30, unit: 'day' }] });
  const { planned, replace } = await plan(prior, config({ rotation: [{ auto_rotate: false, interval: 2, unit: 'month' }] }));
  // Nothing but suppressed differences: the framework's own unknowns are reverted, the plan is a no-op.
  expect(planned).toEqual(prior);
  expect(replace).toEqual([]);
});

test('suppressDiffIf does not hide a real change when auto_rotate is on', async () => {
  const prior = state({ rotation: [{ auto_rotate: true, interval: 30, unit: 'day' }] });
  const { planned } = await plan(prior, config({ rotation: [{ auto_rotate: true, interval: 2, unit: 'month' }] }));
  expect(planned).toMatchObject({ rotation: [{ auto_rotate: true, interval: 2, unit: 'month' }] });
});

test('a force-new block is not replaced because of computed data inside it', async () => {
  const { planned, replace } = await plan(state(), config({ name: 'renamed', rotation: [{ auto_rotate: true, interval: 30, unit: 'day' }] }));
  expect(replace).toEqual([]);
  expect((planned['source'] as Source[])[0]!.iam).toBe(UNKNOWN); // computed, may change: unknown, but no replacement
});

test('a force-new block is replaced when its configured content changes', async () => {
  const { replace } = await plan(state(), config({ source: [{ crn: 'crn:other', iam: null, role: [] }], rotation: [{ auto_rotate: true, interval: 30, unit: 'day' }] }));
  expect(replace).toEqual(['source']);
});

test('adding a nested block element with a force-new attribute reports its path', async () => {
  const { replace } = await plan(
    state(),
    config({ source: [{ crn: 'crn:src', iam: null, role: [{ crn: 'crn:role' }] }], rotation: [{ auto_rotate: true, interval: 30, unit: 'day' }] }),
  );
  expect(replace).toEqual(['source', 'source[0].role[0].crn']);
});

test('requiresReplaceIf only when its condition holds', async () => {
  const rot = [{ auto_rotate: true, interval: 30, unit: 'day' }];
  expect((await plan(state({ kind: 'a' }), config({ kind: 'b', rotation: rot }))).replace).toEqual([]);
  expect((await plan(state({ kind: 'a' }), config({ kind: null, rotation: rot }))).replace).toEqual(['kind']);
});

test('useStateForUnknown keeps a known prior value only (a null one may get a value now)', () => {
  const modifier = useStateForUnknown();
  const run = (state: ReturnType<typeof Value.string> | ReturnType<typeof Value.null>) => {
    const resp = { plan: Value.unknown(Types.string) as ReturnType<typeof Value.unknown> | typeof state, requiresReplace: false, diagnostics: undefined as never };
    modifier.modify({ state, config: Value.null(Types.string), isCreate: false } as unknown as PlanModifierRequest, resp);
    return resp.plan;
  };
  expect(run(Value.string('kept'))).toEqual(Value.string('kept'));
  expect(run(Value.null(Types.string)).state).toBe('unknown');
});
