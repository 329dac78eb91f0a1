/**
 * `ibm_sm_secret_group`: a named group of secrets in an instance. Name and
 * description change in place; deleting a group that still holds secrets is
 * refused by the service and reported as such. Import with
 * `<region>/<instance_id>/<secret_group_id>`.
 */
import { BackendError } from '../backend/backend-error.js';
import type { SecretGroup } from '../backend/credential-backend.js';
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
  WithConfigure,
} from '../framework/index.js';
import { defineSchema, useStateForUnknown } from '../framework/index.js';
import { Types } from '../tftypes/type.js';
import { addBackendError } from './backend-diagnostics.js';
import { descriptionValidator, secretGroupNameValidator } from './field-validators.js';
import { fillUnknowns, knownOnly } from './fill-unknowns.js';
import { formatImportId, importByInstanceId } from './import-id.js';
import { instanceRef, planProviderRegion, RESOURCE_INSTANCE_FIELDS } from './instance-fields.js';
import { backendErrorContext, checkBackendSelected, providerBackend } from './provider-backend.js';
import type { IbmProviderData } from './provider-data.js';
import { ibmProviderData } from './provider-data.js';

export const SECRET_GROUP_SCHEMA = defineSchema({
  description: 'A secret group of a Secrets Manager instance. Import with `<region>/<instance_id>/<secret_group_id>`.',
  attributes: {
    id: { type: Types.string, mode: 'computed', description: 'The ID of the resource: `<region>/<instance_id>/<secret_group_id>`.', planModifiers: [useStateForUnknown()] },
    ...RESOURCE_INSTANCE_FIELDS,
    name: { type: Types.string, mode: 'required', description: 'The name of the group (2-64 characters, unique in the instance).', validators: [secretGroupNameValidator] },
    description: { type: Types.string, mode: 'optional', description: 'An extended description of the group.', validators: [descriptionValidator] },
    secret_group_id: { type: Types.string, mode: 'computed', description: 'The ID of the group.', planModifiers: [useStateForUnknown()] },
    created_at: { type: Types.string, mode: 'computed', description: 'When the group was created (RFC 3339).', planModifiers: [useStateForUnknown()] },
    updated_at: { type: Types.string, mode: 'computed', description: 'When the group was last changed (RFC 3339).' },
  },
});

interface SecretGroupModel {
  id: string | null;
  instance_id: string | null;
  region: string | null;
  endpoint_type: string | null;
  name: string | null;
  description: string | null;
  secret_group_id: string | null;
  created_at: string | null;
  updated_at: string | null;
}

function groupState(group: SecretGroup, prior: SecretGroupModel, region: string, instanceId: string): SecretGroupModel {
  return {
    id: formatImportId(region, instanceId, group.id),
    instance_id: instanceId,
    region,
    endpoint_type: prior.endpoint_type === null || typeof prior.endpoint_type !== 'string' ? null : prior.endpoint_type,
    name: group.name,
    description: group.description === '' && typeof prior.description !== 'string' ? null : group.description,
    secret_group_id: group.id,
    created_at: group.created_at,
    updated_at: group.updated_at,
  };
}

export class SecretGroupResource implements ResourceWithImportState, ResourceWithModifyPlan, WithConfigure {
  readonly typeName = 'ibm_sm_secret_group';
  private data: IbmProviderData | undefined;

  schema(): Schema {
    return SECRET_GROUP_SCHEMA;
  }

  configure(req: ConfigureRequest, _resp: ConfigureResponse): void {
    this.data = ibmProviderData(req.providerData);
  }

  modifyPlan(req: ModifyPlanRequest, resp: ModifyPlanResponse): void {
    if (req.plan.isNull || !checkBackendSelected(this.data, resp.diagnostics)) return;
    planProviderRegion(req, resp, this.data?.config.region);
  }

