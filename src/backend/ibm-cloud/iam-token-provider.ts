/**
 * IAM bearer tokens for an API key, as IBM's SDK core manages them: exchange
 * the key at `<iam>/identity/token`, cache the token, refresh once the token
 * is past `expiration - 0.2 * expires_in`, and never run two refreshes at once
 * (concurrent callers share the one in flight).
 */
import { BackendError, BackendErrorCode } from '../backend-error.js';
import { isPlainObject } from '../validation/secret-field-validators.js';
import { abortError, createCallContext, raceSignal, type CallContext } from './call-context.js';
import { iamTokenUrl } from './endpoints.js';
import { sendWithRetries, type HttpResult, type RetrySettings } from './send-with-retries.js';
import { serviceError } from './service-error.js';

export const APIKEY_GRANT_TYPE = 'urn:ibm:params:oauth:grant-type:apikey';

interface Refresh {
  readonly promise: Promise<CachedToken>;
  readonly controller: AbortController;
  waiters: number;
}

interface CachedToken {
  readonly accessToken: string;
  /** Epoch ms at which a refresh is due. */
  readonly refreshAt: number;
}

export interface IamTokenProviderOptions {
  readonly apiKey: string;
  readonly iamEndpoint: string;
  readonly userAgent: string;
  readonly fetch: typeof fetch;
  readonly retry: RetrySettings;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly redact: (text: string) => string;
  readonly now?: () => number;
}

/** Refresh point per IBM SDK core: 80 % into the token's lifetime. */
export function refreshAt(expiresIn: number, expiration: number | undefined, now: number): number {
  const expiresAtSec = expiration ?? Math.floor(now / 1000) + expiresIn;
  return (expiresAtSec - 0.2 * expiresIn) * 1000;
}

export class IamTokenProvider {
  private cached: CachedToken | undefined;
  private inflight: Refresh | undefined;
  private readonly now: () => number;

  constructor(private readonly options: IamTokenProviderOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A valid bearer token; waits for (or starts) the single refresh when due. */
  async token(ctx: CallContext): Promise<string> {
    const cached = this.cached;
    if (cached !== undefined && this.now() < cached.refreshAt) return cached.accessToken;
    const refresh = this.inflight ?? this.startRefresh();
    refresh.waiters += 1;
    try {
      return (await raceSignal(refresh.promise, ctx.signal, () => abortError(ctx, 'IAM'))).accessToken;
    } finally {
      refresh.waiters -= 1;
      // Nobody is waiting any more (all callers cancelled): stop retrying IAM.
      if (refresh.waiters === 0 && this.inflight === refresh) {
        this.inflight = undefined;
        refresh.controller.abort();
      }
    }
  }

  /**
   * The refresh runs on its own deadline, so one caller's cancellation does
   * not fail the others waiting on it; it is abandoned only when all have left.
   */
  private startRefresh(): Refresh {
    const controller = new AbortController();
    const own = createCallContext(controller.signal, this.options.timeoutMs, this.options.maxRetries);
    const refresh: Refresh = {
      promise: this.fetchToken(own).finally(() => {
        own.release();
        if (this.inflight === refresh) this.inflight = undefined;
      }),
      controller,
      waiters: 0,
    };
    this.inflight = refresh;
    return refresh;
  }

  /** Drops a token the service rejected, so the next call fetches a new one. */
  invalidate(accessToken: string): void {
    if (this.cached?.accessToken === accessToken) this.cached = undefined;
  }

  currentToken(): string | undefined {
    return this.cached?.accessToken;
  }

  private async fetchToken(ctx: CallContext): Promise<CachedToken> {
    const url = iamTokenUrl(this.options.iamEndpoint);
    const form = new URLSearchParams({
      grant_type: APIKEY_GRANT_TYPE,
      apikey: this.options.apiKey,
      response_type: 'cloud_iam',
    }).toString();
    const result = await sendWithRetries(
      {
        label: 'POST /identity/token',
        service: 'IAM',
        idempotent: true,
        attempt: (signal) => this.post(url, form, signal),
        toError: (res) => this.iamError(res),
      },
      ctx,
      this.options.retry,
    );
    if (result.status < 200 || result.status > 299) throw this.iamError(result);
    const token = this.parseToken(result.bodyText);
    this.cached = token;
    return token;
  }

  private async post(url: string, form: string, signal: AbortSignal): Promise<HttpResult> {
    const res = await this.options.fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        'User-Agent': this.options.userAgent,
      },
      body: form,
      signal,
    });
    const bodyText = await res.text();
    return { status: res.status, statusText: res.statusText, headers: res.headers, bodyText };
  }

  private iamError(result: HttpResult): BackendError {
    const rejected = result.status >= 400 && result.status < 500 && result.status !== 429;
    return serviceError({
      status: result.status,
      statusText: result.statusText,
      bodyText: result.bodyText,
      headerTrace: result.headers.get('transaction-id') ?? result.headers.get('x-request-id') ?? undefined,
      service: 'IAM',
      redact: this.options.redact,
      ...(rejected ? { code: BackendErrorCode.Unauthorized } : {}),
    });
  }

  private parseToken(bodyText: string): CachedToken {
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      body = undefined;
    }
    if (!isPlainObject(body) || typeof body['access_token'] !== 'string' || body['access_token'] === '') {
      throw new BackendError(BackendErrorCode.Unauthorized, 'IAM: the token response carried no access_token.');
    }
    const expiresIn = typeof body['expires_in'] === 'number' ? body['expires_in'] : 3600;
    const expiration = typeof body['expiration'] === 'number' ? body['expiration'] : undefined;
    return { accessToken: body['access_token'], refreshAt: refreshAt(expiresIn, expiration, this.now()) };
  }
}
