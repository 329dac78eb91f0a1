/**
 * Rotation dates: the next rotation is the last one plus the interval, where
 * a month is a calendar month (Jan 31 + 1 month = Feb 28/29).
 */
import type { RotationPolicy, RotationUnit } from '../credential-backend.js';

const DAY_MS = 86_400_000;

export function addRotationInterval(fromMs: number, interval: number, unit: RotationUnit): number {
  if (unit === 'day') return fromMs + interval * DAY_MS;
  const d = new Date(fromMs);
  const targetMonth = d.getUTCMonth() + interval;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  const moved = new Date(fromMs);
  moved.setUTCDate(1);
  moved.setUTCMonth(targetMonth);
  moved.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return moved.getTime();
}

export function isAutoRotating(policy: RotationPolicy): policy is RotationPolicy & { interval: number; unit: RotationUnit } {
  return policy.auto_rotate && policy.interval !== undefined && policy.unit !== undefined;
}

/** When the policy rotates next after a rotation at `lastMs`; null when it does not rotate. */
export function nextRotationAfter(policy: RotationPolicy, lastMs: number): number | null {
  return isAutoRotating(policy) ? addRotationInterval(lastMs, policy.interval, policy.unit) : null;
}
