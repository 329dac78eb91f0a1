import { parseJsonObjectFlag, requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';
import { SECRET_ID_OPTIONS, secretIdOf } from './secret-id.js';

export const secretVersionMetadataUpdate: CliCommand = {
  name: 'secret-version-metadata-update',
  summary: "Replace a version's custom metadata",
  options: {
    ...SECRET_ID_OPTIONS,
    'version-id': { type: 'string', description: 'Version id, or current / previous' },
    'version-custom-metadata': { type: 'string', description: 'JSON object ("null" clears)' },
  },
  async run(ctx, values) {
    const raw = requiredString(values, 'version-custom-metadata');
    const meta = raw.trim() === 'null' ? null : parseJsonObjectFlag(raw, 'version-custom-metadata');
    return ctx
      .backend()
      .updateSecretVersionMetadata(ctx.instance(), secretIdOf(values), requiredString(values, 'version-id'), { version_custom_metadata: meta }, {
        signal: ctx.signal,
      });
  },
};
