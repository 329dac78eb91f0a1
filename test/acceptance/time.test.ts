/**
 * Time: a TTL change plans as an in-place update that keeps the current
 * credentials, expiration date, version count and next rotation date (with
 * a warning that says so), the current version keeps its lease after apply,
 * and the version the next rotation makes gets the new TTL; a secret whose
 * lease ended plans a renewal (credentials unknown, a warning) that apply
 * carries out.
 *
 * The clock moves with IBM_SM_LOCAL_CLOCK_OFFSET. With the embedded store it
 * must reach the provider, so the provider is launched by terraform (a
 * reattached one keeps its own environment); with the REST server it is the
 * server's clock, so the server restarts with the offset and the provider
 * stays reattached.
 */
import type { EnvVars, PlanJson, StateJson } from '../harness/index.js';
import { actions, findResource, plannedAttrs, resourceChange, runSteps, unknownAfterApply } from '../harness/index.js';
import { accTarget, targets } from './acc-target.js';
import type { AccInstance, AccTarget } from './acc-target.js';
import { goneFromBackend } from './acc-checks.js';
import { COS_CRN, WRITER } from './configs.js';

const ADDR = 'ibm_sm_service_credentials_secret.timed';
const DAY = 86_400_000;

function timedConfig(instanceId: string, ttl: string, rotation: string): string {
  return `resource "ibm_sm_service_credentials_secret" "timed" {
  instance_id = "${instanceId}"
  name        = "timed-secret"
  ttl         = "${ttl}"
${rotation}  source_service {
    instance {
      crn = "${COS_CRN}"
    }
    role {
      crn = "${WRITER}"
    }
    parameters = { HMAC = true }
  }
}
`;
}

const WEEKLY = `  rotation {
    auto_rotate = true
    interval    = 7
    unit        = "day"
  }
`;

const values = (s: StateJson): Record<string, unknown> => findResource(s, ADDR).values as Record<string, unknown>;
const ms = (iso: unknown): number => new Date(String(iso)).getTime();

interface Version {
  id: string;
  alias?: string;
  created_at: string;
  expiration_date?: string;
  auto_rotated: boolean;
}

/** Moves the clock: the environment of every command (embedded store), or a server restart (REST). */
function clock(acc: AccTarget, offset: string): { env: EnvVars; preConfig: () => Promise<void> } {
  const env = { IBM_SM_LOCAL_CLOCK_OFFSET: offset };
  return {
    env: acc.backend === 'local' ? env : {},
    preConfig: async () => {
      if (acc.backend === 'rest') await acc.server!.restart(offset === '0s' ? {} : env);
    },
  };
}

async function versions(inst: AccInstance, id: string, offset: string): Promise<Version[]> {
  return ((await inst.cli(['secret-versions', '--id', id], { IBM_SM_LOCAL_CLOCK_OFFSET: offset })) as { versions: Version[] }).versions;
}

