/**
 * Debug mode's TF_REATTACH_PROVIDERS value, shaped like terraform-plugin-go's
 * managed debug output so Terraform (and people) can attach to a running
 * provider. `Test: true` is required for protocol 6: without it go-plugin
 * treats the provider as protocol 5 and Terraform crashes.
 */
import { APP_PROTOCOL_VERSION } from './handshake.js';
import type { PluginNetwork } from './listener.js';

export interface ReattachConfig {
  readonly Protocol: 'grpc';
  readonly ProtocolVersion: number;
  readonly Pid: number;
  readonly Test: true;
  readonly Addr: { readonly Network: PluginNetwork; readonly String: string };
}

export function reattachProvidersJson(
  providerAddress: string,
  listener: { readonly network: PluginNetwork; readonly address: string },
  pid: number,
): string {
  const config: ReattachConfig = {
    Protocol: 'grpc',
    ProtocolVersion: APP_PROTOCOL_VERSION,
    Pid: pid,
    Test: true,
    Addr: { Network: listener.network, String: listener.address },
  };
  return JSON.stringify({ [providerAddress]: config });
}

/** What debug mode prints on stdout; the TF_REATTACH_PROVIDERS line is easy to grep. */
export function debugBanner(reattachJson: string): string {
  return (
    'Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:\n\n' +
    `\tTF_REATTACH_PROVIDERS='${reattachJson}'\n\n`
  );
}

/** Extracts the JSON from debug mode's output (for tests and scripts). */
export function parseReattachLine(output: string): string | undefined {
  return /^\s*TF_REATTACH_PROVIDERS='(.*)'\s*$/m.exec(output)?.[1];
}
