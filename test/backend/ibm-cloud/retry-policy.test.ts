import { backoffDelay, isRetryableStatus, parseRetryAfter } from '../../../src/backend/ibm-cloud/retry-policy.js';

describe('retry policy', () => {
  it('retries 429 and 5xx but never other 4xx or 501', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 412, 422, 501].some(isRetryableStatus)).toBe(false);
  });

  it('backs off exponentially with full jitter under a cap', () => {
    const settings = { minDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, settings, () => 0.999)).toBe(99);
    expect(backoffDelay(3, settings, () => 0.999)).toBe(799);
    expect(backoffDelay(10, settings, () => 0.999)).toBe(999);
    expect(backoffDelay(10, settings, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
