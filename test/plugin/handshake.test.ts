import {
  formatHandshakeLine,
  hasMagicCookie,
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
  negotiateProtocolVersion,
} from '../../src/plugin/handshake.js';
import { parsePluginArgs } from '../../src/plugin/plugin-args.js';
import { debugBanner, parseReattachLine, reattachProvidersJson } from '../../src/plugin/reattach-config.js';

describe('handshake line', () => {
  test('has go-plugin\'s six fields and unpadded standard base64 of the DER', () => {
    const der = Uint8Array.from([0xfb, 0xff, 0x01, 0x02]); // base64 "+/8BAg==" has both special chars and padding
    expect(formatHandshakeLine({ network: 'unix', address: '/tmp/p/plugin.sock', certDer: der })).toBe(
      '1|6|unix|/tmp/p/plugin.sock|grpc|+/8BAg\n',
    );
  });

  test('leaves the certificate field empty without TLS', () => {
    expect(formatHandshakeLine({ network: 'tcp', address: '127.0.0.1:10001' })).toBe('1|6|tcp|127.0.0.1:10001|grpc|\n');
  });
});

describe('negotiation', () => {
  test('the magic cookie must match exactly', () => {
    expect(hasMagicCookie({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE })).toBe(true);
    expect(hasMagicCookie({ [MAGIC_COOKIE_KEY]: `${MAGIC_COOKIE_VALUE} ` })).toBe(false);
    expect(hasMagicCookie({})).toBe(false);
  });

  test('picks 6 from the offered list in any order', () => {
    expect(negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: '5,6' })).toEqual({ ok: true, version: 6 });
    expect(negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: '6,5' })).toEqual({ ok: true, version: 6 });
    expect(negotiateProtocolVersion({})).toEqual({ ok: true, version: 6 });
  });

  test('explains itself when 6 is not offered', () => {
    const r = negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: '5' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('protocol 6 only');
  });
});

describe('debug mode output', () => {
  test('TF_REATTACH_PROVIDERS has terraform-plugin-go\'s field order and round-trips through the banner', () => {
    const json = reattachProvidersJson('registry.terraform.io/ibm-cloud/ibm', { network: 'unix', address: '/tmp/x/plugin.sock' }, 42);
    expect(json).toBe(
      '{"registry.terraform.io/ibm-cloud/ibm":{"Protocol":"grpc","ProtocolVersion":6,"Pid":42,"Test":true,"Addr":{"Network":"unix","String":"/tmp/x/plugin.sock"}}}',
    );
    expect(parseReattachLine(debugBanner(json))).toBe(json);
  });

  test('flags', () => {
    expect(parsePluginArgs([])).toEqual({ ok: true, args: { debug: false, version: false } });
    expect(parsePluginArgs(['--debug'])).toEqual({ ok: true, args: { debug: true, version: false } });
    expect(parsePluginArgs(['--debug-env-file', '/tmp/f'])).toEqual({
      ok: true,
      args: { debug: true, debugEnvFile: '/tmp/f', version: false },
    });
    expect(parsePluginArgs(['--nope']).ok).toBe(false);
  });
});
