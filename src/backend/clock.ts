/**
 * Time for the credential engines. Tests and demos move time forward across
 * separate processes (terraform runs, the CLI, the server) with
 * `IBM_SM_LOCAL_CLOCK_OFFSET` (`31d`, `2h`, `90m`, `45s`, `-1d`), which every
 * process that opens a store reads.
 */
import { parseDurationSeconds } from './validation/parse-duration.js';

export interface Clock {
  now(): Date;
}

export const CLOCK_OFFSET_ENV = 'IBM_SM_LOCAL_CLOCK_OFFSET';

/** Offset in milliseconds; throws on a malformed value so a typo cannot silently stop time travel. */
export function parseClockOffset(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 0;
  const seconds = parseDurationSeconds(raw, { allowNegative: true });
  if (seconds === undefined) {
    throw new Error(`${CLOCK_OFFSET_ENV} must be a duration like 31d, 2h, 90m, 45s or -1d; got "${raw}".`);
  }
  return seconds * 1000;
}

/** A fixed offset from the system clock. */
export function offsetClock(offsetMs: number): Clock {
  return { now: () => new Date(Date.now() + offsetMs) };
}

/** The system clock plus `IBM_SM_LOCAL_CLOCK_OFFSET`, read once. */
export function systemClock(env: NodeJS.ProcessEnv = process.env): Clock {
  return offsetClock(parseClockOffset(env[CLOCK_OFFSET_ENV]));
}

/** A clock tests drive by hand. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string | number = Date.UTC(2026, 0, 1)) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string | number): void {
    this.current = new Date(to).getTime();
  }

  /** Moves forward by a duration like `31d` or a number of milliseconds. */
  advance(by: string | number): void {
    const ms = typeof by === 'number' ? by : parseClockOffset(by);
    this.current += ms;
  }
}
