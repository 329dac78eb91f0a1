/**
 * The AES-256 key that encrypts credential payloads at rest: from the caller,
 * from `IBM_SM_LOCAL_KEY` (base64 or hex of 32 bytes), or from a key file next
 * to the store (`<store>.key`, mode 0600) created on first use.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { BackendError } from '../backend-error.js';

export const STORE_KEY_ENV = 'IBM_SM_LOCAL_KEY';
export const STORE_KEY_BYTES = 32;

/** Decodes 64 hex digits or base64/base64url of 32 bytes; undefined otherwise. */
export function decodeStoreKey(text: string): Uint8Array | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const b = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (b.length === STORE_KEY_BYTES) return b;
  }
  return undefined;
}

export function keyFilePath(storePath: string): string {
  return `${storePath}.key`;
}

function readKeyFile(path: string): Uint8Array {
  const key = decodeStoreKey(readFileSync(path, 'utf8'));
  if (!key) throw new BackendError('Unauthorized', `The key file ${path} does not hold a 32-byte key (base64 or hex).`);
  return key;
}

/**
 * Creates the key file atomically: the key is written to a private temp file
 * and hard-linked into place, so a concurrent opener either wins the link or
 * reads the complete file of the process that won.
 */
function createOrReadKeyFile(path: string): Uint8Array {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, randomBytes(STORE_KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, path);
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  return readKeyFile(path);
}

export function loadStoreKey(storePath: string, explicit: Uint8Array | undefined, env: NodeJS.ProcessEnv = process.env): Uint8Array {
  if (explicit !== undefined) {
    if (explicit.length !== STORE_KEY_BYTES) throw BackendError.invalid('key', 'The store key must be 32 bytes.');
    return explicit;
  }
  const fromEnv = env[STORE_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const key = decodeStoreKey(fromEnv);
    if (!key) throw BackendError.invalid(STORE_KEY_ENV, `${STORE_KEY_ENV} must be 32 bytes as base64 or 64 hex digits.`);
    return key;
  }
  if (storePath === ':memory:') return randomBytes(STORE_KEY_BYTES);
  return createOrReadKeyFile(keyFilePath(storePath));
}
