/**
 * The `provider "ibm" {}` block: every top-level argument of the official
 * IBM-Cloud/ibm provider (so existing provider blocks keep working; the ones
 * for other IBM services are accepted and unused), plus this provider's
 * backend choices: `secrets_manager_endpoint`, `iam_endpoint` and
 * `local_store`.
 *
 * `resolveProviderConfig` applies the official environment fallbacks and
 * defaults and returns a frozen, typed IbmProviderConfig. Credentials are
 * SecretValue objects: they print as "[redacted]" in logs, JSON and
 * messages, and give their text only through `reveal()`.
 */
import type { AttributeSchema, ReadonlyObjectData } from '../framework/index.js';
import {
  conflictsWith,
  defineSchema,
  Diagnostics,
  intAtLeast,
  intBetween,
  oneOf,
  stringLengthAtLeast,
  stringMatches,
  validator,
} from '../framework/index.js';
import { Types } from '../tftypes/type.js';
import type { TfValue } from '../tftypes/value.js';

// ---- secrets --------------------------------------------------------------------

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** A credential that never shows up in logs, JSON, string interpolation or inspection. */
export class SecretValue {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [INSPECT](): string {
    return 'SecretValue([redacted])';
  }
}

// ---- schema ---------------------------------------------------------------------

export type Visibility = 'public' | 'private' | 'public-and-private';

const str = (description: string, extra: Partial<AttributeSchema> = {}): AttributeSchema => ({
  type: Types.string,
  mode: 'optional',
  description,
  ...extra,
});
const num = (description: string, extra: Partial<AttributeSchema> = {}): AttributeSchema => ({
  type: Types.number,
  mode: 'optional',
  description,
  ...extra,
});
const secret = (description: string, extra: Partial<AttributeSchema> = {}): AttributeSchema => str(description, { sensitive: true, ...extra });

/** An endpoint URL; {instance_id} and {region} placeholders count as host name text. */
function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text.replaceAll('{instance_id}', 'instance').replaceAll('{region}', 'region'));
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const httpUrl = validator('must be an http or https URL', (req, d) => {
  if (!isHttpUrl(req.value.value as string)) {
    d.addAttributeError(req.path, 'Invalid Endpoint URL', `Attribute ${req.path.toString()} must be an http or https URL, such as https://iam.cloud.ibm.com.`);
  }
});

// Region and zone names: lower-case words joined by dashes.
const LOCATION_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;
const REGION_PATTERN = stringMatches(LOCATION_NAME, 'must be an IBM Cloud region name such as us-south or eu-de');
const ZONE_PATTERN = stringMatches(LOCATION_NAME, 'must be an IBM Cloud zone name such as us-south-1');
const VISIBILITIES: readonly Visibility[] = ['public', 'private', 'public-and-private'];

