/**
 * The `ibm` provider: configuration schema of the official IBM-Cloud/ibm
 * provider plus this provider's backend choices, resolved into a frozen
 * IbmProviderConfig that every resource and data source receives as
 * `providerData.config` (see IbmProviderData).
 *
 * Resources and data sources are registered in IBM_RESOURCES and
 * IBM_DATA_SOURCES (none yet).
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
import type { IbmProviderConfig } from './provider-config.js';
import { IBM_PROVIDER_CONFIG_VALIDATORS, IBM_PROVIDER_SCHEMA, resolveProviderConfig } from './provider-config.js';

export const IBM_PROVIDER_TYPE_NAME = 'ibm';

/**
 * What resources and data sources get in `configure({ providerData })`.
 * Seam for backend selection: the resources issue adds the chosen
 * CredentialBackend here, built from `config` (local_store → embedded
 * engine; API key → Secrets Manager REST).
 */
export interface IbmProviderData {
  readonly config: IbmProviderConfig;
  readonly terraformVersion: string;
  readonly providerVersion: string;
}

export const IBM_RESOURCES: readonly ResourceFactory[] = [];
export const IBM_DATA_SOURCES: readonly DataSourceFactory[] = [];

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
    const data: IbmProviderData = Object.freeze({ config, terraformVersion: req.terraformVersion, providerVersion: this.version });
    resp.providerData = data;
  }

  resources(): readonly ResourceFactory[] {
    return this.options.resources ?? IBM_RESOURCES;
  }

  dataSources(): readonly DataSourceFactory[] {
    return this.options.dataSources ?? IBM_DATA_SOURCES;
  }
}

/** The providerData a resource received, or undefined when the provider was not configured (e.g. terraform validate). */
export function ibmProviderData(providerData: unknown): IbmProviderData | undefined {
  if (typeof providerData !== 'object' || providerData === null || !('config' in providerData)) return undefined;
  return providerData as IbmProviderData;
}
