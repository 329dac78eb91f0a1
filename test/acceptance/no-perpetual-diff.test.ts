/**
 * No perpetual diff: each configuration shape plans empty after apply (and,
 * where the shape can be recovered from the service, after import too):
 * with and without rotation, ttl in other spellings, explicit empty labels
 * and metadata, version metadata, parameters, a service ID instead of a
 * role. Plus the rotation rules: interval/unit changes are ignored while
 * auto_rotate is false, next_rotation_date is unknown only when the policy
 * changes, and removing the rotation or role block changes nothing remotely.
 */
import type { PlanJson } from '../harness/index.js';
import { actions, expectAttr, findResource, plannedAttrs, runSteps, unknownAfterApply } from '../harness/index.js';
import { accTarget, targets } from './acc-target.js';
import { goneFromBackend } from './acc-checks.js';
import { COS_CRN, EN_CRN, SERVICE_ID_CRN, WRITER } from './configs.js';

const ADDR = 'ibm_sm_service_credentials_secret.shape';

interface Shape {
  readonly name: string;
  readonly body: string;
  readonly source?: string;
  /** The service cannot tell this shape apart from its default (e.g. `labels = []`): skip import verification. */
  readonly importDiffers?: boolean;
}

const ROLE = `    role {
      crn = "${WRITER}"
    }
`;

function shapeConfig(instanceId: string, s: Shape): string {
  return `resource "ibm_sm_service_credentials_secret" "shape" {
  instance_id = "${instanceId}"
  name        = "shape-${s.name}"
${s.body}  source_service {
    instance {
      crn = "${COS_CRN}"
    }
${s.source ?? ROLE}  }
}
`;
}

const SHAPES: readonly Shape[] = [
  { name: 'minimal', body: '' },
  { name: 'ttl-in-hours', body: '  ttl = "48h"\n' },
  { name: 'ttl-zero', body: '  ttl = "0"\n' },
  { name: 'monthly-rotation', body: '  ttl = "90d"\n  rotation {\n    auto_rotate = true\n    interval    = 1\n    unit        = "month"\n  }\n' },
  { name: 'rotation-off-with-interval', body: '  rotation {\n    auto_rotate = false\n    interval    = 30\n    unit        = "day"\n  }\n', importDiffers: true },
  { name: 'rotation-only-auto', body: '  rotation {\n    auto_rotate = false\n  }\n', importDiffers: true },
  { name: 'explicit-empties', body: '  description     = ""\n  labels          = []\n  custom_metadata = {}\n', importDiffers: true },
  { name: 'metadata', body: '  labels                  = ["a-label", "b-label"]\n  custom_metadata         = { team = "core", n = "1" }\n  version_custom_metadata = { build = "42" }\n' },
  { name: 'hmac-false', body: '', source: `${ROLE}    parameters = { HMAC = false }\n` },
  { name: 'service-id-no-role', body: '', source: `    parameters = { serviceid_crn = "${SERVICE_ID_CRN}" }\n` },
  { name: 'service-id-empty-role', body: '', source: `    role {}\n    parameters = { serviceid_crn = "${SERVICE_ID_CRN}" }\n`, importDiffers: true },
  { name: 'endpoint-and-region', body: '  region        = "us-south"\n  endpoint_type = "private"\n', importDiffers: true },
];

for (const name of targets(['local-reattach', 'rest-reattach'])) {
  describe(name, () => {
    const acc = accTarget(name);

    test.each(SHAPES.map((s) => [s.name, s] as const))('%s: empty plan after apply and after import', async (_n, shape) => {
      const inst = acc.instance();
      await runSteps(acc.case({ checkDestroy: goneFromBackend(inst) }), [
        { config: acc.config(shapeConfig(inst.id, shape)) },
        ...(shape.importDiffers
          ? []
          : [{ importState: true as const, resourceName: ADDR, importStateVerify: true, importStateVerifyIgnore: ['retrieved_at'] }]),
      ]);
    });

    test('rotation: ignored while off, next_rotation_date unknown only when the policy changes, removal is a no-op', async () => {
      const inst = acc.instance();
      const rotation = (auto: boolean, interval: number) => `  ttl = "90d"\n  rotation {\n    auto_rotate = ${auto}\n    interval    = ${interval}\n    unit        = "day"\n  }\n`;
      const config = (body: string, source?: string) => acc.config(shapeConfig(inst.id, { name: 'rotation', body, ...(source !== undefined && { source }) }));
      let secretId = '';
      await runSteps(acc.case({ checkDestroy: goneFromBackend(inst) }), [
        { name: 'off, 30 days', config: config(rotation(false, 30)), check: (s) => void (secretId = String(findResource(s, ADDR).values['secret_id'])) },
        { name: 'interval changed while off: no diff', config: config(rotation(false, 60)), planOnly: true },
        {
          name: 'turned on: next_rotation_date unknown',
          config: config(rotation(true, 60)),
          planCheck: (plan: PlanJson) => {
            expect(actions(plan, ADDR)).toEqual(['update']);
            expect(unknownAfterApply(plan, ADDR)).toEqual(['next_rotation_date', 'retrieved_at', 'updated_at']);
            expect(plannedAttrs(plan, ADDR)).toMatchObject({ 'rotation.0.interval': '60', 'rotation.0.auto_rotate': 'true' });
          },
          check: async (s) => {
            expectAttr(s, ADDR, 'next_rotation_date', /^\d{4}-\d\d-\d\dT/);
            expect(await inst.cli(['secret-metadata', '--id', secretId])).toMatchObject({ rotation: { auto_rotate: true, interval: 60, unit: 'day' } });
          },
        },
        {
          name: 'description changed: next_rotation_date stays known',
          config: config(`  description = "now described"\n${rotation(true, 60)}`),
          planCheck: (plan) => expect(unknownAfterApply(plan, ADDR)).toEqual(['retrieved_at', 'updated_at']),
        },
        {
          name: 'rotation and role blocks removed: in place, nothing changes remotely',
          config: config('  description = "now described"\n  ttl = "90d"\n', ''),
          planCheck: (plan) => expect(actions(plan, ADDR)).toEqual(['update']),
          check: async (s) => {
            expect(findResource(s, ADDR).values['secret_id']).toBe(secretId);
            expect(await inst.cli(['secret-metadata', '--id', secretId])).toMatchObject({
              rotation: { auto_rotate: true, interval: 60 },
              source_service: { role: { crn: WRITER } },
            });
          },
        },
        {
          name: 'role added back: replacement',
          config: config('  description = "now described"\n  ttl = "90d"\n'),
          planCheck: (plan) => expect(actions(plan, ADDR)).toEqual(['delete', 'create']),
        },
      ]);
    });

    test('changing the source service replaces the secret, naming the attribute', async () => {
      const inst = acc.instance();
      const cfg = (crn: string) =>
        acc.config(`resource "ibm_sm_service_credentials_secret" "shape" {
  instance_id = "${inst.id}"
  name        = "moves"
  source_service {
    instance {
      crn = "${crn}"
    }
${ROLE}  }
}
`);
      await runSteps(acc.case({ checkDestroy: goneFromBackend(inst) }), [
        { config: cfg(COS_CRN) },
        {
          config: cfg(EN_CRN),
          planCheck: (plan) => {
            expect(actions(plan, ADDR)).toEqual(['delete', 'create']);
            expect(plan.resource_changes?.find((c) => c.address === ADDR)?.change.replace_paths).toEqual([['source_service', 0, 'instance', 0, 'crn']]);
          },
        },
      ]);
    });
  });
}
