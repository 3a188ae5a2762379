// IPv4 addresses and CIDR blocks as 32-bit integers: parsing and validation by ipaddr.js,
// arithmetic on numbers so route lookups and allocators stay fast on large clusters.
import ipaddr from 'ipaddr.js';

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  base: number;
  prefix: number;
}

export function isIPv4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

export function isCidr(text: string): boolean {
  return ipaddr.IPv4.isValidCIDRFourPartDecimal(text);
}

export function ipToInt(text: string): number {
  const octets = ipaddr.IPv4.parse(text).octets;
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

export function intToIp(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parses `a.b.c.d/n` (a bare address counts as /32); the host bits are cleared. */
export function parseCidr(text: string): Cidr {
  const [address, prefix] = text.includes('/')
    ? (ipaddr.IPv4.parseCIDR(text) as [ipaddr.IPv4, number])
    : ([ipaddr.IPv4.parse(text), 32] as const);
  const value = ipToInt(address.toString());
  return { base: (value & maskOf(prefix)) >>> 0, prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${intToIp(cidr.base)}/${cidr.prefix}`;
}

export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ((ip & maskOf(cidr.prefix)) >>> 0) === cidr.base;
}

/** True when the text CIDR contains the text address; false for malformed input. */
export function inCidr(cidrText: string, ipText: string): boolean {
  if (!isIPv4(ipText)) return false;
  try {
    return cidrContains(parseCidr(cidrText), ipToInt(ipText));
  } catch {
    return false;
  }
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  return ((a.base & maskOf(prefix)) >>> 0) === ((b.base & maskOf(prefix)) >>> 0);
}

/** The i-th address of a block (0 = network address). */
export function nthAddress(cidr: Cidr, i: number): string {
  return intToIp((cidr.base + i) >>> 0);
}

/** The i-th sub-block of the given prefix length inside a block (e.g. the i-th /24 of a /16). */
export function nthSubnet(cidr: Cidr, prefix: number, i: number): Cidr {
  return { base: (cidr.base + i * 2 ** (32 - prefix)) >>> 0, prefix };
}

/** Addresses Azure lets a subnet use: all but the first four and the broadcast. */
export function azureUsableCount(cidr: Cidr): number {
  return Math.max(0, cidrSize(cidr) - 5);
}

/** The first address Azure hands out in a subnet (x.x.x.4 for a /24). */
export function azureFirstUsable(cidr: Cidr): number {
  return (cidr.base + 4) >>> 0;
}
