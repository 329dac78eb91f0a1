import { BackendErrorCode } from '../../../src/backend/backend-error.js';
import { serviceError } from '../../../src/backend/ibm-cloud/service-error.js';

const redact = (text: string): string => text.split('my-api-key').join('[redacted]');

function smBody(code: string, message: string, target?: object): string {
  return JSON.stringify({ errors: [{ code, message, more_info: 'x', target }], trace: 'trace-1', status_code: 0 });
}

describe('service errors', () => {
  it('quotes the service message and trace id and maps the status to a code', () => {
    const error = serviceError({
      status: 404,
      statusText: 'Not Found',
      bodyText: smBody('not_found', 'Secret not found'),
      service: 'Secrets Manager',
      redact,
    });
    expect(error.code).toBe(BackendErrorCode.NotFound);
    expect(error.message).toBe('Secrets Manager: Secret not found (HTTP 404, not_found, trace trace-1)');
    expect(error.traceId).toBe('trace-1');
  });

  it('names the field of a 400/422 from target.name', () => {
    for (const status of [400, 422]) {
      const error = serviceError({
        status,
        statusText: '',
        bodyText: smBody('bad_request', 'bad ttl', { type: 'field', name: 'ttl' }),
        service: 'Secrets Manager',
        redact,
      });
      expect([error.code, error.field]).toEqual([BackendErrorCode.InvalidArgument, 'ttl']);
    }
  });

  it('carries lock names of a 412 and maps 401/403/409/429/5xx', () => {
    const locked = serviceError({
      status: 412,
      statusText: '',
      bodyText: smBody('precondition_failed', 'The secret is locked (locks: lock-a, lock-b).'),
      service: 'Secrets Manager',
      redact,
    });
    expect(locked.locks).toEqual(['lock-a', 'lock-b']);
    const codes = [401, 403, 409, 429, 500, 503].map(
      (status) => serviceError({ status, statusText: 'x', bodyText: '', service: 'SM', redact }).code,
    );
    expect(codes).toEqual(['Unauthorized', 'Forbidden', 'Conflict', 'Transient', 'Transient', 'Transient']);
  });

  it('reads IAM error bodies and never repeats a credential', () => {
    const error = serviceError({
      status: 400,
      statusText: 'Bad Request',
      bodyText: JSON.stringify({
        errorCode: 'BXNIM0415E',
        errorMessage: 'Provided API key my-api-key could not be found.',
        context: { requestId: 'req-9' },
      }),
      service: 'IAM',
      redact,
      code: BackendErrorCode.Unauthorized,
    });
    expect(error.code).toBe(BackendErrorCode.Unauthorized);
    expect(error.message).toBe('IAM: Provided API key [redacted] could not be found. (HTTP 400, BXNIM0415E, trace req-9)');
  });
});
