/**
 * Fresh random values for minted credentials, shaped like IBM's: API keys are
 * 44 URL-safe base64 characters, HMAC access keys 32 hex, HMAC secrets 48 hex.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export function newUuid(): string {
  return randomUUID();
}

/** 33 random bytes encode to exactly 44 base64url characters. */
export function newApiKey(): string {
  return randomBytes(33).toString('base64url');
}

export function randomHex(chars: number): string {
  return randomBytes(Math.ceil(chars / 2)).toString('hex').slice(0, chars);
}

/** Letters and digits only, for passwords that go into connection URLs unescaped. */
export function randomPassword(length = 32): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length)) {
      // Bytes ≥ 248 (= 4 × 62) are dropped so every character is equally likely.
      if (b < 248 && out.length < length) out += alphabet[b % 62];
    }
  }
  return out;
}
