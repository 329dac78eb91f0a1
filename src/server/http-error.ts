/**
 * Errors as Secrets Manager answers them (IBM API Handbook error container):
 * `{"errors":[{"code","message","more_info","target"}],"trace","status_code"}`.
 * Backend errors map by code; anything unexpected becomes a 500 whose message
 * reveals nothing internal.
 */
import { BackendError, BackendErrorCode } from '../backend/backend-error.js';

export const MORE_INFO = 'https://cloud.ibm.com/apidocs/secrets-manager/secrets-manager-v2';

export interface ErrorTarget {
  readonly type: 'field' | 'parameter' | 'header';
  readonly name: string;
}

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: ErrorTarget,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  static badRequest(message: string, target?: ErrorTarget): HttpError {
    return new HttpError(400, 'bad_request', message, target);
  }
}

export interface ErrorBody {
  readonly errors: readonly {
    readonly code: string;
    readonly message: string;
    readonly more_info: string;
    readonly target?: ErrorTarget;
  }[];
  readonly trace: string;
  readonly status_code: number;
}

export function errorBody(error: HttpError, trace: string): ErrorBody {
  return {
    errors: [
      {
        code: error.code,
        message: error.message,
        more_info: MORE_INFO,
        ...(error.target === undefined ? {} : { target: error.target }),
      },
    ],
    trace,
    status_code: error.status,
  };
}

const HTTP_CODE: Readonly<Record<BackendErrorCode, { status: number; code: string }>> = {
  NotFound: { status: 404, code: 'not_found' },
  Conflict: { status: 409, code: 'conflict' },
  PreconditionFailed: { status: 412, code: 'precondition_failed' },
  InvalidArgument: { status: 400, code: 'bad_request' },
  Unauthorized: { status: 401, code: 'unauthorized' },
  Forbidden: { status: 403, code: 'forbidden' },
  Transient: { status: 503, code: 'service_unavailable' },
  Cancelled: { status: 499, code: 'request_cancelled' },
  Internal: { status: 500, code: 'internal_error' },
};

/** Lock names are part of the message so clients can show which locks refused. */
function withLocks(error: BackendError): string {
  if (error.locks.length === 0) return error.message;
  const missing = error.locks.filter((lock) => !error.message.includes(lock));
  if (missing.length === 0 && /locks?:/i.test(error.message)) return error.message;
  return `${error.message.replace(/\.?\s*$/, '')} (locks: ${error.locks.join(', ')}).`;
}

export function toHttpError(reason: unknown): HttpError {
  if (reason instanceof HttpError) return reason;
  if (reason instanceof BackendError && reason.code !== BackendErrorCode.Internal) {
    const mapped = HTTP_CODE[reason.code];
    const target: ErrorTarget | undefined = reason.field === undefined ? undefined : { type: 'field', name: reason.field };
    const message = reason.code === BackendErrorCode.PreconditionFailed ? withLocks(reason) : reason.message;
    return new HttpError(mapped.status, mapped.code, message, target);
  }
  return new HttpError(500, 'internal_error', 'The server hit an unexpected error; quote the trace id when reporting it.');
}
