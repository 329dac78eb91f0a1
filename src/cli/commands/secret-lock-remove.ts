import { optionalString, parseListFlag } from '../cli-args.js';
import type { CliCommand } from '../cli-command.js';
import { SECRET_ID_OPTIONS, secretIdOf } from './secret-id.js';

export const secretLockRemove: CliCommand = {
  name: 'secret-lock-remove',
  summary: 'Remove locks from a secret (all of them without --names)',
  options: {
    ...SECRET_ID_OPTIONS,
    names: { type: 'string', description: 'Comma-separated lock names' },
  },
  async run(ctx, values) {
    const names = optionalString(values, 'names');
    return ctx
      .backend()
      .removeSecretLocks(ctx.instance(), secretIdOf(values), names === undefined ? [] : parseListFlag(names, 'names'), { signal: ctx.signal });
  },
};
