/**
 * AES-256-GCM for credential payloads. Each payload is bound to its row by
 * the associated data, so a ciphertext copied onto another version fails to
 * open. Layout: format byte | 12-byte IV | 16-byte tag | ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_CHECK_TEXT = 'ibm-sm-local-store';
const KEY_CHECK_AAD = 'key-check';

export class PayloadCipher {
  constructor(private readonly key: Uint8Array) {}

  seal(plaintext: string, aad: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
  }

  /** Throws when the key is wrong or the blob was altered or moved. */
  open(blob: Uint8Array, aad: string): string {
    const buf = Buffer.from(blob);
    if (buf.length < 1 + IV_BYTES + TAG_BYTES || buf[0] !== FORMAT) throw new Error('unknown payload format');
    const iv = buf.subarray(1, 1 + IV_BYTES);
    const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** A sealed constant stored once per store, to detect a wrong key at open. */
  keyCheck(): Buffer {
    return this.seal(KEY_CHECK_TEXT, KEY_CHECK_AAD);
  }

  matchesKeyCheck(blob: Uint8Array): boolean {
    try {
      return this.open(blob, KEY_CHECK_AAD) === KEY_CHECK_TEXT;
    } catch {
      return false;
    }
  }
}
