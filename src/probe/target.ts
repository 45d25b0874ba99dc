/** Where a live probe may go: only loopback while Google is emulated, so tests never leave the machine. */
import { isIP } from 'node:net';

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopback(ip: string): boolean {
  if (isIP(ip) === 4) return ip.startsWith('127.');
  const lower = ip.toLowerCase();
  return lower === '::1' || lower.startsWith('::ffff:127.');
}

/** The reason a probe to `ip` is not sent under `loopbackOnly`, or undefined when it may go. */
export function loopbackOnlyReason(ip: string, loopbackOnly: boolean | undefined): string | undefined {
  if (!loopbackOnly || isLoopback(ip)) return undefined;
  return `not probed: ${ip} is not a loopback address, and probes stay on this machine while Google is emulated`;
}

/** SNI must be a hostname: node refuses an IP address as servername. */
export function serverNameFor(hostname: string): string | undefined {
  return isIP(hostname) === 0 ? hostname : undefined;
}
