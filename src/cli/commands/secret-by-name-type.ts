import { optionalString, requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../cli-error.js';

export const secretByNameType: CliCommand = {
  name: 'secret-by-name-type',
  summary: 'Get a secret with its credentials by name and secret group name',
  options: {
    name: { type: 'string', description: 'Secret name' },
    'secret-group-name': { type: 'string', description: 'Secret group name (default: default)' },
    'secret-type': { type: 'string', description: 'service_credentials' },
  },
  async run(ctx, values) {
    const type = optionalString(values, 'secret-type') ?? 'service_credentials';
    if (type !== 'service_credentials') throw new CliError('--secret-type must be service_credentials');
    const group = optionalString(values, 'secret-group-name') ?? 'default';
    return ctx.backend().getSecretByName(ctx.instance(), group, requiredString(values, 'name'), { signal: ctx.signal });
  },
};
