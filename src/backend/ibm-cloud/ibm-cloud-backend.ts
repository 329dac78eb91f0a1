/**
 * CredentialBackend over the IBM Cloud Secrets Manager v2 REST API, with IAM
 * API-key authentication, retries and safe (never doubled) creates. Bodies
 * pass through unchanged: the domain types already use the API's field names.
 */
import { BackendError, BackendErrorCode } from '../backend-error.js';
import type {
  CallOptions,
  CredentialBackend,
  InstanceRef,
  ListSecretsQuery,
  LockMode,
  SecretGroup,
  SecretGroupPatch,
  SecretGroupPrototype,
  SecretLock,
  SecretLockList,
  SecretLockPrototype,
  SecretLocks,
  SecretMetadataPage,
  SecretMetadataPatch,
  SecretVersion,
  SecretVersionMetadata,
  SecretVersionMetadataPatch,
  SecretVersionPrototype,
  ServiceCredentialsSecret,
  ServiceCredentialsSecretMetadata,
  ServiceCredentialsSecretPrototype,
  VersionRef,
} from '../credential-backend.js';
import { nullLogger, type Logger } from '../../logging/logger.js';
import { createCallContext, type CallContext } from './call-context.js';
import { DEFAULT_IAM_ENDPOINT, type EndpointSettings, type Visibility } from './endpoints.js';
import { IamTokenProvider } from './iam-token-provider.js';
import { DEFAULT_BACKOFF } from './retry-policy.js';
import type { RetrySettings } from './send-with-retries.js';
import { settleAmbiguous } from './settle-ambiguous.js';
import { apiPath, SERVICE, SmRestClient } from './sm-rest-client.js';
import { defaultUserAgent } from './user-agent.js';

export interface IbmCloudBackendOptions {
  /** IBM Cloud API key (provider `ibmcloud_api_key`). Never logged or quoted. */
  readonly apiKey: string;
  /** Default `https://iam.cloud.ibm.com` (provider `iam_endpoint` / `IBMCLOUD_IAM_API_ENDPOINT`). */
  readonly iamEndpoint?: string;
  /**
   * Overrides the per-instance URL (provider `secrets_manager_endpoint` /
   * `IBMCLOUD_SECRETS_MANAGER_API_ENDPOINT`); `{instance_id}` and `{region}`
   * are filled per call, e.g. `http://127.0.0.1:8080/instances/{instance_id}`.
   */
  readonly secretsManagerEndpoint?: string;
  /** Provider `visibility`; `private`/`public-and-private` select private endpoints. Default `public`. */
  readonly visibility?: Visibility;
  /** Retries per call after the first attempt (provider `max_retries`). Default 10. */
  readonly maxRetries?: number;
  /** Overall limit of one backend call, retries included (provider `ibmcloud_timeout`). Default 60 000. */
  readonly timeoutMs?: number;
  /** Limit of a single HTTP attempt. Default min(timeoutMs, 30 000). */
  readonly attemptTimeoutMs?: number;
  /** Backoff bounds (full jitter). Defaults 250 ms and 30 s. */
  readonly retryMinDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** Default `terraform-provider-ibm/<version> (node <version>)`. */
  readonly userAgent?: string;
  readonly logger?: Logger;
  /** Only for tests that cannot use a real server. */
  readonly fetch?: typeof fetch;
}

const SECRET_TYPE = 'service_credentials';

interface ListLocksPage {
  readonly locks: readonly SecretLock[];
  readonly total_count: number;
}

function redactor(secrets: () => readonly (string | undefined)[]): (text: string) => string {
  return (text) => {
    let out = text;
    for (const secret of secrets()) {
      if (secret !== undefined && secret.length >= 4) out = out.split(secret).join('[redacted]');
    }
    return out;
  };
}

class IbmCloudBackend implements CredentialBackend {
  private readonly client: SmRestClient;
  private readonly tokens: IamTokenProvider;
  private readonly retry: RetrySettings;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;

