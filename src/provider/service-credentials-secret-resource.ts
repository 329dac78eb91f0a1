/**
 * `ibm_sm_service_credentials_secret`: create mints credentials, read
 * refreshes everything the service has (ttl included, so import leaves no
 * diff), update patches metadata in place, delete removes the secret
 * (already gone counts as done; a lock is a clear error).
 *
 * Plans tell the truth about time: a ttl change keeps the current
 * credentials, expiration date, version count and next rotation date (the
 * new TTL applies from the next rotation, and a warning says so), and a
 * secret whose lease ended plans an in-place renewal instead of failing.
 */
import { BackendError } from '../backend/backend-error.js';
import type { CredentialBackend, InstanceRef, SecretVersionMetadata } from '../backend/credential-backend.js';
import type {
  ConfigureRequest,
  ConfigureResponse,
  CreateRequest,
  CreateResponse,
  DeleteRequest,
  DeleteResponse,
  ModifyPlanRequest,
  ModifyPlanResponse,
  ReadRequest,
  ReadResponse,
  ResourceWithImportState,
  ResourceWithModifyPlan,
  Schema,
  UpdateRequest,
  UpdateResponse,
  ValidateConfigRequest,
  ValidateConfigResponse,
  WithConfigure,
  WithValidateConfig,
} from '../framework/index.js';
import { Diagnostics, UNKNOWN } from '../framework/index.js';
import type { Logger } from '../logging/logger.js';
import { addBackendError, secretAttributePath } from './backend-diagnostics.js';
import { fillUnknowns, knownOnly } from './fill-unknowns.js';
import { importByInstanceId } from './import-id.js';
import { instanceRef, planProviderRegion } from './instance-fields.js';
import { backendErrorContext, checkBackendSelected, providerBackend } from './provider-backend.js';
import type { IbmProviderData } from './provider-data.js';
import { ibmProviderData } from './provider-data.js';
import type { RotationModel, SecretModel } from './service-credentials-secret-schema.js';
import { SERVICE_CREDENTIALS_SECRET_SCHEMA, SERVICE_CREDENTIALS_SECRET_TYPE } from './service-credentials-secret-schema.js';
import type { SecretReadResult } from './service-credentials-secret-state.js';
import { rotationPolicyChanged, secretMetadataPatch, secretPrototype, secretState } from './service-credentials-secret-state.js';
import { ttlSecondsOf, validatePlannedRotation, validateSecretConfig, validateSourceService } from './service-credentials-secret-validation.js';

const DESTROYED = 5;

export class ServiceCredentialsSecretResource implements ResourceWithImportState, ResourceWithModifyPlan, WithConfigure, WithValidateConfig {
  readonly typeName = SERVICE_CREDENTIALS_SECRET_TYPE;
  private data: IbmProviderData | undefined;

  schema(): Schema {
    return SERVICE_CREDENTIALS_SECRET_SCHEMA;
  }

  configure(req: ConfigureRequest, _resp: ConfigureResponse): void {
    this.data = ibmProviderData(req.providerData);
  }

  validateConfig(req: ValidateConfigRequest, resp: ValidateConfigResponse): void {
    validateSecretConfig(req.config, resp.diagnostics);
  }

  // ---- plan -----------------------------------------------------------------------

  modifyPlan(req: ModifyPlanRequest, resp: ModifyPlanResponse): void {
    if (req.plan.isNull) return; // destroy
    const d = resp.diagnostics;
    if (!checkBackendSelected(this.data, d)) return;
    validatePlannedRotation(req.state.isNull ? req.config : resp.plan, d);
    if (d.hasError()) return;

    if (req.state.isNull) {
      validateSourceService(req.config, d, true);
      if (!d.hasError()) planProviderRegion(req, resp, this.data?.config.region);
      return;
    }

    const prior = req.state.as<SecretModel>();
    if (rotationPolicyChanged(resp.plan.get<RotationModel[]>('rotation'), prior.rotation)) {
      resp.plan.setAttribute('next_rotation_date', UNKNOWN);
    }
    if (prior.state === DESTROYED) {
      planRenewal(resp, prior);
      return;
    }
    warnAboutTtlChange(req, resp, prior);
  }

  // ---- create -----------------------------------------------------------------------

  async create(req: CreateRequest, resp: CreateResponse): Promise<void> {
    const d = resp.diagnostics;
    const backend = await providerBackend(this.data, d);
    if (backend === undefined) return;
    const plan = req.plan.as<SecretModel>();
    const known = knownOnly(plan);
    const region = known.region ?? this.data!.config.region;
    const instanceId = known.instance_id ?? '';
    const inst = instanceRef(instanceId, region, known.endpoint_type);
    const opts = { signal: req.signal };

    let created;
    try {
      created = await backend.createSecret(inst, secretPrototype(known), opts);
    } catch (reason: unknown) {
      addBackendError(d, reason, this.context('creating the secret'));
      return;
    }
    req.logger.debug('Secret created', { id: created.id });
    // The credential exists now: whatever happens next, the state must hold it.
    let result: SecretReadResult = { secret: created };
    try {
      result = await readSecret(backend, inst, created.id, opts);
    } catch (reason: unknown) {
      const read = new Diagnostics();
      addBackendError(read, reason, this.context('reading the secret back after creating it'));
      const why = read.toArray().map((x) => `${x.summary}: ${x.detail ?? ''}`).join(' ');
      d.addWarning(
        'Secret Created, Read Back Failed',
        `The secret ${created.id} was created and is recorded in the state, but reading it back failed; the next refresh completes the state. ${why}`,
      );
    }
    resp.state.set(fillUnknowns(plan, secretState(result, { prior: plan, region, instanceId, isImport: false })));
  }

