/**
 * Shape checks of request bodies at the HTTP edge: JSON types and known field
 * names, each error naming its field. Value rules (name pattern, TTL range,
 * CRNs, roles…) belong to the engine, which reports them the same way.
 * Merge-patch (RFC 7396) semantics are applied here: `null` removes a member;
 * a `rotation` fragment goes to the engine, which merges it into the stored
 * policy in the same transaction as the update.
 */
import type {
  SecretGroupPatch,
  SecretGroupPrototype,
  SecretLockPrototype,
  SecretMetadataPatch,
  SecretVersionMetadataPatch,
  SecretVersionPrototype,
  ServiceCredentialsSecretPrototype,
} from '../backend/credential-backend.js';
import { isPlainObject } from '../backend/validation/secret-field-validators.js';
import { HttpError } from './http-error.js';

type Json = Record<string, unknown>;

function fail(field: string, message: string): never {
  throw HttpError.badRequest(message, { type: 'field', name: field });
}

function onlyKnown(body: Json, known: readonly string[], prefix = ''): void {
  for (const key of Object.keys(body)) {
    if (!known.includes(key)) fail(`${prefix}${key}`, `The field ${prefix}${key} is not supported here.`);
  }
}

function optString(body: Json, key: string, field = key): void {
  if (body[key] !== undefined && typeof body[key] !== 'string') fail(field, `The field ${field} must be a string.`);
}

function optObject(body: Json, key: string, field = key): void {
  if (body[key] !== undefined && !isPlainObject(body[key])) fail(field, `The field ${field} must be a JSON object.`);
}

function optStringList(body: Json, key: string): void {
  const value = body[key];
  if (value === undefined) return;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    fail(key, `The field ${key} must be a list of strings.`);
  }
}

function checkRotation(value: unknown, partial: boolean): void {
  if (!isPlainObject(value)) fail('rotation', 'The field rotation must be a JSON object.');
  onlyKnown(value, ['auto_rotate', 'interval', 'unit'], 'rotation.');
  if (value['auto_rotate'] === undefined && !partial) fail('rotation.auto_rotate', 'The field rotation.auto_rotate is required.');
  if (value['auto_rotate'] !== undefined && typeof value['auto_rotate'] !== 'boolean') {
    fail('rotation.auto_rotate', 'The field rotation.auto_rotate must be a boolean.');
  }
  if (value['interval'] !== undefined && value['interval'] !== null && !Number.isInteger(value['interval'])) {
    fail('rotation.interval', 'The field rotation.interval must be an integer.');
  }
  if (value['unit'] !== undefined && value['unit'] !== null && typeof value['unit'] !== 'string') {
    fail('rotation.unit', 'The field rotation.unit must be a string.');
  }
}

const SECRET_FIELDS = [
  'secret_type',
  'name',
  'description',
  'labels',
  'secret_group_id',
  'custom_metadata',
  'version_custom_metadata',
  'ttl',
  'rotation',
  'source_service',
];

export function secretPrototype(body: Json): ServiceCredentialsSecretPrototype {
  if (body['secret_type'] === undefined) fail('secret_type', 'The field secret_type is required.');
  if (body['secret_type'] !== 'service_credentials') {
    fail('secret_type', 'The field secret_type must be service_credentials: this server stores service credentials only.');
  }
  onlyKnown(body, SECRET_FIELDS);
  if (typeof body['name'] !== 'string') fail('name', 'The field name is required and must be a string.');
  optString(body, 'description');
  optStringList(body, 'labels');
  optString(body, 'secret_group_id');
  optObject(body, 'custom_metadata');
  optObject(body, 'version_custom_metadata');
  optString(body, 'ttl');
  if (body['rotation'] !== undefined) checkRotation(body['rotation'], false);
  const source = body['source_service'];
  if (!isPlainObject(source)) fail('source_service', 'The field source_service is required and must be a JSON object.');
  onlyKnown(source, ['instance', 'role', 'parameters'], 'source_service.');
  const instance = source['instance'];
  if (!isPlainObject(instance) || typeof instance['crn'] !== 'string') {
    fail('source_service.instance.crn', 'The field source_service.instance.crn is required and must be a string.');
  }
  if (source['role'] !== undefined) {
    const role = source['role'];
    if (!isPlainObject(role) || typeof role['crn'] !== 'string') {
      fail('source_service.role.crn', 'The field source_service.role.crn must be a string.');
    }
  }
  optObject(source, 'parameters', 'source_service.parameters');
  return body as unknown as ServiceCredentialsSecretPrototype;
}

