import { requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';

export const secretMetadata: CliCommand = {
  name: 'secret-metadata',
  summary: 'Get the metadata of a secret (no credentials)',
  options: { id: { type: 'string', description: 'Secret id' } },
  async run(ctx, values) {
    return ctx.backend().getSecretMetadata(ctx.instance(), requiredString(values, 'id'), { signal: ctx.signal });
  },
};
