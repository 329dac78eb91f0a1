/**
 * Field-level validation of a metadata merge-patch. The cross-field rule
 * (rotation interval ≤ TTL) needs the stored secret, so engines re-check the
 * merged policy with validateRotationPolicy.
 */
import type { SecretMetadataPatch } from '../credential-backend.js';
import type { CheckResult } from './check-secret-prototype.js';
import { parseTtlField } from './parse-ttl.js';
import { isPlainObject, validateCustomMetadata, validateDescription, validateLabels, validateSecretName } from './secret-field-validators.js';
import { validateRotationPolicy } from './validate-rotation-policy.js';
import { issue, type ValidationIssue } from './validation-issue.js';

export interface CheckedSecretMetadataPatch {
  readonly patch: SecretMetadataPatch;
  /** Seconds when the patch sets a TTL (0 = remove it). */
  readonly ttlSeconds: number | undefined;
}

const PATCHABLE = new Set(['name', 'description', 'labels', 'custom_metadata', 'rotation', 'ttl']);

export function checkSecretMetadataPatch(input: unknown): CheckResult<CheckedSecretMetadataPatch> {
  if (!isPlainObject(input)) return { issues: [issue('body', 'The metadata patch must be a JSON object.')] };
  const issues: ValidationIssue[] = [];
  const push = (i: ValidationIssue | undefined): void => {
    if (i) issues.push(i);
  };
  for (const key of Object.keys(input)) {
    if (!PATCHABLE.has(key)) push(issue(key, `"${key}" cannot be changed on a service credentials secret.`));
  }
  if (input['name'] !== undefined) push(validateSecretName(input['name']));
  if (input['description'] !== undefined) push(validateDescription(input['description']));
  if (input['labels'] !== undefined) push(validateLabels(input['labels']));
  if (input['custom_metadata'] !== undefined && input['custom_metadata'] !== null) push(validateCustomMetadata(input['custom_metadata']));
  let ttlSeconds: number | undefined;
  if (input['ttl'] !== undefined) {
    const parsed = parseTtlField(input['ttl']);
    if (parsed.ok) ttlSeconds = parsed.value;
    else push(parsed.issue);
  }
  // Interval ≤ TTL is judged on the merged policy by the engine.
  if (input['rotation'] !== undefined) push(validateRotationPolicy(input['rotation'], undefined, 'rotation', { partial: true }));
  if (issues.length > 0) return { issues };
  return { issues, value: { patch: input as SecretMetadataPatch, ttlSeconds } };
}
