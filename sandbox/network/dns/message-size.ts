// Wire size of a DNS response (RFC 1035 layout: 12-byte header, question, records of name +
// 10 bytes + rdata, an OPT record when EDNS is used), close enough to dig's `MSG SIZE rcvd`
// to teach the 512-byte UDP limit and the TC flag. CoreDNS sends names uncompressed (real
// CoreDNS replies measured by dig match that); other servers compress repeated names.
import { wireLength } from './names.ts';
import type { DnsRecord, Question } from './types.ts';

export interface SizeOptions {
  compress: boolean;
  /** The OPT record in the reply: present when the query carried EDNS; the cookie adds 12 bytes. */
  opt: { cookie: boolean } | null;
}

/** Without EDNS a UDP DNS message may be at most 512 bytes (RFC 1035 §4.2.1). */
export const PLAIN_UDP_LIMIT = 512;

function targetOf(r: DnsRecord): string {
  const parts = r.data.split(' ');
  return parts[parts.length - 1]!;
}

function rdataLength(r: DnsRecord, nameSize: (name: string) => number): number {
  switch (r.type) {
    case 'A':
      return 4;
    case 'AAAA':
      return 16;
    case 'CNAME':
    case 'PTR':
      return nameSize(r.data);
    case 'SRV':
      return 6 + wireLength(targetOf(r));
    case 'SOA': {
      const [mname, rname] = r.data.split(' ');
      return wireLength(mname ?? '') + wireLength(rname ?? '') + 20;
    }
  }
}

export function messageSize(q: Question, sections: DnsRecord[][], options: SizeOptions): number {
  const seen = new Set<string>([q.name]);
  const nameSize = (name: string): number => {
    const n = name.replace(/\.$/, '').toLowerCase();
    if (options.compress && seen.has(n)) return 2;
    seen.add(n);
    return wireLength(n);
  };
  let size = 12 + wireLength(q.name) + 4;
  for (const section of sections) {
    for (const r of section) size += nameSize(r.name) + 10 + rdataLength(r, nameSize);
  }
  if (options.opt) size += 11 + (options.opt.cookie ? 12 : 0);
  return size;
}

/** What a server sends when the full answer does not fit: records dropped from the end, TC set. */
export function truncateToFit(
  q: Question,
  answers: DnsRecord[],
  authority: DnsRecord[],
  additional: DnsRecord[],
  limit: number,
  options: SizeOptions,
): { answers: DnsRecord[]; authority: DnsRecord[]; additional: DnsRecord[] } {
  const a = [...answers];
  let auth = [...authority];
  let add = [...additional];
  const fits = () => messageSize(q, [a, auth, add], options) <= limit;
  if (!fits()) add = [];
  if (!fits()) auth = [];
  while (a.length > 0 && !fits()) a.pop();
  return { answers: a, authority: auth, additional: add };
}
