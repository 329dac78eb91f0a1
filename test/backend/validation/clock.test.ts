import { ManualClock, parseClockOffset, systemClock } from '../../../src/backend/clock.js';
import { parseDurationSeconds } from '../../../src/backend/validation/index.js';

describe('clock', () => {
  test('IBM_SM_LOCAL_CLOCK_OFFSET moves the system clock', () => {
    const before = Date.now();
    const t = systemClock({ IBM_SM_LOCAL_CLOCK_OFFSET: '31d' }).now().getTime();
    expect(t - before).toBeGreaterThanOrEqual(31 * 86_400_000);
    expect(t - before).toBeLessThan(31 * 86_400_000 + 5_000);
    expect(Math.abs(systemClock({}).now().getTime() - Date.now())).toBeLessThan(1000);
  });

  test.each([
    ['31d', 31 * 86_400_000],
    ['2h', 7_200_000],
    ['90m', 5_400_000],
    ['45s', 45_000],
    ['45', 45_000],
    ['-1d', -86_400_000],
    ['', 0],
  ])('offset %s is %d ms', (raw, ms) => {
    expect(parseClockOffset(raw)).toBe(ms);
  });

  test('a malformed offset is an error naming the variable', () => {
    expect(() => parseClockOffset('next week')).toThrow(/IBM_SM_LOCAL_CLOCK_OFFSET/);
    expect(parseDurationSeconds('-5m')).toBeUndefined();
  });

  test('a manual clock moves only when told', () => {
    const c = new ManualClock('2026-01-01T00:00:00Z');
    c.advance('1d');
    c.advance(1000);
    expect(c.now().toISOString()).toBe('2026-01-02T00:00:01.000Z');
  });
});
