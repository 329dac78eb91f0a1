/**
 * Classifies what Node's fetch (undici) throws when no HTTP response arrived.
 * What matters for a non-idempotent call is whether the request may have
 * reached the service: a refused or unresolvable connection never did, a reset
 * or a timeout after connecting may have.
 */

export type NetworkFailureKind = 'not-sent' | 'ambiguous';

// Failures that happen before a single request byte can reach the server.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

function causeChain(reason: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = reason;
  while (current !== undefined && current !== null && chain.length < 5) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

/** The first system/undici error code found along the `cause` chain. */
export function networkErrorCode(reason: unknown): string | undefined {
  for (const link of causeChain(reason)) {
    if (typeof link === 'object' && link !== null && 'code' in link) {
      const code = (link as { code: unknown }).code;
      if (typeof code === 'string') return code;
    }
  }
  return undefined;
}

export function classifyNetworkFailure(reason: unknown): NetworkFailureKind {
  const code = networkErrorCode(reason);
  return code !== undefined && NOT_SENT_CODES.has(code) ? 'not-sent' : 'ambiguous';
}

/** A short, value-free description for messages and logs (e.g. `ECONNRESET`). */
export function describeNetworkFailure(reason: unknown): string {
  const code = networkErrorCode(reason);
  if (code !== undefined) return code;
  const last = causeChain(reason).at(-1);
  return last instanceof Error ? last.message : 'connection failed';
}
