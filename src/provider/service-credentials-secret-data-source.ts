/**
 * Data sources `ibm_sm_service_credentials_secret` (by `secret_id`, or by
 * `name` + `secret_group_name`; with credentials) and
 * `ibm_sm_service_credentials_secret_metadata` (by `secret_id`; no
 * credentials), with the official attribute sets (spec §3). Unlike the
 * resource, they report the service's values as they are: `ttl`, rotation
 * and source service included.
 */
import type { CredentialBackend, InstanceRef, ServiceCredentials, ServiceCredentialsSecretMetadata } from '../backend/credential-backend.js';
import { BackendError } from '../backend/backend-error.js';
import type {
  AttributeSchema,
  ConfigureRequest,
  ConfigureResponse,
  ConfigValidator,
  DataSource,
  DataSourceReadRequest,
  DataSourceReadResponse,
  ModelValue,
  Schema,
  WithConfigure,
  WithConfigValidators,
} from '../framework/index.js';
import { defineSchema, exactlyOneOf, requiredWith } from '../framework/index.js';
import { Types } from '../tftypes/type.js';
import { addBackendError } from './backend-diagnostics.js';
import { validateSecretGroupName } from '../backend/validation/index.js';
import { secretNameValidator, stringRule } from './field-validators.js';
import { flattenCredentials, stringMap } from './flatten-credentials.js';
import { formatImportId } from './import-id.js';
import { DATA_SOURCE_INSTANCE_FIELDS, dataSourceInstance } from './instance-fields.js';
import { backendErrorContext, providerBackend } from './provider-backend.js';
import type { IbmProviderData } from './provider-data.js';
import { ibmProviderData } from './provider-data.js';
import { computed, CRN_LIST_TYPE, IAM_TYPE, RESOURCE_KEY_TYPE } from './service-credentials-secret-schema.js';
import { sourceServiceComputed } from './service-credentials-secret-state.js';

const ROTATION_TYPE = Types.list(Types.object({ auto_rotate: Types.bool, interval: Types.number, unit: Types.string }));
const SOURCE_SERVICE_TYPE = Types.list(
  Types.object({
    instance: CRN_LIST_TYPE,
    role: CRN_LIST_TYPE,
    iam: IAM_TYPE,
    resource_key: RESOURCE_KEY_TYPE,
    parameters: Types.map(Types.string),
  }),
);

// "default" is a group to look in, though not a valid name for a new group.
const existingGroupNameValidator = stringRule('must be "default" or the name of a secret group', 'Invalid Secret Group Name', (s) =>
  s === 'default' ? undefined : validateSecretGroupName(s, 'secret_group_name'),
);

interface Lookup {
  readonly backend: CredentialBackend;
  readonly inst: InstanceRef;
}

const METADATA_ATTRIBUTES: Readonly<Record<string, AttributeSchema>> = {
  id: computed(Types.string, 'The ID of the data source: `<region>/<instance_id>/<secret_id>`.'),
  ...DATA_SOURCE_INSTANCE_FIELDS,
  created_by: computed(Types.string, 'The unique identifier of the entity that created the secret.'),
  created_at: computed(Types.string, 'When the secret was created (RFC 3339).'),
  crn: computed(Types.string, 'The CRN of the secret.'),
  custom_metadata: computed(Types.map(Types.string), 'Metadata of the secret as key-value pairs.'),
  description: computed(Types.string, 'An extended description of the secret.'),
  downloaded: computed(Types.bool, 'Whether the current version of the credentials was retrieved.'),
  labels: computed(Types.list(Types.string), 'Labels of the secret.'),
  locks_total: computed(Types.number, 'The number of locks on the secret.'),
  secret_group_id: computed(Types.string, 'The ID of the secret group.'),
  secret_type: computed(Types.string, 'The secret type: service_credentials.'),
  state: computed(Types.number, 'The state: 0 pre-activation, 1 active, 2 suspended, 3 deactivated, 5 destroyed.'),
  state_description: computed(Types.string, 'The state as text.'),
  updated_at: computed(Types.string, 'When the secret was last changed (RFC 3339).'),
  retrieved_at: computed(Types.string, 'When the credentials were last retrieved (RFC 3339).'),
  versions_total: computed(Types.number, 'The number of versions of the secret.'),
  ttl: computed(Types.string, 'The configured lease of each version (applies from the next rotation after a change).'),
  expiration_date: computed(Types.string, "When the current version's lease ends (RFC 3339)."),
  rotation: computed(ROTATION_TYPE, 'The rotation policy.'),
  next_rotation_date: computed(Types.string, 'When the secret rotates next (RFC 3339); empty without auto-rotation.'),
  source_service: computed(SOURCE_SERVICE_TYPE, 'The source service instance, role, parameters, IAM details and resource key.'),
};

export const SERVICE_CREDENTIALS_SECRET_DATA_SOURCE_SCHEMA = defineSchema(
  {
    description: 'A service credentials secret with its current credentials, by secret_id, or by name and secret_group_name.',
    attributes: {
      ...METADATA_ATTRIBUTES,
      secret_id: { type: Types.string, mode: 'optionalComputed', description: 'The ID of the secret.' },
      name: { type: Types.string, mode: 'optionalComputed', description: 'The name of the secret (with secret_group_name).', validators: [secretNameValidator] },
      secret_group_name: {
        type: Types.string,
        mode: 'optional',
        description: 'The name of the secret group ("default" for the default group), with name.',
        validators: [existingGroupNameValidator],
      },
      credentials: computed(Types.map(Types.string), 'The credentials of the current version, flattened: credentials["cos_hmac_keys.access_key_id"].', { sensitive: true }),
    },
  },
  'dataSource',
);

