/**
 * Reading flag values with errors that name the flag.
 */
import { CliError } from './cli-error.js';
import type { CliValues } from './cli-command.js';

export function optionalString(values: CliValues, flag: string): string | undefined {
  const v = values[flag];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new CliError(`--${flag} takes a value`);
  return v;
}

export function requiredString(values: CliValues, flag: string): string {
  const v = optionalString(values, flag);
  if (v === undefined || v === '') throw new CliError(`--${flag} is required`);
  return v;
}

/** The first of several spellings that is set (e.g. --name / --secret-name). */
export function firstString(values: CliValues, ...flags: string[]): string | undefined {
  for (const f of flags) {
    const v = optionalString(values, f);
    if (v !== undefined) return v;
  }
  return undefined;
}

export function flag(values: CliValues, name: string): boolean {
  return values[name] === true;
}

export function parseJsonFlag(text: string, flagName: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err: unknown) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CliError(`--${flagName} is not valid JSON: ${reason}`);
  }
}

export function parseJsonObjectFlag(text: string, flagName: string): Record<string, unknown> {
  const v = parseJsonFlag(text, flagName);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new CliError(`--${flagName} must be a JSON object`);
  return v as Record<string, unknown>;
}

/** `a,b,c` (empty string = empty list), or a JSON array of strings. */
export function parseListFlag(text: string, flagName: string): string[] {
  const t = text.trim();
  if (t.startsWith('[')) {
    const v = parseJsonFlag(t, flagName);
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new CliError(`--${flagName} must be a list of strings`);
    return v as string[];
  }
  return t === '' ? [] : t.split(',').map((s) => s.trim());
}

export function parseIntFlag(text: string, flagName: string): number {
  if (!/^\d+$/.test(text.trim())) throw new CliError(`--${flagName} must be a whole number`);
  return Number(text.trim());
}
