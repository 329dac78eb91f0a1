import { requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';
import { SECRET_ID_OPTIONS, secretIdOf } from './secret-id.js';

export const secretVersionMetadata: CliCommand = {
  name: 'secret-version-metadata',
  summary: 'Get the metadata of one version (no credentials)',
  options: {
    ...SECRET_ID_OPTIONS,
    'version-id': { type: 'string', description: 'Version id, or current / previous' },
  },
  async run(ctx, values) {
    return ctx
      .backend()
      .getSecretVersionMetadata(ctx.instance(), secretIdOf(values), requiredString(values, 'version-id'), { signal: ctx.signal });
  },
};
