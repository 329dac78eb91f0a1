import type { SecretVersionPrototype } from '../../backend/credential-backend.js';
import { optionalString, parseJsonObjectFlag } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';
import { SECRET_ID_OPTIONS, secretIdOf } from './secret-id.js';

export const secretVersionCreate: CliCommand = {
  name: 'secret-version-create',
  summary: 'Rotate a secret: mint a new version (prints it with its credentials)',
  options: {
    ...SECRET_ID_OPTIONS,
    'custom-metadata': { type: 'string', description: "JSON object replacing the secret's custom metadata" },
    'version-custom-metadata': { type: 'string', description: 'JSON object for the new version' },
  },
  async run(ctx, values) {
    const meta = optionalString(values, 'custom-metadata');
    const versionMeta = optionalString(values, 'version-custom-metadata');
    const prototype: SecretVersionPrototype = {
      ...(meta !== undefined ? { custom_metadata: parseJsonObjectFlag(meta, 'custom-metadata') } : {}),
      ...(versionMeta !== undefined ? { version_custom_metadata: parseJsonObjectFlag(versionMeta, 'version-custom-metadata') } : {}),
    };
    return ctx.backend().createSecretVersion(ctx.instance(), secretIdOf(values), prototype, { signal: ctx.signal });
  },
};
