/**
 * The schema of `ibm_sm_service_credentials_secret`: the official
 * provider's (spec §1) mapped onto protocol 6 (spec §9). Nested blocks hold
 * only what configuration holds; provider-set nested data (`iam`,
 * `resource_key`) are computed list(object) attributes, so references like
 * `source_service[0].iam[0].apikey[0].name` keep working.
 */
import type { AttributeSchema, PlanModifierRequest } from '../framework/index.js';
import {
  defaultValue,
  defineSchema,
  eachMapKey,
  requiresReplace,
  requiresReplaceIf,
  stringLengthAtLeast,
  suppressDiffIf,
  useStateForUnknown,
} from '../framework/index.js';
import { Types } from '../tftypes/type.js';
import { Value } from '../tftypes/value.js';
import {
  descriptionValidator,
  metadataValidator,
  secretGroupIdValidator,
  secretNameValidator,
  sourceInstanceCrnValidator,
  ttlValidator,
} from './field-validators.js';
import { RESOURCE_INSTANCE_FIELDS } from './instance-fields.js';

export const SERVICE_CREDENTIALS_SECRET_TYPE = 'ibm_sm_service_credentials_secret';
export const SECRET_TYPE = 'service_credentials';

export const CRN_LIST_TYPE = Types.list(Types.object({ crn: Types.string }));
export const IAM_TYPE = Types.list(
  Types.object({
    apikey: Types.list(Types.object({ name: Types.string, description: Types.string })),
    role: CRN_LIST_TYPE,
    serviceid: CRN_LIST_TYPE,
  }),
);
export const RESOURCE_KEY_TYPE = Types.list(Types.object({ crn: Types.string, name: Types.string }));

const keep = [useStateForUnknown()];
export const computed = (type: AttributeSchema['type'], description: string, extra: Partial<AttributeSchema> = {}): AttributeSchema => ({
  type,
  mode: 'computed',
  description,
  ...extra,
});

/** SDKv2's rotationAttributesDiffSuppress: interval and unit are ignored while auto_rotate is false. */
const whileAutoRotateOff = suppressDiffIf(
  (req: PlanModifierRequest) => req.configData.getValue('rotation[0].auto_rotate').state === 'known' && req.configData.get('rotation[0].auto_rotate') === false,
  'Changes are ignored while auto_rotate is false (the service keeps no interval or unit then).',
);

