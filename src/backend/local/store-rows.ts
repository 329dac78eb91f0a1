/**
 * Row shapes of the local store (see schema-migrations.ts). Times are epoch
 * milliseconds; JSON columns are text.
 */

export interface InstanceRow {
  readonly instance: string;
  readonly instance_id: string;
  readonly region: string;
  readonly created_at: number;
}

export interface GroupRow {
  readonly instance: string;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly created_at: number;
  readonly updated_at: number;
}

export interface SecretRow {
  readonly instance: string;
  readonly id: string;
  readonly name: string;
  readonly group_id: string;
  readonly description: string;
  readonly labels: string;
  readonly custom_metadata: string;
  readonly created_by: string;
  readonly created_at: number;
  readonly updated_at: number;
  readonly retrieved_at: number | null;
  readonly state: number;
  readonly ttl: string | null;
  readonly ttl_seconds: number;
  readonly rotation: string;
  readonly next_rotation_at: number | null;
  readonly source_service: string;
  readonly service_id_crn: string;
  readonly current_version_id: string | null;
  readonly current_expires_at: number | null;
}

/** A secret joined with its current version and counts: everything its metadata shows. */
export interface SecretViewRow extends SecretRow {
  readonly cur_downloaded: number | null;
  readonly cur_resource_key_crn: string | null;
  readonly cur_resource_key_name: string | null;
  readonly cur_apikey_id: string | null;
  readonly cur_apikey_name: string | null;
  readonly cur_apikey_description: string | null;
  readonly versions_total: number;
  readonly locks_total: number;
}

export interface VersionRow {
  readonly instance: string;
  readonly secret_id: string;
  readonly id: string;
  readonly seq: number;
  readonly created_by: string;
  readonly created_at: number;
  readonly auto_rotated: number;
  readonly downloaded: number;
  readonly expires_at: number | null;
  readonly payload: Buffer | null;
  readonly version_custom_metadata: string;
  readonly resource_key_crn: string;
  readonly resource_key_name: string;
  readonly apikey_id: string | null;
  readonly apikey_name: string;
  readonly apikey_description: string;
}

export interface LockRow {
  readonly instance: string;
  readonly secret_id: string;
  readonly version_id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: string;
  readonly created_at: number;
  readonly created_by: string;
}

export interface ServiceIdRow {
  readonly instance: string;
  readonly crn: string;
  readonly name: string;
  readonly auto_generated: number;
  readonly created_at: number;
  readonly deleted_at: number | null;
}

/** What listing filters and sorts on; the page's full rows are read afterwards. */
export type SecretListRow = Pick<
  SecretRow,
  'id' | 'name' | 'group_id' | 'labels' | 'created_at' | 'updated_at' | 'retrieved_at' | 'current_expires_at'
>;
