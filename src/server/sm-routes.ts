/**
 * The Secrets Manager v2 routes the server answers (paths below `/api/v2`),
 * each with the service role it needs and the body it takes, mapped onto the
 * CredentialBackend. Status codes follow the service: 201 for creates, 204 for
 * deletes, 200 otherwise.
 */
import type {
  CallOptions,
  CredentialBackend,
  InstanceRef,
  ListSecretsQuery,
  SecretLock,
  SecretLocks,
  ServiceCredentialsSecretMetadata,
} from '../backend/credential-backend.js';
import { HttpError } from './http-error.js';
import type { Role } from './iam-issuer.js';
import { pageLinks, parsePage, slicePage } from './paging.js';
import type { JsonBodyRule } from './request-body.js';
import {
  groupPatch,
  groupPrototype,
  listParam,
  lockMode,
  lockPrototypes,
  secretMetadataPatch,
  secretPrototype,
  versionMetadataPatch,
  versionPrototype,
} from './request-shapes.js';

export interface SmRouteContext {
  readonly backend: CredentialBackend;
  readonly inst: InstanceRef;
  readonly params: Readonly<Record<string, string>>;
  /** The full request URL (page links are built from it). */
  readonly url: URL;
  readonly body: Record<string, unknown>;
  readonly opts: CallOptions;
}

export interface SmResult {
  readonly status: number;
  readonly body?: unknown;
}

export interface SmRoute {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly pattern: string;
  readonly role: Role;
  readonly body?: JsonBodyRule;
  readonly handle: (ctx: SmRouteContext) => Promise<SmResult>;
}

const JSON_BODY: JsonBodyRule = { mediaTypes: ['application/json'] };
const OPTIONAL_JSON_BODY: JsonBodyRule = { mediaTypes: ['application/json'], optional: true };
const MERGE_PATCH: JsonBodyRule = { mediaTypes: ['application/merge-patch+json'] };
const SECRET_TYPE = 'service_credentials';

function p(ctx: SmRouteContext, name: string): string {
  return ctx.params[name] ?? '';
}

const ok = (body: unknown): SmResult => ({ status: 200, body });
const created = (body: unknown): SmResult => ({ status: 201, body });
const noContent: SmResult = { status: 204 };

const SORT_KEYS = ['id', 'created_at', 'updated_at', 'retrieved_at', 'expiration_date', 'secret_type', 'name'];

function listQuery(url: URL): ListSecretsQuery {
  const q = url.searchParams;
  const page = parsePage(q);
  const sort = q.get('sort');
  if (sort !== null && sort !== '' && !SORT_KEYS.includes(sort.replace(/^-/, ''))) {
    throw HttpError.badRequest(`The sort parameter must be one of ${SORT_KEYS.join(', ')} (prefix - for descending).`, {
      type: 'parameter',
      name: 'sort',
    });
  }
  const search = q.get('search');
  const groups = listParam(q, 'groups');
  const labels = listParam(q, 'match_all_labels');
  return {
    offset: page.offset,
    limit: page.limit,
    ...(sort === null || sort === '' ? {} : { sort: sort as ListSecretsQuery['sort'] & string }),
    ...(search === null || search === '' ? {} : { search }),
    ...(groups === undefined ? {} : { groups }),
    ...(labels === undefined ? {} : { match_all_labels: labels }),
  };
}

async function listSecrets(ctx: SmRouteContext): Promise<SmResult> {
  const query = listQuery(ctx.url);
  const page = { offset: query.offset ?? 0, limit: query.limit ?? 200 };
  const types = listParam(ctx.url.searchParams, 'secret_types');
  if (types !== undefined && !types.includes(SECRET_TYPE)) {
    return ok({ ...pageLinks(ctx.url, page, 0), secrets: [] });
  }
  const result = await ctx.backend.listSecrets(ctx.inst, query, ctx.opts);
  return ok({ ...pageLinks(ctx.url, page, result.total_count), secrets: result.secrets });
}

/** Every secret of the instance (pages of 1000), for the instance-wide lock list. */
async function allSecrets(ctx: SmRouteContext): Promise<ServiceCredentialsSecretMetadata[]> {
  const all: ServiceCredentialsSecretMetadata[] = [];
  for (;;) {
    const page = await ctx.backend.listSecrets(ctx.inst, { offset: all.length, limit: 1000 }, ctx.opts);
    all.push(...page.secrets);
    if (page.secrets.length === 0 || all.length >= page.total_count) return all;
  }
}

