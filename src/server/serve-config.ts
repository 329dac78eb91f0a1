/**
 * `ibm-sm serve` options from argv and the environment, validated without
 * side effects. Errors never quote an API key.
 */
import { parseArgs } from 'node:util';
import { parseFaultPlan, type FaultPlan } from './fault-injector.js';
import { parseApiKeyGrants, type ApiKeyGrant } from './iam-issuer.js';

export const SERVE_USAGE =
  'usage: ibm-sm serve --store PATH [--port N] [--host 127.0.0.1] [--instance-id ID] [--region R] ' +
  '[--api-key KEY=ROLE]... [--token-lifetime SECONDS] [--due-work-interval SECONDS] [--faults SPEC (testing only)]';

/** Environment variables the serve command reads. */
export const SERVE_ENV = {
  store: 'IBM_SM_LOCAL_STORE',
  apiKeys: 'IBM_SM_SERVER_API_KEYS',
  faults: 'IBM_SM_SERVER_FAULTS',
  logLevel: 'IBM_SM_SERVER_LOG',
} as const;

export interface ServeConfig {
  readonly store: string;
  readonly port: number;
  readonly host: string;
  readonly instanceId?: string;
  readonly region: string;
  readonly apiKeys: readonly ApiKeyGrant[];
  readonly tokenLifetimeSeconds: number;
  readonly dueWorkIntervalMs: number;
  readonly faults?: FaultPlan;
}

export class ServeUsageError extends Error {
  override readonly name = 'ServeUsageError';
}

function integer(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ServeUsageError(`--${name} must be an integer from ${min} to ${max}.`);
  }
  return Number(raw);
}

export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        store: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'instance-id': { type: 'string' },
        region: { type: 'string' },
        'api-key': { type: 'string', multiple: true },
        'token-lifetime': { type: 'string' },
        'due-work-interval': { type: 'string' },
        faults: { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (reason: unknown) {
    // parseArgs messages quote the offending option, never its value.
    throw new ServeUsageError(reason instanceof Error ? reason.message : String(reason));
  }
  const store = values.store ?? env[SERVE_ENV.store];
  if (store === undefined || store === '') throw new ServeUsageError(`--store PATH is required (or set ${SERVE_ENV.store}).`);
  let apiKeys: ApiKeyGrant[];
  try {
    apiKeys = parseApiKeyGrants([...(values['api-key'] ?? []), env[SERVE_ENV.apiKeys] ?? '']);
  } catch (reason: unknown) {
    throw new ServeUsageError(reason instanceof Error ? reason.message : String(reason));
  }
  if (apiKeys.length === 0) {
    throw new ServeUsageError(`at least one API key is required: --api-key KEY=ROLE or ${SERVE_ENV.apiKeys}="KEY=ROLE,...".`);
  }
  const faultSpec = values.faults ?? env[SERVE_ENV.faults];
  let faults: FaultPlan | undefined;
  try {
    faults = faultSpec === undefined || faultSpec === '' ? undefined : parseFaultPlan(faultSpec);
  } catch (reason: unknown) {
    throw new ServeUsageError(reason instanceof Error ? reason.message : String(reason));
  }
  const instanceId = values['instance-id'];
  if (instanceId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(instanceId)) {
    throw new ServeUsageError('--instance-id must be letters, digits and dashes (a UUID, typically).');
  }
  return {
    store,
    port: integer(values.port, 'port', 8080, 0, 65535),
    host: values.host ?? '127.0.0.1',
    ...(instanceId === undefined ? {} : { instanceId }),
    region: values.region ?? 'us-south',
    apiKeys,
    tokenLifetimeSeconds: integer(values['token-lifetime'], 'token-lifetime', 3600, 1, 86_400),
    dueWorkIntervalMs: integer(values['due-work-interval'], 'due-work-interval', 30, 0, 86_400) * 1000,
    ...(faults === undefined ? {} : { faults }),
  };
}
