import { requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';
import { SECRET_ID_OPTIONS, secretIdOf } from './secret-id.js';

export const secretVersion: CliCommand = {
  name: 'secret-version',
  summary: 'Get one version with its credentials (while its lease lasts)',
  options: {
    ...SECRET_ID_OPTIONS,
    'version-id': { type: 'string', description: 'Version id, or current / previous' },
  },
  async run(ctx, values) {
    return ctx
      .backend()
      .getSecretVersion(ctx.instance(), secretIdOf(values), requiredString(values, 'version-id'), { signal: ctx.signal });
  },
};
