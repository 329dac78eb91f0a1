/**
 * Durations as Secrets Manager writes TTLs: whole seconds, or a number with
 * an s/m/h/d suffix (`86400`, `24h`, `90d`). The clock offset also allows a
 * leading minus.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

const DURATION = /^(-?)(\d+)([smhd]?)$/;

/** Seconds, or undefined when `raw` is not a duration (or is negative and that is not allowed). */
export function parseDurationSeconds(raw: string, options: { readonly allowNegative?: boolean } = {}): number | undefined {
  const m = DURATION.exec(raw.trim());
  if (!m) return undefined;
  const [, sign = '', digits = '', unit = ''] = m;
  if (sign === '-' && options.allowNegative !== true) return undefined;
  const n = Number(digits);
  const factor = UNIT_SECONDS[unit];
  if (!Number.isSafeInteger(n) || factor === undefined) return undefined;
  const seconds = n * factor;
  if (!Number.isSafeInteger(seconds)) return undefined;
  return sign === '-' ? -seconds : seconds;
}
