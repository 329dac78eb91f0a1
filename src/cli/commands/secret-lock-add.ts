import type { LockMode, SecretLockPrototype } from '../../backend/credential-backend.js';
import { optionalString, parseJsonFlag, requiredString } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../cli-error.js';
import { SECRET_ID_OPTIONS, secretIdOf } from './secret-id.js';

export const secretLockAdd: CliCommand = {
  name: 'secret-lock-add',
  summary: "Lock the secret's current version (locked secrets refuse delete and some rotations)",
  options: {
    ...SECRET_ID_OPTIONS,
    locks: { type: 'string', description: 'JSON: [{"name":"lock-a","description":"…","attributes":{…}}]' },
    mode: { type: 'string', description: 'remove_previous | remove_previous_and_delete' },
  },
  async run(ctx, values) {
    const raw = parseJsonFlag(requiredString(values, 'locks'), 'locks');
    const locks = (Array.isArray(raw) ? raw : [raw]) as SecretLockPrototype[];
    const mode = optionalString(values, 'mode');
    if (mode !== undefined && mode !== 'remove_previous' && mode !== 'remove_previous_and_delete') {
      throw new CliError('--mode must be remove_previous or remove_previous_and_delete');
    }
    return ctx.backend().addSecretLocks(ctx.instance(), secretIdOf(values), locks, mode as LockMode | undefined, { signal: ctx.signal });
  },
};