  constructor(options: IbmCloudBackendOptions) {
    if (options.apiKey.trim() === '') {
      throw new BackendError(BackendErrorCode.Unauthorized, 'IBM Cloud: an API key is required (ibmcloud_api_key).');
    }
    this.logger = (options.logger ?? nullLogger).with({ component: 'ibm-cloud' });
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxRetries = Math.max(0, options.maxRetries ?? 10);
    this.retry = {
      backoff: {
        minDelayMs: options.retryMinDelayMs ?? DEFAULT_BACKOFF.minDelayMs,
        maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
      },
      attemptTimeoutMs: options.attemptTimeoutMs ?? Math.min(this.timeoutMs, 30_000),
      logger: this.logger,
    };
    const endpoints: EndpointSettings = {
      iamEndpoint: options.iamEndpoint ?? DEFAULT_IAM_ENDPOINT,
      secretsManagerEndpoint: options.secretsManagerEndpoint,
      visibility: options.visibility ?? 'public',
    };
    const userAgent = options.userAgent ?? defaultUserAgent();
    const fetchImpl = options.fetch ?? fetch;
    const redact = redactor(() => [options.apiKey, this.tokens.currentToken()]);
    this.tokens = new IamTokenProvider({
      apiKey: options.apiKey,
      iamEndpoint: endpoints.iamEndpoint,
      userAgent,
      fetch: fetchImpl,
      retry: this.retry,
      maxRetries: this.maxRetries,
      timeoutMs: this.timeoutMs,
      redact,
    });
    this.client = new SmRestClient({ endpoints, tokens: this.tokens, userAgent, fetch: fetchImpl, retry: this.retry, redact });
  }

  private async call<T>(opts: CallOptions | undefined, run: (ctx: CallContext) => Promise<T>): Promise<T> {
    const ctx = createCallContext(opts?.signal, this.timeoutMs, this.maxRetries);
    try {
      return await run(ctx);
    } catch (reason: unknown) {
      throw BackendError.from(reason);
    } finally {
      ctx.release();
    }
  }

  // Secret groups

  createSecretGroup(inst: InstanceRef, group: SecretGroupPrototype, opts?: CallOptions): Promise<SecretGroup> {
    return this.call(opts, (ctx) =>
      settleAmbiguous(
        {
          label: 'POST /api/v2/secret_groups',
          service: SERVICE,
          run: () =>
            this.client.json<SecretGroup>(
              inst,
              { method: 'POST', path: apiPath`/secret_groups`, body: group, idempotent: false },
              ctx,
            ),
          // Group names are unique per instance: a group of that name is ours.
          settle: async () => (await this.groups(inst, ctx)).find((g) => g.name === group.name),
          settlesOn: (error) => error.code === BackendErrorCode.Conflict,
        },
        ctx,
        this.retry,
        this.logger,
      ),
    );
  }

  getSecretGroup(inst: InstanceRef, id: string, opts?: CallOptions): Promise<SecretGroup> {
    return this.call(opts, (ctx) => this.group(inst, id, ctx));
  }

  listSecretGroups(inst: InstanceRef, opts?: CallOptions): Promise<readonly SecretGroup[]> {
    return this.call(opts, (ctx) => this.groups(inst, ctx));
  }

  updateSecretGroup(inst: InstanceRef, id: string, patch: SecretGroupPatch, opts?: CallOptions): Promise<SecretGroup> {
    return this.call(opts, (ctx) =>
      this.client.json<SecretGroup>(
        inst,
        {
          method: 'PATCH',
          path: apiPath`/secret_groups/${id}`,
          body: patch,
          contentType: 'application/merge-patch+json',
          idempotent: true,
        },
        ctx,
      ),
    );
  }

  deleteSecretGroup(inst: InstanceRef, id: string, opts?: CallOptions): Promise<void> {
    return this.call(opts, (ctx) =>
      this.deleteOnce(
        ctx,
        () => this.client.send(inst, { method: 'DELETE', path: apiPath`/secret_groups/${id}`, idempotent: false }, ctx),
        () => this.group(inst, id, ctx),
        `DELETE /api/v2/secret_groups/${id}`,
      ),
    );
  }

  // Secrets

