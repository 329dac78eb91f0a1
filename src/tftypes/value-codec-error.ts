/**
 * The one error the value codecs throw: what is wrong and where, e.g.
 * `source_service[0].role: string is required`. The framework turns it into
 * an attribute diagnostic via `path`. Messages never include value content.
 */
import type { AttributePath } from './attribute-path.js';

export class ValueCodecError extends Error {
  override readonly name = 'ValueCodecError';

  constructor(
    readonly path: AttributePath,
    readonly reason: string,
  ) {
    super(path.isRoot ? reason : `${path.toString()}: ${reason}`);
  }
}
