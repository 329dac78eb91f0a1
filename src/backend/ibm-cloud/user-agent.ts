/** The `User-Agent` the REST client sends: this provider, its version, the runtime. */

/** Kept in step with package.json by the release step (no package.json reads at runtime: bundles). */
export const PROVIDER_VERSION = '0.1.0';

export function defaultUserAgent(version: string = PROVIDER_VERSION): string {
  return `terraform-provider-ibm/${version} (node ${process.versions.node})`;
}
