/**
 * Rotation policy of a service credentials secret: rotates by `day` or
 * `month`, every 1 day to 3 months, never less often than the TTL. Rotation
 * dates follow the calendar, so for the interval ≤ TTL rule a month counts as
 * 31 days: a rotation then always lands before the lease of the version it
 * replaces ends (with a 90-day TTL, 2 months is the longest monthly interval).
 */
import type { RotationUnit } from '../credential-backend.js';
import { isPlainObject } from './secret-field-validators.js';
import { issue, type ValidationIssue } from './validation-issue.js';

const MAX_INTERVAL: Readonly<Record<RotationUnit, number>> = { day: 90, month: 3 };
const DAY_SECONDS = 86_400;

export function isRotationUnit(v: unknown): v is RotationUnit {
  return v === 'day' || v === 'month';
}

/** Longest real length of an interval, for the interval ≤ TTL rule. */
export function rotationIntervalSeconds(interval: number, unit: RotationUnit): number {
  return interval * (unit === 'month' ? 31 : 1) * DAY_SECONDS;
}

/**
 * `policy` comes from JSON (CLI, REST server) or from typed callers; `ttlSeconds`
 * is the TTL that will be in force (0 or undefined = none). `partial` checks a
 * merge-patch fragment: types and ranges only.
 */
export function validateRotationPolicy(
  policy: unknown,
  ttlSeconds: number | undefined,
  field = 'rotation',
  options: { readonly partial?: boolean } = {},
): ValidationIssue | undefined {
  if (!isPlainObject(policy)) return issue(field, 'The rotation policy must be an object with auto_rotate, interval and unit.');
  const { auto_rotate: autoRotate, interval, unit } = policy;
  if (autoRotate !== undefined && typeof autoRotate !== 'boolean') {
    return issue(`${field}.auto_rotate`, 'auto_rotate must be true or false.');
  }
  if (interval !== undefined && (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1)) {
    return issue(`${field}.interval`, 'The rotation interval must be a whole number of at least 1.');
  }
  if (unit !== undefined && !isRotationUnit(unit)) {
    return issue(`${field}.unit`, 'The rotation unit must be "day" or "month" for service credentials.');
  }
  // A merge-patch may enable auto_rotate and rely on the stored interval/unit.
  if (autoRotate === true && options.partial !== true) {
    if (interval === undefined) return issue(`${field}.interval`, 'An interval is required when auto_rotate is true.');
    if (unit === undefined) return issue(`${field}.unit`, 'A unit ("day" or "month") is required when auto_rotate is true.');
  }
  if (typeof interval === 'number' && isRotationUnit(unit)) {
    if (interval > MAX_INTERVAL[unit]) {
      return issue(`${field}.interval`, 'The rotation interval must be between 1 day and 3 months (90 days).');
    }
    if (autoRotate === true && ttlSeconds !== undefined && ttlSeconds > 0 && rotationIntervalSeconds(interval, unit) > ttlSeconds) {
      return issue(
        `${field}.interval`,
        `The rotation interval (${interval} ${unit}${interval === 1 ? '' : 's'}) cannot be longer than the TTL (${ttlSeconds} seconds)${unit === 'month' ? '; a month counts as 31 days' : ''}.`,
      );
    }
  }
  return undefined;
}
