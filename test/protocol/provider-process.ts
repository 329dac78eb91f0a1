/**
 * Test support: spawn a built provider executable the way Terraform does and
 * talk to it with a @grpc/grpc-js client (over mTLS unless told otherwise).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { derToPem, generateServerCertificate } from '../../src/plugin/server-certificate.js';
import type { ServerCertificate } from '../../src/plugin/server-certificate.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../src/plugin/handshake.js';

export const ROOT = process.cwd();
export const STUB_PROVIDER = join(ROOT, 'dist/test-providers/stub/terraform-provider-stub');

export function requireBuilt(executable: string): void {
  if (!existsSync(executable)) throw new Error(`${executable} is missing: run \`npm run build\` first`);
}

const packageDefinition = protoLoader.loadSync(
  ['tfplugin6.proto', 'grpc_controller.proto', 'grpc_stdio.proto', 'grpc_broker.proto', 'grpc/health/v1/health.proto'],
  { includeDirs: [join(ROOT, 'proto')], keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true },
);
const loaded = grpc.loadPackageDefinition(packageDefinition) as unknown as {
  tfplugin6: { Provider: grpc.ServiceClientConstructor };
  plugin: { GRPCController: grpc.ServiceClientConstructor; GRPCStdio: grpc.ServiceClientConstructor; GRPCBroker: grpc.ServiceClientConstructor };
  grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
};

type UnaryFn = (
  request: object,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, response: unknown) => void,
) => grpc.ClientUnaryCall;
type ServerStreamFn = (request: object, options?: grpc.CallOptions) => grpc.ClientReadableStream<unknown>;
type BidiFn = (options?: grpc.CallOptions) => grpc.ClientDuplexStream<object, unknown>;

export interface Handshake {
  readonly core: string;
  readonly version: string;
  readonly network: string;
  readonly address: string;
  readonly protocol: string;
  readonly cert: string;
  readonly raw: string;
}

export function parseHandshake(line: string): Handshake {
  const parts = line.trim().split('|');
  if (parts.length !== 6) throw new Error(`bad handshake line: ${line}`);
  const [core, version, network, address, protocol, cert] = parts as [string, string, string, string, string, string];
  return { core, version, network, address, protocol, cert, raw: line };
}

/** The handshake's unpadded base64 DER as PEM (Node's base64 decoder needs no padding). */
export function derBase64ToPem(b64: string): string {
  return derToPem(Buffer.from(b64, 'base64'));
}

export interface ProviderProcess {
  readonly child: ChildProcess;
  readonly handshake: Handshake;
  readonly clientCert: ServerCertificate | undefined;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited(): Promise<number | string>;
  kill(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface StartOptions {
  readonly executable?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly tls?: boolean;
  readonly args?: readonly string[];
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('TF_') || k.startsWith('PLUGIN_')) delete env[k];
  return env;
}

/** Starts the provider like Terraform does (cookie, versions, AutoMTLS) and waits for the handshake line. */
export async function startProvider(options: StartOptions = {}): Promise<ProviderProcess> {
  const executable = options.executable ?? STUB_PROVIDER;
  requireBuilt(executable);
  const tls = options.tls ?? true;
  const clientCert = tls ? generateServerCertificate() : undefined;
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    ...(clientCert ? { PLUGIN_CLIENT_CERT: clientCert.certPem } : { TF_DISABLE_PLUGIN_TLS: '1' }),
    ...options.env,
  };
  const child = spawn(executable, [...(options.args ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const line = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        child.stdout!.off('data', onData);
        resolve(out.slice(0, nl + 1));
      }
    };
    child.stdout!.on('data', onData);
    void exit.then((code) => reject(new Error(`provider exited (${code}) before the handshake; stderr: ${err}`)));
  });
  return {
    child,
    handshake: parseHandshake(line),
    clientCert,
    stdout: () => out,
    stderr: () => err,
    exited: () => exit,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exit;
    },
  };
}

export interface Clients {
  readonly provider: grpc.Client;
  readonly controller: grpc.Client;
  readonly stdio: grpc.Client;
  readonly broker: grpc.Client;
  readonly health: grpc.Client;
  close(): void;
}

export interface ConnectOptions {
  /** Present this certificate instead of the one the provider was told to trust. */
  readonly clientCert?: ServerCertificate;
}

export function grpcTarget(h: { readonly network: string; readonly address: string }): string {
  return h.network === 'unix' ? `unix://${h.address}` : h.address;
}

export function connect(p: ProviderProcess | { handshake: Handshake; clientCert: ServerCertificate | undefined }, options: ConnectOptions = {}): Clients {
  const target = grpcTarget(p.handshake);
  const clientCert = options.clientCert ?? p.clientCert;
  const creds =
    p.handshake.cert === ''
      ? grpc.credentials.createInsecure()
      : grpc.credentials.createSsl(
          Buffer.from(derBase64ToPem(p.handshake.cert)),
          clientCert ? Buffer.from(clientCert.keyPem) : null,
          clientCert ? Buffer.from(clientCert.certPem) : null,
        );
  const opts: grpc.ChannelOptions = {
    'grpc.ssl_target_name_override': 'localhost',
    'grpc.default_authority': 'localhost',
    'grpc.max_receive_message_length': 256 << 20,
  };
  const make = (ctor: grpc.ServiceClientConstructor) => new ctor(target, creds, opts);
  const clients = {
    provider: make(loaded.tfplugin6.Provider),
    controller: make(loaded.plugin.GRPCController),
    stdio: make(loaded.plugin.GRPCStdio),
    broker: make(loaded.plugin.GRPCBroker),
    health: make(loaded.grpc.health.v1.Health),
  };
  return { ...clients, close: () => Object.values(clients).forEach((c) => c.close()) };
}

/** Promisified unary call; T is the decoded response shape (the generated tfplugin6 types fit). */
export function call<T = Record<string, unknown>>(client: grpc.Client, method: string, request: object = {}, deadlineMs = 10_000): Promise<T> {
  const fn = (client as unknown as Record<string, UnaryFn>)[method]!.bind(client);
  return new Promise((resolve, reject) => {
    fn(request, { deadline: Date.now() + deadlineMs }, (err, res) => (err ? reject(err) : resolve(res as T)));
  });
}

export function serverStream(client: grpc.Client, method: string, request: object = {}): grpc.ClientReadableStream<unknown> {
  return (client as unknown as Record<string, ServerStreamFn>)[method]!.call(client, request);
}

export function bidiStream(client: grpc.Client, method: string): grpc.ClientDuplexStream<object, unknown> {
  return (client as unknown as Record<string, BidiFn>)[method]!.call(client);
}
