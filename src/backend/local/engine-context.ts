/**
 * What the engine's building blocks share inside one transaction.
 */
import type { Logger } from '../../logging/logger.js';
import type { LocalStore } from './local-store.js';
import type { PayloadCipher } from './payload-cipher.js';

export interface EngineContext {
  readonly store: LocalStore;
  readonly cipher: PayloadCipher;
  readonly logger: Logger;
}

/** Versions kept per secret; older ones are deleted at rotation. */
export const VERSIONS_RETAINED = 50;