  async create(req: CreateRequest, resp: CreateResponse): Promise<void> {
    const backend = await providerBackend(this.data, resp.diagnostics);
    if (backend === undefined) return;
    const plan = req.plan.as<SecretGroupModel>();
    const known = knownOnly(plan);
    const region = known.region ?? this.data!.config.region;
    const instanceId = known.instance_id ?? '';
    try {
      const group = await backend.createSecretGroup(
        instanceRef(instanceId, region, known.endpoint_type),
        { name: known.name ?? '', ...(known.description !== null && known.description !== '' && { description: known.description }) },
        { signal: req.signal },
      );
      resp.state.set(fillUnknowns(plan, groupState(group, plan, region, instanceId)));
    } catch (reason: unknown) {
      addBackendError(resp.diagnostics, reason, backendErrorContext(this.data, 'creating the secret group'));
    }
  }

  async read(req: ReadRequest, resp: ReadResponse): Promise<void> {
    const prior = req.state.as<SecretGroupModel>();
    const backend = await providerBackend(this.data, resp.diagnostics);
    if (backend === undefined) return;
    const region = prior.region ?? this.data!.config.region;
    const instanceId = prior.instance_id ?? '';
    try {
      const group = await backend.getSecretGroup(instanceRef(instanceId, region, prior.endpoint_type), prior.secret_group_id ?? '', { signal: req.signal });
      resp.state.set(groupState(group, prior, region, instanceId));
    } catch (reason: unknown) {
      if (BackendError.is(reason, 'NotFound')) {
        resp.removeResource();
        return;
      }
      addBackendError(resp.diagnostics, reason, backendErrorContext(this.data, 'reading the secret group'));
    }
  }

  async update(req: UpdateRequest, resp: UpdateResponse): Promise<void> {
    const backend = await providerBackend(this.data, resp.diagnostics);
    if (backend === undefined) return;
    const plan = req.plan.as<SecretGroupModel>();
    const known = knownOnly(plan);
    const prior = req.state.as<SecretGroupModel>();
    const region = prior.region ?? this.data!.config.region;
    const instanceId = prior.instance_id ?? '';
    const inst = instanceRef(instanceId, region, known.endpoint_type);
    const id = prior.secret_group_id ?? '';
    try {
      const changed = {
        ...(known.name !== null && known.name !== prior.name && { name: known.name }),
        ...((known.description ?? '') !== (prior.description ?? '') && { description: known.description ?? '' }),
      };
      const group = Object.keys(changed).length > 0 ? await backend.updateSecretGroup(inst, id, changed, { signal: req.signal }) : await backend.getSecretGroup(inst, id, { signal: req.signal });
      resp.state.set(fillUnknowns(plan, groupState(group, plan, region, instanceId)));
    } catch (reason: unknown) {
      addBackendError(resp.diagnostics, reason, backendErrorContext(this.data, 'updating the secret group'));
    }
  }

  async delete(req: DeleteRequest, resp: DeleteResponse): Promise<void> {
    const prior = req.state.as<SecretGroupModel>();
    const backend = await providerBackend(this.data, resp.diagnostics);
    if (backend === undefined) return;
    const id = prior.secret_group_id ?? '';
    try {
      await backend.deleteSecretGroup(instanceRef(prior.instance_id ?? '', prior.region ?? this.data!.config.region, prior.endpoint_type), id, { signal: req.signal });
    } catch (reason: unknown) {
      if (BackendError.is(reason, 'NotFound')) return;
      if (BackendError.is(reason, 'Conflict')) {
        resp.diagnostics.addError(
          'Secret Group Not Empty',
          `The secret group "${prior.name ?? id}" (${id}) still holds secrets, and the service deletes only empty groups: ${reason.message} ` +
            'Delete those secrets first, or move them out of Terraform\'s way; secrets managed in this configuration are destroyed first when they reference this group\'s secret_group_id.',
        );
        return;
      }
      addBackendError(resp.diagnostics, reason, backendErrorContext(this.data, 'deleting the secret group'));
    }
  }

  importState = importByInstanceId('secret_group_id');
}