export const IBM_PROVIDER_SCHEMA = defineSchema(
  {
    description:
      'IBM Cloud Secrets Manager service credentials. Accepts the provider block of the official IBM-Cloud/ibm provider; ' +
      'credentials may also come from the environment (IC_API_KEY, IC_REGION, ...).',
    attributes: {
      // Credentials and account.
      ibmcloud_api_key: secret('The IBM Cloud API key. Environment: IC_API_KEY, IBMCLOUD_API_KEY.', { validators: [stringLengthAtLeast(1)] }),
      bluemix_api_key: secret('The Bluemix API key. Environment: BM_API_KEY, BLUEMIX_API_KEY.', {
        deprecationMessage: 'This field is deprecated please use ibmcloud_api_key',
      }),
      ibmcloud_account_id: str('The IBM Cloud account ID. Environment: IC_ACCOUNT_ID, IBMCLOUD_ACCOUNT_ID.'),
      iam_token: secret('IAM authentication token. Environment: IC_IAM_TOKEN, IBMCLOUD_IAM_TOKEN.'),
      iam_refresh_token: secret('IAM authentication refresh token. Environment: IC_IAM_REFRESH_TOKEN, IBMCLOUD_IAM_REFRESH_TOKEN.'),
      iam_profile_id: str('IAM trusted profile ID. Environment: IC_IAM_PROFILE_ID, IBMCLOUD_IAM_PROFILE_ID.'),
      iam_profile_name: str('IAM trusted profile name. Environment: IC_IAM_PROFILE_NAME, IBMCLOUD_IAM_PROFILE_NAME.'),
      // Location and endpoints.
      region: str('The IBM Cloud region (for example us-south). Environment: IC_REGION, IBMCLOUD_REGION, BM_REGION, BLUEMIX_REGION. Default us-south.', {
        validators: [REGION_PATTERN],
      }),
      zone: str('The IBM Cloud zone of the region (for example us-south-1). Environment: IC_ZONE, IBMCLOUD_ZONE.', { validators: [ZONE_PATTERN] }),
      resource_group: str('The resource group ID. Environment: IC_RESOURCE_GROUP, IBMCLOUD_RESOURCE_GROUP.'),
      visibility: str('Which endpoints to use: public, private or public-and-private. Environment: IC_VISIBILITY, IBMCLOUD_VISIBILITY. Default public.', {
        validators: [oneOf(...VISIBILITIES)],
      }),
      private_endpoint_type: str('Private endpoint type used with private visibility: vpe. Environment: IC_PRIVATE_ENDPOINT_TYPE, IBMCLOUD_PRIVATE_ENDPOINT_TYPE.', {
        validators: [oneOf('vpe')],
      }),
      endpoints_file_path: str('Path of a JSON file mapping services to private and public regional endpoints. Environment: IC_ENDPOINTS_FILE_PATH, IBMCLOUD_ENDPOINTS_FILE_PATH.', {
        validators: [stringLengthAtLeast(1)],
      }),
      ibmcloud_timeout: num('Timeout in seconds of IBM Cloud API calls. Environment: IC_TIMEOUT, IBMCLOUD_TIMEOUT. Default 60.', {
        validators: [intBetween(1, 86400)],
      }),
      bluemix_timeout: num('Timeout in seconds of Bluemix API calls. Environment: BM_TIMEOUT, BLUEMIX_TIMEOUT.', {
        deprecationMessage: 'This field is deprecated please use ibmcloud_timeout',
        validators: [intBetween(1, 86400)],
      }),
      max_retries: num('Retries of an API call after network errors and rate limiting. Environment: MAX_RETRIES. Default 10.', {
        validators: [intAtLeast(0)],
      }),
      // Accepted for compatibility with existing provider blocks; not used by this provider.
      softlayer_api_key: secret('The SoftLayer API key (not used by this provider).', { deprecationMessage: 'This field is deprecated please use iaas_classic_api_key' }),
      softlayer_username: str('The SoftLayer user name (not used by this provider).', { deprecationMessage: 'This field is deprecated please use iaas_classic_username' }),
      softlayer_endpoint_url: str('The SoftLayer endpoint (not used by this provider).', { deprecationMessage: 'This field is deprecated please use iaas_classic_endpoint_url' }),
      softlayer_timeout: num('Timeout in seconds of SoftLayer API calls (not used by this provider).', { deprecationMessage: 'This field is deprecated please use iaas_classic_timeout' }),
      iaas_classic_api_key: secret('The Classic Infrastructure API key (not used by this provider).'),
      iaas_classic_username: str('The Classic Infrastructure user name (not used by this provider).'),
      iaas_classic_endpoint_url: str('The Classic Infrastructure endpoint (not used by this provider).'),
      iaas_classic_timeout: num('Timeout in seconds of Classic Infrastructure API calls (not used by this provider).'),
      function_namespace: str('The IBM Cloud Functions namespace (not used by this provider).', { deprecationMessage: 'This field will be deprecated soon' }),
      riaas_endpoint: str('The next generation infrastructure service endpoint (not used by this provider).', { deprecationMessage: 'This field is deprecated use generation' }),
      generation: num('Generation of Virtual Private Cloud (not used by this provider).', {
        deprecationMessage: 'The generation field is deprecated and will be removed after couple of releases',
      }),
      // This provider's backend choices.
      secrets_manager_endpoint: str(
        'Secrets Manager API endpoint to use instead of the regional one; may contain {instance_id} and {region}. Environment: IBMCLOUD_SECRETS_MANAGER_API_ENDPOINT.',
        { validators: [httpUrl] },
      ),
      iam_endpoint: str('IAM endpoint for API-key token exchange. Environment: IBMCLOUD_IAM_API_ENDPOINT. Default https://iam.cloud.ibm.com.', {
        validators: [httpUrl],
      }),
      local_store: str('Path of a local Secrets Manager store file (the embedded engine) instead of IBM Cloud. Environment: IBM_SM_LOCAL_STORE.', {
        validators: [stringLengthAtLeast(1)],
      }),
    },
  },
  'provider',
);

