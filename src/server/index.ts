// Public surface of the local Secrets Manager v2 server; everything else here is internal.
export { startSmServer } from './sm-server.js';
export type { DueWorkBackend, SmServer, SmServerOptions } from './sm-server.js';
export { parseApiKeyGrants, iamIdForApiKey, ROLES } from './iam-issuer.js';
export type { ApiKeyGrant, Role } from './iam-issuer.js';
export { parseFaultPlan } from './fault-injector.js';
export type { FaultPlan } from './fault-injector.js';
