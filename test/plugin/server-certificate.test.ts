import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { generateServerCertificate } from '../../src/plugin/server-certificate.js';
import { x509Time } from '../../src/plugin/der.js';

describe('AutoMTLS server certificate', () => {
  const now = new Date('2026-03-04T05:06:07.000Z');
  const cert = generateServerCertificate({ now });
  const x509 = new X509Certificate(cert.certPem);

  test('is a self-signed CA for DNS:localhost, as go-plugin clients verify it', () => {
    expect(x509.subjectAltName).toBe('DNS:localhost');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.ca).toBe(true);
    expect(x509.subject).toBe('O=HashiCorp\nCN=localhost');
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.verify(x509.publicKey)).toBe(true);
  });

  test('allows server and client authentication', () => {
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
  });

  test('is valid from 30 s before now (UTC) for a year', () => {
    expect(new Date(x509.validFrom).toISOString()).toBe('2026-03-04T05:05:37.000Z');
    expect(new Date(x509.validTo).toISOString()).toBe('2027-03-04T05:06:07.000Z');
  });

  test('the PEM key matches the certificate and the DER matches the PEM', () => {
    const pub = createPublicKey(createPrivateKey(cert.keyPem)).export({ type: 'spki', format: 'der' });
    expect(Buffer.compare(pub, x509.publicKey.export({ type: 'spki', format: 'der' }))).toBe(0);
    expect(Buffer.compare(cert.certDer, x509.raw)).toBe(0);
    expect(x509.publicKey.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
  });

  test('every certificate has a fresh key and serial number', () => {
    const other = new X509Certificate(generateServerCertificate().certPem);
    expect(other.serialNumber).not.toBe(x509.serialNumber);
    expect(other.fingerprint256).not.toBe(x509.fingerprint256);
  });

  test('dates from 2050 on use GeneralizedTime and still parse', () => {
    const late = new X509Certificate(generateServerCertificate({ now, validForMs: 30 * 365 * 24 * 3600 * 1000 }).certPem);
    expect(new Date(late.validTo).getUTCFullYear()).toBe(2056);
    expect(x509Time(new Date('2050-01-01T00:00:00Z')).toString('latin1')).toContain('20500101000000Z');
    expect(x509Time(new Date('2049-12-31T23:59:59Z')).toString('latin1')).toContain('491231235959Z');
  });

  test('times are encoded from UTC fields, whatever the local zone', () => {
    // 23:30 UTC is already the next day in any positive offset zone.
    expect(x509Time(new Date('2026-06-30T23:30:00Z')).subarray(2).toString('ascii')).toBe('260630233000Z');
  });
});
