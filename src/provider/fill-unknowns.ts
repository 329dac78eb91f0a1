/**
 * The state after apply: every value the plan knew, exactly as planned, and
 * every "known after apply" value from what the backend reports. Terraform
 * requires the first part ("inconsistent result after apply" otherwise), so
 * a backend that normalises a value (say, a TTL written differently) cannot
 * break an apply.
 */
import { UNKNOWN } from '../framework/index.js';

export function fillUnknowns<T>(plan: T, actual: T): T {
  return fill(plan, actual) as T;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fill(plan: unknown, actual: unknown): unknown {
  if (plan === UNKNOWN) return actual === undefined ? null : actual;
  if (Array.isArray(plan)) {
    // Lists keep the planned length; elements pair up by index.
    const other = Array.isArray(actual) ? actual : [];
    return plan.map((e: unknown, i) => fill(e, other[i]));
  }
  if (isRecord(plan)) {
    const other = isRecord(actual) ? actual : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(plan)) out[k] = fill(v, other[k]);
    return out;
  }
  return plan;
}

/** The model with every unknown value replaced by null (what a request may send). */
export function knownOnly<T>(model: T): T {
  return strip(model) as T;
}

function strip(v: unknown): unknown {
  if (v === UNKNOWN) return null;
  if (Array.isArray(v)) return v.map(strip);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, strip(e)]));
  return v;
}
