/**
 * Mints one version's credential for a source service instance, in the shape
 * that service's resource keys have. Every secret value (API key, password,
 * HMAC keys, client secret) is fresh randomness; endpoints and hostnames are
 * derived from the instance so all versions of one instance agree.
 */
import { createHash } from 'node:crypto';
import type { ResourceKeyRef, ServiceCredentials } from '../credential-backend.js';
import { formatResourceKeyCrn, type RoleCrn, type SourceServiceCrn } from '../validation/parse-crn.js';
import type { SupportedService } from '../validation/supported-services.js';
import { newApiKey, newUuid, randomHex, randomPassword } from './random-values.js';

export interface MintInput {
  /** The source instance CRN as given, and parsed. */
  readonly sourceCrn: string;
  readonly source: SourceServiceCrn;
  readonly role: RoleCrn | undefined;
  readonly serviceIdCrn: string;
  /** Resource key name: the secret's name when the version is minted. */
  readonly keyName: string;
  readonly hmac: boolean;
}

export interface MintedApiKey {
  readonly id: string | undefined;
  readonly name: string;
  readonly description: string;
}

export interface MintedCredential {
  readonly credentials: ServiceCredentials;
  readonly resourceKey: ResourceKeyRef;
  readonly apiKey: MintedApiKey;
}

type Json = Record<string, unknown>;

function regionOf(source: SourceServiceCrn): string {
  return /^[a-z]{2}-[a-z]+$/.test(source.location) ? source.location : 'us-south';
}

/** Stable per-instance token for hostnames. */
function instanceToken(source: SourceServiceCrn, chars = 20): string {
  return createHash('sha256').update(source.serviceInstance).digest('hex').slice(0, chars);
}

function instancePort(source: SourceServiceCrn): number {
  return 30000 + (parseInt(instanceToken(source, 4), 16) % 2768);
}

function iamFields(input: MintInput, apikey: string, apiKey: MintedApiKey): Json {
  return {
    apikey,
    iam_apikey_description: apiKey.description,
    iam_apikey_id: apiKey.id,
    iam_apikey_name: apiKey.name,
    ...(input.role ? { iam_role_crn: input.role.crn } : {}),
    iam_serviceid_crn: input.serviceIdCrn,
  };
}

function objectStorage(input: MintInput, iam: Json): Json {
  return {
    ...iam,
    endpoints: 'https://control.cloud-object-storage.cloud.ibm.com/v2/endpoints',
    resource_instance_id: input.sourceCrn,
    ...(input.hmac ? { cos_hmac_keys: { access_key_id: randomHex(32), secret_access_key: randomHex(48) } } : {}),
  };
}

function appId(input: MintInput, iam: Json): Json {
  const region = regionOf(input.source);
  const base = `https://${region}.appid.cloud.ibm.com`;
  const tenantId = input.source.serviceInstance;
  const oauthServerUrl = `${base}/oauth/v4/${tenantId}`;
  return {
    ...iam,
    appidServiceEndpoint: base,
    clientId: newUuid(),
    discoveryEndpoint: `${oauthServerUrl}/.well-known/openid-configuration`,
    managementUrl: `${base}/management/v4/${tenantId}`,
    oauthServerUrl,
    profilesUrl: base,
    secret: randomPassword(48),
    tenantId,
    version: 4,
  };
}

function appConfiguration(input: MintInput, iam: Json): Json {
  const region = regionOf(input.source);
  return {
    ...iam,
    guid: input.source.serviceInstance,
    region,
    url: `https://${region}.apprapp.cloud.ibm.com/apprapp/feature/v1/instances/${input.source.serviceInstance}`,
  };
}

function cloudant(input: MintInput, iam: Json): Json {
  const username = `${instanceToken(input.source, 8)}-${input.source.serviceInstance}-bluemix`;
  const host = `${username}.cloudantnosqldb.appdomain.cloud`;
  return { ...iam, host, url: `https://${host}`, username };
}

function eventNotifications(input: MintInput, iam: Json): Json {
  return { ...iam, resource_instance_id: input.sourceCrn };
}