export const IBM_PROVIDER_CONFIG_VALIDATORS = [conflictsWith('local_store', 'secrets_manager_endpoint')];

// ---- resolved configuration ------------------------------------------------------

/**
 * The provider configuration after environment fallbacks and defaults: what
 * resources and data sources receive as `providerData.config`.
 */
export interface IbmProviderConfig {
  readonly apiKey: SecretValue | undefined;
  readonly iamToken: SecretValue | undefined;
  readonly iamRefreshToken: SecretValue | undefined;
  readonly iamProfileId: string | undefined;
  readonly iamProfileName: string | undefined;
  readonly accountId: string | undefined;
  readonly region: string;
  readonly zone: string | undefined;
  readonly resourceGroup: string | undefined;
  readonly visibility: Visibility;
  readonly privateEndpointType: 'vpe' | undefined;
  readonly endpointsFilePath: string | undefined;
  /** Seconds; default 60. */
  readonly timeoutSeconds: number;
  /** Default 10. */
  readonly maxRetries: number;
  readonly secretsManagerEndpoint: string | undefined;
  readonly iamEndpoint: string | undefined;
  readonly localStore: string | undefined;
}

export const DEFAULT_REGION = 'us-south';
export const DEFAULT_TIMEOUT_SECONDS = 60;
export const DEFAULT_MAX_RETRIES = 10;

/** Environment variables consulted (in order) when an argument is not set in the block. */
export const ENV_FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  ibmcloud_api_key: ['IC_API_KEY', 'IBMCLOUD_API_KEY'],
  bluemix_api_key: ['BM_API_KEY', 'BLUEMIX_API_KEY'],
  ibmcloud_account_id: ['IC_ACCOUNT_ID', 'IBMCLOUD_ACCOUNT_ID'],
  iam_token: ['IC_IAM_TOKEN', 'IBMCLOUD_IAM_TOKEN'],
  iam_refresh_token: ['IC_IAM_REFRESH_TOKEN', 'IBMCLOUD_IAM_REFRESH_TOKEN'],
  iam_profile_id: ['IC_IAM_PROFILE_ID', 'IBMCLOUD_IAM_PROFILE_ID'],
  iam_profile_name: ['IC_IAM_PROFILE_NAME', 'IBMCLOUD_IAM_PROFILE_NAME'],
  region: ['IC_REGION', 'IBMCLOUD_REGION', 'BM_REGION', 'BLUEMIX_REGION'],
  zone: ['IC_ZONE', 'IBMCLOUD_ZONE'],
  resource_group: ['IC_RESOURCE_GROUP', 'IBMCLOUD_RESOURCE_GROUP', 'BM_RESOURCE_GROUP', 'BLUEMIX_RESOURCE_GROUP'],
  visibility: ['IC_VISIBILITY', 'IBMCLOUD_VISIBILITY'],
  private_endpoint_type: ['IC_PRIVATE_ENDPOINT_TYPE', 'IBMCLOUD_PRIVATE_ENDPOINT_TYPE'],
  endpoints_file_path: ['IC_ENDPOINTS_FILE_PATH', 'IBMCLOUD_ENDPOINTS_FILE_PATH'],
  ibmcloud_timeout: ['IC_TIMEOUT', 'IBMCLOUD_TIMEOUT'],
  bluemix_timeout: ['BM_TIMEOUT', 'BLUEMIX_TIMEOUT'],
  max_retries: ['MAX_RETRIES'],
  secrets_manager_endpoint: ['IBMCLOUD_SECRETS_MANAGER_API_ENDPOINT'],
  iam_endpoint: ['IBMCLOUD_IAM_API_ENDPOINT'],
  local_store: ['IBM_SM_LOCAL_STORE'],
};

interface Source {
  readonly text: string;
  /** "ibmcloud_timeout" or "IC_TIMEOUT (environment)": for messages. */
  readonly origin: string;
  readonly fromEnv: boolean;
}

