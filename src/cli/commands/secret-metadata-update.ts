import type { SecretMetadataPatch } from '../../backend/credential-backend.js';
import { firstString, parseJsonFlag, parseJsonObjectFlag, parseListFlag, requiredString } from '../cli-args.js';
import type { CliCommand, CliOptionSpec } from '../cli-command.js';
import { CliError } from '../cli-error.js';

// The ibmcloud plugin spells these without the secret- prefix; secret-create spells them with it. Both work.
const FIELDS = ['name', 'description', 'labels', 'custom-metadata', 'ttl', 'rotation'] as const;
const DESCRIPTIONS: Record<(typeof FIELDS)[number], string> = {
  name: 'New name (the resource key keeps its name)',
  description: 'New description',
  labels: 'Comma-separated labels (replaces all; "" clears)',
  'custom-metadata': 'JSON object (replaces it; "null" clears)',
  ttl: 'TTL for versions created from now on (seconds or s/m/h/d; 0 = none)',
  rotation: 'JSON rotation policy, merged into the current one',
};

const options: Record<string, CliOptionSpec> = { id: { type: 'string', description: 'Secret id' } };
for (const f of FIELDS) {
  options[f] = { type: 'string', description: DESCRIPTIONS[f] };
  options[`secret-${f}`] = { type: 'string', description: `Same as --${f}` };
}

export const secretMetadataUpdate: CliCommand = {
  name: 'secret-metadata-update',
  summary: 'Update name, description, labels, custom metadata, TTL or rotation policy',
  options,
  async run(ctx, values) {
    const id = requiredString(values, 'id');
    const get = (f: (typeof FIELDS)[number]): string | undefined => firstString(values, f, `secret-${f}`);
    const name = get('name');
    const description = get('description');
    const labels = get('labels');
    const meta = get('custom-metadata');
    const ttl = get('ttl');
    const rotation = get('rotation');
    const patch: SecretMetadataPatch = {
      ...(name !== undefined ? { name } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(labels !== undefined ? { labels: parseListFlag(labels, 'labels') } : {}),
      ...(meta !== undefined ? { custom_metadata: meta.trim() === 'null' ? null : parseJsonObjectFlag(meta, 'custom-metadata') } : {}),
      ...(ttl !== undefined ? { ttl } : {}),
      ...(rotation !== undefined ? { rotation: parseJsonFlag(rotation, 'rotation') as SecretMetadataPatch['rotation'] } : {}),
    };
    if (Object.keys(patch).length === 0) {
      throw new CliError('nothing to update: give --name, --description, --labels, --custom-metadata, --ttl or --rotation');
    }
    return ctx.backend().updateSecretMetadata(ctx.instance(), id, patch, { signal: ctx.signal });
  },
};