export const SERVICE_CREDENTIALS_SECRET_SCHEMA = defineSchema({
  version: 0,
  description:
    'A service credentials secret of IBM Cloud Secrets Manager: the service mints credentials (an API key, and for Cloud Object Storage optionally HMAC keys) ' +
    'for an instance of another IBM Cloud service, rotates them on a schedule and revokes them when their lease (ttl) ends. ' +
    'Import with `<region>/<instance_id>/<secret_id>`.',
  attributes: {
    id: computed(Types.string, 'The ID of the resource: `<region>/<instance_id>/<secret_id>`.', { planModifiers: keep }),
    ...RESOURCE_INSTANCE_FIELDS,
    secret_type: computed(Types.string, 'The secret type: always service_credentials.', {
      planModifiers: [defaultValue(Value.string(SECRET_TYPE), 'Always "service_credentials".')],
    }),
    name: {
      type: Types.string,
      mode: 'required',
      description: 'The name of the secret (2-256 characters). It also names the resource key minted in the source service.',
      validators: [secretNameValidator],
    },
    description: { type: Types.string, mode: 'optional', description: 'An extended description of the secret (at most 1024 characters).', validators: [descriptionValidator] },
    secret_group_id: {
      type: Types.string,
      mode: 'optionalComputed',
      description: 'The ID of the secret group; default "default".',
      planModifiers: [requiresReplace(), defaultValue(Value.string('default'), 'Default "default".')],
      validators: [secretGroupIdValidator],
    },
    labels: { type: Types.list(Types.string), mode: 'optionalComputed', description: 'Labels to search for the secret by (at most 30, 2-64 characters each).' },
    custom_metadata: {
      type: Types.map(Types.string),
      mode: 'optionalComputed',
      description: 'Metadata of the secret as key-value pairs (at most 10 KB); replaced as a whole on update.',
      validators: [metadataValidator('custom_metadata')],
    },
    version_custom_metadata: {
      type: Types.map(Types.string),
      mode: 'optional',
      description: 'Metadata of the current version of the secret as key-value pairs (at most 10 KB).',
      validators: [metadataValidator('version_custom_metadata')],
    },
    ttl: {
      type: Types.string,
      mode: 'optionalComputed',
      description:
        'The lease of each version of the credentials: seconds, or a number with s, m, h or d (1 to 90 days; 0 = no expiry). ' +
        'A change applies from the next rotation: the current version keeps its expiration date.',
      validators: [ttlValidator],
    },
    created_by: computed(Types.string, 'The unique identifier of the entity that created the secret.', { planModifiers: keep }),
    created_at: computed(Types.string, 'When the secret was created (RFC 3339).', { planModifiers: keep }),
    crn: computed(Types.string, 'The CRN of the secret.', { planModifiers: keep }),
    credentials: computed(
      Types.map(Types.string),
      'The credentials of the current version, flattened: nested keys are dotted, e.g. credentials["cos_hmac_keys.access_key_id"].',
      { sensitive: true, planModifiers: keep },
    ),
    downloaded: computed(Types.bool, 'Whether the current version of the credentials was retrieved.', { planModifiers: keep }),
    locks_total: computed(Types.number, 'The number of locks on the secret.', { planModifiers: keep }),
    next_rotation_date: computed(Types.string, 'When the secret rotates next (RFC 3339); empty without auto-rotation.', { planModifiers: keep }),
    state: computed(Types.number, 'The state of the secret: 0 pre-activation, 1 active, 2 suspended, 3 deactivated, 5 destroyed (lease ended).', {
      planModifiers: keep,
    }),
    state_description: computed(Types.string, 'The state of the secret as text.', { planModifiers: keep }),
    expiration_date: computed(Types.string, "When the current version's lease ends (RFC 3339); absent without a ttl.", { planModifiers: keep }),
    updated_at: computed(Types.string, 'When the secret was last changed (RFC 3339).'),
    retrieved_at: computed(Types.string, 'When the credentials were last retrieved (RFC 3339).'),
    versions_total: computed(Types.number, 'The number of versions of the secret.', { planModifiers: keep }),
    secret_id: computed(Types.string, 'The ID of the secret.', { planModifiers: keep }),
  },
  blocks: {
    rotation: {
      nesting: 'list',
      maxItems: 1,
      description: 'The rotation policy. Removing the block leaves the policy as it is; set auto_rotate = false to stop rotating.',
      attributes: {
        auto_rotate: { type: Types.bool, mode: 'optionalComputed', description: 'Whether the service rotates the secret automatically.' },
        interval: {
          type: Types.number,
          mode: 'optionalComputed',
          description: 'The length of the rotation period (1 day to 3 months, and at most the ttl).',
          planModifiers: [whileAutoRotateOff],
        },
        unit: {
          type: Types.string,
          mode: 'optionalComputed',
          description: 'The unit of the interval: day or month.',
          planModifiers: [whileAutoRotateOff],
        },
      },
    },
    source_service: {
      nesting: 'list',
      minItems: 1,
      maxItems: 1,
      description: 'The service instance to mint credentials for. Changing anything in it replaces the secret.',
      blocks: {
        instance: {
          nesting: 'list',
          minItems: 1,
          maxItems: 1,
          description: 'The source service instance.',
          attributes: {
            crn: {
              type: Types.string,
              mode: 'required',
              description: 'The CRN of the source service instance.',
              planModifiers: [requiresReplace()],
              validators: [sourceInstanceCrnValidator],
            },
          },
        },
        role: {
          nesting: 'list',
          maxItems: 1,
          description: 'The IAM role granted to the credentials. Removing the block changes nothing remotely.',
          planModifiers: [
            requiresReplaceIf((req) => req.config.state === 'known' && Array.isArray(req.config.value) && req.config.value.length > 0, 'Adding or changing the role replaces the secret.'),
          ],
          attributes: {
            crn: {
              type: Types.string,
              mode: 'optionalComputed',
              description: 'The CRN of the IAM role, e.g. crn:v1:bluemix:public:iam::::serviceRole:Writer.',
              planModifiers: [requiresReplace()],
            },
          },
        },
      },
      attributes: {
        parameters: {
          type: Types.map(Types.string),
          mode: 'optional',
          description:
            'Configuration for the source service: serviceid_crn reuses an existing service ID; "true"/"false" values are sent as booleans (e.g. HMAC = true for Cloud Object Storage).',
          planModifiers: [requiresReplace()],
          validators: [eachMapKey(stringLengthAtLeast(1))],
        },
        iam: computed(IAM_TYPE, 'The IAM API key, role and service ID behind the credentials.', { planModifiers: keep }),
        resource_key: computed(RESOURCE_KEY_TYPE, 'The resource key minted in the source service.', { planModifiers: keep }),
      },
    },
  },
});

/** Model of the resource's state, in framework model terms (UNKNOWN while planning). */
export type Str = string | null;
export interface RotationModel {
  auto_rotate: boolean | null;
  interval: number | null;
  unit: Str;
}
export interface SourceServiceModel {
  instance: { crn: Str }[];
  role: { crn: Str }[];
  parameters: Record<string, string> | null;
  iam: IamModel[] | null;
  resource_key: { crn: string; name: string }[] | null;
}
export interface IamModel {
  apikey: { name: string; description: string }[];
  role: { crn: string }[];
  serviceid: { crn: string }[];
}
export interface SecretModel {
  id: Str;
  instance_id: Str;
  region: Str;
  endpoint_type: Str;
  secret_type: Str;
  name: Str;
  description: Str;
  secret_group_id: Str;
  labels: string[] | null;
  custom_metadata: Record<string, string> | null;
  version_custom_metadata: Record<string, string> | null;
  ttl: Str;
  created_by: Str;
  created_at: Str;
  crn: Str;
  credentials: Record<string, string> | null;
  downloaded: boolean | null;
  locks_total: number | null;
  next_rotation_date: Str;
  state: number | null;
  state_description: Str;
  expiration_date: Str;
  updated_at: Str;
  retrieved_at: Str;
  versions_total: number | null;
  secret_id: Str;
  rotation: RotationModel[];
  source_service: SourceServiceModel[];
}

