/**
 * Pure retry arithmetic for the REST client: which statuses are worth another
 * attempt, how long to wait (exponential backoff with full jitter), and how to
 * read a `Retry-After` header. Kept free of I/O so it is trivially testable.
 */

export interface BackoffSettings {
  /** Upper bound of the first wait. */
  readonly minDelayMs: number;
  /** Cap of any single wait. */
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { minDelayMs: 250, maxDelayMs: 30_000 };

/** 429 and every 5xx except 501 (not implemented never heals by waiting). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/**
 * Full jitter (AWS architecture blog): a uniform wait in [0, min(cap, base·2^n)],
 * which spreads concurrent clients better than equal or decorrelated jitter.
 * `retry` counts from 0 for the first retry.
 */
export function backoffDelay(retry: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` as delta-seconds or an HTTP date, in milliseconds from `now`;
 * undefined when absent or unreadable (the caller then uses its own backoff).
 */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
