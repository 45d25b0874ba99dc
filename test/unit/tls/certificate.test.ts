import { describe, expect, it } from 'vitest';
import { certificateFor } from '../../../src/emulator/certificates.js';
import { utcTimes } from '../../../src/time-marks.js';
import {
  classifyValidity,
  describeValidity,
  describeValidity as describeValidityMarked,
  parseLeafCertificate,
  sameFingerprint,
  splitPemChain,
} from '../../../src/tls/certificate.js';

const now = new Date('2026-03-01T12:00:00Z');

describe('parseLeafCertificate', () => {
  it('reads the leaf of a chain: subject, issuer, SANs, serial, validity, fingerprint', async () => {
    const issued = await certificateFor(['api.example.com', '*.apis.example.com'], 'valid', now);
    expect(splitPemChain(issued.certificatePem)).toHaveLength(2);
    const leaf = parseLeafCertificate(issued.certificatePem);
    expect(leaf).toMatchObject({
      subject: 'CN=api.example.com',
      issuer: 'CN=apigee-doctor emulator issuing CA, O=apigee-doctor',
      subjectAltNames: ['DNS:api.example.com', 'DNS:*.apis.example.com'],
      serialNumber: issued.serialNumber.toUpperCase(),
      validFrom: issued.notBefore.toISOString().replace(/\.\d{3}Z$/, '.000Z'),
    });
    expect(leaf?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('gives each caller its own summary of a certificate read before', async () => {
    const issued = await certificateFor(['api.example.com'], 'valid', now);
    const first = parseLeafCertificate(issued.certificatePem)!;
    first.subjectAltNames.push('DNS:evil.example.com');
    first.subject = 'CN=changed';
    expect(parseLeafCertificate(issued.certificatePem)).toMatchObject({
      subject: 'CN=api.example.com',
      subjectAltNames: ['DNS:api.example.com'],
    });
  });

  it('returns undefined for text that holds no readable certificate', () => {
    expect(parseLeafCertificate('')).toBeUndefined();
    expect(
      parseLeafCertificate('-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----'),
    ).toBeUndefined();
  });
});

describe('classifyValidity', () => {
  const window = { validFrom: '2026-01-01T00:00:00.000Z', validTo: '2026-03-20T00:00:00.000Z' };

  it('is valid well inside the period', () => {
    expect(classifyValidity(window, new Date('2026-02-01T00:00:00Z')).state).toBe('valid');
  });

  it('warns within 14 days of expiry', () => {
    expect(classifyValidity(window, new Date('2026-03-06T00:00:01Z'))).toEqual({
      state: 'expiring-soon',
      daysToExpiry: 13,
      daysToStart: -64,
    });
    expect(classifyValidity(window, new Date('2026-03-06T00:00:00Z')).state).toBe('valid');
  });

  it('is expired after the end and not yet valid before the start', () => {
    expect(classifyValidity(window, new Date('2026-03-20T00:00:01Z')).state).toBe('expired');
    expect(classifyValidity(window, new Date('2025-12-31T23:59:59Z')).state).toBe('not-yet-valid');
  });
});

describe('describeValidity', () => {
  it('writes the day as a date mark, for each renderer to write in its reader’s zone', () => {
    expect(
      describeValidity({ validFrom: '2026-01-01T00:00:00Z', validTo: '2026-02-04T00:00:00Z' }, now),
    ).toBe('expired on ⟦date:2026-02-04T00:00:00.000Z⟧ (25 days ago)');
  });

  it('says when and how long ago or ahead', () => {
    const describeValidity = (...args: Parameters<typeof describeValidityMarked>) =>
      utcTimes(describeValidityMarked(...args));
    const window = { validFrom: '2026-01-01T00:00:00.000Z', validTo: '2026-02-04T00:00:00.000Z' };
    expect(describeValidity(window, now)).toBe('expired on 2026-02-04 (25 days ago)');
    expect(describeValidity(window, new Date('2026-02-14T00:00:00.001Z'))).toBe(
      'expired on 2026-02-04 (10 days ago)',
    );
    expect(describeValidity(window, new Date('2026-02-04T06:00:00Z'))).toBe('expired on 2026-02-04 (today)');
    expect(describeValidity(window, new Date('2025-12-30T00:00:00Z'))).toBe(
      'not valid before 2026-01-01 (in 2 days)',
    );
    expect(describeValidity(window, new Date('2026-02-02T12:00:00Z'))).toBe(
      'expires on 2026-02-04 (in 1 day)',
    );
    expect(describeValidity(window, new Date('2026-01-02T00:00:00Z'))).toBe('valid until 2026-02-04');
  });
});

describe('sameFingerprint', () => {
  it('ignores case and separators, and never equates empty values', () => {
    expect(sameFingerprint('AB:CD:01', 'abcd01')).toBe(true);
    expect(sameFingerprint('AB:CD:01', 'AB:CD:02')).toBe(false);
    expect(sameFingerprint('', '')).toBe(false);
  });
});
