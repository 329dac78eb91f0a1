/**
 * Work that falls due with time, applied without a daemon: every access to an
 * instance first runs it (and the REST server also runs it on a timer).
 * Auto-rotations catch up one by one at their scheduled times, so a clock
 * moved far forward yields the versions a running service would have made;
 * a current lease that ends before the next rotation revokes the credentials
 * and destroys the secret (state 5) until someone rotates it again.
 */
import { SECRET_STATES, type RotationPolicy } from '../credential-backend.js';
import { isoTime, type InstanceInfo } from './api-shapes.js';
import { VERSIONS_RETAINED, type EngineContext } from './engine-context.js';
import { addRotationInterval, isAutoRotating } from './rotation-schedule.js';
import { addVersion } from './secret-versions.js';
import type { SecretRow } from './store-rows.js';

export type DueWorkKind = 'rotated' | 'expired' | 'rotation_skipped_locked';

export interface DueWorkEvent {
  readonly kind: DueWorkKind;
  readonly instanceId: string;
  readonly region: string;
  readonly secretId: string;
  /** When it fell due (RFC 3339), not when it was applied. */
  readonly at: string;
}

export interface DueWorkReport {
  readonly rotated: number;
  readonly expired: number;
  /** Versions whose lease ended (current or older), credentials revoked. */
  readonly revokedVersions: number;
  readonly events: readonly DueWorkEvent[];
}

export const EMPTY_DUE_WORK: DueWorkReport = { rotated: 0, expired: 0, revokedVersions: 0, events: [] };

export function mergeDueWork(a: DueWorkReport, b: DueWorkReport): DueWorkReport {
  return {
    rotated: a.rotated + b.rotated,
    expired: a.expired + b.expired,
    revokedVersions: a.revokedVersions + b.revokedVersions,
    events: [...a.events, ...b.events],
  };
}

// Bounds the catch-up loop even for a clock moved by years at a 1-day interval.
const MAX_STEPS = 100_000;

interface Timeline {
  readonly rotations: number[];
  readonly skipped: number[];
  readonly expiredAt: number | undefined;
  readonly nextRotation: number | null;
}

/** Plans the catch-up without touching the store: which rotations, skips and expiry happen by `now`. */
function planTimeline(ctx: EngineContext, inst: InstanceInfo, secret: SecretRow, now: number): Timeline {
  const policy = JSON.parse(secret.rotation) as RotationPolicy;
  const auto = isAutoRotating(policy) ? policy : undefined;
  let nextRotation = auto ? secret.next_rotation_at : null;
  let expiry = secret.current_expires_at;
  const current = secret.current_version_id;
  const previous = ctx.store.versionByRank(inst.key, secret.id, 1);
  let currentLocked = current !== null && ctx.store.locksOnVersion(inst.key, secret.id, current).length > 0;
  let previousLocked = previous !== undefined && ctx.store.locksOnVersion(inst.key, secret.id, previous.id).length > 0;
  const rotations: number[] = [];
  const skipped: number[] = [];
  let expiredAt: number | undefined;

  for (let step = 0; step < MAX_STEPS; step++) {
    const rotationDue = auto !== undefined && nextRotation !== null && nextRotation <= now;
    const expiryDue = expiry !== null && expiry <= now;
    if (rotationDue && auto && nextRotation !== null && (!expiryDue || expiry === null || nextRotation <= expiry)) {
      // A locked previous version must keep its alias, so the service refuses the rotation.
      if (previousLocked) skipped.push(nextRotation);
      else {
        rotations.push(nextRotation);
        previousLocked = currentLocked;
        currentLocked = false;
        expiry = secret.ttl_seconds > 0 ? nextRotation + secret.ttl_seconds * 1000 : null;
      }
      nextRotation = addRotationInterval(nextRotation, auto.interval, auto.unit);
      continue;
    }
    if (expiryDue && expiry !== null) expiredAt = expiry;
    break;
  }
  return { rotations, skipped, expiredAt, nextRotation };
}

function applySecretDueWork(ctx: EngineContext, inst: InstanceInfo, secret: SecretRow, now: number): DueWorkReport {
  const plan = planTimeline(ctx, inst, secret, now);
  const events: DueWorkEvent[] = [];
  const event = (kind: DueWorkKind, at: number): DueWorkEvent => ({
    kind,
    instanceId: inst.instanceId,
    region: inst.region,
    secretId: secret.id,
    at: isoTime(at),
  });
  let updatedAt = secret.updated_at;
  // Versions older than the retention window would be pruned at once: mint only the last ones.
  for (const at of plan.rotations.slice(-VERSIONS_RETAINED)) {
    addVersion(ctx, inst, secret, at, { autoRotated: true, createdBy: secret.created_by });
    updatedAt = at;
  }
  for (const at of plan.rotations) events.push(event('rotated', at));
  for (const at of plan.skipped) events.push(event('rotation_skipped_locked', at));

  let revoked = 0;
  if (plan.expiredAt !== undefined) {
    const fresh = ctx.store.getSecret(inst.key, secret.id);
    if (fresh?.current_version_id) {
      ctx.store.revokeVersion(inst.key, secret.id, fresh.current_version_id);
      revoked = 1;
    }
    updatedAt = Math.max(updatedAt, plan.expiredAt);
    events.push(event('expired', plan.expiredAt));
  }
  ctx.store.updateSecret(inst.key, secret.id, {
    next_rotation_at: plan.nextRotation,
    updated_at: updatedAt,
    state: plan.expiredAt !== undefined ? SECRET_STATES.destroyed : secret.state,
  });
  // The logger redacts any field named like "secret…", so the id goes under `id`.
  for (const e of events) ctx.logger.info(`local engine: secret ${e.kind}`, { id: e.secretId, instance_id: e.instanceId, due_at: e.at });
  return { rotated: plan.rotations.length, expired: plan.expiredAt !== undefined ? 1 : 0, revokedVersions: revoked, events };
}

/** Runs everything due at `now` for one instance; call inside a write transaction. */
export function applyInstanceDueWork(ctx: EngineContext, inst: InstanceInfo, now: number): DueWorkReport {
  let report = EMPTY_DUE_WORK;
  for (const secret of ctx.store.dueSecrets(inst.key, now)) {
    report = mergeDueWork(report, applySecretDueWork(ctx, inst, secret, now));
  }
  const revoked = ctx.store.revokeExpiredVersions(inst.key, now);
  return { ...report, revokedVersions: report.revokedVersions + revoked };
}
