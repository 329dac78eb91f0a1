/**
 * The tfplugin6.Provider service in-process, bytes in and bytes out, with a
 * ProviderServer that misbehaves on purpose.
 */
import { createLogger } from '../../src/logging/logger.js';
import { messageCodec } from '../../src/tfprotov6/proto-codec.js';
import { createProviderService } from '../../src/tfprotov6/provider-service.js';
import type * as pb from '../../src/tfprotov6/generated/tfplugin6.js';
import type * as t from '../../src/tfprotov6/types.js';
import { StubProviderServer } from '../fixtures/stub-provider/stub-provider-server.js';

async function invoke<Res>(service: ReturnType<typeof createProviderService>, method: string, req: object, signal = new AbortController().signal): Promise<Res> {
  const reqCodec = await messageCodec<object>(`tfplugin6.${method}.Request`);
  const resCodec = await messageCodec<Res>(`tfplugin6.${method}.Response`);
  return resCodec.decode(await service.unary.get(method)!(reqCodec.encode(req), { signal }));
}

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger({ module: 'test', level: 'trace', write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) }) };
}

test('every RPC of the issue has a handler', () => {
  const service = createProviderService({ providerAddress: 'a/b/c', server: () => new StubProviderServer(), logger: capture().logger });
  expect([...service.unary.keys()].sort()).toEqual(
    [
      'ApplyResourceChange',
      'ConfigureProvider',
      'GetFunctions',
      'GetMetadata',
      'GetProviderSchema',
      'GetResourceIdentitySchemas',
      'ImportResourceState',
      'MoveResourceState',
      'PlanResourceChange',
      'ReadDataSource',
      'ReadResource',
      'StopProvider',
      'UpgradeResourceState',
      'ValidateDataResourceConfig',
      'ValidateProviderConfig',
      'ValidateResourceConfig',
    ].sort(),
  );
});

test('logs each request with stable tf_* keys, at trace and debug', async () => {
  const { lines, logger } = capture();
  const service = createProviderService({ providerAddress: 'registry.terraform.io/test/stub', server: () => new StubProviderServer(), logger });
  await invoke(service, 'ValidateResourceConfig', { type_name: 'stub_echo', config: { msgpack: Buffer.from([0xc0]) } });
  const received = lines.find((l) => l['@message'] === 'Received request')!;
  expect(received).toMatchObject({
    '@level': 'trace',
    tf_rpc: 'ValidateResourceConfig',
    tf_provider_addr: 'registry.terraform.io/test/stub',
    tf_resource_type: 'stub_echo',
  });
  const served = lines.find((l) => l['@message'] === 'Served request')!;
  expect(served).toMatchObject({ '@level': 'debug', tf_req_id: received['tf_req_id'] });
  expect(typeof served['tf_req_duration_ms']).toBe('number');
});

test('a provider factory that fails turns every RPC into an error diagnostic', async () => {
  const { logger } = capture();
  const service = createProviderService({
    providerAddress: 'a/b/c',
    server: () => Promise.reject(new Error('cannot load provider')),
    logger,
  });
  const res = await invoke<pb.GetProviderSchema_Response>(service, 'GetProviderSchema', {});
  expect(res.diagnostics![0]).toMatchObject({ severity: 'ERROR', summary: 'Unexpected Provider Error' });
  expect(res.diagnostics![0]!.detail).toContain('cannot load provider');
  const stop = await invoke<pb.StopProvider_Response>(service, 'StopProvider', {});
  expect(stop.Error).toContain('cannot load provider');
});

test('a provider returning a malformed response is caught at the boundary too', async () => {
  class Broken extends StubProviderServer {
    override async getProviderSchema(): Promise<t.GetProviderSchemaResponse> {
      return { provider: { version: 0, block: { attributes: [], blockTypes: [] } }, diagnostics: [] } as unknown as t.GetProviderSchemaResponse;
    }
  }
  const service = createProviderService({ providerAddress: 'a/b/c', server: () => new Broken(), logger: capture().logger });
  const res = await invoke<pb.GetProviderSchema_Response>(service, 'GetProviderSchema', {});
  expect(res.diagnostics![0]!.summary).toBe('Unexpected Provider Error');
});

test('StopProvider aborts the signal of in-flight calls; a cancelled call aborts only its own', async () => {
  const seen: AbortSignal[] = [];
  class Watching extends StubProviderServer {
    override async readDataSource(req: t.ReadDataSourceRequest, ctx: t.RpcContext): Promise<t.ReadDataSourceResponse> {
      seen.push(ctx.signal);
      await new Promise((r) => setTimeout(r, 100));
      return super.readDataSource(req, ctx);
    }
  }
  const service = createProviderService({ providerAddress: 'a/b/c', server: () => new Watching(), logger: capture().logger });
  const read = { type_name: 'stub_upper', config: { msgpack: Buffer.from([0x82, 0xa5, 0x69, 0x6e, 0x70, 0x75, 0x74, 0xa1, 0x61, 0xa6, 0x6f, 0x75, 0x74, 0x70, 0x75, 0x74, 0xc0]) } };
  const client = new AbortController();
  const first = invoke(service, 'ReadDataSource', read, client.signal);
  const second = invoke(service, 'ReadDataSource', read);
  await new Promise((r) => setTimeout(r, 20));
  client.abort();
  expect(seen[0]!.aborted).toBe(true);
  expect(seen[1]!.aborted).toBe(false);
  await invoke(service, 'StopProvider', {});
  expect(seen[1]!.aborted).toBe(true);
  await Promise.all([first, second]);
  await invoke(service, 'ReadDataSource', read);
  expect(seen[2]!.aborted).toBe(false);
});
