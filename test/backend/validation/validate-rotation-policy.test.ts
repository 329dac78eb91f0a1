import { rotationIntervalSeconds, validateRotationPolicy } from '../../../src/backend/validation/index.js';

describe('validateRotationPolicy', () => {
  test.each([
    [{ auto_rotate: false }, undefined],
    [{ auto_rotate: true, interval: 1, unit: 'day' }, undefined],
    [{ auto_rotate: true, interval: 90, unit: 'day' }, undefined],
    [{ auto_rotate: true, interval: 3, unit: 'month' }, undefined],
    [{ auto_rotate: true, interval: 2, unit: 'month' }, 7_776_000],
    [{ auto_rotate: true, interval: 3, unit: 'day' }, 345_600],
    [{ auto_rotate: false, interval: 30, unit: 'day' }, 86_400],
  ])('%j with TTL %s is valid', (policy, ttl) => {
    expect(validateRotationPolicy(policy, ttl)).toBeUndefined();
  });

  test.each([
    [{ auto_rotate: true, interval: 0, unit: 'day' }, undefined, 'rotation.interval'],
    [{ auto_rotate: true, interval: 1.5, unit: 'day' }, undefined, 'rotation.interval'],
    [{ auto_rotate: true, interval: 91, unit: 'day' }, undefined, 'rotation.interval'],
    [{ auto_rotate: true, interval: 4, unit: 'month' }, undefined, 'rotation.interval'],
    [{ auto_rotate: true, interval: 5, unit: 'day' }, 345_600, 'rotation.interval'],
    [{ auto_rotate: true, interval: 3, unit: 'month' }, 7_776_000, 'rotation.interval'],
    [{ auto_rotate: true, interval: 1, unit: 'hour' }, undefined, 'rotation.unit'],
    [{ auto_rotate: true, unit: 'day' }, undefined, 'rotation.interval'],
    [{ auto_rotate: true, interval: 1 }, undefined, 'rotation.unit'],
    [{ auto_rotate: 'yes' }, undefined, 'rotation.auto_rotate'],
    ['weekly', undefined, 'rotation'],
  ])('%j with TTL %s is rejected on %s', (policy, ttl, field) => {
    expect(validateRotationPolicy(policy, ttl)?.field).toBe(field);
  });

  test('a merge-patch fragment may rely on the stored interval and unit', () => {
    expect(validateRotationPolicy({ auto_rotate: true }, undefined, 'rotation', { partial: true })).toBeUndefined();
    expect(validateRotationPolicy({ interval: 0 }, undefined, 'rotation', { partial: true })?.field).toBe('rotation.interval');
  });

  test('a month counts as its longest calendar length against the TTL', () => {
    expect(rotationIntervalSeconds(1, 'month')).toBe(31 * 86_400);
    expect(rotationIntervalSeconds(7, 'day')).toBe(7 * 86_400);
  });
});
