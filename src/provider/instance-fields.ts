/**
 * `instance_id`, `region` and `endpoint_type`: the fields the official
 * provider adds to every Secrets Manager resource and data source
 * (AddInstanceFields), and the InstanceRef they address. The region
 * defaults to the provider's.
 */
import type { InstanceRef } from '../backend/credential-backend.js';
import type { AttributeSchema, ModifyPlanRequest, ModifyPlanResponse, ReadonlyObjectData } from '../framework/index.js';
import { oneOf, requiresReplace } from '../framework/index.js';
import { Types } from '../tftypes/type.js';
import { instanceIdValidator, regionValidator } from './field-validators.js';

const ENDPOINT_TYPE: AttributeSchema = {
  type: Types.string,
  mode: 'optional',
  description: 'public or private: which endpoint of the instance to use (IBM Cloud backend only). Changing it changes nothing remotely.',
  validators: [oneOf('public', 'private')],
};

export const RESOURCE_INSTANCE_FIELDS: Readonly<Record<string, AttributeSchema>> = {
  instance_id: {
    type: Types.string,
    mode: 'required',
    description: 'The GUID of the Secrets Manager instance.',
    planModifiers: [requiresReplace()],
    validators: [instanceIdValidator],
  },
  region: {
    type: Types.string,
    mode: 'optionalComputed',
    description: "The region of the Secrets Manager instance; default the provider's region.",
    planModifiers: [requiresReplace()],
    validators: [regionValidator],
  },
  endpoint_type: ENDPOINT_TYPE,
};

export const DATA_SOURCE_INSTANCE_FIELDS: Readonly<Record<string, AttributeSchema>> = {
  instance_id: { type: Types.string, mode: 'required', description: 'The GUID of the Secrets Manager instance.', validators: [instanceIdValidator] },
  region: {
    type: Types.string,
    mode: 'optionalComputed',
    description: "The region of the Secrets Manager instance; default the provider's region.",
    validators: [regionValidator],
  },
  endpoint_type: ENDPOINT_TYPE,
};

export function instanceRef(instanceId: string, region: string, endpointType: string | null | undefined): InstanceRef {
  return endpointType === 'private' || endpointType === 'public' ? { instanceId, region, endpointType } : { instanceId, region };
}

/** On create, a region left out of configuration is planned as the provider's instead of "known after apply". */
export function planProviderRegion(req: ModifyPlanRequest, resp: ModifyPlanResponse, providerRegion: string | undefined): void {
  if (!req.state.isNull || providerRegion === undefined) return;
  if (req.config.getValue('region').state === 'null' && resp.plan.getValue('region').state === 'unknown') {
    resp.plan.setAttribute('region', providerRegion);
  }
}

/** The instance a data source's configuration addresses. */
export function dataSourceInstance(config: ReadonlyObjectData, providerRegion: string): { instanceId: string; region: string; inst: InstanceRef } {
  const instanceId = config.get<string>('instance_id');
  const region = config.get<string | null>('region') ?? providerRegion;
  return { instanceId, region, inst: instanceRef(instanceId, region, config.get<string | null>('endpoint_type')) };
}
