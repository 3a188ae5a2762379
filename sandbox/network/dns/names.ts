// Domain-name helpers: normalising what users type, zone membership, reverse names, and the
// wire length of a name (for message sizes and the 512-byte UDP limit).
import { isIPv4 } from '../../core/ip.ts';

/** Lower-case without the trailing dot; `''` is the root. */
export function normalizeName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}

export function isAbsolute(name: string): boolean {
  return name.trim().endsWith('.');
}

/** Dots in the name as typed, ignoring a trailing one (what ndots compares against). */
export function countDots(name: string): number {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  let dots = 0;
  for (let i = 0; i < n.length; i++) if (n.charCodeAt(i) === 46) dots++;
  return dots;
}

export function labelCount(name: string): number {
  const n = normalizeName(name);
  return n === '' ? 0 : n.split('.').length;
}

/** True when `name` is `zone` or below it (both normalised). The root zone '' holds everything. */
export function inZone(name: string, zone: string): boolean {
  if (zone === '') return true;
  return name === zone || name.endsWith(`.${zone}`);
}

/** The part of `name` left of `zone` (`'@'` for the apex), assuming inZone(name, zone). */
export function relativeTo(name: string, zone: string): string {
  if (name === zone) return '@';
  return zone === '' ? name : name.slice(0, name.length - zone.length - 1);
}

/** Name with the trailing dot dig prints in rdata and owner columns. */
export function fqdn(name: string): string {
  return name === '' ? '.' : `${name}.`;
}

/** The PTR owner of an address: `10.0.0.10` → `10.0.0.10.in-addr.arpa` with the octets reversed. */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** The IPv4 address a reverse name stands for (`4.0.224.10.in-addr.arpa` → `10.224.0.4`), or null. */
export function ipOfReverseName(name: string): string | null {
  const n = normalizeName(name);
  if (!n.endsWith('.in-addr.arpa')) return null;
  const octets = n.slice(0, -'.in-addr.arpa'.length).split('.');
  if (octets.length !== 4) return null;
  const ip = octets.reverse().join('.');
  return isIPv4(ip) ? ip : null;
}

/** Bytes a name takes on the wire uncompressed: one length byte per label plus the root byte. */
export function wireLength(name: string): number {
  const n = normalizeName(name);
  return n === '' ? 1 : n.length + 2;
}

/** Whether the text can be a DNS name at all (labels of 1-63 chars, 253 total). */
export function isValidName(name: string): boolean {
  const n = normalizeName(name);
  if (n === '' || n.length > 253) return false;
  return n.split('.').every((l) => l.length > 0 && l.length <= 63);
}
