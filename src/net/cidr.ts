/**
 * IPv4 and IPv6 addresses and CIDR ranges, as numbers, so that a firewall rule's source range can
 * be compared with the ranges Google's health checkers and proxies come from (130.211.0.0/22,
 * 35.191.0.0/16). Addresses of the two families never contain or overlap each other.
 */

export type IpVersion = 4 | 6;

/** A parsed range: the first address (host bits cleared) and the prefix length. */
export interface Cidr {
  version: IpVersion;
  /** The network address as an unsigned integer of 32 or 128 bits. */
  network: bigint;
  prefix: number;
}

const BITS: Record<IpVersion, number> = { 4: 32, 6: 128 };

/** Parses `10.0.0.1` or `2001:db8::1` (no zone, no brackets); undefined when it is not an address. */
export function parseIp(text: string): { version: IpVersion; value: bigint } | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const value = parseIpv6(trimmed);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseIpv4(trimmed);
  return value === undefined ? undefined : { version: 4, value };
}

/**
 * Parses `A/N` (a bare address is a single-address range). Host bits set after the prefix are
 * cleared, as Google does with `10.0.0.5/24`. Undefined when the text is not a range.
 */
export function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText, extra] = text.trim().split('/');
  if (address === undefined || extra !== undefined) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  const bits = BITS[ip.version];
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  return { version: ip.version, network: ip.value & mask(ip.version, prefix), prefix };
}

/** Whether every address of `inner` lies in `outer` (false across IPv4/IPv6 or for unparsable text). */
export function cidrContains(outer: Cidr | string, inner: Cidr | string): boolean {
  const a = typeof outer === 'string' ? parseCidr(outer) : outer;
  const b = typeof inner === 'string' ? parseCidr(inner) : inner;
  if (!a || !b || a.version !== b.version || a.prefix > b.prefix) return false;
  return (b.network & mask(a.version, a.prefix)) === a.network;
}

/** Whether the two ranges share at least one address. */
export function cidrsOverlap(a: Cidr | string, b: Cidr | string): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** Whether the address lies in the range. */
export function ipInCidr(ip: string, range: Cidr | string): boolean {
  return cidrContains(range, ip);
}

function mask(version: IpVersion, prefix: number): bigint {
  const bits = BITS[version];
  const all = (1n << BigInt(bits)) - 1n;
  return (all >> BigInt(bits - prefix)) << BigInt(bits - prefix);
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are refused: some parsers read them as octal.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (text.split('::').length > 2) return undefined;
  let groups = text.split(':');
  // An embedded IPv4 tail (`::ffff:10.0.0.1`) stands for the last two groups.
  const last = groups[groups.length - 1] ?? '';
  if (last.includes('.')) {
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    groups = [...groups.slice(0, -1), (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
  }
  const joined = groups.join(':');
  let expanded: string[];
  if (joined.includes('::')) {
    const [head = '', tail = ''] = joined.split('::');
    const headGroups = head === '' ? [] : head.split(':');
    const tailGroups = tail === '' ? [] : tail.split(':');
    const missing = 8 - headGroups.length - tailGroups.length;
    if (missing < 1) return undefined;
    expanded = [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  } else {
    expanded = joined.split(':');
  }
  if (expanded.length !== 8) return undefined;
  let value = 0n;
  for (const group of expanded) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  }
  return value;
}
