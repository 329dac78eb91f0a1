/**
 * The one error type that crosses the backend boundary. Callers branch on
 * `code`, never on message text. Messages never contain credential values.
 */

export const BackendErrorCode = {
  /** The secret, group, version or instance does not exist (HTTP 404). */
  NotFound: 'NotFound',
  /** A name is taken, or the object is in a state that forbids the call (HTTP 409). */
  Conflict: 'Conflict',
  /** The secret is locked (HTTP 412); `locks` names the locks. */
  PreconditionFailed: 'PreconditionFailed',
  /** The request is invalid (HTTP 400/422); `field` names the API field when known. */
  InvalidArgument: 'InvalidArgument',
  /** No or bad credentials (HTTP 401). */
  Unauthorized: 'Unauthorized',
  /** Authenticated, but the role is too low (HTTP 403). */
  Forbidden: 'Forbidden',
  /** Worth retrying later: 429, 5xx, connection failures, SQLITE_BUSY. */
  Transient: 'Transient',
  /** Aborted through an AbortSignal. */
  Cancelled: 'Cancelled',
  /** A bug or an unexpected response. */
  Internal: 'Internal',
} as const;

export type BackendErrorCode = (typeof BackendErrorCode)[keyof typeof BackendErrorCode];

export interface BackendErrorOptions {
  readonly field?: string;
  readonly status?: number;
  readonly traceId?: string;
  readonly locks?: readonly string[];
  readonly cause?: unknown;
}

const STATUS_BY_CODE: Record<BackendErrorCode, number> = {
  NotFound: 404,
  Conflict: 409,
  PreconditionFailed: 412,
  InvalidArgument: 400,
  Unauthorized: 401,
  Forbidden: 403,
  Transient: 503,
  Cancelled: 499,
  Internal: 500,
};

export class BackendError extends Error {
  override readonly name = 'BackendError';
  readonly code: BackendErrorCode;
  /** API field the error is about, dotted as in the JSON body, e.g. `source_service.role.crn`. */
  readonly field: string | undefined;
  /** HTTP status as the service reports it (or would). */
  readonly status: number;
  /** The service's trace id, quoted in diagnostics for support cases. */
  readonly traceId: string | undefined;
  /** Names of the locks that refused the call (PreconditionFailed). */
  readonly locks: readonly string[];

  constructor(code: BackendErrorCode, message: string, options: BackendErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = options.field;
    this.status = options.status ?? STATUS_BY_CODE[code];
    this.traceId = options.traceId;
    this.locks = options.locks ?? [];
  }

  static is(reason: unknown, code?: BackendErrorCode): reason is BackendError {
    return reason instanceof BackendError && (code === undefined || reason.code === code);
  }

  /** Wraps anything thrown into a BackendError (AbortError → Cancelled, else Internal). */
  static from(reason: unknown, code: BackendErrorCode = BackendErrorCode.Internal): BackendError {
    if (reason instanceof BackendError) return reason;
    if (reason instanceof Error && (reason.name === 'AbortError' || reason.name === 'TimeoutError')) {
      return new BackendError(BackendErrorCode.Cancelled, 'The operation was cancelled.', { cause: reason });
    }
    const message = reason instanceof Error ? reason.message : String(reason);
    return new BackendError(code, message, { cause: reason });
  }

  static notFound(message: string, options?: BackendErrorOptions): BackendError {
    return new BackendError(BackendErrorCode.NotFound, message, options);
  }

  static invalid(field: string, message: string, options?: Omit<BackendErrorOptions, 'field'>): BackendError {
    return new BackendError(BackendErrorCode.InvalidArgument, message, { ...options, field });
  }
}
