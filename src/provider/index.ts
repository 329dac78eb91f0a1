/**
 * The IBM provider, ready to serve: `createIbmProviderServer(version)` is what
 * src/main.ts hands to the plugin runtime.
 */
import { createProviderServer } from '../framework/index.js';
import type { ProviderServer } from '../tfprotov6/types.js';
import { IbmProvider } from './ibm-provider.js';
import type { IbmProviderOptions } from './ibm-provider.js';

export function createIbmProviderServer(version: string, options: IbmProviderOptions = {}): ProviderServer {
  return createProviderServer(new IbmProvider(version, options));
}

export { IBM_DATA_SOURCES, IBM_PROVIDER_TYPE_NAME, IBM_RESOURCES, IbmProvider, ibmProviderData } from './ibm-provider.js';
export type { IbmProviderData, IbmProviderOptions } from './ibm-provider.js';
export { DEFAULT_MAX_RETRIES, DEFAULT_REGION, DEFAULT_TIMEOUT_SECONDS, ENV_FALLBACKS, IBM_PROVIDER_SCHEMA, resolveProviderConfig, SecretValue } from './provider-config.js';
export type { IbmProviderConfig, Visibility } from './provider-config.js';
