/**
 * The `ibm` provider: configuration schema of the official IBM-Cloud/ibm
 * provider plus this provider's backend choices, resolved into a frozen
 * IbmProviderConfig that every resource and data source receives as
 * `providerData.config` (see IbmProviderData).
 *
 * Resources and data sources are registered in IBM_RESOURCES and
 * IBM_DATA_SOURCES; configure() also selects the credential backend
 * (backend-selection.ts), opened lazily on first use.
 */
import type {
  DataSourceFactory,
  Provider,
  ProviderConfigureRequest,
  ProviderConfigureResponse,
  ResourceFactory,
  Schema,
  WithConfigValidators,
} from '../framework/index.js';
import { selectBackend } from './backend-selection.js';
import type { IbmProviderData } from './provider-data.js';
import { IBM_PROVIDER_CONFIG_VALIDATORS, IBM_PROVIDER_SCHEMA, resolveProviderConfig } from './provider-config.js';
import { SecretGroupDataSource } from './secret-group-data-source.js';
import { SecretGroupResource } from './secret-group-resource.js';
import { ServiceCredentialsSecretDataSource, ServiceCredentialsSecretMetadataDataSource } from './service-credentials-secret-data-source.js';
import { ServiceCredentialsSecretResource } from './service-credentials-secret-resource.js';

export const IBM_PROVIDER_TYPE_NAME = 'ibm';

export { ibmProviderData } from './provider-data.js';
export type { IbmProviderData } from './provider-data.js';

export const IBM_RESOURCES: readonly ResourceFactory[] = [() => new ServiceCredentialsSecretResource(), () => new SecretGroupResource()];
export const IBM_DATA_SOURCES: readonly DataSourceFactory[] = [
  () => new ServiceCredentialsSecretDataSource(),
  () => new ServiceCredentialsSecretMetadataDataSource(),
  () => new SecretGroupDataSource(),
];

export interface IbmProviderOptions {
  /** Environment for fallbacks (IC_API_KEY, IC_REGION, ...); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  readonly resources?: readonly ResourceFactory[];
  readonly dataSources?: readonly DataSourceFactory[];
}

export class IbmProvider implements Provider, WithConfigValidators {
  readonly typeName = IBM_PROVIDER_TYPE_NAME;

  constructor(
    readonly version: string,
    private readonly options: IbmProviderOptions = {},
  ) {}

  schema(): Schema {
    return IBM_PROVIDER_SCHEMA;
  }

  configValidators() {
    return IBM_PROVIDER_CONFIG_VALIDATORS;
  }

  configure(req: ProviderConfigureRequest, resp: ProviderConfigureResponse): void {
    const config = resolveProviderConfig(req.config, this.options.env ?? process.env, resp.diagnostics);
    if (config === undefined) return;
    req.logger.debug('Provider configured', {
      region: config.region,
      visibility: config.visibility,
      authentication: config.apiKey !== undefined ? 'api key' : config.iamToken !== undefined ? 'iam token' : 'none',
      local_store_set: config.localStore !== undefined,
    });
    const backend = selectBackend(config);
    req.logger.debug('Backend selected', { backend: backend.ok ? backend.handle.kind : 'none' });
    const data: IbmProviderData = Object.freeze({ config, terraformVersion: req.terraformVersion, providerVersion: this.version, backend });
    resp.providerData = data;
  }

  resources(): readonly ResourceFactory[] {
    return this.options.resources ?? IBM_RESOURCES;
  }

  dataSources(): readonly DataSourceFactory[] {
    return this.options.dataSources ?? IBM_DATA_SOURCES;
  }
}
