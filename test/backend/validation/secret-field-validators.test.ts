import {
  validateCustomMetadata,
  validateDescription,
  validateLabels,
  validateSecretGroupId,
  validateSecretGroupName,
  validateSecretName,
} from '../../../src/backend/validation/index.js';

/** The documented pattern, used only to cross-check the linear one on short inputs. */
const DOCUMENTED = /^[A-Za-z0-9_][A-Za-z0-9_]*(?:_*-*\.*[A-Za-z0-9]*)*[A-Za-z0-9]+$/;

describe('secret name', () => {
  test.each(['my-sc', 'terraform-test-sc-secret', 'service_credentials-datasource-terraform-test', '_x1', 'a.b-c_d', 'ab', 'x'.repeat(256)])('%s is valid', (name) => {
    expect(validateSecretName(name)).toBeUndefined();
  });

  test.each(['a', 'x'.repeat(257), '-ab', 'ab-', 'a b', 'ab_', 'é1', 'a/b', '.ab'])('%s is invalid on name', (name) => {
    expect(validateSecretName(name)?.field).toBe('name');
  });

  test('agrees with the documented pattern', () => {
    const alphabet = ['a', 'Z', '0', '_', '-', '.'];
    const words: string[] = [];
    const grow = (prefix: string, depth: number): void => {
      if (prefix.length >= 2) words.push(prefix);
      if (depth === 0) return;
      for (const c of alphabet) grow(prefix + c, depth - 1);
    };
    grow('', 4);
    for (const w of words) expect([w, validateSecretName(w) === undefined]).toEqual([w, DOCUMENTED.test(w)]);
  });

  test('stays fast on a long name that fails at the end (the documented pattern backtracks)', () => {
    const started = Date.now();
    expect(validateSecretName(`${'a-'.repeat(120)}-`)?.field).toBe('name');
    expect(Date.now() - started).toBeLessThan(50);
  });
});

describe('other fields', () => {
  test('description at most 1024 characters', () => {
    expect(validateDescription('x'.repeat(1024))).toBeUndefined();
    expect(validateDescription('x'.repeat(1025))?.field).toBe('description');
  });

  test('labels: at most 30, each 2 to 64 characters, with the offending index', () => {
    expect(validateLabels(['dev', 'us-south', 'with space'])).toBeUndefined();
    expect(validateLabels(Array.from({ length: 31 }, (_, i) => `l${i}`))?.field).toBe('labels');
    const short = validateLabels(['ok', 'x']);
    expect(short).toMatchObject({ field: 'labels', path: ['labels', 1] });
    expect(validateLabels(['ok', 'y'.repeat(65)])?.path).toEqual(['labels', 1]);
    expect(validateLabels('dev')?.field).toBe('labels');
  });

  test('secret group id is a UUID or default', () => {
    expect(validateSecretGroupId('default')).toBeUndefined();
    expect(validateSecretGroupId('bfc0a4a9-3d58-4fda-945b-76756af516aa')).toBeUndefined();
    expect(validateSecretGroupId('BFC0A4A9-3D58-4FDA-945B-76756AF516AA')?.field).toBe('secret_group_id');
    expect(validateSecretGroupId('my-group')?.field).toBe('secret_group_id');
  });

  test('custom metadata is an object of at most 10 KB', () => {
    expect(validateCustomMetadata({ key1: 'value1' })).toBeUndefined();
    expect(validateCustomMetadata({ big: 'x'.repeat(10 * 1024) })?.field).toBe('custom_metadata');
    expect(validateCustomMetadata(['a'], 'version_custom_metadata')?.field).toBe('version_custom_metadata');
  });

  test('secret group names', () => {
    expect(validateSecretGroupName('team-a')).toBeUndefined();
    expect(validateSecretGroupName('default')?.field).toBe('name');
    expect(validateSecretGroupName('-x')?.field).toBe('name');
  });
});
