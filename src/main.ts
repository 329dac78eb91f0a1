/**
 * terraform-provider-ibm: parse the flags, then serve the IBM provider over
 * go-plugin. Provider code is imported only after the handshake line is out,
 * because Terraform starts this process several times per command.
 */
import { createLogger } from './logging/logger.js';
import { parsePluginArgs } from './plugin/plugin-args.js';
import { serve } from './plugin/serve.js';

/** Replaced with package.json's version by the build. */
const VERSION = process.env.TF_PROVIDER_IBM_VERSION ?? '0.0.0-dev';
const PROVIDER_ADDRESS = 'registry.terraform.io/ibm-cloud/ibm';

const parsed = parsePluginArgs(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(parsed.message);
  process.exitCode = 1;
} else if (parsed.args.version) {
  process.stdout.write(`terraform-provider-ibm ${VERSION}\n`);
} else {
  void serve({
    providerAddress: PROVIDER_ADDRESS,
    createServer: async () => (await import('./provider/index.js')).createIbmProviderServer(VERSION),
    debug: parsed.args.debug,
    ...(parsed.args.debugEnvFile !== undefined && { debugEnvFile: parsed.args.debugEnvFile }),
    logger: createLogger({ module: 'ibm' }),
  });
}
