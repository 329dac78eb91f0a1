/**
 * AutoMTLS as go-plugin hosts request it: when PLUGIN_CLIENT_CERT holds the
 * host's certificate, trust exactly that certificate, require it from every
 * client, and present a fresh in-memory server certificate. Plain (h2c) only
 * when TF_DISABLE_PLUGIN_TLS is set.
 */
import type { TlsOptions } from './grpc-server.js';
import { generateServerCertificate } from './server-certificate.js';

export type TransportSecurity =
  | { readonly kind: 'mtls'; readonly tls: TlsOptions; readonly certDer: Buffer }
  | { readonly kind: 'plain' }
  | { readonly kind: 'refused'; readonly message: string };

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

export function transportSecurityFromEnv(env: NodeJS.ProcessEnv): TransportSecurity {
  const clientCert = env['PLUGIN_CLIENT_CERT'];
  if (clientCert !== undefined && clientCert !== '') {
    if (!PEM_CERT.test(clientCert)) {
      return { kind: 'refused', message: 'PLUGIN_CLIENT_CERT does not hold a PEM certificate.\n' };
    }
    const cert = generateServerCertificate();
    return {
      kind: 'mtls',
      tls: { keyPem: cert.keyPem, certPem: cert.certPem, clientCaPem: clientCert },
      certDer: cert.certDer,
    };
  }
  if (env['TF_DISABLE_PLUGIN_TLS']) return { kind: 'plain' };
  return {
    kind: 'refused',
    message:
      'PLUGIN_CLIENT_CERT is not set, so the host did not ask for mutual TLS. ' +
      'Set TF_DISABLE_PLUGIN_TLS=1 to serve without TLS, or run the provider with --debug.\n',
  };
}
