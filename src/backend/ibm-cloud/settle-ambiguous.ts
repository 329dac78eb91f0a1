/**
 * Runs a non-idempotent request so that a retry can never apply it twice:
 * after an ambiguous failure (reset, timeout, 5xx once the request was sent)
 * `settle` looks at the service to see whether the first attempt took effect
 * and returns its result; only when it did not is the request sent again.
 */
import { BackendError } from '../backend-error.js';
import type { Logger } from '../../logging/logger.js';
import type { CallContext } from './call-context.js';
import { AmbiguousOutcome, spendRetry, type RetrySettings } from './send-with-retries.js';

export interface SettleSpec<T> {
  readonly label: string;
  readonly service: string;
  readonly run: () => Promise<T>;
  /** The earlier attempt's result if it took effect, else undefined. */
  readonly settle: () => Promise<T | undefined>;
  /**
   * Errors that, after an ambiguous attempt, mean "an earlier attempt already
   * did it" (a name Conflict on create, NotFound on delete): settle again.
   */
  readonly settlesOn?: (error: BackendError) => boolean;
}

export async function settleAmbiguous<T>(
  spec: SettleSpec<T>,
  ctx: CallContext,
  settings: RetrySettings,
  logger: Logger,
): Promise<T> {
  let ambiguous = false;
  for (let retry = 0; ; retry += 1) {
    try {
      return await spec.run();
    } catch (reason: unknown) {
      if (reason instanceof AmbiguousOutcome) {
        ambiguous = true;
        const settled = await spec.settle();
        if (settled !== undefined) {
          logger.info('ambiguous failure settled: the earlier attempt took effect', { request: spec.label });
          return settled;
        }
        await spendRetry(ctx, settings, retry, spec.service, reason.error);
        continue;
      }
      if (ambiguous && reason instanceof BackendError && spec.settlesOn?.(reason) === true) {
        const settled = await spec.settle();
        if (settled !== undefined) {
          logger.info('ambiguous failure settled after a refused retry', { request: spec.label });
          return settled;
        }
      }
      throw reason;
    }
  }
}
