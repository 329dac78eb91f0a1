import { optionalString, requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';

export const secretGroupCreate: CliCommand = {
  name: 'secret-group-create',
  summary: 'Create a secret group',
  options: {
    name: { type: 'string', description: 'Group name, unique in the instance' },
    description: { type: 'string', description: 'Description' },
  },
  async run(ctx, values) {
    const description = optionalString(values, 'description');
    return ctx
      .backend()
      .createSecretGroup(ctx.instance(), { name: requiredString(values, 'name'), ...(description !== undefined ? { description } : {}) }, {
        signal: ctx.signal,
      });
  },
};
