/**
 * Data sources: read-only lookups. `read(req, resp)` gets `resp.state`
 * pre-filled from the configuration (computed attributes null) and must
 * leave it wholly known.
 *
 *   export class ThingDataSource implements DataSource {
 *     readonly typeName = 'example_thing';
 *     schema() { return THING_DATA_SCHEMA; }
 *     async read(req: DataSourceReadRequest, resp: DataSourceReadResponse) {
 *       const found = await api.get(req.config.get<string>('id'), { signal: req.signal });
 *       if (!found) return void resp.diagnostics.addAttributeError('id', 'Thing Not Found', '...');
 *       resp.state.setAttribute('name', found.name);
 *     }
 *   }
 *
 * Opt-in capabilities: WithConfigure, WithValidateConfig, WithConfigValidators.
 */
import type { RequestContext, WithConfigure, WithConfigValidators, WithValidateConfig } from './capabilities.js';
import type { Diagnostics } from './diagnostics.js';
import type { ObjectData, ReadonlyObjectData } from './object-data.js';
import type { Schema } from './schema.js';

export interface DataSourceReadRequest extends RequestContext {
  readonly config: ReadonlyObjectData;
}
export interface DataSourceReadResponse {
  readonly state: ObjectData;
  readonly diagnostics: Diagnostics;
}

export interface DataSource {
  readonly typeName: string;
  schema(): Schema;
  read(req: DataSourceReadRequest, resp: DataSourceReadResponse): void | Promise<void>;
}

export type DataSourceFactory = () => DataSource;

export type DataSourceWithConfigure = DataSource & WithConfigure;
export type DataSourceWithValidateConfig = DataSource & WithValidateConfig;
export type DataSourceWithConfigValidators = DataSource & WithConfigValidators;
