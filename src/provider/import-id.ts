/**
 * Import IDs of the Secrets Manager resources: `<region>/<instance_id>/<id>`,
 * the same format the official provider uses (and its resources' `id`).
 */
import { validateInstanceId, validateRegion } from '../backend/validation/index.js';
import type { ResourceWithImportState } from '../framework/index.js';

export interface ImportId {
  readonly region: string;
  readonly instanceId: string;
  /** The secret id or secret group id. */
  readonly objectId: string;
}

export function formatImportId(region: string, instanceId: string, objectId: string): string {
  return `${region}/${instanceId}/${objectId}`;
}

/**
 * Parses an import ID; `what` names the last part in the message
 * (`secret_id`, `secret_group_id`). Returns the problem as a sentence on failure.
 */
export function parseImportId(id: string, what: string): ImportId | string {
  const example = `<region>/<instance_id>/<${what}>, for example us-south/6ebc4224-e983-496a-8a54-f40a0bfa9175/b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5`;
  const parts = id.split('/');
  if (parts.length !== 3 || parts.some((p) => p.trim() === '')) {
    return `Wrong format of resource ID "${id}": use ${example}.`;
  }
  const [region = '', instanceId = '', objectId = ''] = parts;
  const bad = validateRegion(region) ?? validateInstanceId(instanceId);
  if (bad !== undefined) return `Wrong format of resource ID "${id}": ${bad.message} Use ${example}.`;
  return { region, instanceId, objectId };
}

/**
 * importState of a resource imported as `<region>/<instance_id>/<id>`: the
 * parts go to id, region, instance_id and `objectAttribute`; Read fills in the rest.
 */
export function importByInstanceId(objectAttribute: string): ResourceWithImportState['importState'] {
  return (req, resp) => {
    const parsed = parseImportId(req.id, objectAttribute);
    if (typeof parsed === 'string') {
      resp.diagnostics.addError('Invalid Import ID', parsed);
      return;
    }
    resp.state.setAttribute('id', req.id);
    resp.state.setAttribute('region', parsed.region);
    resp.state.setAttribute('instance_id', parsed.instanceId);
    resp.state.setAttribute(objectAttribute, parsed.objectId);
  };
}
