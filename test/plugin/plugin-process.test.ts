/**
 * The built stub provider as a process: what a user running it by hand sees,
 * what Terraform reads on stdout, listeners, and signals.
 */
import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../src/plugin/handshake.js';
import { call, connect, derBase64ToPem, requireBuilt, startProvider, STUB_PROVIDER } from '../protocol/provider-process.js';

const GO_PLUGIN_MESSAGE =
  'This binary is a plugin. These are not meant to be executed directly.\n' +
  'Please execute the program that consumes these plugins, which will\n' +
  'load any plugins automatically\n';

function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('TF_') || k.startsWith('PLUGIN_')) delete env[k];
  return { ...env, ...extra };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => requireBuilt(STUB_PROVIDER));

describe('run by hand', () => {
  test('without the magic cookie it prints go-plugin\'s message on stderr and exits 1', () => {
    const r = spawnSync(STUB_PROVIDER, [], { env: cleanEnv(), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(GO_PLUGIN_MESSAGE);
    expect(r.stdout).toBe('');
  });

  test('a host that offers no protocol 6 gets a clear error and exit 1', () => {
    const r = spawnSync(STUB_PROVIDER, [], {
      env: cleanEnv({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '4,5', TF_DISABLE_PLUGIN_TLS: '1' }),
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('speaks plugin protocol 6 only');
    expect(r.stderr).toContain('[4, 5]');
    expect(r.stdout).toBe('');
  });

  test('without PLUGIN_CLIENT_CERT it refuses to serve in plaintext unless TF_DISABLE_PLUGIN_TLS is set', () => {
    const r = spawnSync(STUB_PROVIDER, [], { env: cleanEnv({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE }), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('TF_DISABLE_PLUGIN_TLS');
    expect(r.stdout).toBe('');
  });

  test('unknown flags are refused with usage', () => {
    const r = spawnSync(STUB_PROVIDER, ['--bogus'], { env: cleanEnv(), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Usage:');
  });
});

describe('handshake', () => {
  test('one line 1|6|unix|ADDR|grpc|CERT with the server certificate as unpadded base64 DER', async () => {
    const p = await startProvider();
    try {
      expect(p.handshake.raw).toMatch(/^1\|6\|unix\|\/[^|]+\/plugin\.sock\|grpc\|[A-Za-z0-9+/]+\n$/);
      const cert = new X509Certificate(derBase64ToPem(p.handshake.cert));
      expect(cert.subjectAltName).toBe('DNS:localhost');
      expect(cert.ca).toBe(true);
      expect(cert.checkHost('localhost')).toBe('localhost');
      // Only the owner may reach the socket.
      expect(statSync(dirname(p.handshake.address)).mode & 0o077).toBe(0);
    } finally {
      await p.kill();
    }
  });

  test('TF_DISABLE_PLUGIN_TLS serves plaintext and leaves the certificate field empty', async () => {
    const p = await startProvider({ tls: false });
    try {
      expect(p.handshake.raw).toMatch(/\|grpc\|\n$/);
      const c = connect(p);
      await expect(call(c.health, 'Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
      c.close();
    } finally {
      await p.kill();
    }
  });

  test('PLUGIN_UNIX_SOCKET_DIR is honoured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sockdir-'));
    const p = await startProvider({ env: { PLUGIN_UNIX_SOCKET_DIR: dir } });
    try {
      expect(p.handshake.address.startsWith(`${dir}/plugin`)).toBe(true);
    } finally {
      await p.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('over TCP it listens on 127.0.0.1 within PLUGIN_MIN_PORT..PLUGIN_MAX_PORT', async () => {
    const p = await startProvider({ env: { STUB_PLUGIN_NETWORK: 'tcp', PLUGIN_MIN_PORT: '23100', PLUGIN_MAX_PORT: '23199' } });
    try {
      expect(p.handshake.network).toBe('tcp');
      const [host, port] = p.handshake.address.split(':');
      expect(host).toBe('127.0.0.1');
      expect(Number(port)).toBeGreaterThanOrEqual(23100);
      expect(Number(port)).toBeLessThanOrEqual(23199);
      const c = connect(p);
      await expect(call(c.health, 'Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
      c.close();
    } finally {
      await p.kill();
    }
  });
  test('over TCP busy ports are skipped without warnings on stderr', async () => {
    const base = 23200 + Math.floor(Math.random() * 700);
    const busy = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new Promise<Server>((resolve, reject) => {
        const s = createServer().once('error', reject);
        s.listen(base + i, '127.0.0.1', () => resolve(s));
      })),
    );
    try {
      const p = await startProvider({ env: { STUB_PLUGIN_NETWORK: 'tcp', PLUGIN_MIN_PORT: String(base), PLUGIN_MAX_PORT: String(base + 20) } });
      await p.kill();
      expect(p.handshake.address).toBe(`127.0.0.1:${base + 12}`);
      expect(p.stderr()).not.toContain('Warning');
    } finally {
      await Promise.all(busy.map((s) => new Promise((r) => s.close(r))));
    }
  });
});

describe('signals', () => {
  test('SIGINT is ignored (Terraform stops work through StopProvider); the provider keeps serving', async () => {
    const p = await startProvider();
    try {
      p.child.kill('SIGINT');
      await sleep(300);
      expect(p.child.exitCode).toBeNull();
      const c = connect(p);
      await expect(call(c.health, 'Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
      c.close();
    } finally {
      await p.kill();
    }
  });

  test('SIGTERM exits cleanly and removes the socket directory', async () => {
    const p = await startProvider();
    expect(existsSync(p.handshake.address)).toBe(true);
    const started = Date.now();
    expect(await p.kill('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(existsSync(dirname(p.handshake.address))).toBe(false);
  });
});

describe('orphaned', () => {
  test('a provider whose host died without calling Shutdown exits on its own', async () => {
    // An intermediate shell is the host; killing it re-parents the provider.
    const env = cleanEnv({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, TF_DISABLE_PLUGIN_TLS: '1' });
    const host = spawn('/bin/sh', ['-c', `"${STUB_PROVIDER}" & echo $!; wait`], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = await new Promise<string[]>((resolve) => {
      let out = '';
      host.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const l = out.split('\n');
        if (l.length >= 3) resolve(l);
      });
    });
    const pid = Number(lines[0]);
    const socketDir = dirname(lines[1]!.split('|')[3]!);
    host.kill('SIGKILL');
    // Gone, or a zombie nobody has reaped yet (containers without an init).
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 5000;
    while (alive() && Date.now() < deadline) await sleep(100);
    expect(alive()).toBe(false);
    expect(existsSync(socketDir)).toBe(false);
  });
});
