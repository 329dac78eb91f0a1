import { requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';

export const secretDelete: CliCommand = {
  name: 'secret-delete',
  summary: 'Delete a secret (refused while it is locked)',
  options: {
    id: { type: 'string', description: 'Secret id' },
    force: { type: 'boolean', short: 'f', description: 'Accepted for compatibility; ibm-sm never prompts' },
  },
  async run(ctx, values) {
    const id = requiredString(values, 'id');
    await ctx.backend().deleteSecret(ctx.instance(), id, { signal: ctx.signal });
    return { id, deleted: true };
  },
};
