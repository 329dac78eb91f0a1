/**
 * The IBM Cloud services Secrets Manager can mint service credentials for,
 * keyed by the service name in the instance CRN.
 */

/** How a service's resource keys look; one credential shape per family. */
export type ServiceFamily =
  | 'cloud-object-storage'
  | 'appid'
  | 'app-configuration'
  | 'cloudant'
  | 'database'
  | 'event-notifications'
  | 'event-streams';

export interface SupportedService {
  /** Service name as it appears in CRNs. */
  readonly name: string;
  readonly displayName: string;
  readonly family: ServiceFamily;
  /** Service roles this service defines beyond Reader, Writer and Manager. */
  readonly extraServiceRoles: readonly string[];
  /** For databases: the connection protocol key and scheme. */
  readonly database?: { readonly protocol: string; readonly scheme: string; readonly defaultPort: number; readonly path: string };
}

const list: readonly SupportedService[] = [
  { name: 'appid', displayName: 'App ID', family: 'appid', extraServiceRoles: [] },
  { name: 'apprapp', displayName: 'App Configuration', family: 'app-configuration', extraServiceRoles: [] },
  { name: 'cloudantnosqldb', displayName: 'Cloudant', family: 'cloudant', extraServiceRoles: ['Monitor', 'Checkpointer'] },
  {
    name: 'cloud-object-storage',
    displayName: 'Cloud Object Storage',
    family: 'cloud-object-storage',
    extraServiceRoles: ['ContentReader', 'ObjectReader', 'ObjectWriter'],
  },
  {
    name: 'databases-for-enterprisedb',
    displayName: 'Databases for EDB',
    family: 'database',
    extraServiceRoles: [],
    database: { protocol: 'postgres', scheme: 'postgres', defaultPort: 5432, path: '/ibmclouddb' },
  },
  {
    name: 'databases-for-elasticsearch',
    displayName: 'Databases for Elasticsearch',
    family: 'database',
    extraServiceRoles: [],
    database: { protocol: 'https', scheme: 'https', defaultPort: 9200, path: '' },
  },
  {
    name: 'databases-for-etcd',
    displayName: 'Databases for etcd',
    family: 'database',
    extraServiceRoles: [],
    database: { protocol: 'grpc', scheme: 'https', defaultPort: 2379, path: '' },
  },
  {
    name: 'databases-for-postgresql',
    displayName: 'Databases for PostgreSQL',
    family: 'database',
    extraServiceRoles: [],
    database: { protocol: 'postgres', scheme: 'postgres', defaultPort: 5432, path: '/ibmclouddb' },
  },
  {
    name: 'databases-for-mysql',
    displayName: 'Databases for MySQL',
    family: 'database',
    extraServiceRoles: [],
    database: { protocol: 'mysql', scheme: 'mysql', defaultPort: 3306, path: '/ibmclouddb' },
  },
  {
    name: 'databases-for-mongodb',
    displayName: 'Databases for MongoDB',
    family: 'database',
    extraServiceRoles: [],
    database: { protocol: 'mongodb', scheme: 'mongodb', defaultPort: 27017, path: '/ibmclouddb' },
  },
  {
    name: 'databases-for-redis',
    displayName: 'Databases for Redis',
    family: 'database',
    extraServiceRoles: [],
    database: { protocol: 'rediss', scheme: 'rediss', defaultPort: 6379, path: '/0' },
  },
  { name: 'event-notifications', displayName: 'Event Notifications', family: 'event-notifications', extraServiceRoles: ['ChannelEditor'] },
  { name: 'messagehub', displayName: 'Event Streams', family: 'event-streams', extraServiceRoles: [] },
];

export const SUPPORTED_SERVICES: ReadonlyMap<string, SupportedService> = new Map(list.map((s) => [s.name, s]));

export function supportedService(name: string): SupportedService | undefined {
  return SUPPORTED_SERVICES.get(name);
}