/**
 * The metadata patch to hand the engine. `custom_metadata` is replaced as a
 * whole (the service's behaviour, asserted by the official acceptance tests);
 * `null` clears a member; a `rotation` member set to `null` keeps the stored value.
 */
export function secretMetadataPatch(body: Json): SecretMetadataPatch {
  onlyKnown(body, ['name', 'description', 'labels', 'custom_metadata', 'rotation', 'ttl']);
  if (body['name'] === null) fail('name', 'The field name cannot be removed.');
  optString(body, 'name');
  if (body['description'] !== null) optString(body, 'description');
  if (body['labels'] !== null) optStringList(body, 'labels');
  if (body['custom_metadata'] !== null) optObject(body, 'custom_metadata');
  if (body['ttl'] !== null) optString(body, 'ttl');
  const patch: Record<string, unknown> = {};
  if (body['name'] !== undefined) patch['name'] = body['name'];
  if (body['description'] !== undefined) patch['description'] = body['description'] ?? '';
  if (body['labels'] !== undefined) patch['labels'] = body['labels'] ?? [];
  if (body['custom_metadata'] !== undefined) patch['custom_metadata'] = body['custom_metadata'];
  if (body['ttl'] !== undefined) patch['ttl'] = body['ttl'] ?? '0';
  if (body['rotation'] === null) patch['rotation'] = { auto_rotate: false };
  else if (body['rotation'] !== undefined) {
    checkRotation(body['rotation'], true);
    patch['rotation'] = Object.fromEntries(Object.entries(body['rotation'] as Json).filter(([, value]) => value !== null));
  }
  return patch as SecretMetadataPatch;
}

export function versionPrototype(body: Json): SecretVersionPrototype {
  onlyKnown(body, ['custom_metadata', 'version_custom_metadata']);
  optObject(body, 'custom_metadata');
  optObject(body, 'version_custom_metadata');
  return body as SecretVersionPrototype;
}

export function versionMetadataPatch(body: Json): SecretVersionMetadataPatch {
  onlyKnown(body, ['version_custom_metadata']);
  if (body['version_custom_metadata'] !== null) optObject(body, 'version_custom_metadata');
  return body as SecretVersionMetadataPatch;
}

export function groupPrototype(body: Json): SecretGroupPrototype {
  onlyKnown(body, ['name', 'description']);
  if (typeof body['name'] !== 'string') fail('name', 'The field name is required and must be a string.');
  optString(body, 'description');
  return body as unknown as SecretGroupPrototype;
}

export function groupPatch(body: Json): SecretGroupPatch {
  onlyKnown(body, ['name', 'description']);
  if (body['name'] === null) fail('name', 'The field name cannot be removed.');
  optString(body, 'name');
  if (body['description'] !== null) optString(body, 'description');
  return {
    ...(body['name'] === undefined ? {} : { name: body['name'] as string }),
    ...(body['description'] === undefined ? {} : { description: (body['description'] as string | null) ?? '' }),
  };
}

export function lockPrototypes(body: Json): SecretLockPrototype[] {
  onlyKnown(body, ['locks']);
  const locks = body['locks'];
  if (!Array.isArray(locks) || locks.length === 0) fail('locks', 'The field locks must be a non-empty list.');
  return locks.map((lock: unknown, i) => {
    if (!isPlainObject(lock)) fail(`locks[${i}]`, `locks[${i}] must be a JSON object.`);
    onlyKnown(lock, ['name', 'description', 'attributes'], `locks[${i}].`);
    if (typeof lock['name'] !== 'string') fail(`locks[${i}].name`, `The field locks[${i}].name is required.`);
    optString(lock, 'description', `locks[${i}].description`);
    optObject(lock, 'attributes', `locks[${i}].attributes`);
    return lock as unknown as SecretLockPrototype;
  });
}

const LOCK_MODES = ['remove_previous', 'remove_previous_and_delete'] as const;

export function lockMode(query: URLSearchParams): (typeof LOCK_MODES)[number] | undefined {
  const mode = query.get('mode');
  if (mode === null || mode === '') return undefined;
  if (!(LOCK_MODES as readonly string[]).includes(mode)) {
    throw HttpError.badRequest(`The mode parameter must be one of ${LOCK_MODES.join(', ')}.`, {
      type: 'parameter',
      name: 'mode',
    });
  }
  return mode as (typeof LOCK_MODES)[number];
}

/** Comma-separated list parameter (`groups`, `match_all_labels`, `name`). */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
