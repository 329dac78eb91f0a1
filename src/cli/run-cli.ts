/**
 * The ibm-sm command runner: picks the command, parses its flags with
 * node:util parseArgs (strict), runs it against the local store and prints
 * the result as JSON. Failures are one line on stderr: exit 2 for a bad
 * command line, 1 for anything the backend refused.
 */
import { parseArgs } from 'node:util';
import { BackendError } from '../backend/backend-error.js';
import type { InstanceRef } from '../backend/credential-backend.js';
import { openLocalBackend, type LocalBackend } from '../backend/local/local-backend.js';
import { createLogger, parseLogLevel } from '../logging/logger.js';
import type { CliCommand, CliOptionSpec, CliValues, CommandContext, GlobalOptions } from './cli-command.js';
import { CliError } from './cli-error.js';
import { COMMANDS, findCommand } from './commands.js';

export const PROGRAM = 'ibm-sm';

export const GLOBAL_OPTIONS: Readonly<Record<string, CliOptionSpec>> = {
  store: { type: 'string', description: 'Local store file (default: $IBM_SM_LOCAL_STORE)' },
  'instance-id': { type: 'string', description: 'Secrets Manager instance GUID (default: $IBM_SM_INSTANCE_ID)' },
  region: { type: 'string', description: 'Instance region (default: $IBM_SM_REGION or us-south)' },
  output: { type: 'string', description: 'Output format: json (the API shape)' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
};

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function formatOptions(options: Readonly<Record<string, CliOptionSpec>>): string {
  return Object.entries(options)
    .map(([name, spec]) => {
      const left = `  ${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ' VALUE' : ''}`;
      return `${left.padEnd(40)} ${spec.description}`;
    })
    .join('\n');
}

export function usage(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `Usage: ${PROGRAM} <command> [flags]`,
    '',
    'A local IBM Cloud Secrets Manager for service credentials secrets. Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Global flags:',
    formatOptions(GLOBAL_OPTIONS),
    '',
    `Run "${PROGRAM} <command> --help" for the flags of a command.`,
    '',
  ].join('\n');
}

export function commandUsage(command: CliCommand): string {
  return [`Usage: ${PROGRAM} ${command.name} [flags]`, '', command.summary, '', 'Flags:', formatOptions(command.options), '', 'Global flags:', formatOptions(GLOBAL_OPTIONS), ''].join('\n');
}

/** The command name is the first token that is neither a flag nor the value of a global string flag. */
function splitCommand(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token.startsWith('-')) {
      const name = token.replace(/^--?/, '');
      if (!token.includes('=') && GLOBAL_OPTIONS[name]?.type === 'string') i++;
      continue;
    }
    return { name: token, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { name: undefined, rest: [...argv] };
}

function parseFlags(command: CliCommand, args: string[]): CliValues {
  try {
    const { values } = parseArgs({
      args,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      strict: true,
      allowPositionals: false,
    });
    return values as CliValues;
  } catch (err: unknown) {
    throw new CliError(oneLine(err instanceof Error ? err.message : String(err)), command.name);
  }
}

function globalOptions(values: CliValues, env: NodeJS.ProcessEnv): GlobalOptions {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const output = str('output') ?? 'json';
  if (output !== 'json') throw new CliError('--output supports only json');
  return {
    store: str('store') ?? (env['IBM_SM_LOCAL_STORE'] || undefined),
    instanceId: str('instance-id') ?? (env['IBM_SM_INSTANCE_ID'] || undefined),
    region: str('region') ?? (env['IBM_SM_REGION'] || 'us-south'),
    output: 'json',
  };
}

function describeError(err: unknown): string {
  if (err instanceof BackendError) {
    const field = err.field !== undefined ? ` (${err.field})` : '';
    return `${PROGRAM}: ${err.code}${field}: ${oneLine(err.message)}`;
  }
  if (err instanceof CliError) {
    const hint = err.command ? ` (see ${PROGRAM} ${err.command} --help)` : '';
    return `${PROGRAM}: ${oneLine(err.message)}${hint}`;
  }
  return `${PROGRAM}: internal error: ${oneLine(err instanceof Error ? err.message : String(err))}`;
}

function defaultIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    signal: new AbortController().signal,
  };
}

/** Runs one command line; resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const { stdout, stderr, env, signal } = { ...defaultIo(), ...io };
  const logger = createLogger({ module: PROGRAM, level: parseLogLevel(env['IBM_SM_LOG']) ?? 'off', write: stderr });
  let backend: LocalBackend | undefined;
  try {
    const { name, rest } = splitCommand(argv);
    if (name === undefined || name === 'help') {
      const wantsHelp = name === 'help' || rest.some((a) => a === '--help' || a === '-h');
      (wantsHelp ? stdout : stderr)(usage(commands));
      return wantsHelp ? 0 : 2;
    }
    const command = findCommand(name, commands);
    if (!command) throw new CliError(`unknown command "${name}"; run "${PROGRAM} --help" for the list`);
    const values = parseFlags(command, rest);
    if (values['help'] === true) {
      stdout(commandUsage(command));
      return 0;
    }
    const global = globalOptions(values, env);
    const ctx: CommandContext = {
      global,
      env,
      logger,
      signal,
      writeOut: stdout,
      writeErr: stderr,
      backend(): LocalBackend {
        if (!backend) {
          if (global.store === undefined) throw new CliError('--store is required (or set IBM_SM_LOCAL_STORE)');
          backend = openLocalBackend({ path: global.store, logger, env });
        }
        return backend;
      },
      instance(): InstanceRef {
        if (global.instanceId === undefined) throw new CliError('--instance-id is required (or set IBM_SM_INSTANCE_ID)');
        return { instanceId: global.instanceId, region: global.region };
      },
    };
    const result = await command.run(ctx, values);
    if (result !== undefined) stdout(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } catch (err: unknown) {
    stderr(describeError(err) + '\n');
    return err instanceof CliError ? 2 : 1;
  } finally {
    await backend?.close();
  }
}
