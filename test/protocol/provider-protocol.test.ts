/**
 * The built stub provider driven over mTLS by a grpc-js client, as Terraform
 * drives a provider: schema, plan/apply, stop, failures, health, shutdown,
 * and refusal of clients without the expected certificate.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { decode, encode, ExtData } from '@msgpack/msgpack';
import { status as GrpcCode } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { generateServerCertificate } from '../../src/plugin/server-certificate.js';
import type * as pb from '../../src/tfprotov6/generated/tfplugin6.js';
import { bidiStream, call, connect, serverStream, startProvider } from './provider-process.js';
import type { Clients, ProviderProcess } from './provider-process.js';

type Obj = Record<string, unknown>;
const NULL = Buffer.from([0xc0]);
const echo = (o: Obj) => ({ msgpack: Buffer.from(encode({ id: null, value: null, behavior: null, result: null, ...o })) });
const state = (v: pb.DynamicValue | undefined) => decode(v!.msgpack!) as Obj | null;

describe('stub provider over mTLS', () => {
  let p: ProviderProcess;
  let c: Clients;

  beforeAll(async () => {
    p = await startProvider({ env: { TF_LOG: 'trace' } });
    c = connect(p);
  });

  afterAll(async () => {
    c.close();
    await p.kill();
  });

  test('GetProviderSchema returns the schema with typed attributes and server capabilities', async () => {
    const res = await call<pb.GetProviderSchema_Response>(c.provider, 'GetProviderSchema');
    expect(res.diagnostics ?? []).toEqual([]);
    const attrs = res.resource_schemas!['stub_echo']!.block!.attributes!;
    const id = attrs.find((a) => a.name === 'id')!;
    expect(JSON.parse(Buffer.from(id.type!).toString())).toBe('string');
    expect(id.computed).toBe(true);
    expect(res.resource_schemas!['stub_echo']!.version).toBe(1);
    expect(res.provider!.block!.attributes!.find((a) => a.name === 'api_key')!.sensitive).toBe(true);
    expect(res.server_capabilities).toMatchObject({ plan_destroy: true, get_provider_schema_optional: true });
    expect(res.provider_meta).toBeUndefined();
  });

  test('plan then apply a create: unknown id at plan, a real id and the planned private data after apply', async () => {
    await call(c.provider, 'ConfigureProvider', { terraform_version: '1.11.4', config: { msgpack: encode({ greeting: 'hi', api_key: null }) } });
    const proposed = echo({ value: 'hello' });
    const plan = await call<pb.PlanResourceChange_Response>(c.provider, 'PlanResourceChange', {
      type_name: 'stub_echo',
      prior_state: { msgpack: NULL },
      proposed_new_state: proposed,
      config: proposed,
    });
    expect(plan.diagnostics ?? []).toEqual([]);
    const planned = state(plan.planned_state)!;
    expect(planned['id']).toBeInstanceOf(ExtData);
    expect((planned['id'] as ExtData).type).toBe(0);
    expect(planned['result']).toBe('hello');

    const apply = await call<pb.ApplyResourceChange_Response>(c.provider, 'ApplyResourceChange', {
      type_name: 'stub_echo',
      prior_state: { msgpack: NULL },
      planned_state: plan.planned_state,
      config: proposed,
      planned_private: plan.planned_private,
    });
    const applied = state(apply.new_state)!;
    expect(applied['id']).toMatch(/^[0-9a-f]{8}$/);
    expect(applied['result']).toBe('hello');
    expect(Buffer.from(apply.private!).toString()).toBe('{"v":1}');
  });

  test('StopProvider aborts an in-flight apply, and later calls are not cancelled', async () => {
    const sleepy = echo({ value: 'x', behavior: 'sleep', id: 'abc' });
    const calls = () => p.stderr().split('\n').filter((l) => l.includes('Calling downstream') && l.includes('"tf_rpc":"ApplyResourceChange"')).length;
    const before = calls();
    const inFlight = call<pb.ApplyResourceChange_Response>(c.provider, 'ApplyResourceChange', {
      type_name: 'stub_echo',
      prior_state: sleepy,
      planned_state: sleepy,
      config: sleepy,
    });
    // Stop only once the apply is in the provider (the trace log says so), however loaded the machine is.
    while (calls() === before) await new Promise((r) => setTimeout(r, 20));
    const stop = await call<pb.StopProvider_Response>(c.provider, 'StopProvider');
    expect(stop.Error ?? '').toBe('');
    const stopped = await inFlight;
    expect(stopped.diagnostics![0]).toMatchObject({ severity: 'ERROR', summary: 'Stopped' });

    const next = echo({ value: 'after', id: 'def' });
    const res = await call<pb.ApplyResourceChange_Response>(c.provider, 'ApplyResourceChange', {
      type_name: 'stub_echo',
      prior_state: next,
      planned_state: next,
      config: next,
    });
    expect(res.diagnostics ?? []).toEqual([]);
    expect(state(res.new_state)!['value']).toBe('after');
  });

  test('a handler that throws becomes an error diagnostic, logged, and the server keeps serving', async () => {
    const boom = echo({ behavior: 'throw' });
    const res = await call<pb.PlanResourceChange_Response>(c.provider, 'PlanResourceChange', {
      type_name: 'stub_echo',
      prior_state: { msgpack: NULL },
      proposed_new_state: boom,
      config: boom,
    });
    expect(res.diagnostics).toHaveLength(1);
    expect(res.diagnostics![0]).toMatchObject({ severity: 'ERROR', summary: 'Unexpected Provider Error' });
    expect(res.diagnostics![0]!.detail).toContain('stub planning exploded on purpose');
    expect(res.diagnostics![0]!.detail).toContain('please report it');
    // The log line travels on another pipe than the response: wait for it.
    const errorLogLine = () => p.stderr().split('\n').find((l) => l.includes('Unexpected error serving request'));
    const deadline = Date.now() + 5000;
    while (errorLogLine() === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const errorLine = errorLogLine();
    expect(JSON.parse(errorLine!)).toMatchObject({ '@level': 'error', tf_rpc: 'PlanResourceChange', tf_resource_type: 'stub_echo' });
    const again = await call<pb.GetProviderSchema_Response>(c.provider, 'GetProviderSchema');
    expect(again.resource_schemas!['stub_echo']).toBeDefined();
  });

  test('diagnostics carry attribute paths', async () => {
    const res = await call<pb.ValidateResourceConfig_Response>(c.provider, 'ValidateResourceConfig', {
      type_name: 'stub_echo',
      config: echo({ behavior: 'dance' }),
    });
    expect(res.diagnostics![0]).toMatchObject({
      severity: 'ERROR',
      summary: 'Invalid Behavior',
      attribute: { steps: [{ attribute_name: 'behavior', selector: 'attribute_name' }] },
    });
  });

  test('UpgradeResourceState accepts JSON raw state; ImportResourceState and ReadDataSource answer', async () => {
    const up = await call<pb.UpgradeResourceState_Response>(c.provider, 'UpgradeResourceState', {
      type_name: 'stub_echo',
      version: 1,
      raw_state: { json: Buffer.from(JSON.stringify({ id: 'i1', value: 'v', behavior: null, result: 'v' })) },
    });
    expect(state(up.upgraded_state)).toEqual({ id: 'i1', value: 'v', behavior: null, result: 'v' });
    const imp = await call<pb.ImportResourceState_Response>(c.provider, 'ImportResourceState', { type_name: 'stub_echo', id: 'i2' });
    expect(imp.imported_resources![0]!.type_name).toBe('stub_echo');
    expect(state(imp.imported_resources![0]!.state)!['id']).toBe('i2');
    const data = await call<pb.ReadDataSource_Response>(c.provider, 'ReadDataSource', {
      type_name: 'stub_upper',
      config: { msgpack: encode({ input: 'abc', output: null }) },
    });
    expect(state(data.state)).toEqual({ input: 'abc', output: 'ABC' });
  });

  test('GetMetadata, GetFunctions, GetResourceIdentitySchemas and MoveResourceState answer', async () => {
    const meta = await call<pb.GetMetadata_Response>(c.provider, 'GetMetadata');
    expect(meta.resources).toEqual([{ type_name: 'stub_echo' }]);
    expect(meta.data_sources).toEqual([{ type_name: 'stub_upper' }]);
    const fns = await call<pb.GetFunctions_Response>(c.provider, 'GetFunctions');
    expect(fns.functions ?? {}).toEqual({});
    const ids = await call<pb.GetResourceIdentitySchemas_Response>(c.provider, 'GetResourceIdentitySchemas');
    expect(ids.identity_schemas ?? {}).toEqual({});
    const move = await call<pb.MoveResourceState_Response>(c.provider, 'MoveResourceState', {
      source_provider_address: 'registry.terraform.io/hashicorp/null',
      source_type_name: 'null_resource',
      target_type_name: 'stub_echo',
      source_state: { json: Buffer.from('{}') },
    });
    expect(move.diagnostics![0]).toMatchObject({ severity: 'ERROR', summary: 'Move Resource State Not Supported' });
  });

  test('RPCs the provider does not serve answer UNIMPLEMENTED', async () => {
    await expect(call(c.provider, 'CallFunction', { name: 'f' })).rejects.toMatchObject({ code: GrpcCode.UNIMPLEMENTED });
  });

  test('messages larger than gRPC default 4 MiB pass both ways', async () => {
    const big = echo({ id: 'big', value: 'x'.repeat(6 << 20) });
    const res = await call<pb.ReadResource_Response>(c.provider, 'ReadResource', { type_name: 'stub_echo', current_state: big });
    expect((state(res.new_state)!['value'] as string).length).toBe(6 << 20);
  });

  test('health reports SERVING for "plugin" and ""; unknown services are NOT_FOUND', async () => {
    expect(await call(c.health, 'Check', { service: 'plugin' })).toEqual({ status: 'SERVING' });
    expect(await call(c.health, 'Check', { service: '' })).toEqual({ status: 'SERVING' });
    await expect(call(c.health, 'Check', { service: 'nope' })).rejects.toMatchObject({ code: GrpcCode.NOT_FOUND });
  });

  test('a passed deadline cancels the provider\'s work on the call', async () => {
    const sleepy = echo({ value: 'x', behavior: 'sleep', id: 'abc' });
    const served = () => p.stderr().split('\n').filter((l) => l.includes('Served request') && l.includes('"tf_rpc":"ApplyResourceChange"')).length;
    const before = served();
    const req = { type_name: 'stub_echo', prior_state: sleepy, planned_state: sleepy, config: sleepy };
    await expect(call(c.provider, 'ApplyResourceChange', req, 300)).rejects.toMatchObject({ code: GrpcCode.DEADLINE_EXCEEDED });
    const deadline = Date.now() + 5000;
    while (served() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(served()).toBe(before + 1);
  });

  test('deadlines beyond what a timer can hold (~24.8 days) count as no deadline', async () => {
    const day = 24 * 3600 * 1000;
    const within = (ms: number, what: Promise<unknown>) =>
      Promise.race([what, new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
    for (const days of [30, 60]) {
      await expect(within(5000, call(c.health, 'Check', { service: 'plugin' }, days * day))).resolves.toEqual({ status: 'SERVING' });
    }
  });

  test('StreamStdio stays open without error; the broker refuses knocks', async () => {
    const stdio = serverStream(c.stdio, 'StreamStdio');
    const stdioError = new Promise<unknown>((resolve) => stdio.on('error', resolve));
    const broker = bidiStream(c.broker, 'StartStream');
    const reply = new Promise<Record<string, unknown>>((resolve) => broker.on('data', (m) => resolve(m as Record<string, unknown>)));
    broker.write({ service_id: 7, knock: { knock: true } });
    expect(await reply).toMatchObject({ service_id: 7, knock: { error: 'this plugin does not broker connections' } });
    broker.end();
    await new Promise((r) => setTimeout(r, 200));
    stdio.cancel();
    expect(await stdioError).toMatchObject({ code: GrpcCode.CANCELLED });
  });

  test('values and secrets never reach the log, even at trace level', async () => {
    const secret = 'sUp3r-s3cret-v4lue';
    await call(c.provider, 'ConfigureProvider', { config: { msgpack: encode({ greeting: null, api_key: secret }) } });
    const proposed = echo({ value: secret });
    await call(c.provider, 'PlanResourceChange', { type_name: 'stub_echo', prior_state: { msgpack: NULL }, proposed_new_state: proposed, config: proposed });
    expect(p.stderr()).toContain('"tf_rpc":"PlanResourceChange"');
    expect(p.stderr()).not.toContain(secret);
  });

  test('stray stdout output after the handshake goes to GRPCStdio, never to stdout', async () => {
    const stdio = serverStream(c.stdio, 'StreamStdio');
    stdio.on('error', () => undefined);
    const chunk = new Promise<Record<string, unknown>>((resolve) => stdio.on('data', (m) => resolve(m as Record<string, unknown>)));
    await new Promise((r) => setTimeout(r, 100)); // let the stream open on the server
    await call(c.provider, 'ConfigureProvider', { config: { msgpack: encode({ greeting: 'print-to-stdout', api_key: null }) } });
    const data = await chunk;
    expect(data['channel']).toBe('STDOUT');
    expect(Buffer.from(data['data'] as Uint8Array).toString()).toBe('stray output\n');
    stdio.cancel();
    expect(p.stdout()).toBe(p.handshake.raw);
  });
});

describe('client certificates', () => {
  test('a client presenting a certificate other than PLUGIN_CLIENT_CERT is refused', async () => {
    const p = await startProvider();
    try {
      const stranger = connect(p, { clientCert: generateServerCertificate() });
      const err = (await call(stranger.provider, 'GetProviderSchema', {}, 3000).catch((e: unknown) => e)) as ServiceError;
      expect(err.code).toBe(GrpcCode.UNAVAILABLE);
      stranger.close();
      const trusted = connect(p);
      await expect(call(trusted.health, 'Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
      trusted.close();
    } finally {
      await p.kill();
    }
  });

  test('a client presenting no certificate at all is refused', async () => {
    const p = await startProvider();
    try {
      const anonymous = connect({ handshake: p.handshake, clientCert: undefined });
      const err = (await call(anonymous.health, 'Check', { service: 'plugin' }, 3000).catch((e: unknown) => e)) as ServiceError;
      expect(err.code).toBe(GrpcCode.UNAVAILABLE);
      anonymous.close();
    } finally {
      await p.kill();
    }
  });
});

describe('GRPCController.Shutdown', () => {
  test('replies, then the process exits at once and removes its socket directory', async () => {
    const p = await startProvider();
    const c = connect(p);
    await call(c.provider, 'GetProviderSchema');
    const started = Date.now();
    await call(c.controller, 'Shutdown');
    expect(await p.exited()).toBe(0);
    expect(Date.now() - started).toBeLessThan(1500); // go-plugin waits 2 s before killing
    expect(existsSync(dirname(p.handshake.address))).toBe(false);
    c.close();
  });
});
