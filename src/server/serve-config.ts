/**
 * `ibm-sm serve` settings from its flags and the environment, validated
 * without side effects. Errors never quote an API key.
 */
import { parseFaultPlan, type FaultPlan } from './fault-injector.js';
import { UUID_PATTERN } from '../backend/validation/index.js';
import { parseApiKeyGrants, type ApiKeyGrant } from './iam-issuer.js';

/** Environment variables the serve command reads (besides the CLI's own). */
export const SERVE_ENV = {
  apiKeys: 'IBM_SM_SERVER_API_KEYS',
  faults: 'IBM_SM_SERVER_FAULTS',
} as const;

/** Raw flag values as the CLI parsed them. */
export interface ServeFlags {
  readonly port?: string;
  readonly host?: string;
  readonly instanceId?: string;
  readonly region?: string;
  readonly apiKeys?: readonly string[];
  readonly tokenLifetime?: string;
  readonly dueWorkInterval?: string;
  readonly faults?: string;
}

export interface ServeConfig {
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

function integer(raw: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ServeUsageError(`--${flag} must be an integer from ${min} to ${max}`);
  }
  return Number(raw);
}

function rethrowAsUsage<T>(run: () => T): T {
  try {
    return run();
  } catch (reason: unknown) {
    throw new ServeUsageError(reason instanceof Error ? reason.message : String(reason));
  }
}

export function serveConfig(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const apiKeys = rethrowAsUsage(() => parseApiKeyGrants([...(flags.apiKeys ?? []), env[SERVE_ENV.apiKeys] ?? '']));
  if (apiKeys.length === 0) {
    throw new ServeUsageError(`at least one API key is required: --api-key KEY=ROLE or ${SERVE_ENV.apiKeys}="KEY=ROLE,..."`);
  }
  const faultSpec = flags.faults ?? env[SERVE_ENV.faults];
  const faults = faultSpec === undefined || faultSpec === '' ? undefined : rethrowAsUsage(() => parseFaultPlan(faultSpec));
  // The engine addresses instances by lowercase UUID, as Secrets Manager does.
  if (flags.instanceId !== undefined && !UUID_PATTERN.test(flags.instanceId)) {
    throw new ServeUsageError('--instance-id must be a lowercase UUID, e.g. 0b5571f7-21e6-42b7-91c5-3f5ac9793a46');
  }
  return {
    port: integer(flags.port, 'port', 8080, 0, 65535),
    host: flags.host ?? '127.0.0.1',
    ...(flags.instanceId === undefined ? {} : { instanceId: flags.instanceId }),
    region: flags.region ?? 'us-south',
    apiKeys,
    tokenLifetimeSeconds: integer(flags.tokenLifetime, 'token-lifetime', 3600, 1, 86_400),
    dueWorkIntervalMs: integer(flags.dueWorkInterval, 'due-work-interval', 30, 0, 86_400) * 1000,
    ...(faults === undefined ? {} : { faults }),
  };
}
