/**
 * Entry point of the ibm-sm bundle (dist/cli/ibm-sm.cjs, started by bin/ibm-sm).
 */
import { runCli } from './run-cli.js';

const controller = new AbortController();
// A long-running command (serve) stops on the first signal; a second one exits at once.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error(`received ${sig}`));
  });
}

void runCli(process.argv.slice(2), { signal: controller.signal }).then((code) => {
  process.exitCode = code;
});
