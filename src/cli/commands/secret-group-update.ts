import type { SecretGroupPatch } from '../../backend/credential-backend.js';
import { optionalString, requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../cli-error.js';

export const secretGroupUpdate: CliCommand = {
  name: 'secret-group-update',
  summary: 'Rename a secret group or change its description',
  options: {
    id: { type: 'string', description: 'Group id' },
    name: { type: 'string', description: 'New name' },
    description: { type: 'string', description: 'New description' },
  },
  async run(ctx, values) {
    const name = optionalString(values, 'name');
    const description = optionalString(values, 'description');
    const patch: SecretGroupPatch = { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) };
    if (Object.keys(patch).length === 0) throw new CliError('nothing to update: give --name or --description');
    return ctx.backend().updateSecretGroup(ctx.instance(), requiredString(values, 'id'), patch, { signal: ctx.signal });
  },
};
