/**
 * Checks shared by the acceptance tests: "gone from the backend" after
 * destroy, and the API's view of a secret through bin/ibm-sm.
 */
import type { StateJson } from '../harness/index.js';
import { allResources } from '../harness/index.js';
import type { AccInstance } from './acc-target.js';

/** CheckDestroy: every secret and group the last state held is gone from the store (the CLI answers NotFound). */
export function goneFromBackend(inst: AccInstance): (state: StateJson | undefined) => Promise<void> {
  return async (state) => {
    for (const r of allResources(state?.values)) {
      if (r.mode === 'data') continue;
      const v = r.values as Record<string, unknown>;
      const args =
        r.type === 'ibm_sm_service_credentials_secret'
          ? ['secret-metadata', '--id', String(v['secret_id'])]
          : r.type === 'ibm_sm_secret_group'
            ? ['secret-group', '--id', String(v['secret_group_id'])]
            : undefined;
      if (args === undefined) continue;
      const res = await inst.cliRaw(args);
      if (res.code === 0 || !/NotFound/.test(res.stderr)) {
        throw new Error(`${r.address} still exists in the backend after destroy (ibm-sm ${args.join(' ')} → exit ${res.code}: ${res.stderr.trim()})`);
      }
    }
  };
}

/** The secret as the API returns it (with credentials). */
export async function apiSecret(inst: AccInstance, id: string): Promise<Record<string, unknown> & { credentials: Record<string, unknown> }> {
  return (await inst.cli(['secret', '--id', id])) as Record<string, unknown> & { credentials: Record<string, unknown> };
}

export function attr(state: StateJson, address: string, key: string): unknown {
  const found = allResources(state.values).find((r) => r.address === address);
  if (found === undefined) throw new Error(`${address} is not in the state`);
  return (found.values as Record<string, unknown>)[key];
}
