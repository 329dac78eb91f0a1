import { requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';

export const secret: CliCommand = {
  name: 'secret',
  summary: 'Get a secret with its current credentials',
  options: { id: { type: 'string', description: 'Secret id' } },
  async run(ctx, values) {
    return ctx.backend().getSecret(ctx.instance(), requiredString(values, 'id'), { signal: ctx.signal });
  },
};