function eventStreams(input: MintInput, iam: Json, apikey: string): Json {
  const region = regionOf(input.source);
  const token = instanceToken(input.source, 16);
  const admin = `https://${token}.svc01.${region}.eventstreams.cloud.ibm.com`;
  const brokers = Array.from({ length: 6 }, (_, i) => `broker-${i}-${token}.kafka.svc01.${region}.eventstreams.cloud.ibm.com:9093`);
  return {
    ...iam,
    api_key: apikey,
    instance_id: input.source.serviceInstance,
    kafka_admin_url: admin,
    kafka_brokers_sasl: brokers,
    kafka_http_url: admin,
    password: apikey,
    user: 'token',
  };
}

function composed(db: NonNullable<SupportedService['database']>, user: string, password: string, hosts: readonly { hostname: string; port: number }[]): string {
  const auth = `${user}:${password}@`;
  const hostList = hosts.map((h) => `${h.hostname}:${h.port}`).join(',');
  switch (db.protocol) {
    case 'postgres':
      return `postgres://${auth}${hostList}${db.path}?sslmode=verify-full`;
    case 'mysql':
      return `mysql://${auth}${hostList}${db.path}?ssl-mode=VERIFY_IDENTITY`;
    case 'mongodb':
      return `mongodb://${auth}${hostList}${db.path}?authSource=admin&replicaSet=replset&tls=true`;
    case 'rediss':
      return `rediss://${auth}${hostList}${db.path}`;
    default:
      return `https://${auth}${hostList}`;
  }
}

function database(input: MintInput, service: SupportedService): Json {
  const db = service.database ?? { protocol: 'https', scheme: 'https', defaultPort: 443, path: '' };
  const region = regionOf(input.source);
  const username = `ibm_cloud_${newUuid().replace(/-/g, '_')}`;
  const password = randomPassword(32);
  const hostCount = db.protocol === 'mongodb' ? 3 : 1;
  const port = instancePort(input.source);
  const hosts = Array.from({ length: hostCount }, (_, i) => ({
    hostname: `${input.source.serviceInstance}-${i}.${instanceToken(input.source)}.databases.appdomain.cloud`,
    port,
  }));
  const certName = input.source.serviceInstance;
  const pem = `-----BEGIN CERTIFICATE-----\nLOCAL-CA-${instanceToken(input.source, 32)}\n-----END CERTIFICATE-----\n`;
  const database = db.path.replace(/^\//, '');
  return {
    connection: {
      [db.protocol]: {
        authentication: { method: 'direct', password, username },
        certificate: { certificate_base64: Buffer.from(pem).toString('base64'), name: certName },
        composed: [composed(db, username, password, hosts)],
        ...(database !== '' ? { database } : {}),
        hosts,
        path: db.path,
        query_options: db.protocol === 'postgres' ? { sslmode: 'verify-full' } : {},
        scheme: db.scheme,
        type: 'uri',
      },
    },
    instance_administration_api: {
      deployment_id: input.sourceCrn,
      instance_id: input.sourceCrn,
      root: `https://api.${region}.databases.cloud.ibm.com/v5/ibm`,
    },
  };
}

export function mintCredential(input: MintInput): MintedCredential {
  const service = input.source.service;
  const resourceKey: ResourceKeyRef = { crn: formatResourceKeyCrn(input.source, newUuid()), name: input.keyName };
  const usesIamKey = service.family !== 'database';
  const apiKey: MintedApiKey = {
    id: usesIamKey ? `ApiKey-${newUuid()}` : undefined,
    name: input.keyName,
    description: `Auto-generated for key ${resourceKey.crn}`,
  };
  if (!usesIamKey) return { credentials: database(input, service), resourceKey, apiKey };

  const apikey = newApiKey();
  const iam = iamFields(input, apikey, apiKey);
  let credentials: Json;
  switch (service.family) {
    case 'cloud-object-storage':
      credentials = objectStorage(input, iam);
      break;
    case 'appid':
      credentials = appId(input, iam);
      break;
    case 'app-configuration':
      credentials = appConfiguration(input, iam);
      break;
    case 'cloudant':
      credentials = cloudant(input, iam);
      break;
    case 'event-notifications':
      credentials = eventNotifications(input, iam);
      break;
    case 'event-streams':
      credentials = eventStreams(input, iam, apikey);
      break;
  }
  return { credentials, resourceKey, apiKey };
}
