/**
 * Plan-time checks of a service credentials secret for everything the
 * service would reject, with the rules of the engine itself
 * (src/backend/validation) so provider and service never disagree. Values
 * not known yet (from other resources) are checked once they are known.
 *
 * Single attributes carry their own validators in the schema; this file
 * holds the checks that look at several values: labels as a list, the
 * rotation policy against the TTL, and the source service as a whole
 * (role names the service defines, serviceid_crn, HMAC, "a role or a
 * service ID").
 */
import type { ValidationIssue } from '../backend/validation/index.js';
import { checkSecretPrototype, parseTtl, validateLabels, validateRotationPolicy } from '../backend/validation/index.js';
import type { Diagnostics, ReadonlyObjectData } from '../framework/index.js';
import type { TfValue } from '../tftypes/value.js';
import { knownBool, knownElements, knownEntries, knownNumber, knownString, toJsNumber } from '../tftypes/value.js';
import { secretAttributePath } from './backend-diagnostics.js';
import { knownStrings } from './field-validators.js';
import { parameterForApi } from './service-credentials-secret-state.js';

const PLACEHOLDER_ROLE = 'crn:v1:bluemix:public:iam::::serviceRole:Reader';

function report(d: Diagnostics, found: ValidationIssue | undefined, summary: string, hint = ''): void {
  if (found === undefined) return;
  const path = secretAttributePath(found.path);
  const detail = `${found.message}${hint === '' ? '' : ` ${hint}`}`;
  if (path !== undefined) d.addAttributeError(path, summary, detail);
  else d.addError(summary, detail);
}

/** Seconds of a known TTL value; undefined while unknown or invalid; null when not set. */
export function ttlSecondsOf(v: TfValue): number | null | undefined {
  if (v.state === 'null') return null;
  const s = knownString(v);
  if (s === null) return undefined;
  const parsed = parseTtl(s);
  return parsed.ok ? parsed.value : undefined;
}

/** The rotation block's known values as a policy fragment; undefined while any is unknown. */
function rotationOf(element: TfValue): Record<string, unknown> | undefined {
  const entries = knownEntries(element);
  if (entries === null) return undefined;
  const policy: Record<string, unknown> = {};
  for (const key of ['auto_rotate', 'interval', 'unit'] as const) {
    const v = entries[key];
    if (v === undefined || v.state === 'null') continue;
    if (v.state === 'unknown') return undefined;
    if (key === 'auto_rotate') policy[key] = knownBool(v);
    else if (key === 'interval') policy[key] = toJsNumber(knownNumber(v)!);
    else policy[key] = knownString(v);
  }
  return policy;
}

export function validateSecretConfig(config: ReadonlyObjectData, d: Diagnostics): void {
  const labels = knownStrings(config.getValue('labels'));
  if (labels !== undefined && config.getValue('labels').state === 'known') report(d, validateLabels(labels), 'Invalid Labels');

  const rotation = knownElements(config.getValue('rotation'))?.[0];
  if (rotation !== undefined) {
    const policy = rotationOf(rotation);
    const ttl = ttlSecondsOf(config.getValue('ttl'));
    // Fragments only: on update an interval left out of config keeps the stored one (checked when planning).
    if (policy !== undefined) report(d, validateRotationPolicy(policy, ttl ?? undefined, 'rotation', { partial: true }), 'Invalid Rotation Policy', 'The interval is at least 1, at most 3 months (90 days), and not longer than the ttl.');
  }
  validateSourceService(config, d, false);
}

/**
 * The source service as the service checks it on create: runs the engine's
 * prototype check on the known parts and keeps only its source_service
 * issues (the instance CRN has its own attribute validator). "A role or a
 * service ID" is checked only for a create (`requireRole`): removing the
 * role block from an existing secret changes nothing remotely.
 */
export function validateSourceService(config: ReadonlyObjectData, d: Diagnostics, requireRole: boolean): void {
  const instanceCrn = config.getValue('source_service[0].instance[0].crn');
  if (instanceCrn.state !== 'known') return;
  const parametersValue = config.getValue('source_service[0].parameters');
  const parameters: Record<string, unknown> = {};
  let parametersUnknown = parametersValue.state === 'unknown';
  for (const [k, v] of Object.entries(knownEntries(parametersValue) ?? {})) {
    if (v.state === 'unknown') {
      parametersUnknown = true;
      continue;
    }
    const s = knownString(v);
    if (s === null) continue;
    if (k === 'HMAC' && s !== 'true' && s !== 'false') {
      d.addAttributeError(secretAttributePath(['source_service', 'parameters', 'HMAC'])!, 'Invalid Source Service Parameter', 'HMAC must be true or false, e.g. parameters = { HMAC = true }.');
      continue;
    }
    parameters[k] = parameterForApi(k, s);
  }
  const roleBlocks = knownElements(config.getValue('source_service[0].role'));
  const roleValue = config.getValue('source_service[0].role[0].crn');
  const roleUnknown = roleBlocks === null || roleValue.state === 'unknown';
  const roleCrn = knownString(roleValue);
  const probe = {
    secret_type: 'service_credentials',
    name: 'validation-probe',
    source_service: {
      instance: { crn: knownString(instanceCrn) },
      // A value not known yet stands in as a valid one, so only known values can fail.
      ...(roleCrn !== null ? { role: { crn: roleCrn } } : roleUnknown || parametersUnknown || !requireRole ? { role: { crn: PLACEHOLDER_ROLE } } : {}),
      ...(Object.keys(parameters).length > 0 && { parameters }),
    },
  };
  for (const found of checkSecretPrototype(probe).issues) {
    if (!found.field.startsWith('source_service.') || found.field === 'source_service.instance.crn') continue;
    if (found.field === 'source_service.role.crn' && roleCrn === null) {
      // No role at all: point at the source_service block, where the role block belongs.
      d.addAttributeError(
        secretAttributePath(['source_service', 'role'])!,
        'Missing Role',
        `${found.message} Add role { crn = "crn:v1:bluemix:public:iam::::serviceRole:Writer" } (or another role) to source_service, or set parameters.serviceid_crn.`,
      );
      continue;
    }
    report(d, found, found.field.startsWith('source_service.parameters') ? 'Invalid Source Service Parameter' : 'Invalid Role CRN');
  }
}

/**
 * The rotation policy as it will be in force after apply against the TTL in
 * force: run while planning. On create that is the configuration (what is
 * left out is not sent); on update the plan (left-out values keep the stored
 * ones).
 */
export function validatePlannedRotation(plan: ReadonlyObjectData, d: Diagnostics): void {
  const rotation = knownElements(plan.getValue('rotation'))?.[0];
  if (rotation === undefined) return;
  const policy = rotationOf(rotation);
  const ttl = ttlSecondsOf(plan.getValue('ttl'));
  if (policy === undefined || ttl === undefined || policy['auto_rotate'] !== true) return;
  report(d, validateRotationPolicy(policy, ttl ?? undefined), 'Invalid Rotation Policy', 'Set interval and unit, and keep the interval no longer than the ttl.');
}