  // ---- read -------------------------------------------------------------------------

  async read(req: ReadRequest, resp: ReadResponse): Promise<void> {
    const d = resp.diagnostics;
    const prior = req.state.as<SecretModel>();
    const { region, instance_id: instanceId, secret_id: secretId } = prior;
    if (region === null || instanceId === null || secretId === null) {
      d.addError('Incomplete State', 'The state of this secret lacks region, instance_id or secret_id; import it again with <region>/<instance_id>/<secret_id>.');
      return;
    }
    const backend = await providerBackend(this.data, d);
    if (backend === undefined) return;
    const inst = instanceRef(instanceId, region, prior.endpoint_type);
    let result: SecretReadResult;
    try {
      result = await readSecret(backend, inst, secretId, { signal: req.signal });
    } catch (reason: unknown) {
      if (BackendError.is(reason, 'NotFound')) {
        req.logger.info('Secret not found; removing it from the state', { id: secretId });
        resp.removeResource();
        return;
      }
      addBackendError(d, reason, this.context('reading the secret'));
      return;
    }
    resp.state.set(secretState(result, { prior, region, instanceId, isImport: prior.name === null }));
  }

  // ---- update -----------------------------------------------------------------------

  async update(req: UpdateRequest, resp: UpdateResponse): Promise<void> {
    const d = resp.diagnostics;
    const backend = await providerBackend(this.data, d);
    if (backend === undefined) return;
    const plan = req.plan.as<SecretModel>();
    const known = knownOnly(plan);
    const prior = req.state.as<SecretModel>();
    const region = prior.region ?? this.data!.config.region;
    const instanceId = prior.instance_id ?? '';
    const secretId = prior.secret_id ?? '';
    const inst = instanceRef(instanceId, region, known.endpoint_type);
    const opts = { signal: req.signal };
    let changedRemotely = false;

    const step = async (action: string, call: () => Promise<unknown>): Promise<boolean> => {
      try {
        await call();
        changedRemotely = true;
        return true;
      } catch (reason: unknown) {
        addBackendError(d, reason, this.context(action));
        // Keep what did change (the official provider reads before returning the error).
        if (changedRemotely) await this.recordPartialUpdate(backend, inst, secretId, prior, resp, req.logger, req.signal);
        return false;
      }
    };

    const versionMetadataChanged = JSON.stringify(known.version_custom_metadata) !== JSON.stringify(prior.version_custom_metadata);
    if (prior.state === DESTROYED) {
      // The lease ended: a new version renews the credentials (and carries the version metadata).
      const renewed = await step('renewing the credentials (creating a new version)', () =>
        backend.createSecretVersion(inst, secretId, known.version_custom_metadata !== null ? { version_custom_metadata: known.version_custom_metadata } : {}, opts),
      );
      if (!renewed) return;
    }
    const patch = secretMetadataPatch(known, prior);
    if (patch !== undefined && !(await step('updating the secret metadata', () => backend.updateSecretMetadata(inst, secretId, patch, opts)))) return;
    if (versionMetadataChanged && prior.state !== DESTROYED) {
      const ok = await step('updating the version metadata', () =>
        backend.updateSecretVersionMetadata(inst, secretId, 'current', { version_custom_metadata: known.version_custom_metadata ?? null }, opts),
      );
      if (!ok) return;
    }

    let result: SecretReadResult;
    try {
      result = await readSecret(backend, inst, secretId, opts);
    } catch (reason: unknown) {
      addBackendError(d, reason, this.context('reading the secret after updating it'));
      return;
    }
    resp.state.set(fillUnknowns(plan, secretState(result, { prior: plan, region, instanceId, isImport: false })));
  }

