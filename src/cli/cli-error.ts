/**
 * A mistake on the command line: printed as one line, exit code 2.
 */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    /** The command whose --help would explain, if any. */
    readonly command?: string,
  ) {
    super(message);
  }
}
