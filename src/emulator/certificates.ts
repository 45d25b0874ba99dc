/**
 * X.509 certificates for the emulated load balancer: a local root CA, the issuing CA under it, and
 * leaf certificates with chosen names and validity, so a scenario can present a valid, expired,
 * not-yet-valid, expiring or wrongly named certificate, or one a client cannot verify (self-signed,
 * sent without its intermediate, issued by an unknown private CA). ECDSA P-256 on Node's WebCrypto
 * keeps generation fast.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const signing = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** Who signs a leaf: the emulator's issuing CA, the leaf's own key, or a CA no client trusts. */
export type LeafIssuer = 'emulator-ca' | 'self-signed' | 'unknown-ca';

/** What a leaf certificate says about itself, and who issued it. */
export interface CertificateSpec {
  /** Subject common name. */
  commonName: string;
  /** DNS subject alternative names; default `[commonName]`. An empty list leaves SANs out. */
  dnsNames?: string[];
  notBefore: Date;
  notAfter: Date;
  /** Default `emulator-ca`: the issuing CA under the root that tests and the demo trust. */
  issuer?: LeafIssuer;
  /** Leave the issuing CA out of the chain (the classic "unable to verify the first certificate"). */
  withoutIntermediate?: boolean;
}

/** A certificate ready for node:tls and for an `SslCertificate.certificate` field. */
export interface IssuedCertificate {
  /**
   * What is uploaded and served, PEM: the leaf, then the issuing CA that signed it (the root is never
   * sent, as a real chain), or the leaf alone when self-signed or `withoutIntermediate`.
   */
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

/** A root CA and the issuing (intermediate) CA it signed, as public CAs are organised. */
interface CaHierarchy {
  root: CertificateAuthority;
  issuing: CertificateAuthority;
}

const TRUSTED_NAMES = {
  root: 'CN=apigee-doctor emulator root CA, O=apigee-doctor',
  issuing: 'CN=apigee-doctor emulator issuing CA, O=apigee-doctor',
};
/** A private CA nobody was told to trust, for the "unknown issuer" estates. */
const UNKNOWN_NAMES = {
  root: 'CN=Example Corp Private Root CA, O=Example Corp',
  issuing: 'CN=Example Corp Private Issuing CA, O=Example Corp',
};

let trusted: Promise<CaHierarchy> | undefined;
let unknown: Promise<CaHierarchy> | undefined;

/**
 * The process-wide emulator root CA (every `emulator-ca` leaf of a run chains to it through the
 * issuing CA). Whoever diagnoses an emulated estate must be told to trust this PEM; it is created
 * per process, so no certificate it signs is trusted anywhere else.
 */
export async function emulatorCertificateAuthority(): Promise<{ pem: string }> {
  return { pem: (await hierarchy('emulator-ca')).root.pem };
}

/** The emulator's issuing CA (what a full chain sends after the leaf), for tests. */
export async function emulatorIssuingAuthority(): Promise<{ pem: string; subject: string }> {
  const { issuing } = await hierarchy('emulator-ca');
  return { pem: issuing.pem, subject: issuing.certificate.subject };
}

function hierarchy(issuer: 'emulator-ca' | 'unknown-ca'): Promise<CaHierarchy> {
  if (issuer === 'unknown-ca') {
    unknown ??= createHierarchy(UNKNOWN_NAMES);
    return unknown;
  }
  trusted ??= createHierarchy(TRUSTED_NAMES);
  return trusted;
}

/**
 * The CAs' validity, fixed as a real CA's is: not read from the clock, so a report that shows the
 * chain is the same whatever the day, and whichever test (on its own clock) first made the CAs.
 */
const CA_VALIDITY = {
  root: { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2050-01-01T00:00:00Z') },
  issuing: { notBefore: new Date('2021-01-01T00:00:00Z'), notAfter: new Date('2045-01-01T00:00:00Z') },
};

async function createHierarchy(names: { root: string; issuing: string }): Promise<CaHierarchy> {
  const rootKeys = await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  const rootCertificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: names.root,
    ...CA_VALIDITY.root,
    signingAlgorithm: signing,
    keys: rootKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const issuingKeys = await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  const issuingCertificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: names.issuing,
    issuer: rootCertificate.subject,
    ...CA_VALIDITY.issuing,
    signingAlgorithm: signing,
    publicKey: issuingKeys.publicKey,
    signingKey: rootKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(issuingKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  return {
    root: { keys: rootKeys, certificate: rootCertificate, pem: rootCertificate.toString('pem') },
    issuing: { keys: issuingKeys, certificate: issuingCertificate, pem: issuingCertificate.toString('pem') },
  };
}

/** Issues a leaf certificate for TLS servers, signed as `spec.issuer` says (the emulator's issuing CA by default). */
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
  const issuer = spec.issuer ?? 'emulator-ca';
  let leaf: x509.X509Certificate;
  let chain: string[];
  if (issuer === 'self-signed') {
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
    const { issuing } = await hierarchy(issuer);
    leaf = await x509.X509CertificateGenerator.create({
      serialNumber,
      subject,
      issuer: issuing.certificate.subject,
      notBefore: spec.notBefore,
      notAfter: spec.notAfter,
      signingAlgorithm: signing,
      publicKey: keys.publicKey,
      signingKey: issuing.keys.privateKey,
      extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(issuing.keys.publicKey)],
    });
    chain = spec.withoutIntermediate ? [leaf.toString('pem')] : [leaf.toString('pem'), issuing.pem];
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
export type CertificateCondition =
  | 'valid'
  | 'expired'
  | 'expiring-soon'
  | 'not-yet-valid'
  | 'self-signed'
  | 'missing-intermediate'
  | 'unknown-issuer';

/**
 * A certificate for `hostnames` in the given condition: valid for a year (issued 30 days ago),
 * expired 10 days ago, expiring in 5 days, valid only from 7 days on; or valid in time but one a
 * client cannot verify: self-signed, sent without the intermediate that issued it, or issued by a
 * private CA no client trusts.
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
    'missing-intermediate': [-30, 335],
    'unknown-issuer': [-30, 335],
    expired: [-375, -10],
    'expiring-soon': [-360, 5],
    'not-yet-valid': [7, 372],
  };
  const [from, to] = windows[condition];
  const issuers: Partial<Record<CertificateCondition, LeafIssuer>> = {
    'self-signed': 'self-signed',
    'unknown-issuer': 'unknown-ca',
  };
  return issueCertificate({
    commonName: hostnames[0] ?? 'localhost',
    dnsNames: hostnames,
    notBefore: at(from),
    notAfter: at(to),
    issuer: issuers[condition] ?? 'emulator-ca',
    withoutIntermediate: condition === 'missing-intermediate',
  });
}

/** A positive 16-byte serial number as hex (the top bit cleared so DER keeps it positive). */
function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}
