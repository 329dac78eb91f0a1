/**
 * Every ibm-sm command. To add one: write commands/<name>.ts exporting a
 * CliCommand, import it here and append it to COMMANDS.
 */
import type { CliCommand } from './cli-command.js';
import { secret } from './commands/secret.js';
import { secretByNameType } from './commands/secret-by-name-type.js';
import { secretCreate } from './commands/secret-create.js';
import { secretDelete } from './commands/secret-delete.js';
import { secretGroup } from './commands/secret-group.js';
import { secretGroupCreate } from './commands/secret-group-create.js';
import { secretGroupDelete } from './commands/secret-group-delete.js';
import { secretGroupUpdate } from './commands/secret-group-update.js';
import { secretGroups } from './commands/secret-groups.js';
import { secretLockAdd } from './commands/secret-lock-add.js';
import { secretLockRemove } from './commands/secret-lock-remove.js';
import { secretLocks } from './commands/secret-locks.js';
import { secretMetadata } from './commands/secret-metadata.js';
import { secretMetadataUpdate } from './commands/secret-metadata-update.js';
import { secretVersion } from './commands/secret-version.js';
import { secretVersionCreate } from './commands/secret-version-create.js';
import { secretVersionMetadata } from './commands/secret-version-metadata.js';
import { secretVersionMetadataUpdate } from './commands/secret-version-metadata-update.js';
import { secretVersions } from './commands/secret-versions.js';
import { secrets } from './commands/secrets.js';
import { serveCommand } from './serve-command.js';

export const COMMANDS: readonly CliCommand[] = [
  secretCreate,
  secret,
  secretByNameType,
  secrets,
  secretMetadata,
  secretMetadataUpdate,
  secretDelete,
  secretVersionCreate,
  secretVersions,
  secretVersion,
  secretVersionMetadata,
  secretVersionMetadataUpdate,
  secretGroupCreate,
  secretGroups,
  secretGroup,
  secretGroupUpdate,
  secretGroupDelete,
  secretLocks,
  secretLockAdd,
  secretLockRemove,
  serveCommand,
];

export function findCommand(name: string, commands: readonly CliCommand[] = COMMANDS): CliCommand | undefined {
  return commands.find((c) => c.name === name);
}
