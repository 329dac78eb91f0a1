import { requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';

export const secretGroup: CliCommand = {
  name: 'secret-group',
  summary: 'Get a secret group',
  options: { id: { type: 'string', description: 'Group id, or default' } },
  async run(ctx, values) {
    return ctx.backend().getSecretGroup(ctx.instance(), requiredString(values, 'id'), { signal: ctx.signal });
  },
};
