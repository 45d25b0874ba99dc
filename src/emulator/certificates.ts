/**
 * X.509 certificates for the emulated load balancer: a local CA and leaf certificates with chosen
 * names and validity, so a scenario can present a valid, expired, not-yet-valid, expiring, wrongly
 * named or self-signed certificate. ECDSA P-256 on Node's WebCrypto keeps generation fast.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const signing = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** What a leaf certificate says about itself. */
export interface CertificateSpec {
  /** Subject common name. */
  commonName: string;
  /** DNS subject alternative names; default `[commonName]`. An empty list leaves SANs out. */
  dnsNames?: string[];
  notBefore: Date;
  notAfter: Date;
  /** Signed by its own key instead of the emulator's CA (and served without the CA). */
  selfSigned?: boolean;
}

/** A certificate ready for node:tls and for an `SslCertificate.certificate` field. */
export interface IssuedCertificate {
  /** Leaf first, then the issuing CA (unless self-signed), PEM. */
  certificatePem: string;
  /** PKCS#8 private key of the leaf, PEM. */
  privateKeyPem: string;
  /** The leaf alone, PEM. */
  leafPem: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

interface CertificateAuthority {
  keys: webcrypto.CryptoKeyPair;
  certificate: x509.X509Certificate;
  pem: string;
}

let authority: Promise<CertificateAuthority> | undefined;

/** The process-wide emulator CA, created once (every leaf of a run chains to it). */
export function emulatorCertificateAuthority(): Promise<{ pem: string }> {
  return sharedAuthority();
}

function sharedAuthority(): Promise<CertificateAuthority> {
  authority ??= createAuthority();
  return authority;
}

async function createAuthority(): Promise<CertificateAuthority> {
  const keys = await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=apigee-doctor emulator CA, O=apigee-doctor',
    notBefore: new Date(now - 3650 * DAY_MS),
    notAfter: new Date(now + 3650 * DAY_MS),
    signingAlgorithm: signing,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { keys, certificate, pem: certificate.toString('pem') };
}

/** Issues a leaf certificate for TLS servers, signed by the emulator CA unless `selfSigned`. */
export async function issueCertificate(spec: CertificateSpec): Promise<IssuedCertificate> {
  const keys = await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  const dnsNames = spec.dnsNames ?? [spec.commonName];
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
  ];
  if (dnsNames.length > 0) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(dnsNames.map((value) => ({ type: 'dns', value }))),
    );
  }
  const serialNumber = randomSerial();
  const subject = `CN=${spec.commonName}`;
  let leaf: x509.X509Certificate;
  let chain: string[];
  if (spec.selfSigned) {
    leaf = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber,
      name: subject,
      notBefore: spec.notBefore,
      notAfter: spec.notAfter,
      signingAlgorithm: signing,
      keys,
      extensions,
    });
    chain = [leaf.toString('pem')];
  } else {
    const ca = await sharedAuthority();
    leaf = await x509.X509CertificateGenerator.create({
      serialNumber,
      subject,
      issuer: ca.certificate.subject,
      notBefore: spec.notBefore,
      notAfter: spec.notAfter,
      signingAlgorithm: signing,
      publicKey: keys.publicKey,
      signingKey: ca.keys.privateKey,
      extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey)],
    });
    chain = [leaf.toString('pem'), ca.pem];
  }
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certificatePem: `${chain.join('\n')}\n`,
    privateKeyPem: `${x509.PemConverter.encode(pkcs8, 'PRIVATE KEY')}\n`,
    leafPem: `${leaf.toString('pem')}\n`,
    serialNumber,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
  };
}

/** The conditions a scenario gives a certificate, relative to `now`. */
export type CertificateCondition = 'valid' | 'expired' | 'expiring-soon' | 'not-yet-valid' | 'self-signed';

/**
 * A certificate for `hostnames` in the given condition: valid for a year (issued 30 days ago),
 * expired 10 days ago, expiring in 5 days, valid only from 7 days on, or valid but self-signed.
 */
export function certificateFor(
  hostnames: string[],
  condition: CertificateCondition = 'valid',
  now: Date = new Date(),
): Promise<IssuedCertificate> {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const windows: Record<CertificateCondition, [number, number]> = {
    valid: [-30, 335],
    'self-signed': [-30, 335],
    expired: [-375, -10],
    'expiring-soon': [-360, 5],
    'not-yet-valid': [7, 372],
  };
  const [from, to] = windows[condition];
  return issueCertificate({
    commonName: hostnames[0] ?? 'localhost',
    dnsNames: hostnames,
    notBefore: at(from),
    notAfter: at(to),
    selfSigned: condition === 'self-signed',
  });
}

/** A positive 16-byte serial number as hex (the top bit cleared so DER keeps it positive). */
function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}
