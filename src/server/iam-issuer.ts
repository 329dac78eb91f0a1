/**
 * The server's stand-in for IBM Cloud IAM: API keys configured with a service
 * role each are exchanged at `POST /identity/token` for expiring bearer
 * tokens. Tokens are HS256 JWTs (IBM's Node SDK core decodes the token to read
 * `exp`, so an opaque string would break it), signed with a key that lives only
 * in this process: a restart invalidates them and clients simply fetch anew.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Secrets Manager service roles, lowest first. Mapping (IBM docs "Managing
 * IAM access for Secrets Manager" and "Organizing your secrets"):
 * - Reader: list and read metadata of secrets, versions, groups and locks; no secret data.
 * - SecretsReader: Reader plus reading secret data (GET a secret or a version).
 * - Writer: SecretsReader plus create, update, rotate and delete secrets, version metadata, locks.
 * - Manager: Writer plus creating, changing and deleting secret groups (docs: "To create and
 *   manage secret groups, you need the Manager service role").
 */
export const ROLES = ['Reader', 'SecretsReader', 'Writer', 'Manager'] as const;
export type Role = (typeof ROLES)[number];

export function roleAllows(granted: Role, required: Role): boolean {
  return ROLES.indexOf(granted) >= ROLES.indexOf(required);
}

export function parseRole(text: string): Role | undefined {
  const wanted = text.trim().toLowerCase();
  return ROLES.find((role) => role.toLowerCase() === wanted);
}

export interface ApiKeyGrant {
  readonly apiKey: string;
  readonly role: Role;
}

/**
 * `KEY=ROLE` entries (from repeated `--api-key` or the comma-separated
 * `IBM_SM_SERVER_API_KEYS`). Errors name the entry's position, never the key.
 */
export function parseApiKeyGrants(entries: readonly string[]): ApiKeyGrant[] {
  return entries
    .flatMap((entry) => entry.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => {
      const at = entry.lastIndexOf('=');
      const role = at > 0 ? parseRole(entry.slice(at + 1)) : undefined;
      if (at <= 0 || role === undefined) {
        throw new Error(
          `API key entry #${index + 1} must be KEY=ROLE with ROLE one of ${ROLES.join(', ')} (the key itself is not shown).`,
        );
      }
      return { apiKey: entry.slice(0, at), role };
    });
}

/** A stable IAM id for an API key (`created_by`), not reversible to the key. */
export function iamIdForApiKey(apiKey: string): string {
  const hex = createHash('sha256').update(`ibm-sm-local:${apiKey}`).digest('hex');
  return `iam-ServiceId-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface Principal {
  readonly iamId: string;
  readonly role: Role;
}

export interface IssuedToken {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly expiration: number;
  readonly scope: string;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export type TokenCheck = { readonly ok: true; readonly principal: Principal } | { readonly ok: false; readonly reason: string };

export class IamIssuer {
  private readonly grants = new Map<string, Role>();
  private readonly signingKey = randomBytes(32);

  constructor(
    grants: readonly ApiKeyGrant[],
    private readonly lifetimeSeconds: number,
    private readonly issuer: string,
    private readonly now: () => number = Date.now,
  ) {
    for (const grant of grants) this.grants.set(grant.apiKey, grant.role);
  }

  /** A token for a configured key, or undefined (the caller answers 400 like IAM). */
  issue(apiKey: string): IssuedToken | undefined {
    const role = this.grants.get(apiKey);
    if (role === undefined) return undefined;
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + this.lifetimeSeconds;
    const iamId = iamIdForApiKey(apiKey);
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'ibm-sm-local' }));
    const payload = base64url(
      JSON.stringify({
        iam_id: iamId,
        id: iamId,
        sub: iamId,
        sub_type: 'ServiceId',
        role,
        iss: this.issuer,
        grant_type: 'urn:ibm:params:oauth:grant-type:apikey',
        scope: 'ibm openid',
        jti: randomUUID(),
        iat,
        exp,
      }),
    );
    const signature = this.sign(`${header}.${payload}`);
    return {
      access_token: `${header}.${payload}.${signature}`,
      refresh_token: 'not_supported',
      token_type: 'Bearer',
      expires_in: this.lifetimeSeconds,
      expiration: exp,
      scope: 'ibm openid',
    };
  }

  /** Verifies signature and expiry of a bearer token. */
  verify(token: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'malformed' };
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof claims !== 'object' || claims === null) return { ok: false, reason: 'malformed' };
    const { exp, iam_id: iamId, role } = claims as { exp?: unknown; iam_id?: unknown; role?: unknown };
    if (typeof exp !== 'number' || exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    const parsedRole = typeof role === 'string' ? parseRole(role) : undefined;
    if (typeof iamId !== 'string' || parsedRole === undefined) return { ok: false, reason: 'malformed' };
    return { ok: true, principal: { iamId, role: parsedRole } };
  }

  private sign(input: string): string {
    return createHmac('sha256', this.signingKey).update(input).digest('base64url');
  }
}