  createSecret(
    inst: InstanceRef,
    secret: ServiceCredentialsSecretPrototype,
    opts?: CallOptions,
  ): Promise<ServiceCredentialsSecret> {
    return this.call(opts, (ctx) => {
      let groupName: Promise<string> | undefined;
      const lookup = async (): Promise<ServiceCredentialsSecret | undefined> => {
        groupName ??= this.groupNameOf(inst, secret.secret_group_id, ctx);
        return this.findCreatedSecret(inst, await groupName, secret, ctx);
      };
      return settleAmbiguous(
        {
          label: 'POST /api/v2/secrets',
          service: SERVICE,
          run: () =>
            this.client.json<ServiceCredentialsSecret>(
              inst,
              { method: 'POST', path: apiPath`/secrets`, body: secret, idempotent: false },
              ctx,
            ),
          settle: lookup,
          settlesOn: (error) => error.code === BackendErrorCode.Conflict,
        },
        ctx,
        this.retry,
        this.logger,
      );
    });
  }

  getSecret(inst: InstanceRef, id: string, opts?: CallOptions): Promise<ServiceCredentialsSecret> {
    return this.call(opts, (ctx) =>
      this.client.json<ServiceCredentialsSecret>(
        inst,
        { method: 'GET', path: apiPath`/secrets/${id}`, idempotent: true },
        ctx,
      ),
    );
  }

  getSecretMetadata(inst: InstanceRef, id: string, opts?: CallOptions): Promise<ServiceCredentialsSecretMetadata> {
    return this.call(opts, (ctx) => this.metadata(inst, id, ctx));
  }

  getSecretByName(
    inst: InstanceRef,
    groupName: string,
    name: string,
    opts?: CallOptions,
  ): Promise<ServiceCredentialsSecret> {
    return this.call(opts, (ctx) => this.byName(inst, groupName, name, ctx));
  }

  listSecrets(inst: InstanceRef, query: ListSecretsQuery = {}, opts?: CallOptions): Promise<SecretMetadataPage> {
    return this.call(opts, async (ctx) => {
      const page = await this.client.json<SecretMetadataPage>(
        inst,
        {
          method: 'GET',
          path: apiPath`/secrets`,
          query: {
            offset: query.offset,
            limit: query.limit,
            sort: query.sort,
            search: query.search,
            groups: query.groups,
            match_all_labels: query.match_all_labels,
            // Other secret types have other shapes; this backend speaks one.
            secret_types: [SECRET_TYPE],
          },
          idempotent: true,
        },
        ctx,
      );
      return {
        secrets: page.secrets ?? [],
        total_count: page.total_count,
        offset: page.offset ?? query.offset ?? 0,
        limit: page.limit ?? query.limit ?? 200,
      };
    });
  }

  updateSecretMetadata(
    inst: InstanceRef,
    id: string,
    patch: SecretMetadataPatch,
    opts?: CallOptions,
  ): Promise<ServiceCredentialsSecretMetadata> {
    return this.call(opts, (ctx) =>
      this.client.json<ServiceCredentialsSecretMetadata>(
        inst,
        {
          method: 'PATCH',
          path: apiPath`/secrets/${id}/metadata`,
          body: patch,
          contentType: 'application/merge-patch+json',
          idempotent: true,
        },
        ctx,
      ),
    );
  }

  deleteSecret(inst: InstanceRef, id: string, opts?: CallOptions): Promise<void> {
    return this.call(opts, (ctx) =>
      this.deleteOnce(
        ctx,
        () => this.client.send(inst, { method: 'DELETE', path: apiPath`/secrets/${id}`, idempotent: false }, ctx),
        () => this.metadata(inst, id, ctx),
        `DELETE /api/v2/secrets/${id}`,
      ),
    );
  }

  // Versions

