// What a go-plugin host (Terraform) hands a provider it starts: the magic
// cookie, the protocol versions and, for AutoMTLS, its own client certificate.
// Used by the build (code cache run) and the start-up benchmark; the cookie and
// certificate code are the provider's own (src/plugin), bundled on the fly.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ENTRY = `
export { derToPem, generateServerCertificate } from './src/plugin/server-certificate.ts';
export { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from './src/plugin/handshake.ts';
`;

/** { env, clientCert: { keyPem, certPem, certDer }, derToPem } for starting a provider like Terraform does. */
export async function pluginHost(root) {
  const require = createRequire(join(root, 'package.json'));
  const out = await require('esbuild').build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, require);
  const { derToPem, generateServerCertificate, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } = mod.exports;
  const clientCert = generateServerCertificate();
  return {
    env: { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: clientCert.certPem },
    clientCert,
    derToPem,
  };
}
