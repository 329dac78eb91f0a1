/**
 * Cloud Resource Names, parsed strictly:
 * `crn:v1:<cname>:<ctype>:<service-name>:<location>:<scope>:<service-instance>:<resource-type>:<resource>`.
 */
import { supportedService, SUPPORTED_SERVICES, type SupportedService } from './supported-services.js';
import { failed, issue, ok, type Parsed } from './validation-issue.js';

export interface Crn {
  readonly cname: string;
  readonly ctype: string;
  readonly serviceName: string;
  readonly location: string;
  /** The account id from an `a/<account>` scope, else undefined. */
  readonly accountId: string | undefined;
  readonly scope: string;
  readonly serviceInstance: string;
  readonly resourceType: string;
  readonly resource: string;
}

export interface SourceServiceCrn extends Crn {
  readonly accountId: string;
  readonly service: SupportedService;
}

export type RoleKind = 'serviceRole' | 'role';

export interface RoleCrn {
  readonly crn: string;
  readonly kind: RoleKind;
  readonly roleName: string;
}

export interface ServiceIdCrn extends Crn {
  readonly accountId: string;
  /** `ServiceId-<uuid>`. */
  readonly serviceId: string;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ACCOUNT_PATTERN = /^[0-9a-f]{32}$/;
const TOKEN = /^[a-z0-9][a-z0-9-]*$/;
const CTYPES = new Set(['public', 'dedicated', 'local']);
export const SERVICE_ROLES: readonly string[] = ['Reader', 'Writer', 'Manager'];
export const PLATFORM_ROLES: readonly string[] = ['Viewer', 'Operator', 'Editor', 'Administrator'];

export function parseCrn(raw: string, field = 'crn'): Parsed<Crn> {
  const parts = raw.split(':');
  if (parts.length !== 10 || parts[0] !== 'crn') {
    return failed(issue(field, 'A CRN has 10 colon-separated segments and starts with "crn:v1:".'));
  }
  const [, version, cname = '', ctype = '', serviceName = '', location = '', scope = '', serviceInstance = '', resourceType = '', resource = ''] =
    parts;
  if (version !== 'v1') return failed(issue(field, 'Only version 1 CRNs ("crn:v1:…") are supported.'));
  if (!TOKEN.test(cname)) return failed(issue(field, 'The CRN has no valid cloud name (e.g. "bluemix").'));
  if (!CTYPES.has(ctype)) return failed(issue(field, 'The CRN cloud type must be public, dedicated or local.'));
  if (!TOKEN.test(serviceName)) return failed(issue(field, 'The CRN has no valid service name.'));
  let accountId: string | undefined;
  if (scope !== '') {
    const m = /^([aos])\/([^/:]+)$/.exec(scope);
    if (!m) return failed(issue(field, 'The CRN scope must look like "a/<account id>".'));
    if (m[1] === 'a') {
      if (!ACCOUNT_PATTERN.test(m[2] ?? '')) return failed(issue(field, 'The CRN account id must be 32 hexadecimal characters.'));
      accountId = m[2];
    }
  }
  return ok({ cname, ctype, serviceName, location, accountId, scope, serviceInstance, resourceType, resource });
}

/** The CRN of the service instance to mint credentials for (`source_service.instance.crn`). */
export function parseSourceServiceCrn(raw: string, field = 'source_service.instance.crn'): Parsed<SourceServiceCrn> {
  const parsed = parseCrn(raw, field);
  if (!parsed.ok) return parsed;
  const crn = parsed.value;
  const service = supportedService(crn.serviceName);
  if (!service) {
    const names = [...SUPPORTED_SERVICES.keys()].join(', ');
    return failed(issue(field, `Service "${crn.serviceName}" does not support service credentials secrets; supported: ${names}.`));
  }
  if (crn.location === '' || !TOKEN.test(crn.location)) return failed(issue(field, 'The instance CRN must name a location (e.g. "global" or "us-south").'));
  if (crn.accountId === undefined) return failed(issue(field, 'The instance CRN must have an account scope "a/<account id>".'));
  if (!UUID_PATTERN.test(crn.serviceInstance)) return failed(issue(field, 'The instance CRN must end with the instance GUID followed by "::".'));
  if (crn.resourceType !== '' || crn.resource !== '') {
    return failed(issue(field, 'The CRN must name a service instance, not a resource inside it (it ends with "::").'));
  }
  return ok({ ...crn, accountId: crn.accountId, service });
}

/**
 * An IAM role CRN (`source_service.role.crn`): `crn:v1:bluemix:public:iam::::serviceRole:Writer`
 * or a platform role `…:iam::::role:Viewer`. `service` admits its own service roles.
 */
export function parseRoleCrn(raw: string, service?: SupportedService, field = 'source_service.role.crn'): Parsed<RoleCrn> {
  const parsed = parseCrn(raw, field);
  if (!parsed.ok) return parsed;
  const crn = parsed.value;
  if (crn.serviceName !== 'iam' || crn.location !== '' || crn.scope !== '' || crn.serviceInstance !== '') {
    return failed(issue(field, 'A role CRN looks like "crn:v1:bluemix:public:iam::::serviceRole:Writer".'));
  }
  if (crn.resourceType === 'serviceRole') {
    const allowed = [...SERVICE_ROLES, ...(service?.extraServiceRoles ?? [])];
    if (!allowed.includes(crn.resource)) {
      return failed(issue(field, `Unknown service role "${crn.resource}"; use one of ${allowed.join(', ')}.`));
    }
    return ok({ crn: raw, kind: 'serviceRole', roleName: crn.resource });
  }
  if (crn.resourceType === 'role') {
    if (!PLATFORM_ROLES.includes(crn.resource)) {
      return failed(issue(field, `Unknown platform role "${crn.resource}"; use one of ${PLATFORM_ROLES.join(', ')}.`));
    }
    return ok({ crn: raw, kind: 'role', roleName: crn.resource });
  }
  return failed(issue(field, 'A role CRN ends with "serviceRole:<name>" or "role:<name>".'));
}

/** A pre-existing service ID (`source_service.parameters.serviceid_crn`). */
export function parseServiceIdCrn(raw: string, field = 'source_service.parameters.serviceid_crn'): Parsed<ServiceIdCrn> {
  const parsed = parseCrn(raw, field);
  if (!parsed.ok) return parsed;
  const crn = parsed.value;
  const idOk = /^ServiceId-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(crn.resource);
  if (crn.serviceName !== 'iam-identity' || crn.resourceType !== 'serviceid' || !idOk || crn.accountId === undefined) {
    return failed(issue(field, 'A service ID CRN looks like "crn:v1:bluemix:public:iam-identity::a/<account id>::serviceid:ServiceId-<uuid>".'));
  }
  return ok({ ...crn, accountId: crn.accountId, serviceId: crn.resource });
}

export function formatSecretCrn(region: string, accountId: string, instanceId: string, secretId: string): string {
  return `crn:v1:bluemix:public:secrets-manager:${region}:a/${accountId}:${instanceId}:secret:${secretId}`;
}

export function formatServiceIdCrn(accountId: string, serviceId: string): string {
  return `crn:v1:bluemix:public:iam-identity::a/${accountId}::serviceid:${serviceId}`;
}

/** The resource key CRN lives under the source instance. */
export function formatResourceKeyCrn(source: Crn, keyId: string): string {
  return `crn:v1:${source.cname}:${source.ctype}:${source.serviceName}:${source.location}:${source.scope}:${source.serviceInstance}:resource-key:${keyId}`;
}
