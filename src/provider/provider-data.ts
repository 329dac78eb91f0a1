/**
 * What the provider's configure() hands every resource and data source:
 * the resolved provider block and the backend it selected.
 */
import type { BackendSelection } from './backend-selection.js';
import type { IbmProviderConfig } from './provider-config.js';

export interface IbmProviderData {
  readonly config: IbmProviderConfig;
  readonly terraformVersion: string;
  readonly providerVersion: string;
  /** The backend the block selected (local store or IBM Cloud), or why there is none. */
  readonly backend: BackendSelection;
}

/** The providerData a resource received, or undefined when the provider was not configured (e.g. terraform validate). */
export function ibmProviderData(providerData: unknown): IbmProviderData | undefined {
  if (typeof providerData !== 'object' || providerData === null || !('config' in providerData)) return undefined;
  return providerData as IbmProviderData;
}
