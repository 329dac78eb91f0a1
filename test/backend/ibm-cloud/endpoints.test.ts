import { iamTokenUrl, serviceBaseUrl } from '../../../src/backend/ibm-cloud/endpoints.js';

const inst = { instanceId: '6ebc4224-e983-496a-8a54-f40a0bfa9175', region: 'us-east' };
const iam = 'https://iam.cloud.ibm.com';

describe('endpoints', () => {
  it('builds the public and private per-instance URLs like the official provider', () => {
    expect(serviceBaseUrl(inst, { iamEndpoint: iam, visibility: 'public' })).toBe(
      'https://6ebc4224-e983-496a-8a54-f40a0bfa9175.us-east.secrets-manager.appdomain.cloud',
    );
    expect(serviceBaseUrl({ ...inst, endpointType: 'private' }, { iamEndpoint: iam, visibility: 'public' })).toBe(
      'https://6ebc4224-e983-496a-8a54-f40a0bfa9175.private.us-east.secrets-manager.appdomain.cloud',
    );
  });

  it('follows the provider visibility unless the resource sets endpoint_type', () => {
    expect(serviceBaseUrl(inst, { iamEndpoint: iam, visibility: 'private' })).toContain('.private.us-east.');
    expect(serviceBaseUrl(inst, { iamEndpoint: iam, visibility: 'public-and-private' })).toContain('.private.us-east.');
    expect(serviceBaseUrl({ ...inst, endpointType: 'public' }, { iamEndpoint: iam, visibility: 'private' })).not.toContain(
      'private',
    );
  });

  it('uses the staging domain with a test IAM endpoint', () => {
    expect(serviceBaseUrl(inst, { iamEndpoint: 'https://iam.test.cloud.ibm.com', visibility: 'public' })).toMatch(
      /\.secrets-manager\.test\.appdomain\.cloud$/,
    );
  });

  it('fills {instance_id} and {region} of an explicit endpoint', () => {
    const settings = {
      iamEndpoint: iam,
      visibility: 'public' as const,
      secretsManagerEndpoint: 'http://127.0.0.1:8080/instances/{instance_id}/',
    };
    expect(serviceBaseUrl(inst, settings)).toBe('http://127.0.0.1:8080/instances/6ebc4224-e983-496a-8a54-f40a0bfa9175');
    expect(serviceBaseUrl(inst, { ...settings, secretsManagerEndpoint: 'https://{instance_id}.{region}.example' })).toBe(
      'https://6ebc4224-e983-496a-8a54-f40a0bfa9175.us-east.example',
    );
  });

  it('appends /identity/token to the IAM endpoint once', () => {
    expect(iamTokenUrl('https://iam.cloud.ibm.com/')).toBe('https://iam.cloud.ibm.com/identity/token');
    expect(iamTokenUrl('http://127.0.0.1:1/identity/token')).toBe('http://127.0.0.1:1/identity/token');
  });
});
