import { describe, expect, it } from 'vitest';
import { cidrContains, cidrsOverlap, ipInCidr, parseCidr, parseIp } from '../../../src/net/cidr.js';

describe('parseIp', () => {
  it('reads IPv4 and IPv6 addresses as numbers', () => {
    expect(parseIp('10.0.0.1')).toEqual({ version: 4, value: 0x0a000001n });
    expect(parseIp('::1')).toEqual({ version: 6, value: 1n });
    expect(parseIp('2001:db8::')).toEqual({ version: 6, value: 0x20010db8n << 96n });
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ version: 6, value: (0xffffn << 32n) | 0x0a000001n });
    expect(parseIp('1:2:3:4:5:6:7:8')?.value).toBe(0x00010002000300040005000600070008n);
  });

  it('refuses what is not an address', () => {
    for (const text of [
      '',
      '10.0.0',
      '10.0.0.256',
      '10.0.0.01',
      'a.b.c.d',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      'g::1',
    ]) {
      expect(parseIp(text), text).toBeUndefined();
    }
    expect(parseIp('1:2:3:4::5:6:7:8'), ':: must stand for at least one group').toBeUndefined();
  });
});

describe('parseCidr', () => {
  it('clears host bits and treats a bare address as a single-address range', () => {
    expect(parseCidr('10.0.0.5/24')).toEqual({ version: 4, network: 0x0a000000n, prefix: 24 });
    expect(parseCidr('10.0.0.5')).toEqual({ version: 4, network: 0x0a000005n, prefix: 32 });
    expect(parseCidr('::/0')).toEqual({ version: 6, network: 0n, prefix: 0 });
  });

  it('refuses prefixes out of range and malformed text', () => {
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('::/129')).toBeUndefined();
    expect(parseCidr('10.0.0.0/')).toBeUndefined();
    expect(parseCidr('10.0.0.0/8/8')).toBeUndefined();
    expect(parseCidr('10.0.0.0/-1')).toBeUndefined();
  });
});

describe('cidrContains', () => {
  it('says 0.0.0.0/0 and 130.211.0.0/16 cover the health-check range 130.211.0.0/22', () => {
    expect(cidrContains('0.0.0.0/0', '130.211.0.0/22')).toBe(true);
    expect(cidrContains('130.211.0.0/16', '130.211.0.0/22')).toBe(true);
    expect(cidrContains('130.211.0.0/22', '130.211.0.0/22')).toBe(true);
  });

  it('says a narrower or neighbouring range does not cover it fully', () => {
    expect(cidrContains('130.211.0.0/23', '130.211.0.0/22')).toBe(false);
    expect(cidrContains('130.211.4.0/22', '130.211.0.0/22')).toBe(false);
    expect(cidrContains('35.191.0.0/17', '35.191.0.0/16')).toBe(false);
  });

  it('works for IPv6 and never across families', () => {
    expect(cidrContains('2600:2d00::/32', '2600:2d00:1:b029::/64')).toBe(true);
    expect(cidrContains('2600:2d00:1::/48', '2600:2d00::/32')).toBe(false);
    expect(cidrContains('::/0', '130.211.0.0/22')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '::1')).toBe(false);
  });

  it('is false for unparsable ranges rather than throwing', () => {
    expect(cidrContains('not-a-range', '10.0.0.0/8')).toBe(false);
  });
});

describe('cidrsOverlap and ipInCidr', () => {
  it('finds a partial overlap either way round', () => {
    expect(cidrsOverlap('130.211.2.0/23', '130.211.0.0/22')).toBe(true);
    expect(cidrsOverlap('130.211.0.0/22', '130.211.2.0/23')).toBe(true);
    expect(cidrsOverlap('130.211.4.0/23', '130.211.0.0/22')).toBe(false);
  });

  it('places single addresses, including the last of a range', () => {
    expect(ipInCidr('35.191.255.255', '35.191.0.0/16')).toBe(true);
    expect(ipInCidr('35.192.0.0', '35.191.0.0/16')).toBe(false);
  });
});