function lockSummary(secret: ServiceCredentialsSecretMetadata, locks: readonly SecretLock[]): SecretLocks {
  const byVersion = new Map<string, { version_id: string; version_alias: SecretLock['secret_version_alias']; locks: string[] }>();
  for (const lock of locks) {
    const entry = byVersion.get(lock.secret_version_id) ?? {
      version_id: lock.secret_version_id,
      version_alias: lock.secret_version_alias,
      locks: [],
    };
    entry.locks.push(lock.name);
    byVersion.set(lock.secret_version_id, entry);
  }
  return {
    secret_id: secret.id,
    secret_group_id: secret.secret_group_id,
    secret_type: secret.secret_type,
    secret_name: secret.name,
    versions: [...byVersion.values()].map((v) => ({ ...v, payload_available: true })),
  };
}

async function listInstanceLocks(ctx: SmRouteContext): Promise<SmResult> {
  const page = parsePage(ctx.url.searchParams);
  const search = ctx.url.searchParams.get('search') ?? '';
  const summaries: SecretLocks[] = [];
  for (const secret of await allSecrets(ctx)) {
    if (secret.locks_total === 0) continue;
    const locks = (await ctx.backend.listSecretLocks(ctx.inst, secret.id, ctx.opts)).locks.filter((l) =>
      l.name.includes(search),
    );
    if (locks.length > 0) summaries.push(lockSummary(secret, locks));
  }
  return ok({ ...pageLinks(ctx.url, page, summaries.length), secrets_locks: slicePage(summaries, page) });
}

async function listLocks(ctx: SmRouteContext, version?: string): Promise<SmResult> {
  const page = parsePage(ctx.url.searchParams);
  const search = ctx.url.searchParams.get('search') ?? '';
  const all = (await ctx.backend.listSecretLocks(ctx.inst, p(ctx, 'id'), ctx.opts)).locks.filter(
    (lock) =>
      lock.name.includes(search) &&
      (version === undefined || lock.secret_version_id === version || lock.secret_version_alias === version),
  );
  return ok({ ...pageLinks(ctx.url, page, all.length), locks: slicePage(all, page) });
}

/** Version locks can be added to the current version only (the backend locks the secret's current version). */
async function addVersionLocks(ctx: SmRouteContext): Promise<SmResult> {
  const version = p(ctx, 'version_id');
  if (version !== 'current') {
    const current = await ctx.backend.getSecretVersionMetadata(ctx.inst, p(ctx, 'id'), 'current', ctx.opts);
    if (current.id !== version) {
      throw new HttpError(
        501,
        'not_implemented',
        'This server can lock the current version only; lock the secret (POST /api/v2/secrets/{id}/locks_bulk) instead.',
      );
    }
  }
  const locks = lockPrototypes(ctx.body);
  return created(await ctx.backend.addSecretLocks(ctx.inst, p(ctx, 'id'), locks, lockMode(ctx.url.searchParams), ctx.opts));
}

async function removeLocks(ctx: SmRouteContext): Promise<SmResult> {
  const names = listParam(ctx.url.searchParams, 'name');
  if (names === undefined) {
    throw HttpError.badRequest('The name parameter (comma-separated lock names) is required.', {
      type: 'parameter',
      name: 'name',
    });
  }
  return ok(await ctx.backend.removeSecretLocks(ctx.inst, p(ctx, 'id'), names, ctx.opts));
}

