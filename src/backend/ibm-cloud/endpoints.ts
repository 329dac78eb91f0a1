/**
 * Where requests go. Secrets Manager v2 is addressed per instance:
 * `https://<instance_id>[.private].<region>.secrets-manager.<domain>`, as the
 * official provider builds it per call; an explicit endpoint (e.g. a local
 * `ibm-sm serve`) may carry `{instance_id}` and `{region}` placeholders.
 */
import type { InstanceRef } from '../credential-backend.js';

export const DEFAULT_IAM_ENDPOINT = 'https://iam.cloud.ibm.com';

export type Visibility = 'public' | 'private' | 'public-and-private';

export interface EndpointSettings {
  readonly iamEndpoint: string;
  readonly secretsManagerEndpoint?: string | undefined;
  readonly visibility: Visibility;
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/** `<iam>/identity/token`, whether or not the configured URL already ends in it. */
export function iamTokenUrl(iamEndpoint: string): string {
  const base = trimSlashes(iamEndpoint);
  return base.endsWith('/identity/token') ? base : `${base}/identity/token`;
}

/** Staging IAM (any URL containing `test`) pairs with the staging SM domain. */
export function smDomain(iamEndpoint: string): string {
  return iamEndpoint.includes('test') ? 'test.appdomain.cloud' : 'appdomain.cloud';
}

/**
 * The endpoint type of a call: the resource's own `endpoint_type` wins, else
 * the provider's visibility (`private` and `public-and-private` both make the
 * official provider use the private endpoint).
 */
export function effectiveEndpointType(inst: InstanceRef, visibility: Visibility): 'public' | 'private' {
  if (inst.endpointType !== undefined) return inst.endpointType;
  return visibility === 'public' ? 'public' : 'private';
}

export function serviceBaseUrl(inst: InstanceRef, settings: EndpointSettings): string {
  if (settings.secretsManagerEndpoint !== undefined && settings.secretsManagerEndpoint !== '') {
    return trimSlashes(
      settings.secretsManagerEndpoint
        .replaceAll('{instance_id}', encodeURIComponent(inst.instanceId))
        .replaceAll('{region}', encodeURIComponent(inst.region)),
    );
  }
  const domain = smDomain(settings.iamEndpoint);
  const privatePart = effectiveEndpointType(inst, settings.visibility) === 'private' ? 'private.' : '';
  return `https://${inst.instanceId}.${privatePart}${inst.region}.secrets-manager.${domain}`;
}
