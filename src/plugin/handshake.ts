/**
 * go-plugin's handshake as Terraform speaks it: the magic cookie, protocol
 * version negotiation and the one stdout line the host reads.
 */

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

/** go-plugin's exact words when a plugin is run by hand. */
export const NOT_A_PLUGIN_MESSAGE =
  'This binary is a plugin. These are not meant to be executed directly.\n' +
  'Please execute the program that consumes these plugins, which will\n' +
  'load any plugins automatically\n';

export function hasMagicCookie(env: NodeJS.ProcessEnv): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

export type Negotiation = { readonly ok: true; readonly version: number } | { readonly ok: false; readonly message: string };

/**
 * Picks protocol 6 from PLUGIN_PROTOCOL_VERSIONS (a comma list, any order).
 * An unset list means the host did not negotiate: 6 is assumed, as go-plugin does with its default.
 */
export function negotiateProtocolVersion(env: NodeJS.ProcessEnv): Negotiation {
  const raw = env['PLUGIN_PROTOCOL_VERSIONS'];
  if (raw === undefined || raw.trim() === '') return { ok: true, version: APP_PROTOCOL_VERSION };
  const offered = raw.split(',').map((v) => v.trim());
  if (offered.includes(String(APP_PROTOCOL_VERSION))) return { ok: true, version: APP_PROTOCOL_VERSION };
  return {
    ok: false,
    message:
      `This provider speaks plugin protocol ${APP_PROTOCOL_VERSION} only, but the host offered ` +
      `[${offered.join(', ')}] (PLUGIN_PROTOCOL_VERSIONS). Use Terraform 1.0 or later (or OpenTofu).\n`,
  };
}

export interface HandshakeLine {
  readonly network: 'unix' | 'tcp';
  readonly address: string;
  /** DER of the server certificate when serving mTLS. */
  readonly certDer?: Uint8Array;
}

/** `1|6|unix|ADDR|grpc|CERT`: CERT is base64 of the DER without padding, as Go's RawStdEncoding reads it. */
export function formatHandshakeLine(h: HandshakeLine): string {
  const cert = h.certDer === undefined ? '' : Buffer.from(h.certDer).toString('base64').replace(/=+$/, '');
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|${h.network}|${h.address}|grpc|${cert}\n`;
}
