import type { ServiceCredentialsSecretPrototype } from '../../backend/credential-backend.js';
import { optionalString, parseJsonFlag, parseJsonObjectFlag, parseListFlag, requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../cli-error.js';

export const secretCreate: CliCommand = {
  name: 'secret-create',
  summary: 'Create a service credentials secret (prints it with its credentials)',
  options: {
    'secret-type': { type: 'string', description: 'service_credentials' },
    'secret-name': { type: 'string', description: 'Name; also the resource key name' },
    'secret-source-service': { type: 'string', description: 'JSON: {"instance":{"crn":…},"role":{"crn":…},"parameters":{…}}' },
    'secret-group-id': { type: 'string', description: 'Secret group id (default: default)' },
    'secret-description': { type: 'string', description: 'Description' },
    'secret-ttl': { type: 'string', description: 'Lease: seconds or a number with s/m/h/d (1d–90d; 0 = none)' },
    'secret-rotation': { type: 'string', description: 'JSON: {"auto_rotate":true,"interval":30,"unit":"day"}' },
    'secret-labels': { type: 'string', description: 'Comma-separated labels' },
    'secret-custom-metadata': { type: 'string', description: 'JSON object' },
    'secret-version-custom-metadata': { type: 'string', description: 'JSON object for the first version' },
  },
  async run(ctx, values) {
    const type = optionalString(values, 'secret-type') ?? 'service_credentials';
    if (type !== 'service_credentials') throw new CliError('--secret-type must be service_credentials');
    const name = requiredString(values, 'secret-name');
    const source = parseJsonFlag(requiredString(values, 'secret-source-service'), 'secret-source-service');
    const group = optionalString(values, 'secret-group-id');
    const description = optionalString(values, 'secret-description');
    const ttl = optionalString(values, 'secret-ttl');
    const rotation = optionalString(values, 'secret-rotation');
    const labels = optionalString(values, 'secret-labels');
    const meta = optionalString(values, 'secret-custom-metadata');
    const versionMeta = optionalString(values, 'secret-version-custom-metadata');
    const prototype = {
      secret_type: 'service_credentials',
      name,
      source_service: source,
      ...(group !== undefined ? { secret_group_id: group } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(ttl !== undefined ? { ttl } : {}),
      ...(rotation !== undefined ? { rotation: parseJsonObjectFlag(rotation, 'secret-rotation') } : {}),
      ...(labels !== undefined ? { labels: parseListFlag(labels, 'secret-labels') } : {}),
      ...(meta !== undefined ? { custom_metadata: parseJsonObjectFlag(meta, 'secret-custom-metadata') } : {}),
      ...(versionMeta !== undefined ? { version_custom_metadata: parseJsonObjectFlag(versionMeta, 'secret-version-custom-metadata') } : {}),
    } as unknown as ServiceCredentialsSecretPrototype; // the engine validates every field
    return ctx.backend().createSecret(ctx.instance(), prototype, { signal: ctx.signal });
  },
};