export const SERVICE_CREDENTIALS_SECRET_METADATA_DATA_SOURCE_SCHEMA = defineSchema(
  {
    description: 'The metadata of a service credentials secret (no credentials), by secret_id.',
    attributes: {
      ...METADATA_ATTRIBUTES,
      secret_id: { type: Types.string, mode: 'required', description: 'The ID of the secret.' },
      name: computed(Types.string, 'The name of the secret.'),
    },
  },
  'dataSource',
);

/** The data source's attributes for what the service returned (as the service has them). */
function secretValues(secret: ServiceCredentialsSecretMetadata, region: string, instanceId: string): Record<string, ModelValue | object> {
  const source = secret.source_service;
  const parameters = stringMap(source.parameters);
  return {
    id: formatImportId(region, instanceId, secret.id),
    region,
    instance_id: instanceId,
    secret_id: secret.id,
    name: secret.name,
    created_by: secret.created_by,
    created_at: secret.created_at,
    crn: secret.crn,
    custom_metadata: stringMap(secret.custom_metadata),
    description: secret.description,
    downloaded: secret.downloaded,
    labels: [...secret.labels],
    locks_total: secret.locks_total,
    secret_group_id: secret.secret_group_id,
    secret_type: secret.secret_type,
    state: secret.state,
    state_description: secret.state_description,
    updated_at: secret.updated_at,
    retrieved_at: secret.retrieved_at ?? null,
    versions_total: secret.versions_total,
    ttl: secret.ttl ?? null,
    expiration_date: secret.expiration_date ?? null,
    rotation: [{ auto_rotate: secret.rotation.auto_rotate, interval: secret.rotation.interval ?? null, unit: secret.rotation.unit ?? null }],
    next_rotation_date: secret.next_rotation_date ?? '',
    source_service: [
      {
        instance: [{ crn: source.instance.crn }],
        role: source.role?.crn ? [{ crn: source.role.crn }] : [],
        ...sourceServiceComputed(source),
        parameters: Object.keys(parameters).length > 0 ? parameters : null,
      },
    ],
  };
}

abstract class SecretDataSourceBase implements DataSource, WithConfigure {
  abstract readonly typeName: string;
  protected data: IbmProviderData | undefined;

  abstract schema(): Schema;

  configure(req: ConfigureRequest, _resp: ConfigureResponse): void {
    this.data = ibmProviderData(req.providerData);
  }

  protected abstract fetch(req: DataSourceReadRequest, lookup: Lookup): Promise<ServiceCredentialsSecretMetadata & { credentials?: ServiceCredentials }>;

  protected abstract notFoundAt(req: DataSourceReadRequest): string;

  async read(req: DataSourceReadRequest, resp: DataSourceReadResponse): Promise<void> {
    const d = resp.diagnostics;
    const backend = await providerBackend(this.data, d);
    if (backend === undefined) return;
    const { instanceId, region, inst } = dataSourceInstance(req.config, this.data!.config.region);
    let secret;
    try {
      secret = await this.fetch(req, { backend, inst });
    } catch (reason: unknown) {
      if (BackendError.is(reason, 'NotFound')) {
        d.addAttributeError(this.notFoundAt(req), 'Secret Not Found', `No such service credentials secret in instance ${instanceId} (${region}): ${reason.message}`);
        return;
      }
      addBackendError(d, reason, backendErrorContext(this.data, 'reading the secret'));
      return;
    }
    const values = secretValues(secret, region, instanceId);
    for (const [k, v] of Object.entries(values)) resp.state.setAttribute(k, v);
    if (resp.state.type.attributes['credentials'] !== undefined) resp.state.setAttribute('credentials', flattenCredentials(secret.credentials ?? {}));
  }
}

export class ServiceCredentialsSecretDataSource extends SecretDataSourceBase implements WithConfigValidators {
  readonly typeName = 'ibm_sm_service_credentials_secret';

  schema(): Schema {
    return SERVICE_CREDENTIALS_SECRET_DATA_SOURCE_SCHEMA;
  }

  configValidators(): readonly ConfigValidator[] {
    return [exactlyOneOf('secret_id', 'name'), requiredWith('name', 'secret_group_name'), requiredWith('secret_group_name', 'name')];
  }

  protected fetch(req: DataSourceReadRequest, { backend, inst }: Lookup) {
    const id = req.config.get<string | null>('secret_id');
    if (id !== null) return backend.getSecret(inst, id, { signal: req.signal });
    return backend.getSecretByName(inst, req.config.get<string>('secret_group_name'), req.config.get<string>('name'), { signal: req.signal });
  }

  protected notFoundAt(req: DataSourceReadRequest): string {
    return req.config.get<string | null>('secret_id') !== null ? 'secret_id' : 'name';
  }
}

export class ServiceCredentialsSecretMetadataDataSource extends SecretDataSourceBase {
  readonly typeName = 'ibm_sm_service_credentials_secret_metadata';

  schema(): Schema {
    return SERVICE_CREDENTIALS_SECRET_METADATA_DATA_SOURCE_SCHEMA;
  }

  protected fetch(req: DataSourceReadRequest, { backend, inst }: Lookup) {
    return backend.getSecretMetadata(inst, req.config.get<string>('secret_id'), { signal: req.signal });
  }

  protected notFoundAt(): string {
    return 'secret_id';
  }
}
