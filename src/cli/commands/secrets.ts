import type { ListSecretsQuery } from '../../backend/credential-backend.js';
import { optionalString, parseIntFlag, parseListFlag } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../cli-error.js';

export const secrets: CliCommand = {
  name: 'secrets',
  summary: 'List secrets (metadata only, never credentials)',
  options: {
    offset: { type: 'string', description: 'Skip this many secrets' },
    limit: { type: 'string', description: 'At most this many (1–1000, default 200)' },
    sort: { type: 'string', description: 'id|created_at|updated_at|retrieved_at|expiration_date|secret_type|name, "-" prefix = descending' },
    search: { type: 'string', description: 'Text found in the name or a label' },
    groups: { type: 'string', description: 'Comma-separated secret group ids (default allowed)' },
    'secret-types': { type: 'string', description: 'Comma-separated secret types (only service_credentials exists here)' },
    'match-all-labels': { type: 'string', description: 'Comma-separated labels a secret must all have' },
  },
  async run(ctx, values) {
    const offset = optionalString(values, 'offset');
    const limit = optionalString(values, 'limit');
    const sort = optionalString(values, 'sort');
    const search = optionalString(values, 'search');
    const groups = optionalString(values, 'groups');
    const types = optionalString(values, 'secret-types');
    const labels = optionalString(values, 'match-all-labels');
    if (types !== undefined && parseListFlag(types, 'secret-types').some((t) => t !== 'service_credentials')) {
      throw new CliError('--secret-types: only service_credentials secrets exist in the local engine');
    }
    const query = {
      ...(offset !== undefined ? { offset: parseIntFlag(offset, 'offset') } : {}),
      ...(limit !== undefined ? { limit: parseIntFlag(limit, 'limit') } : {}),
      ...(sort !== undefined ? { sort } : {}),
      ...(search !== undefined ? { search } : {}),
      ...(groups !== undefined ? { groups: parseListFlag(groups, 'groups') } : {}),
      ...(labels !== undefined ? { match_all_labels: parseListFlag(labels, 'match-all-labels') } : {}),
    } as ListSecretsQuery; // sort is checked by the engine
    return ctx.backend().listSecrets(ctx.instance(), query, { signal: ctx.signal });
  },
};
