/**
 * Field rules as Secrets Manager enforces them. Each returns an issue naming
 * the field, or undefined. Inputs are `unknown` because they also come from
 * JSON (CLI flags, REST bodies).
 */
import { UUID_PATTERN } from './parse-crn.js';
import { issue, issueAt, type ValidationIssue } from './validation-issue.js';

export const NAME_MIN = 2;
export const NAME_MAX = 256;
export const DESCRIPTION_MAX = 1024;
export const LABELS_MAX = 30;
export const LABEL_MIN = 2;
export const LABEL_MAX = 64;
export const CUSTOM_METADATA_MAX_BYTES = 10 * 1024;
export const GROUP_NAME_MAX = 64;
export const LOCK_NAME_MAX = 30;

/**
 * Same language as the documented
 * `^[A-Za-z0-9_][A-Za-z0-9_]*(?:_*-*\.*[A-Za-z0-9]*)*[A-Za-z0-9]+$`, written
 * without nested quantifiers: the documented form backtracks exponentially on
 * a long name that ends badly.
 */
export const SECRET_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9]$/;
const GROUP_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$/;
const LOCK_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$/;
const REGION_PATTERN = /^[a-z]{2}-[a-z]+(?:-[0-9]+)?$/;

export function validateSecretName(name: unknown, field = 'name'): ValidationIssue | undefined {
  if (typeof name !== 'string') return issue(field, 'The name must be a string.');
  if (name.length < NAME_MIN || name.length > NAME_MAX) {
    return issue(field, `The name must be ${NAME_MIN} to ${NAME_MAX} characters long; got ${name.length}.`);
  }
  if (!SECRET_NAME_PATTERN.test(name)) {
    return issue(
      field,
      'The name can contain only letters, digits, underscores, dashes and dots; it must start with a letter, digit or underscore and end with a letter or digit.',
    );
  }
  return undefined;
}

export function validateDescription(description: unknown, field = 'description'): ValidationIssue | undefined {
  if (typeof description !== 'string') return issue(field, 'The description must be a string.');
  if (description.length > DESCRIPTION_MAX) {
    return issue(field, `The description must be at most ${DESCRIPTION_MAX} characters long; got ${description.length}.`);
  }
  return undefined;
}

export function validateLabels(labels: unknown, field = 'labels'): ValidationIssue | undefined {
  if (!Array.isArray(labels)) return issue(field, 'Labels must be a list of strings.');
  if (labels.length > LABELS_MAX) return issue(field, `At most ${LABELS_MAX} labels are allowed; got ${labels.length}.`);
  for (const [i, label] of labels.entries()) {
    if (typeof label !== 'string') return issueAt([...field.split('.'), i], `Label ${i + 1} must be a string.`);
    if (label.length < LABEL_MIN || label.length > LABEL_MAX) {
      return issueAt([...field.split('.'), i], `Label ${i + 1} must be ${LABEL_MIN} to ${LABEL_MAX} characters long; got ${label.length}.`);
    }
  }
  return undefined;
}

export function validateSecretGroupId(id: unknown, field = 'secret_group_id'): ValidationIssue | undefined {
  if (typeof id !== 'string' || (id !== 'default' && !UUID_PATTERN.test(id))) {
    return issue(field, 'The secret group id must be "default" or a lowercase UUID.');
  }
  return undefined;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `custom_metadata` / `version_custom_metadata`: a JSON object of at most 10 KB. */
export function validateCustomMetadata(meta: unknown, field = 'custom_metadata'): ValidationIssue | undefined {
  if (!isPlainObject(meta)) return issue(field, 'Custom metadata must be a JSON object.');
  const bytes = Buffer.byteLength(JSON.stringify(meta), 'utf8');
  if (bytes > CUSTOM_METADATA_MAX_BYTES) {
    return issue(field, `Custom metadata must be at most 10 KB of JSON; got ${bytes} bytes.`);
  }
  return undefined;
}

export function validateSecretGroupName(name: unknown, field = 'name'): ValidationIssue | undefined {
  if (typeof name !== 'string') return issue(field, 'The secret group name must be a string.');
  if (name.length < 2 || name.length > GROUP_NAME_MAX) {
    return issue(field, `The secret group name must be 2 to ${GROUP_NAME_MAX} characters long; got ${name.length}.`);
  }
  if (!GROUP_NAME_PATTERN.test(name)) {
    return issue(field, 'The secret group name can contain only letters, digits, underscores, dashes and dots, and must start and end with a letter or digit.');
  }
  if (name.toLowerCase() === 'default') return issue(field, 'The name "default" is reserved for the default secret group.');
  return undefined;
}

export function validateLockName(name: unknown, field = 'locks.name'): ValidationIssue | undefined {
  if (typeof name !== 'string' || name.length < 2 || name.length > LOCK_NAME_MAX || !LOCK_NAME_PATTERN.test(name)) {
    return issue(field, `A lock name must be 2 to ${LOCK_NAME_MAX} letters, digits, underscores, dashes or dots, starting and ending with a letter or digit.`);
  }
  return undefined;
}

export function validateInstanceId(id: unknown, field = 'instance_id'): ValidationIssue | undefined {
  if (typeof id !== 'string' || !UUID_PATTERN.test(id)) return issue(field, 'The instance id must be a lowercase UUID.');
  return undefined;
}

export function validateRegion(region: unknown, field = 'region'): ValidationIssue | undefined {
  if (typeof region !== 'string' || !REGION_PATTERN.test(region)) {
    return issue(field, 'The region must look like "us-south" or "eu-de".');
  }
  return undefined;
}