  createSecretVersion(
    inst: InstanceRef,
    secretId: string,
    version: SecretVersionPrototype,
    opts?: CallOptions,
  ): Promise<SecretVersion> {
    return this.call(opts, async (ctx) => {
      // A rotation cannot be found by name: remember the current version so an
      // ambiguous failure can be settled by checking whether it changed.
      const before = (await this.versionMetadata(inst, secretId, 'current', ctx)).id;
      return settleAmbiguous(
        {
          label: 'POST /api/v2/secrets/{id}/versions',
          service: SERVICE,
          run: () =>
            this.client.json<SecretVersion>(
              inst,
              { method: 'POST', path: apiPath`/secrets/${secretId}/versions`, body: version, idempotent: false },
              ctx,
            ),
          settle: async () => {
            const current = await this.versionMetadata(inst, secretId, 'current', ctx);
            return current.id === before ? undefined : this.version(inst, secretId, current.id, ctx);
          },
        },
        ctx,
        this.retry,
        this.logger,
      );
    });
  }

  listSecretVersions(inst: InstanceRef, secretId: string, opts?: CallOptions): Promise<readonly SecretVersionMetadata[]> {
    return this.call(opts, async (ctx) => {
      const list = await this.client.json<{ versions?: readonly SecretVersionMetadata[] }>(
        inst,
        { method: 'GET', path: apiPath`/secrets/${secretId}/versions`, idempotent: true },
        ctx,
      );
      return list.versions ?? [];
    });
  }

  getSecretVersion(inst: InstanceRef, secretId: string, version: VersionRef, opts?: CallOptions): Promise<SecretVersion> {
    return this.call(opts, (ctx) => this.version(inst, secretId, version, ctx));
  }

  getSecretVersionMetadata(
    inst: InstanceRef,
    secretId: string,
    version: VersionRef,
    opts?: CallOptions,
  ): Promise<SecretVersionMetadata> {
    return this.call(opts, (ctx) => this.versionMetadata(inst, secretId, version, ctx));
  }

  updateSecretVersionMetadata(
    inst: InstanceRef,
    secretId: string,
    version: VersionRef,
    patch: SecretVersionMetadataPatch,
    opts?: CallOptions,
  ): Promise<SecretVersionMetadata> {
    return this.call(opts, (ctx) =>
      this.client.json<SecretVersionMetadata>(
        inst,
        {
          method: 'PATCH',
          path: apiPath`/secrets/${secretId}/versions/${version}/metadata`,
          body: patch,
          contentType: 'application/merge-patch+json',
          idempotent: true,
        },
        ctx,
      ),
    );
  }

  // Locks

  listSecretLocks(inst: InstanceRef, secretId: string, opts?: CallOptions): Promise<SecretLockList> {
    return this.call(opts, async (ctx) => {
      const locks: SecretLock[] = [];
      let total = 0;
      for (;;) {
        const page = await this.client.json<ListLocksPage>(
          inst,
          {
            method: 'GET',
            path: apiPath`/secrets/${secretId}/locks`,
            query: { offset: locks.length, limit: 1000 },
            idempotent: true,
          },
          ctx,
        );
        locks.push(...(page.locks ?? []));
        total = page.total_count ?? locks.length;
        if ((page.locks ?? []).length === 0 || locks.length >= total) break;
      }
      return { locks, total_count: total };
    });
  }

  addSecretLocks(
    inst: InstanceRef,
    secretId: string,
    locks: readonly SecretLockPrototype[],
    mode?: LockMode,
    opts?: CallOptions,
  ): Promise<SecretLocks> {
    // Lock names are unique per version: adding the same locks again is a no-op.
    return this.call(opts, (ctx) =>
      this.client.json<SecretLocks>(
        inst,
        {
          method: 'POST',
          path: apiPath`/secrets/${secretId}/locks_bulk`,
          query: { mode },
          body: { locks },
          idempotent: true,
        },
        ctx,
      ),
    );
  }

  removeSecretLocks(
    inst: InstanceRef,
    secretId: string,
    names: readonly string[],
    opts?: CallOptions,
  ): Promise<SecretLocks> {
    return this.call(opts, (ctx) =>
      this.client.json<SecretLocks>(
        inst,
        { method: 'DELETE', path: apiPath`/secrets/${secretId}/locks_bulk`, query: { name: names }, idempotent: true },
        ctx,
      ),
    );
  }

  async close(): Promise<void> {
    // Nothing held: fetch's connection pool is process-wide and idles out.
  }

