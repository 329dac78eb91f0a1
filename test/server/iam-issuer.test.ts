import { IamIssuer, iamIdForApiKey, parseApiKeyGrants, roleAllows } from '../../src/server/iam-issuer.js';

describe('IAM issuer', () => {
  it('parses KEY=ROLE lists without ever echoing a key', () => {
    expect(parseApiKeyGrants(['k1=Writer,k2=reader', 'k=with=equals=Manager'])).toEqual([
      { apiKey: 'k1', role: 'Writer' },
      { apiKey: 'k2', role: 'Reader' },
      { apiKey: 'k=with=equals', role: 'Manager' },
    ]);
    expect(() => parseApiKeyGrants(['supersecret=Admin'])).toThrow(/#1 must be KEY=ROLE/);
    expect(() => parseApiKeyGrants(['supersecret=Admin'])).not.toThrow(/supersecret/);
  });

  it('orders roles Reader < SecretsReader < Writer < Manager', () => {
    expect(roleAllows('Manager', 'Writer')).toBe(true);
    expect(roleAllows('SecretsReader', 'Reader')).toBe(true);
    expect(roleAllows('Reader', 'SecretsReader')).toBe(false);
    expect(roleAllows('Writer', 'Manager')).toBe(false);
  });

  it('issues JWTs that verify until they expire', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const issuer = new IamIssuer([{ apiKey: 'key-1', role: 'Writer' }], 60, 'http://x/identity', () => now);
    const token = issuer.issue('key-1');
    expect(token).toBeDefined();
    expect(token?.expires_in).toBe(60);
    expect(token?.expiration).toBe(now / 1000 + 60);
    const claims = JSON.parse(Buffer.from(token?.access_token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp: number;
    };
    expect(claims.exp).toBe(token?.expiration);
    expect(issuer.verify(token?.access_token ?? '')).toEqual({
      ok: true,
      principal: { iamId: iamIdForApiKey('key-1'), role: 'Writer' },
    });
    expect(issuer.issue('unknown')).toBeUndefined();
    now += 61_000;
    expect(issuer.verify(token?.access_token ?? '')).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects tampered tokens and tokens of another server', () => {
    const a = new IamIssuer([{ apiKey: 'k', role: 'Reader' }], 60, 'a');
    const b = new IamIssuer([{ apiKey: 'k', role: 'Reader' }], 60, 'b');
    const token = a.issue('k')?.access_token ?? '';
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ iam_id: 'x', role: 'Manager', exp: 9e9 })).toString('base64url');
    expect(a.verify(`${h}.${forged}.${s}`).ok).toBe(false);
    expect(b.verify(token).ok).toBe(false);
    expect(iamIdForApiKey('k')).toMatch(/^iam-ServiceId-[0-9a-f-]{36}$/);
  });
});
