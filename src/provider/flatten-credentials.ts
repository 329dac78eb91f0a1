/**
 * JSON objects → Terraform maps of strings, as the official provider's
 * flex.Flatten does for `credentials`: nested objects become dotted keys
 * (`cos_hmac_keys.access_key_id`), lists `key.#` plus `key.0`…, booleans
 * "true"/"false", numbers their decimal text; nulls are left out.
 */
export function flattenCredentials(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (prefix: string, v: unknown): void => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) {
      out[`${prefix}.#`] = String(v.length);
      v.forEach((e, i) => walk(`${prefix}.${i}`, e));
      return;
    }
    if (typeof v === 'object') {
      for (const [k, e] of Object.entries(v as Record<string, unknown>)) walk(prefix === '' ? k : `${prefix}.${k}`, e);
      return;
    }
    out[prefix] = String(v);
  };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) walk('', value);
  return out;
}

/** A metadata object as map(string): strings as they are, anything else as JSON text. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  }
  return out;
}
