#!/usr/bin/env node
// `npm run bench:startup`: median time from spawn to the handshake line of the
// built provider on the real AutoMTLS path (PLUGIN_CLIENT_CERT set, as
// Terraform does), next to a bare `node -e` start measured in the same run,
// interleaved so machine load affects both alike. Target: ratio <= 1.5.
//
//   node scripts/bench-startup.mjs [--runs N] [--provider PATH] [--variants] [--rpc]
// --variants also measures the provider without its V8 code cache.
// --rpc also measures spawn → first GetProviderSchema answered over mTLS (grpc-js
//       client): node:http2 and the provider code load after the handshake line,
//       so this shows what Terraform waits for in total.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { pluginHost } from './plugin-host.mjs';

const root = process.cwd();
const require = createRequire(join(root, 'package.json'));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    provider: { type: 'string' },
    variants: { type: 'boolean', default: false },
    rpc: { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number.parseInt(values.runs, 10) || 30);

const candidates = [join(root, 'dist/provider/terraform-provider-ibm'), join(root, 'dist/test-providers/stub/terraform-provider-stub')];
const provider = values.provider !== undefined ? resolve(values.provider) : candidates.find((p) => existsSync(p));
if (provider === undefined || !existsSync(provider)) {
  console.error('bench: no built provider; run npm run build first');
  process.exit(1);
}

const baseEnv = { ...process.env };
for (const k of Object.keys(baseEnv)) if (k.startsWith('TF_LOG') || k.startsWith('TF_PROVIDER_')) delete baseEnv[k];
const host = await pluginHost(root);
const providerEnv = { ...baseEnv, ...host.env, PLUGIN_MIN_PORT: '10000', PLUGIN_MAX_PORT: '25000' };

/** ms from spawn until the first stdout bytes; the child is stopped and reaped before returning. */
function timeToFirstLine(command, args, env) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let elapsed;
    child.stdout.once('data', (chunk) => {
      elapsed = performance.now() - start;
      if (!String(chunk).includes('|')) reject(new Error(`unexpected first line: ${String(chunk).trim()}`));
      child.kill('SIGTERM');
    });
    child.on('error', reject);
    child.on('exit', () => (elapsed === undefined ? reject(new Error(`${command} exited without a line`)) : resolve(elapsed)));
  });
}

/** ms from spawn until GetProviderSchema is answered, Terraform's first call. */
function timeToFirstRpc(command, env) {
  const grpc = require('@grpc/grpc-js');
  const protoLoader = require('@grpc/proto-loader');
  const def = protoLoader.loadSync('tfplugin6.proto', { includeDirs: [join(root, 'proto')], keepCase: true });
  const Provider = grpc.loadPackageDefinition(def).tfplugin6.Provider;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, [], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let elapsed;
    child.stdout.once('data', (chunk) => {
      const [, , network, address, , cert] = String(chunk).trim().split('|');
      const pem = host.derToPem(Buffer.from(cert, 'base64'));
      const creds = grpc.credentials.createSsl(Buffer.from(pem), Buffer.from(host.clientCert.keyPem), Buffer.from(host.clientCert.certPem));
      const client = new Provider(network === 'unix' ? `unix://${address}` : address, creds, {
        'grpc.ssl_target_name_override': 'localhost',
        'grpc.max_receive_message_length': 256 << 20,
      });
      client.GetProviderSchema({}, (err) => {
        elapsed = performance.now() - start;
        client.close();
        child.kill('SIGTERM');
        if (err) reject(err);
      });
    });
    child.on('error', reject);
    child.on('exit', () => (elapsed === undefined ? reject(new Error(`${command} exited early`)) : resolve(elapsed)));
  });
}

const variants = [
  { name: 'bare node -e', run: () => timeToFirstLine(process.execPath, ['-e', 'process.stdout.write("1|\\n")'], baseEnv) },
  { name: 'provider', run: () => timeToFirstLine(provider, [], providerEnv) },
];
if (values.variants) {
  variants.push({
    name: 'provider, no code cache',
    run: () => timeToFirstLine(provider, [], { ...providerEnv, TF_PROVIDER_CODE_CACHE: 'off' }),
  });
}

if (values.rpc) variants.push({ name: 'provider, first RPC', run: () => timeToFirstRpc(provider, providerEnv) });

const samples = new Map(variants.map((v) => [v.name, []]));
for (const v of variants) await v.run(); // warm the file cache
for (let i = 0; i < runs; i++) for (const v of variants) samples.get(v.name).push(await v.run());

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const bare = median(samples.get('bare node -e'));
console.log(`provider: ${relative(root, provider)}  runs: ${runs}  node ${process.version}`);
for (const v of variants) {
  const m = median(samples.get(v.name));
  console.log(`${v.name.padEnd(26)} median ${m.toFixed(1).padStart(6)} ms   ratio ${(m / bare).toFixed(2)}x`);
}
const ratio = median(samples.get('provider')) / bare;
console.log(`startup ratio: ${ratio.toFixed(2)}x bare node (target <= 1.50x) ${ratio <= 1.5 ? 'OK' : 'OVER TARGET'}`);