  private async recordPartialUpdate(
    backend: CredentialBackend,
    inst: InstanceRef,
    secretId: string,
    prior: SecretModel,
    resp: UpdateResponse,
    logger: Logger,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      const result = await readSecret(backend, inst, secretId, { signal });
      resp.state.set(secretState(result, { prior, region: inst.region, instanceId: inst.instanceId, isImport: false }));
    } catch {
      logger.warn('Could not read the secret after a partial update', { id: secretId });
    }
  }

  // ---- delete -----------------------------------------------------------------------

  async delete(req: DeleteRequest, resp: DeleteResponse): Promise<void> {
    const d = resp.diagnostics;
    const prior = req.state.as<SecretModel>();
    const backend = await providerBackend(this.data, d);
    if (backend === undefined) return;
    const secretId = prior.secret_id ?? '';
    const inst = instanceRef(prior.instance_id ?? '', prior.region ?? this.data!.config.region, prior.endpoint_type);
    try {
      await backend.deleteSecret(inst, secretId, { signal: req.signal });
    } catch (reason: unknown) {
      if (BackendError.is(reason, 'NotFound')) {
        req.logger.info('Secret already gone', { id: secretId });
        return;
      }
      if (BackendError.is(reason, 'PreconditionFailed')) {
        const names = reason.locks.length > 0 ? reason.locks : await lockNames(backend, inst, secretId, req.signal);
        const list = names.length > 0 ? names.join(', ') : '(names unavailable)';
        d.addError(
          'Secret Is Locked',
          `The secret "${prior.name ?? secretId}" (${secretId}) cannot be deleted while it has locks: ${list}. ` +
            `Remove them first, e.g. \`ibm-sm secret-lock-remove --id ${secretId}${names.length > 0 ? ` --names ${names.join(',')}` : ''}\` for a local store, ` +
            `or \`ibmcloud secrets-manager secret-locks-bulk-delete --id ${secretId} --name ${names.join(',') || '<lock names>'}\` on IBM Cloud, then run terraform again. ` +
            `The service said: ${reason.message}`,
        );
        return;
      }
      addBackendError(d, reason, this.context('deleting the secret'));
    }
  }

  // ---- import -----------------------------------------------------------------------

  importState = importByInstanceId('secret_id');

  private context(action: string) {
    return backendErrorContext(this.data, action, secretAttributePath);
  }
}

/** GET the secret (with credentials) and the current version's metadata. */
async function readSecret(backend: CredentialBackend, inst: InstanceRef, id: string, opts: { signal: AbortSignal }): Promise<SecretReadResult> {
  const secret = await backend.getSecret(inst, id, opts);
  let version: SecretVersionMetadata | undefined;
  try {
    version = await backend.getSecretVersionMetadata(inst, id, 'current', opts);
  } catch (reason: unknown) {
    if (!BackendError.is(reason, 'NotFound')) throw reason;
  }
  return version === undefined ? { secret } : { secret, version };
}

async function lockNames(backend: CredentialBackend, inst: InstanceRef, id: string, signal: AbortSignal): Promise<string[]> {
  try {
    const list = await backend.listSecretLocks(inst, id, { signal });
    return [...new Set(list.locks.map((l) => l.name))];
  } catch {
    return [];
  }
}

/** Renewal of a secret whose lease ended (state 5): a new version, planned in place. */
function planRenewal(resp: ModifyPlanResponse, prior: SecretModel): void {
  const plan = resp.plan;
  for (const path of ['credentials', 'versions_total', 'expiration_date', 'next_rotation_date', 'updated_at', 'retrieved_at', 'downloaded', 'source_service[0].iam', 'source_service[0].resource_key']) {
    plan.setAttribute(path, UNKNOWN);
  }
  plan.setAttribute('state', 1);
  plan.setAttribute('state_description', 'active');
  const ended = prior.expiration_date !== null && prior.expiration_date !== '' ? `at ${prior.expiration_date}` : 'already';
  resp.diagnostics.addWarning(
    'Credentials Lease Ended: Renewal Planned',
    `The lease of the current credentials of secret "${prior.name ?? ''}" (${prior.secret_id ?? ''}) ended ${ended}, so the service revoked them (state 5, destroyed). ` +
      'Applying this plan creates a new version of the secret with new credentials; until then the old ones no longer work.',
  );
}

function warnAboutTtlChange(req: ModifyPlanRequest, resp: ModifyPlanResponse, prior: SecretModel): void {
  const planned = resp.plan.getValue('ttl');
  if (planned.state !== 'known') return;
  const before = prior.ttl === null ? 0 : ttlSecondsOf(req.state.getValue('ttl'));
  const after = ttlSecondsOf(planned);
  if (after === undefined || after === null || before === after) return;
  const expires = prior.expiration_date !== null && prior.expiration_date !== '' ? `expires at ${prior.expiration_date}` : 'has no expiration date';
  const rotatesPlanned = resp.plan.getValue('next_rotation_date');
  const rotation =
    rotatesPlanned.state === 'unknown'
      ? 'The rotation policy changes in this plan too, so the next rotation date is known after apply.'
      : prior.next_rotation_date !== null && prior.next_rotation_date !== ''
        ? `The next rotation, and with it the new TTL, is due at ${prior.next_rotation_date}.`
        : 'Auto-rotation is off, so the new TTL applies when the secret is next rotated or renewed.';
  const what = after === 0 ? 'no expiry' : `${after} seconds`;
  resp.diagnostics.addAttributeWarning(
    'ttl',
    'TTL Change Applies From the Next Rotation',
    `The new ttl (${what}) applies from the next rotation of the secret: the current version of the credentials keeps its lease and ${expires}. ${rotation}`,
  );
}