/**
 * Resolves the block plus environment into an IbmProviderConfig; problems
 * (unknown values, invalid environment values) go to `diagnostics` with the
 * attribute path, and the result is then undefined.
 */
export function resolveProviderConfig(
  config: ReadonlyObjectData,
  env: NodeJS.ProcessEnv,
  diagnostics: Diagnostics,
): IbmProviderConfig | undefined {
  const d = new Diagnostics();
  const source = (name: string): Source | undefined => {
    const v: TfValue = config.getValue(name);
    if (v.state === 'unknown') {
      d.addAttributeError(
        name,
        'Unknown Provider Configuration',
        `The provider cannot be configured because ${name} depends on a value that is only known after apply. ` +
          `Set ${name} to a value known at plan time, or use the environment variable instead.`,
      );
      return undefined;
    }
    if (v.state === 'known') return { text: String(v.value), origin: name, fromEnv: false };
    for (const key of ENV_FALLBACKS[name] ?? []) {
      const text = env[key];
      if (text !== undefined && text !== '') return { text, origin: `${key} (environment)`, fromEnv: true };
    }
    return undefined;
  };
  const text = (name: string): string | undefined => source(name)?.text;
  const secretOf = (...names: string[]): SecretValue | undefined => {
    for (const n of names) {
      const s = source(n);
      if (s !== undefined) return new SecretValue(s.text);
    }
    return undefined;
  };
  const integer = (name: string, min: number, fallback: number, ...alternatives: string[]): number => {
    for (const n of [name, ...alternatives]) {
      const s = source(n);
      if (s === undefined) continue;
      const value = Number(s.text);
      if (!Number.isInteger(value) || value < min || s.text.trim() === '') {
        d.addAttributeError(name, 'Invalid Provider Configuration', `${s.origin} must be a whole number of at least ${min}.`);
        return fallback;
      }
      return value;
    }
    return fallback;
  };
  const fromEnvOnly = (name: string, check: (t: string) => boolean, what: string): string | undefined => {
    const s = source(name);
    if (s === undefined) return undefined;
    // Values from the block were validated already; environment values are checked here.
    if (s.fromEnv && !check(s.text)) {
      d.addAttributeError(name, 'Invalid Provider Configuration', `${s.origin} ${what}.`);
      return undefined;
    }
    return s.text;
  };

  const visibility = fromEnvOnly('visibility', (t) => (VISIBILITIES as readonly string[]).includes(t), `must be one of ${VISIBILITIES.map((v) => JSON.stringify(v)).join(', ')}`);
  const privateEndpointType = fromEnvOnly('private_endpoint_type', (t) => t === 'vpe', 'must be "vpe"');
  const resolved: IbmProviderConfig = {
    apiKey: secretOf('ibmcloud_api_key', 'bluemix_api_key'),
    iamToken: secretOf('iam_token'),
    iamRefreshToken: secretOf('iam_refresh_token'),
    iamProfileId: text('iam_profile_id'),
    iamProfileName: text('iam_profile_name'),
    accountId: text('ibmcloud_account_id'),
    region: fromEnvOnly('region', (t) => LOCATION_NAME.test(t), 'must be an IBM Cloud region name such as us-south') ?? DEFAULT_REGION,
    zone: text('zone'),
    resourceGroup: text('resource_group'),
    visibility: (visibility ?? 'public') as Visibility,
    privateEndpointType: privateEndpointType === 'vpe' ? 'vpe' : undefined,
    endpointsFilePath: text('endpoints_file_path'),
    timeoutSeconds: integer('ibmcloud_timeout', 1, DEFAULT_TIMEOUT_SECONDS, 'bluemix_timeout'),
    maxRetries: integer('max_retries', 0, DEFAULT_MAX_RETRIES),
    secretsManagerEndpoint: fromEnvOnly('secrets_manager_endpoint', isHttpUrl, 'must be an http or https URL'),
    iamEndpoint: fromEnvOnly('iam_endpoint', isHttpUrl, 'must be an http or https URL'),
    localStore: text('local_store'),
  };
  diagnostics.append(d);
  return d.hasError() ? undefined : Object.freeze(resolved);
}
