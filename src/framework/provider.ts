/**
 * The provider: its configuration schema, configure(), and the factories
 * of its resources and data sources (a fresh instance per request, then
 * configured with what configure() left in `resp.providerData`).
 *
 *   export class ExampleProvider implements Provider {
 *     readonly typeName = 'example';
 *     schema() { return PROVIDER_SCHEMA; }
 *     configure(req: ProviderConfigureRequest, resp: ProviderConfigureResponse) {
 *       const cfg = req.config.as<ExampleConfigModel>();
 *       resp.providerData = Object.freeze({ endpoint: cfg.endpoint ?? 'https://...' });
 *     }
 *     resources() { return [() => new ThingResource()]; }
 *     dataSources() { return []; }
 *   }
 *
 * Opt-in capabilities: WithValidateConfig, WithConfigValidators.
 */
import type { RequestContext } from './capabilities.js';
import type { DataSourceFactory } from './data-source.js';
import type { Diagnostics } from './diagnostics.js';
import type { ReadonlyObjectData } from './object-data.js';
import type { ResourceFactory } from './resource.js';
import type { Schema } from './schema.js';

export interface ProviderConfigureRequest extends RequestContext {
  /** The provider block; may hold unknown values when it refers to resources not yet created. */
  readonly config: ReadonlyObjectData;
  readonly terraformVersion: string;
}
export interface ProviderConfigureResponse {
  /** Handed to every resource and data source through their configure(). */
  providerData: unknown;
  readonly diagnostics: Diagnostics;
}

export interface Provider {
  /** The provider's type name, e.g. `ibm`; resource type names start with `<typeName>_`. */
  readonly typeName: string;
  readonly version: string;
  schema(): Schema;
  configure(req: ProviderConfigureRequest, resp: ProviderConfigureResponse): void | Promise<void>;
  resources(): readonly ResourceFactory[];
  dataSources(): readonly DataSourceFactory[];
}
