/** Data source `ibm_sm_secret_group`: a secret group by `secret_group_id` (the official arguments). */
import { BackendError } from '../backend/backend-error.js';
import type { ConfigureRequest, ConfigureResponse, DataSource, DataSourceReadRequest, DataSourceReadResponse, Schema, WithConfigure } from '../framework/index.js';
import { defineSchema } from '../framework/index.js';
import { Types } from '../tftypes/type.js';
import { addBackendError } from './backend-diagnostics.js';
import { secretGroupIdValidator } from './field-validators.js';
import { formatImportId } from './import-id.js';
import { DATA_SOURCE_INSTANCE_FIELDS, dataSourceInstance } from './instance-fields.js';
import { backendErrorContext, providerBackend } from './provider-backend.js';
import type { IbmProviderData } from './provider-data.js';
import { ibmProviderData } from './provider-data.js';

export const SECRET_GROUP_DATA_SOURCE_SCHEMA = defineSchema(
  {
    description: 'A secret group of a Secrets Manager instance, by secret_group_id.',
    attributes: {
      id: { type: Types.string, mode: 'computed', description: 'The ID of the data source: `<region>/<instance_id>/<secret_group_id>`.' },
      ...DATA_SOURCE_INSTANCE_FIELDS,
      secret_group_id: { type: Types.string, mode: 'required', description: 'The ID of the secret group ("default" for the default group).', validators: [secretGroupIdValidator] },
      name: { type: Types.string, mode: 'computed', description: 'The name of the group.' },
      description: { type: Types.string, mode: 'computed', description: 'An extended description of the group.' },
      created_at: { type: Types.string, mode: 'computed', description: 'When the group was created (RFC 3339).' },
      updated_at: { type: Types.string, mode: 'computed', description: 'When the group was last changed (RFC 3339).' },
    },
  },
  'dataSource',
);

export class SecretGroupDataSource implements DataSource, WithConfigure {
  readonly typeName = 'ibm_sm_secret_group';
  private data: IbmProviderData | undefined;

  schema(): Schema {
    return SECRET_GROUP_DATA_SOURCE_SCHEMA;
  }

  configure(req: ConfigureRequest, _resp: ConfigureResponse): void {
    this.data = ibmProviderData(req.providerData);
  }

  async read(req: DataSourceReadRequest, resp: DataSourceReadResponse): Promise<void> {
    const d = resp.diagnostics;
    const backend = await providerBackend(this.data, d);
    if (backend === undefined) return;
    const { instanceId, region, inst } = dataSourceInstance(req.config, this.data!.config.region);
    const id = req.config.get<string>('secret_group_id');
    try {
      const group = await backend.getSecretGroup(inst, id, { signal: req.signal });
      resp.state.setAttribute('id', formatImportId(region, instanceId, group.id));
      resp.state.setAttribute('region', region);
      resp.state.setAttribute('name', group.name);
      resp.state.setAttribute('description', group.description);
      resp.state.setAttribute('created_at', group.created_at);
      resp.state.setAttribute('updated_at', group.updated_at);
    } catch (reason: unknown) {
      if (BackendError.is(reason, 'NotFound')) {
        d.addAttributeError('secret_group_id', 'Secret Group Not Found', `No secret group ${id} in instance ${instanceId} (${region}): ${reason.message}`);
        return;
      }
      addBackendError(d, reason, backendErrorContext(this.data, 'reading the secret group'));
    }
  }
}
