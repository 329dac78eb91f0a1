/**
 * Worker for the multi-process test (bundled by the test with esbuild):
 * creates COUNT secrets named PREFIX-<n> in the store, one call at a time.
 * Usage: node concurrent-writer.cjs STORE INSTANCE_ID PREFIX COUNT
 * Prints one JSON line: {"created": n, "ms": elapsed}.
 */
import { openLocalBackend } from '../../../src/backend/local/index.js';

async function main(): Promise<void> {
  const [path = '', instanceId = '', prefix = '', count = '0'] = process.argv.slice(2);
  const backend = openLocalBackend({ path });
  const inst = { instanceId, region: 'us-south' };
  const started = Date.now();
  let created = 0;
  for (let i = 0; i < Number(count); i++) {
    await backend.createSecret(inst, {
      secret_type: 'service_credentials',
      name: `${prefix}-${i}`,
      ttl: '30d',
      source_service: {
        instance: { crn: 'crn:v1:bluemix:public:cloud-object-storage:global:a/347df6de25020f0fa8b711c6d9881111:f35e85fc-3d4d-476e-8547-51222e3c1111::' },
        role: { crn: 'crn:v1:bluemix:public:iam::::serviceRole:Writer' },
        parameters: { HMAC: true },
      },
    });
    created++;
  }
  await backend.close();
  process.stdout.write(JSON.stringify({ created, ms: Date.now() - started }) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? `${(err as { code?: string }).code ?? ''} ${err.message}` : String(err)}\n`);
  process.exit(1);
});
