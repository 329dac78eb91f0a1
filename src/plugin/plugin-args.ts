/** Command-line flags of a provider executable: `--debug`, `--debug-env-file PATH`, `--version`. */
import { parseArgs } from 'node:util';

export interface PluginArgs {
  readonly debug: boolean;
  readonly debugEnvFile?: string;
  readonly version: boolean;
}

export type PluginArgsResult = { readonly ok: true; readonly args: PluginArgs } | { readonly ok: false; readonly message: string };

export function parsePluginArgs(argv: readonly string[]): PluginArgsResult {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        debug: { type: 'boolean', default: false },
        'debug-env-file': { type: 'string' },
        version: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    const debugEnvFile = values['debug-env-file'];
    return {
      ok: true,
      args: {
        debug: values.debug === true || debugEnvFile !== undefined,
        ...(debugEnvFile !== undefined && { debugEnvFile }),
        version: values.version === true,
      },
    };
  } catch (err) {
    return {
      ok: false,
      message: `${err instanceof Error ? err.message : String(err)}\nUsage: terraform-provider-ibm [--debug [--debug-env-file PATH]] [--version]\n`,
    };
  }
}
