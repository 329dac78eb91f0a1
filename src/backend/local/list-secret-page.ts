/**
 * listSecrets over the rows of one instance: filter (groups, search,
 * match_all_labels), sort and page on a few columns, then read full metadata
 * for the page only. Metadata only — never credentials.
 */
import type { ListSecretsQuery, SecretMetadataPage, SecretSortKey } from '../credential-backend.js';
import { BackendError } from '../backend-error.js';
import type { ServiceCredentialsSecretMetadata } from '../credential-backend.js';
import type { SecretListRow } from './store-rows.js';

const SORT_COLUMN: Readonly<Record<SecretSortKey, (r: SecretListRow) => string | number | null>> = {
  id: (r) => r.id,
  created_at: (r) => r.created_at,
  updated_at: (r) => r.updated_at,
  retrieved_at: (r) => r.retrieved_at,
  expiration_date: (r) => r.current_expires_at,
  secret_type: () => 'service_credentials',
  name: (r) => r.name,
};

function compareValues(a: string | number | null, b: string | number | null): number {
  // Missing values sort last whatever the direction, as "never" is later than any date.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseSort(sort: string | undefined): { key: SecretSortKey; desc: boolean } {
  const raw = sort ?? 'created_at';
  const desc = raw.startsWith('-');
  const key = (desc ? raw.slice(1) : raw) as SecretSortKey;
  if (!(key in SORT_COLUMN)) {
    throw BackendError.invalid('sort', `sort must be one of ${Object.keys(SORT_COLUMN).join(', ')}, optionally prefixed with "-".`);
  }
  return { key, desc };
}

function matchesSearch(row: SecretListRow, search: string): boolean {
  const needle = search.toLowerCase();
  if (row.name.toLowerCase().includes(needle) || row.id === search) return true;
  return (JSON.parse(row.labels) as string[]).some((l) => l.toLowerCase().includes(needle));
}

export function listSecretPage(
  rows: readonly SecretListRow[],
  metadataOf: (id: string) => ServiceCredentialsSecretMetadata,
  query: ListSecretsQuery & { readonly offset: number; readonly limit: number },
): SecretMetadataPage {
  const { key, desc } = parseSort(query.sort);
  const groups = query.groups && query.groups.length > 0 ? new Set(query.groups) : undefined;
  const required = query.match_all_labels ?? [];
  const search = query.search?.trim() ?? '';
  const column = SORT_COLUMN[key];
  const filtered = rows.filter((r) => {
    if (groups && !groups.has(r.group_id)) return false;
    if (search !== '' && !matchesSearch(r, search)) return false;
    if (required.length > 0) {
      const labels = new Set(JSON.parse(r.labels) as string[]);
      if (!required.every((l) => labels.has(l))) return false;
    }
    return true;
  });
  filtered.sort((a, b) => {
    const va = column(a);
    const vb = column(b);
    const c = va === null || vb === null ? compareValues(va, vb) : desc ? compareValues(vb, va) : compareValues(va, vb);
    return c !== 0 ? c : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return {
    secrets: filtered.slice(query.offset, query.offset + query.limit).map((r) => metadataOf(r.id)),
    total_count: filtered.length,
    offset: query.offset,
    limit: query.limit,
  };
}
