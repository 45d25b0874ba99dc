import { describe, expect, it } from 'vitest';
import { certificateNames, coveringName, hostnameMatches } from '../../../src/tls/hostname.js';

describe('hostnameMatches', () => {
  it('matches an exact name regardless of case and a trailing dot', () => {
    expect(hostnameMatches('api.example.com', 'api.example.com')).toBe(true);
    expect(hostnameMatches('API.Example.com', 'api.example.com.')).toBe(true);
    expect(hostnameMatches('api.example.com', 'www.example.com')).toBe(false);
  });

  it('lets a wildcard stand for exactly one label', () => {
    expect(hostnameMatches('*.example.com', 'api.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostnameMatches('*.example.com', 'a.b.example.com')).toBe(false);
    expect(hostnameMatches('*.example.com', 'api.example.org')).toBe(false);
  });

  it('refuses partial-label, inner and top-level wildcards', () => {
    expect(hostnameMatches('api*.example.com', 'api1.example.com')).toBe(false);
    expect(hostnameMatches('api.*.example.com', 'api.x.example.com')).toBe(false);
    expect(hostnameMatches('*.com', 'example.com')).toBe(false);
    expect(hostnameMatches('*', 'example')).toBe(false);
    expect(hostnameMatches('', '')).toBe(false);
  });
});

describe('certificateNames', () => {
  it('uses the DNS SANs and ignores the CN when SANs exist', () => {
    expect(
      certificateNames(
        ['DNS:api.example.com', 'DNS:*.example.com', 'IP Address:10.0.0.1'],
        'CN=other.example.com',
      ),
    ).toEqual(['api.example.com', '*.example.com']);
  });

  it('falls back to the common name when there is no SAN', () => {
    expect(certificateNames([], 'CN=legacy.example.com, O=Example')).toEqual(['legacy.example.com']);
    expect(certificateNames([], 'O=Example\nCN=nl.example.com')).toEqual(['nl.example.com']);
    expect(certificateNames([], 'O=Example')).toEqual([]);
  });
});

describe('coveringName', () => {
  it('returns the name that covers the host, or undefined', () => {
    expect(coveringName(['www.example.com', '*.example.com'], 'api.example.com')).toBe('*.example.com');
    expect(coveringName(['www.example.com'], 'api.example.com')).toBeUndefined();
  });
});
