/**
 * The plugin's AutoMTLS certificate: a fresh self-signed ECDSA P-256 CA
 * certificate for DNS:localhost with serverAuth+clientAuth, the shape
 * go-plugin's own certificates have. Built with node:crypto and hand-written
 * DER (about 2 ms) because x509 libraries cost 100 ms or more of start-up.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  tlv,
  unsignedInteger,
  utf8String,
  x509Time,
} from './der.js';

export interface ServerCertificate {
  /** PKCS#8 PEM of the private key; held in memory only. */
  readonly keyPem: string;
  readonly certPem: string;
  readonly certDer: Buffer;
}

export interface CertificateOptions {
  readonly now?: Date;
  /** Validity after `now`; go-plugin's clock-skew allowance of 30 s applies before it. */
  readonly validForMs?: number;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

const DEFAULT_VALIDITY_MS = 365 * 24 * 3600 * 1000;
const CLOCK_SKEW_MS = 30_000;

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

function name(): Buffer {
  const rdn = (oid: string, value: string) => set(sequence(objectIdentifier(oid), utf8String(value)));
  return sequence(rdn(OID.organization, 'HashiCorp'), rdn(OID.commonName, 'localhost'));
}

// digitalSignature(0) | keyEncipherment(2) | keyAgreement(4) | keyCertSign(5), as go-plugin sets them.
const KEY_USAGE = bitString(Buffer.from([0b1010_1100]), 2);

export function generateServerCertificate(options: CertificateOptions = {}): ServerCertificate {
  const now = options.now ?? new Date();
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // The key bits sit at the end of the SPKI: uncompressed P-256 point, 65 bytes.
  const keyId = createHash('sha1').update(spki.subarray(spki.length - 65)).digest();
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive, 16 significant bytes

  const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serial),
    algorithm,
    name(),
    sequence(
      x509Time(new Date(now.getTime() - CLOCK_SKEW_MS)),
      x509Time(new Date(now.getTime() + (options.validForMs ?? DEFAULT_VALIDITY_MS))),
    ),
    name(),
    spki,
    explicit(
      3,
      sequence(
        extension(OID.keyUsage, true, KEY_USAGE),
        extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth), objectIdentifier(OID.clientAuth))),
        extension(OID.basicConstraints, true, sequence(boolean(true))),
        extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
        extension(OID.subjectAltName, false, sequence(tlv(0x82, Buffer.from('localhost', 'ascii')))),
      ),
    ),
  );
  const certDer = sequence(tbs, algorithm, bitString(sign('sha256', tbs, privateKey)));
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: derToPem(certDer),
    certDer,
  };
}

export function derToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
