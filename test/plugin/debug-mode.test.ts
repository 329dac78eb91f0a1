/**
 * Debug mode: a long-lived plaintext server that prints TF_REATTACH_PROVIDERS
 * and serves many clients (many terraform runs) until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseReattachLine } from '../../src/plugin/reattach-config.js';
import { bidiStream, call, connect, requireBuilt, STUB_PROVIDER } from '../protocol/provider-process.js';

interface Reattach {
  Protocol: string;
  ProtocolVersion: number;
  Pid: number;
  Test: boolean;
  Addr: { Network: string; String: string };
}

beforeAll(() => requireBuilt(STUB_PROVIDER));

test('prints a parseable TF_REATTACH_PROVIDERS, serves two clients in turn, survives Shutdown, stops on SIGINT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'debug-'));
  const envFile = join(dir, 'reattach.json');
  const env = { ...process.env };
  delete env['TF_PLUGIN_MAGIC_COOKIE'];
  const child = spawn(STUB_PROVIDER, ['--debug', '--debug-env-file', envFile], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig ?? 'unknown')));
  try {
    let out = '';
    const json = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const found = parseReattachLine(out);
        if (found !== undefined) resolve(found);
      });
      void exited.then((code) => reject(new Error(`exited ${code}`)));
    });
    expect(out).toContain('Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable');
    const parsed = JSON.parse(json) as Record<string, Reattach>;
    const cfg = parsed['registry.terraform.io/test/stub']!;
    expect(cfg).toEqual({
      Protocol: 'grpc',
      ProtocolVersion: 6,
      Pid: child.pid,
      Test: true,
      Addr: { Network: 'unix', String: expect.stringMatching(/plugin\.sock$/) as unknown as string },
    });
    expect(Object.keys(cfg)).toEqual(['Protocol', 'ProtocolVersion', 'Pid', 'Test', 'Addr']);
    expect(JSON.parse(readFileSync(envFile, 'utf8'))).toEqual(parsed);

    const handshake = { network: cfg.Addr.Network, address: cfg.Addr.String, cert: '', core: '1', version: '6', protocol: 'grpc', raw: '' };
    for (const run of [1, 2]) {
      const c = connect({ handshake, clientCert: undefined });
      const schema = await call<{ resource_schemas: Record<string, unknown> }>(c.provider, 'GetProviderSchema');
      expect(Object.keys(schema.resource_schemas)).toEqual(['stub_echo']);
      // Terraform never calls Shutdown on reattached providers, but if something does, keep serving.
      await call(c.controller, 'Shutdown');
      c.close();
      expect(child.exitCode).toBeNull();
      expect(run).toBeGreaterThan(0);
    }

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(existsSync(dirname(cfg.Addr.String))).toBe(false);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('on Ctrl-C an attached host\'s open broker stream is ended with OK, not reset', async () => {
  const child = spawn(STUB_PROVIDER, ['--debug'], { env: { ...process.env }, stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig ?? 'unknown')));
  try {
    const json = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const found = parseReattachLine(out);
        if (found !== undefined) resolve(found);
      });
      void exited.then((code) => reject(new Error(`exited ${code}`)));
    });
    const cfg = (JSON.parse(json) as Record<string, Reattach>)['registry.terraform.io/test/stub']!;
    const handshake = { network: cfg.Addr.Network, address: cfg.Addr.String, cert: '', core: '1', version: '6', protocol: 'grpc', raw: '' };
    const c = connect({ handshake, clientCert: undefined });
    const broker = bidiStream(c.broker, 'StartStream');
    broker.on('data', () => undefined);
    broker.on('error', () => undefined);
    const status = new Promise<{ code: number }>((resolve) => broker.on('status', resolve));
    await call(c.health, 'Check', { service: 'plugin' }); // the stream is open on the server by now
    child.kill('SIGINT');
    expect((await status).code).toBe(0);
    expect(await exited).toBe(0);
    c.close();
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
