/**
 * How resources and data sources reach the backend the provider block
 * selected: one call that either returns the open backend or leaves a
 * diagnostic saying why there is none.
 */
import type { CredentialBackend } from '../backend/credential-backend.js';
import type { Diagnostics } from '../framework/index.js';
import { addBackendError } from './backend-diagnostics.js';
import type { BackendErrorContext } from './backend-diagnostics.js';
import type { IbmProviderData } from './provider-data.js';

export async function providerBackend(data: IbmProviderData | undefined, d: Diagnostics): Promise<CredentialBackend | undefined> {
  if (data === undefined) {
    d.addError('Provider Not Configured', 'The ibm provider was not configured before this call; this is a bug in the provider or in Terraform, please report it.');
    return undefined;
  }
  if (!data.backend.ok) {
    d.addError(data.backend.summary, data.backend.detail);
    return undefined;
  }
  try {
    return await data.backend.handle.open();
  } catch (reason: unknown) {
    addBackendError(d, reason, { action: `opening the ${data.backend.handle.description}` });
    return undefined;
  }
}

/** Adds the "no backend" error while planning, so a misconfigured provider fails at plan, not at apply. */
export function checkBackendSelected(data: IbmProviderData | undefined, d: Diagnostics): boolean {
  if (data !== undefined && !data.backend.ok) {
    d.addError(data.backend.summary, data.backend.detail);
    return false;
  }
  return true;
}

/** What a backend error diagnostic says about the call: the action, and which backend the provider block selected. */
export function backendErrorContext(data: IbmProviderData | undefined, action: string, attributeFor?: BackendErrorContext['attributeFor']): BackendErrorContext {
  return {
    action,
    ...(attributeFor !== undefined && { attributeFor }),
    ...(data?.backend.ok === true && { backend: data.backend.handle.description }),
  };
}