for (const name of targets(['local-launched', 'rest-reattach'])) {
  describe(name, () => {
    const acc = accTarget(name);
    afterEach(async () => {
      if (acc.backend === 'rest') await acc.server!.restart({});
    });

    test('ttl change: plan keeps credentials and dates, warns; the next rotation uses the new TTL', async () => {
      const inst = acc.instance();
      let before: Record<string, unknown> = {};
      const later = clock(acc, '8d');
      await runSteps(acc.case({ checkDestroy: goneFromBackend(inst) }), [
        {
          name: 'create with a 30 day ttl and weekly rotation',
          config: acc.config(timedConfig(inst.id, '30d', WEEKLY)),
          check: (s) => {
            before = values(s);
            expect(ms(before['expiration_date']) - ms(before['created_at'])).toBe(30 * DAY);
            expect(ms(before['next_rotation_date']) - ms(before['created_at'])).toBe(7 * DAY);
          },
        },
        {
          name: 'change the ttl to 20 days',
          config: acc.config(timedConfig(inst.id, '20d', WEEKLY)),
          planCheck: (plan: PlanJson, output: string) => {
            expect(actions(plan, ADDR)).toEqual(['update']);
            const after = resourceChange(plan, ADDR).change.after as Record<string, unknown>;
            expect(after['ttl']).toBe('20d');
            for (const k of ['credentials', 'expiration_date', 'versions_total', 'next_rotation_date', 'secret_id', 'state']) expect(after[k]).toEqual(before[k]);
            const unknown = unknownAfterApply(plan, ADDR);
            expect(unknown).toEqual(['retrieved_at', 'updated_at']);
            const text = output.replace(/\s+/g, ' ');
            expect(text).toContain('TTL Change Applies From the Next Rotation');
            expect(text).toContain(`expires at ${String(before['expiration_date'])}`);
            expect(text).toContain(`due at ${String(before['next_rotation_date'])}`);
          },
          check: async (s) => {
            const now = values(s);
            for (const k of ['credentials', 'expiration_date', 'versions_total', 'next_rotation_date']) expect(now[k]).toEqual(before[k]);
            const [current] = await versions(inst, String(now['secret_id']), '0s');
            expect(current!.expiration_date).toBe(before['expiration_date']);
          },
        },
        {
          name: 'eight days later: the rotated version has the new TTL',
          config: acc.config(timedConfig(inst.id, '20d', WEEKLY)),
          ...later,
          check: async (s) => {
            const now = values(s);
            expect(now['versions_total']).toBe(2);
            expect(now['credentials']).not.toEqual(before['credentials']);
            const rotatedAt = ms(before['next_rotation_date']);
            expect(ms(now['expiration_date'])).toBe(rotatedAt + 20 * DAY);
            expect(ms(now['next_rotation_date'])).toBe(rotatedAt + 7 * DAY);
            const [current, previous] = await versions(inst, String(now['secret_id']), '8d');
            expect(current).toMatchObject({ alias: 'current', auto_rotated: true });
            expect(ms(current!.expiration_date)).toBe(rotatedAt + 20 * DAY);
            // The version from before the change kept the lease it was made with.
            expect(previous!.expiration_date).toBe(before['expiration_date']);
          },
        },
      ]);
    });

    test('lease ended: the plan renews the credentials in place, with a warning', async () => {
      const inst = acc.instance();
      let before: Record<string, unknown> = {};
      const later = clock(acc, '2d');
      await runSteps(acc.case({ checkDestroy: goneFromBackend(inst) }), [
        {
          name: 'create with a one day lease',
          config: acc.config(timedConfig(inst.id, '1d', '')),
          check: (s) => {
            before = values(s);
            expect(before['next_rotation_date']).toBe('');
          },
        },
        {
          name: 'two days later: renewal',
          config: acc.config(timedConfig(inst.id, '1d', '')),
          ...later,
          planCheck: (plan, output) => {
            expect(actions(plan, ADDR)).toEqual(['update']);
            expect((plan as { prior_state?: StateJson }).prior_state).toBeDefined();
            const refreshed = findResource((plan as unknown as { prior_state: StateJson }).prior_state, ADDR).values as Record<string, unknown>;
            expect(refreshed['state']).toBe(5);
            expect(refreshed['state_description']).toBe('destroyed');
            expect(plannedAttrs(plan, ADDR)).toMatchObject({ state: '1', state_description: 'active' });
            expect(unknownAfterApply(plan, ADDR)).toEqual(
              expect.arrayContaining(['credentials', 'versions_total', 'expiration_date', 'source_service.0.resource_key', 'source_service.0.iam']),
            );
            const text = output.replace(/\s+/g, ' ');
            expect(text).toContain('Credentials Lease Ended: Renewal Planned');
            expect(text).toContain(`ended at ${String(before['expiration_date'])}`);
          },
          check: (s) => {
            const now = values(s);
            expect(now['state']).toBe(1);
            expect(now['state_description']).toBe('active');
            expect(now['versions_total']).toBe(2);
            expect(now['credentials']).not.toEqual(before['credentials']);
            expect(Object.keys(now['credentials'] as object)).toContain('cos_hmac_keys.access_key_id');
            expect(ms(now['expiration_date'])).toBeGreaterThan(ms(before['expiration_date']) + DAY - 60_000);
          },
        },
      ]);
    });
  });
}
