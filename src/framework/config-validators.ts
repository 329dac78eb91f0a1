/**
 * Validators of relations between attributes of one configuration
 * (resources, data sources and the provider). A value counts as "set" when
 * it is non-null and, for lists/sets/maps (absent blocks are empty lists),
 * non-empty. When any involved value is unknown the check waits until it is
 * known.
 *
 *   configValidators() { return [exactlyOneOf('secret_id', 'name'), requiredWith('name', 'secret_group_name')]; }
 */
import type { AttributePath } from '../tftypes/attribute-path.js';
import type { TfValue } from '../tftypes/value.js';
import type { Diagnostics } from './diagnostics.js';
import type { ReadonlyObjectData } from './object-data.js';
import { toPath } from './path.js';
import type { PathLike } from './path.js';
import type { ConfigValidator } from './validator.js';

type Presence = 'set' | 'unset' | 'unknown';

const SUMMARY = 'Invalid Attribute Combination';

function presence(value: TfValue): Presence {
  if (value.state === 'unknown') return 'unknown';
  if (value.state === 'null') return 'unset';
  const v = value.value;
  if (Array.isArray(v)) return v.length > 0 ? 'set' : 'unset';
  if (typeof v === 'object' && (value.type.kind === 'map')) return Object.keys(v).length > 0 ? 'set' : 'unset';
  return 'set';
}

function presences(config: ReadonlyObjectData, paths: readonly AttributePath[]): Presence[] | undefined {
  const found = paths.map((p) => presence(config.getValue(p)));
  return found.includes('unknown') ? undefined : found;
}

const names = (paths: readonly AttributePath[]): string => paths.map((p) => p.toString()).join(', ');

export function configValidator(description: string, validate: (config: ReadonlyObjectData, d: Diagnostics) => void): ConfigValidator {
  return { description, validate };
}

/** Exactly one of the attributes must be configured. */
export function exactlyOneOf(...paths: readonly PathLike[]): ConfigValidator {
  const ps = paths.map(toPath);
  return configValidator(`exactly one of ${names(ps)} must be configured`, (config, d) => {
    const found = presences(config, ps);
    if (found === undefined) return;
    const set = ps.filter((_, i) => found[i] === 'set');
    if (set.length === 0) {
      d.addAttributeError(ps[0]!, SUMMARY, `Exactly one of these attributes must be configured: ${names(ps)}.`);
    }
    for (const p of set.slice(1)) {
      d.addAttributeError(p, SUMMARY, `Only one of these attributes may be configured: ${names(ps)}; ${set[0]!.toString()} is already set.`);
    }
  });
}

/** At least one of the attributes must be configured. */
export function atLeastOneOf(...paths: readonly PathLike[]): ConfigValidator {
  const ps = paths.map(toPath);
  return configValidator(`at least one of ${names(ps)} must be configured`, (config, d) => {
    const found = presences(config, ps);
    if (found === undefined || found.includes('set')) return;
    d.addAttributeError(ps[0]!, SUMMARY, `At least one of these attributes must be configured: ${names(ps)}.`);
  });
}

/** At most one of the attributes may be configured. */
export function conflictsWith(...paths: readonly PathLike[]): ConfigValidator {
  const ps = paths.map(toPath);
  return configValidator(`only one of ${names(ps)} may be configured`, (config, d) => {
    const found = presences(config, ps);
    if (found === undefined) return;
    const set = ps.filter((_, i) => found[i] === 'set');
    for (const p of set.slice(1)) {
      d.addAttributeError(p, SUMMARY, `${p.toString()} cannot be configured together with ${set[0]!.toString()}.`);
    }
  });
}

/** When `path` is configured, every one of `required` must be configured too. */
export function requiredWith(path: PathLike, ...required: readonly PathLike[]): ConfigValidator {
  const p = toPath(path);
  const rs = required.map(toPath);
  return configValidator(`${p.toString()} requires ${names(rs)}`, (config, d) => {
    const found = presences(config, [p, ...rs]);
    if (found === undefined || found[0] !== 'set') return;
    const missing = rs.filter((_, i) => found[i + 1] !== 'set');
    if (missing.length > 0) {
      d.addAttributeError(p, SUMMARY, `${p.toString()} requires ${names(missing)} to be configured as well.`);
    }
  });
}
