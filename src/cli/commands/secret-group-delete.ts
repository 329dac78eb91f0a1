import { requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';

export const secretGroupDelete: CliCommand = {
  name: 'secret-group-delete',
  summary: 'Delete an empty secret group',
  options: {
    id: { type: 'string', description: 'Group id' },
    force: { type: 'boolean', short: 'f', description: 'Accepted for compatibility; ibm-sm never prompts' },
  },
  async run(ctx, values) {
    const id = requiredString(values, 'id');
    await ctx.backend().deleteSecretGroup(ctx.instance(), id, { signal: ctx.signal });
    return { id, deleted: true };
  },
};
