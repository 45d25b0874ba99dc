import { describe, expect, it } from 'vitest';
import {
  domainStatusAdvice,
  domainStatusMeaning,
  managedStatusMeaning,
} from '../../../src/tls/managed-status.js';

describe('domainStatusMeaning', () => {
  it('explains each failing domain state in words a DNS owner can act on', () => {
    expect(domainStatusMeaning('FAILED_NOT_VISIBLE')).toMatch(
      /DNS for the domain does not point at the load balancer/,
    );
    expect(domainStatusMeaning('FAILED_CAA_CHECKING')).toMatch(/CAA records could not be checked/);
    expect(domainStatusMeaning('FAILED_CAA_FORBIDDEN')).toMatch(
      /do not allow Google's certificate authorities/,
    );
    expect(domainStatusMeaning('FAILED_RATE_LIMITED')).toMatch(/rate-limited/);
    expect(domainStatusMeaning('PROVISIONING')).toBe('the domain is still being verified');
    expect(domainStatusMeaning('SOMETHING_NEW')).toBe('status SOMETHING_NEW');
  });
});

describe('managedStatusMeaning', () => {
  it('tells a permanent failure from one Google retries', () => {
    expect(managedStatusMeaning('PROVISIONING_FAILED_PERMANENTLY')).toMatch(/will not retry/);
    expect(managedStatusMeaning('PROVISIONING_FAILED')).toMatch(/keeps retrying/);
    expect(managedStatusMeaning('RENEWAL_FAILED')).toMatch(/will expire/);
  });
});

describe('domainStatusAdvice', () => {
  it('names the domain and the load balancer IPs to point DNS at', () => {
    expect(domainStatusAdvice('FAILED_NOT_VISIBLE', 'api.example.com', ['34.1.2.3'])).toBe(
      'Point the A/AAAA record of api.example.com at 34.1.2.3 (and remove records pointing elsewhere), then wait for Google to retry.',
    );
  });
});