  // Helpers sharing the caller's context

  private group(inst: InstanceRef, id: string, ctx: CallContext): Promise<SecretGroup> {
    return this.client.json<SecretGroup>(inst, { method: 'GET', path: apiPath`/secret_groups/${id}`, idempotent: true }, ctx);
  }

  private async groups(inst: InstanceRef, ctx: CallContext): Promise<readonly SecretGroup[]> {
    const list = await this.client.json<{ secret_groups?: readonly SecretGroup[] }>(
      inst,
      { method: 'GET', path: apiPath`/secret_groups`, idempotent: true },
      ctx,
    );
    return list.secret_groups ?? [];
  }

  private metadata(inst: InstanceRef, id: string, ctx: CallContext): Promise<ServiceCredentialsSecretMetadata> {
    return this.client.json<ServiceCredentialsSecretMetadata>(
      inst,
      { method: 'GET', path: apiPath`/secrets/${id}/metadata`, idempotent: true },
      ctx,
    );
  }

  private byName(inst: InstanceRef, groupName: string, name: string, ctx: CallContext): Promise<ServiceCredentialsSecret> {
    return this.client.json<ServiceCredentialsSecret>(
      inst,
      {
        method: 'GET',
        path: apiPath`/secret_groups/${groupName}/secret_types/${SECRET_TYPE}/secrets/${name}`,
        idempotent: true,
      },
      ctx,
    );
  }

  private version(inst: InstanceRef, secretId: string, version: VersionRef, ctx: CallContext): Promise<SecretVersion> {
    return this.client.json<SecretVersion>(
      inst,
      { method: 'GET', path: apiPath`/secrets/${secretId}/versions/${version}`, idempotent: true },
      ctx,
    );
  }

  private versionMetadata(
    inst: InstanceRef,
    secretId: string,
    version: VersionRef,
    ctx: CallContext,
  ): Promise<SecretVersionMetadata> {
    return this.client.json<SecretVersionMetadata>(
      inst,
      { method: 'GET', path: apiPath`/secrets/${secretId}/versions/${version}/metadata`, idempotent: true },
      ctx,
    );
  }

  private async groupNameOf(inst: InstanceRef, groupId: string | undefined, ctx: CallContext): Promise<string> {
    if (groupId === undefined || groupId === '' || groupId === 'default') return 'default';
    return (await this.group(inst, groupId, ctx)).name;
  }

  /**
   * The secret an earlier ambiguous create made, if any: same name in the same
   * group (names are unique there) and the same source service instance.
   */
  private async findCreatedSecret(
    inst: InstanceRef,
    groupName: string,
    prototype: ServiceCredentialsSecretPrototype,
    ctx: CallContext,
  ): Promise<ServiceCredentialsSecret | undefined> {
    try {
      const found = await this.byName(inst, groupName, prototype.name, ctx);
      return found.source_service?.instance?.crn === prototype.source_service.instance.crn ? found : undefined;
    } catch (reason: unknown) {
      if (BackendError.is(reason, BackendErrorCode.NotFound)) return undefined;
      throw reason;
    }
  }

  /** DELETE whose retry after an ambiguous failure treats "already gone" as done. */
  private deleteOnce(
    ctx: CallContext,
    send: () => Promise<unknown>,
    probe: () => Promise<unknown>,
    label: string,
  ): Promise<void> {
    const gone = async (): Promise<true | undefined> => {
      try {
        await probe();
        return undefined;
      } catch (reason: unknown) {
        if (BackendError.is(reason, BackendErrorCode.NotFound)) return true;
        throw reason;
      }
    };
    return settleAmbiguous<true>(
      {
        label,
        service: SERVICE,
        run: async () => {
          await send();
          return true;
        },
        settle: gone,
        settlesOn: (error) => error.code === BackendErrorCode.NotFound,
      },
      ctx,
      this.retry,
      this.logger,
    ).then(() => undefined);
  }
}

export function createIbmCloudBackend(options: IbmCloudBackendOptions): CredentialBackend {
  return new IbmCloudBackend(options);
}
