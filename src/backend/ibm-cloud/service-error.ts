/**
 * Turns an unsuccessful HTTP response of Secrets Manager (IBM API Handbook
 * error container) or of IAM into a BackendError whose message quotes the
 * service's own words and its trace id, so a user can quote both to support.
 */
import { BackendError, BackendErrorCode } from '../backend-error.js';
import { isPlainObject } from '../validation/secret-field-validators.js';

interface ErrorTarget {
  readonly type?: string;
  readonly name?: string;
}

interface ParsedServiceError {
  readonly message: string | undefined;
  readonly code: string | undefined;
  readonly target: ErrorTarget | undefined;
  readonly trace: string | undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads `errors[0]` of the SM container, else the fallbacks the IBM Go SDK
 * uses (`error`, `message`, `errorMessage`), and IAM's `errorCode`/`context`.
 */
export function parseServiceError(bodyText: string): ParsedServiceError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { message: undefined, code: undefined, target: undefined, trace: undefined };
  }
  if (!isPlainObject(body)) return { message: undefined, code: undefined, target: undefined, trace: undefined };
  const first = Array.isArray(body['errors']) && isPlainObject(body['errors'][0]) ? body['errors'][0] : undefined;
  const target = first !== undefined && isPlainObject(first['target']) ? (first['target'] as ErrorTarget) : undefined;
  const context = isPlainObject(body['context']) ? body['context'] : undefined;
  return {
    message: str(first?.['message']) ?? str(body['error']) ?? str(body['message']) ?? str(body['errorMessage']),
    code: str(first?.['code']) ?? str(body['errorCode']) ?? str(body['code']),
    target,
    trace: str(body['trace']) ?? str(context?.['requestId']),
  };
}

const CODE_BY_STATUS: Readonly<Record<number, BackendErrorCode>> = {
  400: BackendErrorCode.InvalidArgument,
  401: BackendErrorCode.Unauthorized,
  403: BackendErrorCode.Forbidden,
  404: BackendErrorCode.NotFound,
  409: BackendErrorCode.Conflict,
  412: BackendErrorCode.PreconditionFailed,
  413: BackendErrorCode.InvalidArgument,
  415: BackendErrorCode.InvalidArgument,
  422: BackendErrorCode.InvalidArgument,
  429: BackendErrorCode.Transient,
};

export function codeForStatus(status: number): BackendErrorCode {
  const known = CODE_BY_STATUS[status];
  if (known !== undefined) return known;
  if (status >= 500) return status === 501 ? BackendErrorCode.Internal : BackendErrorCode.Transient;
  return BackendErrorCode.Internal;
}

/** Lock names when the service's message lists them: "… (locks: a, b)". */
export function locksFromMessage(message: string): string[] {
  const match = /\blocks?:\s*([^)\]]+)[)\]]/i.exec(message);
  if (match === null || match[1] === undefined) return [];
  return match[1]
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

export interface ServiceErrorInput {
  readonly status: number;
  readonly statusText: string;
  readonly bodyText: string;
  /** A trace id from response headers, used when the body carries none. */
  readonly headerTrace?: string | undefined;
  /** Which service answered, for the message: `Secrets Manager` or `IAM`. */
  readonly service: string;
  /** Removes any credential the service might have echoed. */
  readonly redact: (text: string) => string;
  /** Overrides the status mapping (IAM's 400 means bad credentials). */
  readonly code?: BackendErrorCode;
}

export function serviceError(input: ServiceErrorInput): BackendError {
  const parsed = parseServiceError(input.bodyText);
  const trace = parsed.trace ?? input.headerTrace;
  const said = input.redact(parsed.message ?? (input.statusText || 'no error message'));
  const details = [`HTTP ${input.status}`, parsed.code, trace === undefined ? undefined : `trace ${trace}`]
    .filter((part): part is string => part !== undefined)
    .join(', ');
  const code = input.code ?? codeForStatus(input.status);
  const field = code === BackendErrorCode.InvalidArgument ? parsed.target?.name : undefined;
  return new BackendError(code, `${input.service}: ${said} (${details})`, {
    status: input.status,
    ...(trace === undefined ? {} : { traceId: trace }),
    ...(field === undefined ? {} : { field }),
    ...(code === BackendErrorCode.PreconditionFailed ? { locks: locksFromMessage(said) } : {}),
  });
}
