/**
 * State checks in the style of terraform-plugin-testing, over `show -json`
 * state. Attributes are flattened like plugin-testing's flatmap: lists and
 * sets get `name.#` and `name.0.field`, maps and objects get `name.%` and
 * `name.key`; nulls are absent.
 *
 *   resourceAttrs(state, 'ibm_sm_secret_group.g')      → { id: '…', 'labels.#': '2', 'rotation.0.interval': '30', … }
 *   expectAttr(state, 'ibm_x.a', 'name', 'demo')        // exact string (numbers/bools compared as text)
 *   expectAttr(state, 'ibm_x.a', 'id', /^us-south\//)   // or a RegExp
 *   expectAttrSet(state, 'ibm_x.a', 'secret_id')        // present and non-empty
 *   expectNoAttr(state, 'ibm_x.a', 'description')       // null / absent
 *
 * Failure messages never print values of sensitive attributes.
 */
import type { ModuleJson, ResourceJson, StateJson, StateValuesJson } from './terraform-json.js';

export type AttrMap = Readonly<Record<string, string>>;

/** Flattens nested JSON values into flatmap keys. */
export function flattenValues(values: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) flattenInto(out, k, v);
  return out;
}

function flattenInto(out: Record<string, string>, key: string, v: unknown): void {
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) {
    out[`${key}.#`] = String(v.length);
    v.forEach((e, i) => flattenInto(out, `${key}.${i}`, e));
  } else if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    out[`${key}.%`] = String(entries.length);
    for (const [k, e] of entries) flattenInto(out, `${key}.${k}`, e);
  } else {
    out[key] = String(v);
  }
}

/** All resources of a state or planned values, child modules included. */
export function allResources(values: StateValuesJson | undefined): ResourceJson[] {
  const out: ResourceJson[] = [];
  const walk = (m: ModuleJson | undefined): void => {
    if (!m) return;
    out.push(...(m.resources ?? []));
    for (const c of m.child_modules ?? []) walk(c);
  };
  walk(values?.root_module);
  return out;
}

/** The resource at `address` (e.g. `ibm_x.a`, `data.ibm_x.d`, `module.m.ibm_x.a[0]`), or a readable error. */
export function findResource(state: StateJson, address: string): ResourceJson {
  const resources = allResources(state.values);
  const found = resources.find((r) => r.address === address);
  if (found) return found;
  const known = resources.map((r) => r.address).join(', ') || '(state is empty)';
  throw new Error(`${address} is not in the state; resources: ${known}`);
}

export function hasResource(state: StateJson, address: string): boolean {
  return allResources(state.values).some((r) => r.address === address);
}

export function resourceAttrs(state: StateJson, address: string): AttrMap {
  return flattenValues(findResource(state, address).values);
}

/** True when the flattened key lies in a sensitive value of the resource. */
export function isSensitiveKey(resource: ResourceJson, key: string): boolean {
  let cur: unknown = resource.sensitive_values;
  for (const seg of key.split('.')) {
    if (cur === true) return true;
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur === true;
}

function shown(resource: ResourceJson, key: string, value: string): string {
  return isSensitiveKey(resource, key) ? '(sensitive value)' : JSON.stringify(value);
}

export function expectAttr(
  state: StateJson,
  address: string,
  key: string,
  expected: string | number | boolean | RegExp,
): void {
  const resource = findResource(state, address);
  const attrs = flattenValues(resource.values);
  const actual = attrs[key];
  if (actual === undefined) {
    throw new Error(`${address}: attribute "${key}" is not set (expected ${describe(expected)}); set: ${Object.keys(attrs).join(', ')}`);
  }
  const ok = expected instanceof RegExp ? expected.test(actual) : actual === String(expected);
  if (!ok) {
    throw new Error(`${address}: attribute "${key}" is ${shown(resource, key, actual)}, expected ${describe(expected)}`);
  }
}

export function expectAttrSet(state: StateJson, address: string, key: string): void {
  const attrs = resourceAttrs(state, address);
  const actual = attrs[key];
  if (actual === undefined || actual === '') {
    throw new Error(`${address}: attribute "${key}" is ${actual === undefined ? 'not set' : 'empty'}, expected a value`);
  }
}

export function expectNoAttr(state: StateJson, address: string, key: string): void {
  const resource = findResource(state, address);
  const actual = flattenValues(resource.values)[key];
  if (actual !== undefined) {
    throw new Error(`${address}: attribute "${key}" is ${shown(resource, key, actual)}, expected it to be unset`);
  }
}

/** Compares two flattened attribute maps; keys starting with an ignored prefix are skipped. Returns readable differences. */
export function diffAttrs(
  expected: AttrMap,
  actual: AttrMap,
  ignorePrefixes: readonly string[] = [],
  sensitive: (key: string) => boolean = () => false,
): string[] {
  // Plain prefixes, as plugin-testing's ImportStateVerifyIgnore: 'credentials' also skips 'credentials.%'.
  const ignored = (k: string): boolean => ignorePrefixes.some((p) => k.startsWith(p));
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const diffs: string[] = [];
  for (const k of [...keys].sort()) {
    if (ignored(k) || expected[k] === actual[k]) continue;
    const show = (v: string | undefined): string => (v === undefined ? '(unset)' : sensitive(k) ? '(sensitive value)' : JSON.stringify(v));
    diffs.push(`  ${k}: ${show(expected[k])} → ${show(actual[k])}`);
  }
  return diffs;
}

function describe(expected: string | number | boolean | RegExp): string {
  return expected instanceof RegExp ? String(expected) : JSON.stringify(String(expected));
}
