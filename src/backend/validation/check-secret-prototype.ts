/**
 * Whole-request validation of a service credentials secret prototype, as the
 * service does it on create. Collects every issue (the provider shows them
 * all); engines throw the first.
 */
import type { ServiceCredentialsSecretPrototype } from '../credential-backend.js';
import { parseRoleCrn, parseServiceIdCrn, parseSourceServiceCrn, type RoleCrn, type ServiceIdCrn, type SourceServiceCrn } from './parse-crn.js';
import { parseTtlField } from './parse-ttl.js';
import {
  isPlainObject,
  validateCustomMetadata,
  validateDescription,
  validateLabels,
  validateSecretGroupId,
  validateSecretName,
} from './secret-field-validators.js';
import { validateRotationPolicy } from './validate-rotation-policy.js';
import { issue, type ValidationIssue } from './validation-issue.js';

export interface CheckedSecretPrototype {
  readonly prototype: ServiceCredentialsSecretPrototype;
  /** 0 = no expiry. */
  readonly ttlSeconds: number;
  readonly source: SourceServiceCrn;
  readonly role: RoleCrn | undefined;
  /** The pre-existing service ID from `parameters.serviceid_crn`. */
  readonly serviceId: ServiceIdCrn | undefined;
  /** Cloud Object Storage: also mint HMAC keys. */
  readonly hmac: boolean;
}

export interface CheckResult<T> {
  readonly issues: readonly ValidationIssue[];
  /** Present only when there are no issues. */
  readonly value?: T;
}

/** `HMAC` as the service takes it: a boolean, or a string strconv.ParseBool accepts. */
export function parseBooleanParameter(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  return undefined;
}

interface SourceCheck {
  source?: SourceServiceCrn;
  role?: RoleCrn;
  serviceId?: ServiceIdCrn;
  hmac: boolean;
}

function checkSourceService(input: unknown, issues: ValidationIssue[]): SourceCheck {
  const out: SourceCheck = { hmac: false };
  if (!isPlainObject(input)) {
    issues.push(issue('source_service', 'source_service is required: {"instance": {"crn": "<instance CRN>"}, "role": {"crn": "<role CRN>"}}.'));
    return out;
  }
  const instance = input['instance'];
  const instanceCrn = isPlainObject(instance) ? instance['crn'] : undefined;
  if (typeof instanceCrn !== 'string' || instanceCrn === '') {
    issues.push(issue('source_service.instance.crn', 'The CRN of the service instance to create credentials for is required.'));
  } else {
    const parsed = parseSourceServiceCrn(instanceCrn);
    if (parsed.ok) out.source = parsed.value;
    else issues.push(parsed.issue);
  }

  const parameters = input['parameters'];
  if (parameters !== undefined && parameters !== null) {
    if (!isPlainObject(parameters)) {
      issues.push(issue('source_service.parameters', 'parameters must be a JSON object.'));
    } else {
      const sid = parameters['serviceid_crn'];
      if (sid !== undefined && sid !== '') {
        if (typeof sid !== 'string') issues.push(issue('source_service.parameters.serviceid_crn', 'serviceid_crn must be a string.'));
        else {
          const parsed = parseServiceIdCrn(sid);
          if (parsed.ok) out.serviceId = parsed.value;
          else issues.push(parsed.issue);
        }
      }
      if (parameters['HMAC'] !== undefined) {
        const hmac = parseBooleanParameter(parameters['HMAC']);
        if (hmac === undefined) issues.push(issue('source_service.parameters.HMAC', 'HMAC must be true or false.'));
        else out.hmac = hmac;
      }
    }
  }

  const role = input['role'];
  const roleCrn = isPlainObject(role) ? role['crn'] : undefined;
  if (role !== undefined && role !== null && !isPlainObject(role)) {
    issues.push(issue('source_service.role', 'role must be an object: {"crn": "<role CRN>"}.'));
  } else if (typeof roleCrn === 'string' && roleCrn !== '') {
    const parsed = parseRoleCrn(roleCrn, out.source?.service);
    if (parsed.ok) out.role = parsed.value;
    else issues.push(parsed.issue);
  } else if (roleCrn !== undefined && typeof roleCrn !== 'string') {
    issues.push(issue('source_service.role.crn', 'The role CRN must be a string.'));
  } else if (out.serviceId === undefined && !issues.some((i) => i.field === 'source_service.parameters.serviceid_crn')) {
    issues.push(
      issue('source_service.role.crn', 'An IAM role is required unless parameters.serviceid_crn names a pre-existing service ID with its own access policies.'),
    );
  }
  return out;
}

export function checkSecretPrototype(input: unknown): CheckResult<CheckedSecretPrototype> {
  const issues: ValidationIssue[] = [];
  if (!isPlainObject(input)) return { issues: [issue('body', 'The secret prototype must be a JSON object.')] };
  const push = (i: ValidationIssue | undefined): void => {
    if (i) issues.push(i);
  };

  if (input['secret_type'] !== 'service_credentials') {
    push(issue('secret_type', 'secret_type must be "service_credentials".'));
  }
  push(validateSecretName(input['name']));
  if (input['description'] !== undefined) push(validateDescription(input['description']));
  if (input['labels'] !== undefined) push(validateLabels(input['labels']));
  if (input['secret_group_id'] !== undefined) push(validateSecretGroupId(input['secret_group_id']));
  if (input['custom_metadata'] !== undefined) push(validateCustomMetadata(input['custom_metadata'], 'custom_metadata'));
  if (input['version_custom_metadata'] !== undefined) {
    push(validateCustomMetadata(input['version_custom_metadata'], 'version_custom_metadata'));
  }

  let ttlSeconds = 0;
  if (input['ttl'] !== undefined) {
    const parsed = parseTtlField(input['ttl']);
    if (parsed.ok) ttlSeconds = parsed.value;
    else push(parsed.issue);
  }
  if (input['rotation'] !== undefined) push(validateRotationPolicy(input['rotation'], ttlSeconds));

  const source = checkSourceService(input['source_service'], issues);
  if (issues.length > 0 || source.source === undefined) return { issues };
  return {
    issues,
    value: {
      prototype: input as unknown as ServiceCredentialsSecretPrototype,
      ttlSeconds,
      source: source.source,
      role: source.role,
      serviceId: source.serviceId,
      hmac: source.hmac,
    },
  };
}

/** Every issue of a create request; empty when the service would accept it. */
export function validateSecretPrototype(input: unknown): readonly ValidationIssue[] {
  return checkSecretPrototype(input).issues;
}
