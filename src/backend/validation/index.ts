/**
 * Validation shared by the local engine, the local REST server and the
 * provider's plan-time checks. Pure functions; issues name the API field.
 */
export { issue, issueAt, issueToBackendError, throwFirstIssue, ok, failed } from './validation-issue.js';
export type { ValidationIssue, Parsed } from './validation-issue.js';
export { parseDurationSeconds } from './parse-duration.js';
export { parseTtl, TTL_MIN_SECONDS, TTL_MAX_SECONDS } from './parse-ttl.js';
export { validateRotationPolicy, rotationIntervalSeconds, isRotationUnit } from './validate-rotation-policy.js';
export {
  parseCrn,
  parseSourceServiceCrn,
  parseRoleCrn,
  parseServiceIdCrn,
  formatSecretCrn,
  formatServiceIdCrn,
  formatResourceKeyCrn,
  UUID_PATTERN,
  SERVICE_ROLES,
  PLATFORM_ROLES,
} from './parse-crn.js';
export type { Crn, SourceServiceCrn, RoleCrn, RoleKind, ServiceIdCrn } from './parse-crn.js';
export { SUPPORTED_SERVICES, supportedService } from './supported-services.js';
export type { SupportedService, ServiceFamily } from './supported-services.js';
export {
  validateSecretName,
  validateDescription,
  validateLabels,
  validateSecretGroupId,
  validateCustomMetadata,
  validateSecretGroupName,
  validateLockName,
  validateInstanceId,
  validateRegion,
  isPlainObject,
  SECRET_NAME_PATTERN,
  NAME_MIN,
  NAME_MAX,
  DESCRIPTION_MAX,
  LABELS_MAX,
  LABEL_MIN,
  LABEL_MAX,
  CUSTOM_METADATA_MAX_BYTES,
} from './secret-field-validators.js';
export { checkSecretPrototype, validateSecretPrototype, parseBooleanParameter } from './check-secret-prototype.js';
export type { CheckedSecretPrototype, CheckResult } from './check-secret-prototype.js';
export { checkSecretMetadataPatch } from './check-secret-metadata-patch.js';
export type { CheckedSecretMetadataPatch } from './check-secret-metadata-patch.js';
