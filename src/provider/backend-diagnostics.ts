/**
 * BackendError → diagnostics. Every code gets a summary a user can act on
 * and a detail that quotes the service's message and trace id; messages
 * from backends never carry credentials, and nothing here adds any.
 */
import { BackendError, BackendErrorCode } from '../backend/backend-error.js';
import type { Diagnostics } from '../framework/index.js';
import { AttributePath } from '../tftypes/attribute-path.js';

export interface BackendErrorContext {
  /** What was being done, for the detail: "creating the secret". */
  readonly action: string;
  /** Maps an API field (`rotation.interval`) to the attribute it came from; undefined = no attribute. */
  readonly attributeFor?: (field: string) => AttributePath | undefined;
  /** The backend, for hints: local store or IBM Cloud. */
  readonly backend?: string;
}

const LOCK_HINT =
  'Remove the locks first, e.g. with `ibm-sm secret-lock-remove --id <secret id> --names <lock names>` for a local store, ' +
  'or `ibmcloud secrets-manager secret-locks-bulk-delete --id <secret id> --name <lock names>` on IBM Cloud; then run terraform again.';

export function addBackendError(d: Diagnostics, reason: unknown, ctx: BackendErrorContext): void {
  const err = BackendError.from(reason);
  const trace = err.traceId !== undefined && !err.message.includes(err.traceId) ? ` (trace ${err.traceId})` : '';
  const said = `${err.message}${trace}`;
  const where = ctx.backend !== undefined ? ` (${ctx.backend})` : '';
  switch (err.code) {
    case BackendErrorCode.NotFound:
      d.addError('Not Found', `The backend${where} found nothing while ${ctx.action}: ${said}`);
      return;
    case BackendErrorCode.Conflict:
      d.addError('Conflict', `The backend${where} refused ${ctx.action} because of a conflict: ${said}`);
      return;
    case BackendErrorCode.PreconditionFailed: {
      const locks = err.locks.length > 0 ? ` Locks: ${err.locks.join(', ')}.` : '';
      d.addError('Secret Is Locked', `The backend${where} refused ${ctx.action} because the secret is locked: ${said}${locks} ${LOCK_HINT}`);
      return;
    }
    case BackendErrorCode.InvalidArgument: {
      const path = err.field !== undefined ? ctx.attributeFor?.(err.field) : undefined;
      const detail = `The backend${where} rejected ${ctx.action}: ${said}`;
      if (path !== undefined && !path.isRoot) d.addAttributeError(path, 'Invalid Argument', detail);
      else d.addError('Invalid Argument', detail);
      return;
    }
    case BackendErrorCode.Unauthorized:
      d.addError(
        'Authentication Failed',
        `The backend${where} did not accept the credentials while ${ctx.action}: ${said} ` +
          'Check ibmcloud_api_key (or IC_API_KEY): the key must exist and be active, and iam_endpoint (or IBMCLOUD_IAM_API_ENDPOINT) must point at the IAM service that issued it. ' +
          'For a local store, check the store key (IBM_SM_LOCAL_KEY or the .key file next to the store).',
      );
      return;
    case BackendErrorCode.Forbidden:
      d.addError(
        'Permission Denied',
        `The backend${where} refused ${ctx.action}: ${said} ` +
          'The API key is valid but its identity lacks the access needed: creating, changing and deleting secrets needs the Writer service role ' +
          '(secret groups need Manager) on the Secrets Manager instance. Ask an account administrator for an IAM access policy.',
      );
      return;
    case BackendErrorCode.Transient:
      d.addError(
        'Service Unavailable',
        `The backend${where} was unavailable while ${ctx.action}, also after retrying: ${said} Try again later; max_retries and ibmcloud_timeout control the retries.`,
      );
      return;
    case BackendErrorCode.Cancelled:
      d.addError('Operation Cancelled', `Terraform stopped the provider while ${ctx.action}; the operation may or may not have completed: ${said}`);
      return;
    case BackendErrorCode.Internal:
      d.addError('Unexpected Backend Error', `The backend${where} failed while ${ctx.action}: ${said}`);
      return;
  }
}

/** Nested blocks, each a list of one in the resource schema. */
const BLOCKS = new Set(['rotation', 'source_service', 'instance', 'role']);
/** Service field names that are attributes of the secret resource. */
const TOP = new Set([
  'name',
  'description',
  'labels',
  'secret_group_id',
  'custom_metadata',
  'version_custom_metadata',
  'ttl',
  'rotation',
  'source_service',
  'instance_id',
  'region',
]);

/**
 * An API field path (dotted, as the service names it) or a ValidationIssue
 * path → the attribute path in the secret resource, where blocks are lists
 * of one: `source_service.role.crn` → `source_service[0].role[0].crn`,
 * `source_service.parameters.HMAC` → `source_service[0].parameters["HMAC"]`,
 * `labels.2` → `labels[2]`.
 */
export function secretAttributePath(steps: string | readonly (string | number)[]): AttributePath | undefined {
  const parts: (string | number)[] = typeof steps === 'string' ? steps.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : [...steps];
  const first = parts[0];
  if (typeof first !== 'string' || !TOP.has(first)) return undefined;
  let path = AttributePath.root;
  let inMap = false;
  for (const part of parts) {
    if (typeof part === 'number') {
      path = path.index(part);
      continue;
    }
    if (inMap) {
      path = path.key(part);
      inMap = false;
      continue;
    }
    path = path.attribute(part);
    if (BLOCKS.has(part)) path = path.index(0);
    if (part === 'parameters' || part === 'custom_metadata' || part === 'version_custom_metadata') inMap = true;
  }
  return path;
}
