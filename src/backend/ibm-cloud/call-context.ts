/**
 * One backend call's limits, shared by every HTTP attempt it makes (including
 * IAM token requests and the look-ups that settle an ambiguous create): the
 * caller's AbortSignal, an overall deadline, and a retry budget.
 */
import { BackendError, BackendErrorCode } from '../backend-error.js';

export interface CallContext {
  /** Aborts on the caller's signal or at the deadline. */
  readonly signal: AbortSignal;
  /** The caller's own signal (StopProvider), to tell cancellation from timeout. */
  readonly callerSignal: AbortSignal | undefined;
  /** Epoch ms after which no new attempt starts. */
  readonly deadline: number;
  readonly timeoutMs: number;
  /** Retries still allowed for this call; decremented by every retry. */
  retriesLeft: number;
  /** Stops the deadline timer; call once the call has settled. */
  readonly release: () => void;
}

// Node timers hold at most 2^31-1 ms (~24.8 days); a longer limit is as good as none.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface DeadlineSignal {
  readonly signal: AbortSignal;
  /** Stops the timer and unhooks from the parent signal. */
  readonly release: () => void;
}

/**
 * A signal that aborts with `parent` or after `timeoutMs`, on a plain timer:
 * an AbortSignal.timeout inside AbortSignal.any can be garbage-collected and
 * never fire (nodejs/node#57736), which left a hung request without a limit.
 */
export function deadlineSignal(parent: AbortSignal | undefined, timeoutMs: number): DeadlineSignal {
  const controller = new AbortController();
  const onParentAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted === true) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const timer =
    timeoutMs > MAX_TIMER_MS
      ? undefined
      : setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), Math.max(0, timeoutMs));
  timer?.unref();
  return {
    signal: controller.signal,
    release: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

export function createCallContext(
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
  maxRetries: number,
): CallContext {
  const { signal, release } = deadlineSignal(callerSignal, timeoutMs);
  return {
    signal,
    callerSignal,
    deadline: Date.now() + timeoutMs,
    timeoutMs,
    retriesLeft: maxRetries,
    release,
  };
}

/** The error to report once the call's signal has fired. */
export function abortError(ctx: CallContext, service: string): BackendError {
  if (ctx.callerSignal?.aborted === true) {
    return new BackendError(BackendErrorCode.Cancelled, `${service}: the request was cancelled.`, {
      cause: ctx.callerSignal.reason,
    });
  }
  return new BackendError(
    BackendErrorCode.Transient,
    `${service}: no answer within ${Math.round(ctx.timeoutMs / 1000)} s (timeout); try again or raise the timeout.`,
    { status: 504 },
  );
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (the promise keeps running). */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (reason: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(reason);
      },
    );
  });
}
