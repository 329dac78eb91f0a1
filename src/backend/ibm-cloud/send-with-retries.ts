/**
 * The retry loop shared by IAM and Secrets Manager requests: exponential
 * backoff with full jitter on 429, 5xx and connection failures, `Retry-After`
 * honoured, bounded by the call's retry budget and deadline.
 *
 * A non-idempotent request (a create) is never repeated here once it may have
 * reached the service: such failures surface as AmbiguousOutcome so the caller
 * can look the object up before trying again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BackendError, BackendErrorCode } from '../backend-error.js';
import type { Logger } from '../../logging/logger.js';
import { abortError, deadlineSignal, type CallContext } from './call-context.js';
import { classifyNetworkFailure, describeNetworkFailure } from './network-failure.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, type BackoffSettings } from './retry-policy.js';

export interface HttpResult {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly bodyText: string;
}

/** The request may or may not have taken effect; `error` is what to report if it cannot be settled. */
export class AmbiguousOutcome extends Error {
  override readonly name = 'AmbiguousOutcome';
  constructor(readonly error: BackendError) {
    super(error.message, { cause: error });
  }
}

export interface RetryRequest {
  /** For logs only: method and path (never a query with values, never headers). */
  readonly label: string;
  readonly service: string;
  readonly idempotent: boolean;
  /** One HTTP exchange. Throws BackendError for non-network failures (e.g. IAM). */
  readonly attempt: (signal: AbortSignal) => Promise<HttpResult>;
  /** Builds the error reported for a final unsuccessful response. */
  readonly toError: (result: HttpResult) => BackendError;
}

export interface RetrySettings {
  readonly backoff: BackoffSettings;
  /** Cap of a single attempt; a hung connection is abandoned and retried. */
  readonly attemptTimeoutMs: number;
  readonly logger: Logger;
  readonly random?: () => number;
}

type Failure =
  | { readonly kind: 'response'; readonly result: HttpResult }
  | { readonly kind: 'network'; readonly reason: unknown; readonly ambiguous: boolean };

function networkError(service: string, reason: unknown): BackendError {
  return new BackendError(
    BackendErrorCode.Transient,
    `${service}: connection failed (${describeNetworkFailure(reason)}).`,
    { status: 503, cause: reason },
  );
}

function failureError(request: RetryRequest, failure: Failure): BackendError {
  return failure.kind === 'response' ? request.toError(failure.result) : networkError(request.service, failure.reason);
}

async function attemptOnce(
  request: RetryRequest,
  ctx: CallContext,
  settings: RetrySettings,
): Promise<HttpResult | Failure> {
  const attempt = deadlineSignal(ctx.signal, settings.attemptTimeoutMs);
  try {
    const result = await request.attempt(attempt.signal);
    return isRetryableStatus(result.status) ? { kind: 'response', result } : result;
  } catch (reason: unknown) {
    if (ctx.signal.aborted) throw abortError(ctx, request.service);
    if (reason instanceof BackendError) throw reason;
    // An attempt that timed out on its own may well have been processed.
    const ambiguous = attempt.signal.aborted || classifyNetworkFailure(reason) === 'ambiguous';
    return { kind: 'network', reason, ambiguous };
  } finally {
    attempt.release();
  }
}

function isFailure(outcome: HttpResult | Failure): outcome is Failure {
  return 'kind' in outcome;
}

/** A 429 was refused before processing; 5xx and resets may have been processed. */
function mayHaveTakenEffect(failure: Failure): boolean {
  return failure.kind === 'network' ? failure.ambiguous : failure.result.status !== 429;
}

export async function sendWithRetries(
  request: RetryRequest,
  ctx: CallContext,
  settings: RetrySettings,
): Promise<HttpResult> {
  for (let retry = 0; ; retry += 1) {
    if (ctx.signal.aborted) throw abortError(ctx, request.service);
    const started = Date.now();
    const outcome = await attemptOnce(request, ctx, settings);
    if (!isFailure(outcome)) {
      settings.logger.debug('http request', {
        request: request.label,
        status: outcome.status,
        attempt: retry + 1,
        duration_ms: Date.now() - started,
      });
      return outcome;
    }
    const error = failureError(request, outcome);
    settings.logger.debug('http request failed', {
      request: request.label,
      attempt: retry + 1,
      duration_ms: Date.now() - started,
      failure: outcome.kind === 'response' ? outcome.result.status : describeNetworkFailure(outcome.reason),
      trace: error.traceId,
    });
    if (!request.idempotent && mayHaveTakenEffect(outcome)) throw new AmbiguousOutcome(error);
    if (ctx.retriesLeft <= 0) throw error;

    const hinted = outcome.kind === 'response' ? parseRetryAfter(outcome.result.headers.get('retry-after')) : undefined;
    const delay = hinted ?? backoffDelay(retry, settings.backoff, settings.random);
    if (Date.now() + delay >= ctx.deadline) throw error;
    ctx.retriesLeft -= 1;
    try {
      await sleep(delay, undefined, { signal: ctx.signal });
    } catch {
      throw abortError(ctx, request.service);
    }
  }
}

/**
 * Retries after an AmbiguousOutcome are charged to the same budget; this
 * spends one (with backoff) or throws the ambiguous error when none is left.
 */
export async function spendRetry(
  ctx: CallContext,
  settings: RetrySettings,
  retry: number,
  service: string,
  failure: BackendError,
): Promise<void> {
  if (ctx.retriesLeft <= 0) throw failure;
  const delay = backoffDelay(retry, settings.backoff, settings.random);
  if (Date.now() + delay >= ctx.deadline) throw failure;
  ctx.retriesLeft -= 1;
  try {
    await sleep(delay, undefined, { signal: ctx.signal });
  } catch {
    throw abortError(ctx, service);
  }
}
