// Public surface of the IBM Cloud Secrets Manager REST backend; everything else here is internal.
export { createIbmCloudBackend } from './ibm-cloud-backend.js';
export type { IbmCloudBackendOptions } from './ibm-cloud-backend.js';
export { DEFAULT_IAM_ENDPOINT, serviceBaseUrl, iamTokenUrl } from './endpoints.js';
export type { Visibility } from './endpoints.js';
export { defaultUserAgent, PROVIDER_VERSION } from './user-agent.js';
