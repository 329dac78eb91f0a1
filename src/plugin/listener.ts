/**
 * Where the plugin listens: a unix socket in a private temp dir (removed on
 * exit; honours PLUGIN_UNIX_SOCKET_DIR), or TCP on 127.0.0.1 within
 * PLUGIN_MIN_PORT..PLUGIN_MAX_PORT (Windows, or on request).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ListenTarget } from './grpc-server.js';

export type PluginNetwork = 'unix' | 'tcp';

export interface BoundListener {
  readonly network: PluginNetwork;
  /** Socket path, or host:port. */
  readonly address: string;
  /** Removes the socket directory; safe to call more than once. */
  readonly cleanup: () => void;
}

export interface Listenable {
  listen(target: ListenTarget): Promise<AddressInfo | string>;
}

export function defaultNetwork(): PluginNetwork {
  return process.platform === 'win32' ? 'tcp' : 'unix';
}

/** go-plugin's defaults when the host gives no range. */
export function portRange(env: NodeJS.ProcessEnv): readonly [number, number] {
  const min = Number.parseInt(env['PLUGIN_MIN_PORT'] ?? '', 10);
  const max = Number.parseInt(env['PLUGIN_MAX_PORT'] ?? '', 10);
  const lo = Number.isInteger(min) && min > 0 ? min : 10000;
  const hi = Number.isInteger(max) && max >= lo ? max : Math.max(lo, 25000);
  return [lo, hi];
}

export async function bindListener(server: Listenable, network: PluginNetwork, env: NodeJS.ProcessEnv): Promise<BoundListener> {
  if (network === 'unix') {
    // mkdtemp creates the directory 0700: only this user can reach the socket.
    const dir = mkdtempSync(join(env['PLUGIN_UNIX_SOCKET_DIR'] || tmpdir(), 'plugin'));
    const path = join(dir, 'plugin.sock');
    const cleanup = () => rmSync(dir, { recursive: true, force: true });
    try {
      await server.listen({ path });
    } catch (err) {
      cleanup();
      throw err;
    }
    return { network, address: path, cleanup };
  }
  const [lo, hi] = portRange(env);
  for (let port = lo; port <= hi; port++) {
    try {
      const addr = await server.listen({ host: '127.0.0.1', port });
      const bound = typeof addr === 'string' ? port : addr.port;
      return { network, address: `127.0.0.1:${bound}`, cleanup: () => undefined };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  throw new Error(`no free TCP port in ${lo}..${hi} (PLUGIN_MIN_PORT..PLUGIN_MAX_PORT)`);
}
