/**
 * Attribute validators built on the engine's own rules
 * (src/backend/validation), so a plan fails exactly where the service would
 * refuse the request, with the attribute path and the service's sentence.
 */
import type { ValidationIssue } from '../backend/validation/index.js';
import {
  parseSourceServiceCrn,
  parseTtl,
  validateCustomMetadata,
  validateDescription,
  validateInstanceId,
  validateRegion,
  validateSecretGroupId,
  validateSecretGroupName,
  validateSecretName,
} from '../backend/validation/index.js';
import type { AttributeValidator } from '../framework/index.js';
import { validator } from '../framework/index.js';
import type { TfValue } from '../tftypes/value.js';
import { knownElements, knownEntries, knownString } from '../tftypes/value.js';

/** Reports the issue a rule finds in a known string value at the attribute's path. */
export function stringRule(description: string, summary: string, rule: (value: string) => ValidationIssue | undefined, hint = ''): AttributeValidator {
  return validator(description, (req, d) => {
    const s = knownString(req.value);
    if (s === null) return;
    const found = rule(s);
    if (found !== undefined) d.addAttributeError(req.path, summary, `${found.message}${hint === '' ? '' : ` ${hint}`}`);
  });
}

export const instanceIdValidator = stringRule('must be the GUID of a Secrets Manager instance', 'Invalid Instance ID', (s) => validateInstanceId(s),
  'Use the GUID of the Secrets Manager instance, e.g. 6ebc4224-e983-496a-8a54-f40a0bfa9175.');

export const regionValidator = stringRule('must be an IBM Cloud region such as us-south', 'Invalid Region', (s) => validateRegion(s));

export const secretNameValidator = stringRule(
  'must be 2-256 letters, digits, underscores, dashes or dots, starting with a letter, digit or underscore and ending with a letter or digit',
  'Invalid Secret Name',
  (s) => validateSecretName(s),
);

export const descriptionValidator = stringRule('must be at most 1024 characters', 'Invalid Description', (s) => validateDescription(s));

export const secretGroupIdValidator = stringRule('must be "default" or the UUID of a secret group', 'Invalid Secret Group ID', (s) => validateSecretGroupId(s),
  'Use "default", or the secret_group_id of an ibm_sm_secret_group.');

export const secretGroupNameValidator = stringRule('must be 2-64 letters, digits, underscores, dashes or dots', 'Invalid Secret Group Name', (s) =>
  validateSecretGroupName(s),
);

export const ttlValidator = stringRule(
  'seconds or a number with s, m, h or d; 1 to 90 days, or 0 for no expiry',
  'Invalid TTL',
  (s) => {
    const parsed = parseTtl(s);
    return parsed.ok ? undefined : parsed.issue;
  },
  'For example ttl = "7776000" (90 days) or ttl = "24h".',
);

export const sourceInstanceCrnValidator = stringRule(
  'must be the CRN of an instance of a service that supports service credentials',
  'Invalid Source Service Instance CRN',
  (s) => {
    const parsed = parseSourceServiceCrn(s);
    return parsed.ok ? undefined : parsed.issue;
  },
  'Use the CRN of the service instance, e.g. crn:v1:bluemix:public:cloud-object-storage:global:a/<account id>:<instance guid>::.',
);

/** A metadata map (custom_metadata, version_custom_metadata): at most 10 KB as JSON. */
export function metadataValidator(field: string): AttributeValidator {
  return validator('must be at most 10 KB as JSON', (req, d) => {
    const entries = knownEntries(req.value);
    if (entries === null || Object.values(entries).some((v) => v.state === 'unknown')) return;
    const plain = Object.fromEntries(Object.entries(entries).flatMap(([k, v]) => (v.state === 'known' ? [[k, v.value]] : [])));
    const found = validateCustomMetadata(plain, field);
    if (found !== undefined) d.addAttributeError(req.path, 'Invalid Custom Metadata', found.message);
  });
}

/** The known string elements of a list value, or undefined while any is unknown. */
export function knownStrings(v: TfValue): string[] | undefined {
  const items = knownElements(v);
  if (items === null) return undefined;
  const out: string[] = [];
  for (const e of items) {
    if (e.state === 'unknown') return undefined;
    const s = knownString(e);
    if (s !== null) out.push(s);
  }
  return out;
}
