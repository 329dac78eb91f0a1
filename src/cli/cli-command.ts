/**
 * What a command is. Adding one = one file under commands/ plus one line in
 * commands.ts. The runner parses the command's own options together with the
 * global ones (--store, --instance-id, --region, --output) and prints what
 * `run` returns as JSON; a command that returns undefined prints nothing
 * (e.g. a long-running server).
 */
import type { InstanceRef } from '../backend/credential-backend.js';
import type { LocalBackend } from '../backend/local/local-backend.js';
import type { Logger } from '../logging/logger.js';

/** node:util parseArgs option config. */
export interface CliOptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** One line for --help. */
  readonly description: string;
}

export type CliValue = string | boolean | (string | boolean)[] | undefined;
export type CliValues = Readonly<Record<string, CliValue>>;

export interface GlobalOptions {
  /** --store, or IBM_SM_LOCAL_STORE. */
  readonly store: string | undefined;
  /** --instance-id, or IBM_SM_INSTANCE_ID. */
  readonly instanceId: string | undefined;
  /** --region, or IBM_SM_REGION, or us-south. */
  readonly region: string;
  readonly output: 'json';
}

export interface CommandContext {
  readonly global: GlobalOptions;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** The store named by --store, opened on first use and closed by the runner afterwards. */
  backend(): LocalBackend;
  /** --instance-id and --region; a usage error when no instance id is given. */
  instance(): InstanceRef;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, CliOptionSpec>>;
  run(ctx: CommandContext, values: CliValues): Promise<unknown>;
}
