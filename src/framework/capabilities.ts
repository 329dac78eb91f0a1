/**
 * Opt-in capabilities shared by resources, data sources and the provider,
 * detected at run time with type guards (terraform-plugin-framework's
 * `ResourceWithConfigure` & co.):
 *
 *   class ThingResource implements Resource, WithConfigure, WithConfigValidators { ... }
 *   if (hasConfigure(r)) r.configure({ providerData }, resp);
 */
import type { Logger } from '../logging/logger.js';
import type { Diagnostics } from './diagnostics.js';
import type { ReadonlyObjectData } from './object-data.js';
import type { ConfigValidator } from './validator.js';

/** Every request to a resource, data source or provider carries these. */
export interface RequestContext {
  /** Aborted when Terraform calls StopProvider (Ctrl-C) or the call goes away; pass it to every fetch. */
  readonly signal: AbortSignal;
  /** hclog JSON logger on stderr; never log attribute values. */
  readonly logger: Logger;
}

export interface ConfigureRequest {
  /**
   * What the provider's configure() put in `resp.providerData`; undefined
   * when Terraform did not configure the provider (e.g. `terraform validate`).
   */
  readonly providerData: unknown;
}

export interface ConfigureResponse {
  readonly diagnostics: Diagnostics;
}

export interface WithConfigure {
  configure(req: ConfigureRequest, resp: ConfigureResponse): void;
}

export interface ValidateConfigRequest extends RequestContext {
  /** May contain unknown values (from other resources). */
  readonly config: ReadonlyObjectData;
}

export interface ValidateConfigResponse {
  readonly diagnostics: Diagnostics;
}

export interface WithValidateConfig {
  validateConfig(req: ValidateConfigRequest, resp: ValidateConfigResponse): void | Promise<void>;
}

export interface WithConfigValidators {
  configValidators(): readonly ConfigValidator[];
}

const hasMethod = (x: unknown, name: string): boolean =>
  typeof x === 'object' && x !== null && typeof (x as Record<string, unknown>)[name] === 'function';

export const hasConfigure = <T>(x: T): x is T & WithConfigure => hasMethod(x, 'configure');
export const hasValidateConfig = <T>(x: T): x is T & WithValidateConfig => hasMethod(x, 'validateConfig');
export const hasConfigValidators = <T>(x: T): x is T & WithConfigValidators => hasMethod(x, 'configValidators');
export { hasMethod };
