import { parseTtl, TTL_MAX_SECONDS, TTL_MIN_SECONDS } from '../../../src/backend/validation/index.js';

describe('parseTtl', () => {
  test.each([
    ['86400', 86_400],
    ['24h', 86_400],
    ['1440m', 86_400],
    ['1d', 86_400],
    ['90d', 7_776_000],
    ['7776000', 7_776_000],
    ['345600s', 345_600],
    ['0', 0],
    ['', 0],
  ])('%s is %d seconds', (raw, seconds) => {
    expect(parseTtl(raw)).toEqual({ ok: true, value: seconds });
  });

  test.each(['86399', '23h', '91d', '7776001', '1w', '-1d', '1.5d', 'abc', '12345678901', '1 d'])('%s is rejected on the ttl field', (raw) => {
    const r = parseTtl(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.field).toBe('ttl');
      expect(r.issue.path).toEqual(['ttl']);
      expect(r.issue.message.length).toBeGreaterThan(10);
    }
  });

  test('bounds are 1 day and 90 days', () => {
    expect(TTL_MIN_SECONDS).toBe(86_400);
    expect(TTL_MAX_SECONDS).toBe(90 * 86_400);
  });
});