export const SM_ROUTES: readonly SmRoute[] = [
  // Secret groups
  {
    method: 'POST',
    pattern: '/secret_groups',
    role: 'Manager',
    body: JSON_BODY,
    handle: async (ctx) => created(await ctx.backend.createSecretGroup(ctx.inst, groupPrototype(ctx.body), ctx.opts)),
  },
  {
    method: 'GET',
    pattern: '/secret_groups',
    role: 'Reader',
    handle: async (ctx) => {
      const groups = await ctx.backend.listSecretGroups(ctx.inst, ctx.opts);
      return ok({ secret_groups: groups, total_count: groups.length });
    },
  },
  {
    method: 'GET',
    pattern: '/secret_groups/:id',
    role: 'Reader',
    handle: async (ctx) => ok(await ctx.backend.getSecretGroup(ctx.inst, p(ctx, 'id'), ctx.opts)),
  },
  {
    method: 'PATCH',
    pattern: '/secret_groups/:id',
    role: 'Manager',
    body: MERGE_PATCH,
    handle: async (ctx) => ok(await ctx.backend.updateSecretGroup(ctx.inst, p(ctx, 'id'), groupPatch(ctx.body), ctx.opts)),
  },
  {
    method: 'DELETE',
    pattern: '/secret_groups/:id',
    role: 'Manager',
    handle: async (ctx) => {
      await ctx.backend.deleteSecretGroup(ctx.inst, p(ctx, 'id'), ctx.opts);
      return noContent;
    },
  },
  {
    method: 'GET',
    pattern: '/secret_groups/:group_name/secret_types/:secret_type/secrets/:name',
    role: 'SecretsReader',
    handle: async (ctx) => {
      if (p(ctx, 'secret_type') !== SECRET_TYPE) {
        throw new HttpError(404, 'not_found', `No ${p(ctx, 'secret_type')} secret named ${p(ctx, 'name')} exists.`);
      }
      return ok(await ctx.backend.getSecretByName(ctx.inst, p(ctx, 'group_name'), p(ctx, 'name'), ctx.opts));
    },
  },

  // Secrets
  {
    method: 'POST',
    pattern: '/secrets',
    role: 'Writer',
    body: JSON_BODY,
    handle: async (ctx) => created(await ctx.backend.createSecret(ctx.inst, secretPrototype(ctx.body), ctx.opts)),
  },
  { method: 'GET', pattern: '/secrets', role: 'Reader', handle: listSecrets },
  {
    method: 'GET',
    pattern: '/secrets/:id',
    role: 'SecretsReader',
    handle: async (ctx) => ok(await ctx.backend.getSecret(ctx.inst, p(ctx, 'id'), ctx.opts)),
  },
  {
    method: 'DELETE',
    pattern: '/secrets/:id',
    role: 'Writer',
    handle: async (ctx) => {
      await ctx.backend.deleteSecret(ctx.inst, p(ctx, 'id'), ctx.opts);
      return noContent;
    },
  },
  {
    method: 'GET',
    pattern: '/secrets/:id/metadata',
    role: 'Reader',
    handle: async (ctx) => ok(await ctx.backend.getSecretMetadata(ctx.inst, p(ctx, 'id'), ctx.opts)),
  },
  {
    method: 'PATCH',
    pattern: '/secrets/:id/metadata',
    role: 'Writer',
    body: MERGE_PATCH,
    handle: async (ctx) =>
      ok(await ctx.backend.updateSecretMetadata(ctx.inst, p(ctx, 'id'), secretMetadataPatch(ctx.body), ctx.opts)),
  },

  // Versions
  {
    method: 'POST',
    pattern: '/secrets/:id/versions',
    role: 'Writer',
    body: OPTIONAL_JSON_BODY,
    handle: async (ctx) =>
      created(await ctx.backend.createSecretVersion(ctx.inst, p(ctx, 'id'), versionPrototype(ctx.body), ctx.opts)),
  },
  {
    method: 'GET',
    pattern: '/secrets/:id/versions',
    role: 'Reader',
    handle: async (ctx) => {
      const versions = await ctx.backend.listSecretVersions(ctx.inst, p(ctx, 'id'), ctx.opts);
      return ok({ versions, total_count: versions.length });
    },
  },
  {
    method: 'GET',
    pattern: '/secrets/:id/versions/:version_id',
    role: 'SecretsReader',
    handle: async (ctx) => ok(await ctx.backend.getSecretVersion(ctx.inst, p(ctx, 'id'), p(ctx, 'version_id'), ctx.opts)),
  },
  {
    method: 'GET',
    pattern: '/secrets/:id/versions/:version_id/metadata',
    role: 'Reader',
    handle: async (ctx) =>
      ok(await ctx.backend.getSecretVersionMetadata(ctx.inst, p(ctx, 'id'), p(ctx, 'version_id'), ctx.opts)),
  },
  {
    method: 'PATCH',
    pattern: '/secrets/:id/versions/:version_id/metadata',
    role: 'Writer',
    body: MERGE_PATCH,
    handle: async (ctx) =>
      ok(
        await ctx.backend.updateSecretVersionMetadata(
          ctx.inst,
          p(ctx, 'id'),
          p(ctx, 'version_id'),
          versionMetadataPatch(ctx.body),
          ctx.opts,
        ),
      ),
  },

  // Locks
  { method: 'GET', pattern: '/secrets_locks', role: 'Reader', handle: listInstanceLocks },
  { method: 'GET', pattern: '/secrets/:id/locks', role: 'Reader', handle: (ctx) => listLocks(ctx) },
  {
    method: 'POST',
    pattern: '/secrets/:id/locks_bulk',
    role: 'Writer',
    body: JSON_BODY,
    handle: async (ctx) =>
      created(
        await ctx.backend.addSecretLocks(
          ctx.inst,
          p(ctx, 'id'),
          lockPrototypes(ctx.body),
          lockMode(ctx.url.searchParams),
          ctx.opts,
        ),
      ),
  },
  { method: 'DELETE', pattern: '/secrets/:id/locks_bulk', role: 'Writer', handle: removeLocks },
  {
    method: 'GET',
    pattern: '/secrets/:id/versions/:version_id/locks',
    role: 'Reader',
    handle: (ctx) => listLocks(ctx, p(ctx, 'version_id')),
  },
  {
    method: 'POST',
    pattern: '/secrets/:id/versions/:version_id/locks_bulk',
    role: 'Writer',
    body: JSON_BODY,
    handle: addVersionLocks,
  },
  { method: 'DELETE', pattern: '/secrets/:id/versions/:version_id/locks_bulk', role: 'Writer', handle: removeLocks },
];
