import type { CliCommand } from '../cli-command.js';
import { SECRET_ID_OPTIONS, secretIdOf } from './secret-id.js';

export const secretLocks: CliCommand = {
  name: 'secret-locks',
  summary: 'List the locks of a secret',
  options: SECRET_ID_OPTIONS,
  async run(ctx, values) {
    return ctx.backend().listSecretLocks(ctx.instance(), secretIdOf(values), { signal: ctx.signal });
  },
};
