/** The `User-Agent` the REST client sends: this provider, its version, the runtime. */

/** The bundler defines TF_PROVIDER_IBM_VERSION (package.json version); unbundled runs say `0.0.0-dev`. */
export const PROVIDER_VERSION: string = process.env.TF_PROVIDER_IBM_VERSION ?? '0.0.0-dev';

export function defaultUserAgent(version: string = PROVIDER_VERSION): string {
  return `terraform-provider-ibm/${version} (node ${process.versions.node})`;
}
