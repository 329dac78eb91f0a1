import type { CliCommand } from '../cli-command.js';
import { SECRET_ID_OPTIONS, secretIdOf } from './secret-id.js';

export const secretVersions: CliCommand = {
  name: 'secret-versions',
  summary: 'List the versions of a secret (metadata only)',
  options: SECRET_ID_OPTIONS,
  async run(ctx, values) {
    const versions = await ctx.backend().listSecretVersions(ctx.instance(), secretIdOf(values), { signal: ctx.signal });
    return { versions, total_count: versions.length };
  },
};
