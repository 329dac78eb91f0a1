/**
 * The secret a version or lock command is about: --id, or --secret-id as the
 * ibmcloud plugin spells it for version commands.
 */
import { firstString } from '../cli-args.js';
import type { CliOptionSpec, CliValues } from '../cli-command.js';
import { CliError } from '../cli-error.js';

export const SECRET_ID_OPTIONS: Readonly<Record<string, CliOptionSpec>> = {
  id: { type: 'string', description: 'Secret id' },
  'secret-id': { type: 'string', description: 'Same as --id' },
};

export function secretIdOf(values: CliValues): string {
  const id = firstString(values, 'id', 'secret-id');
  if (id === undefined || id === '') throw new CliError('--id is required');
  return id;
}
