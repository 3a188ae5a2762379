// What a record source hands back to the server that consulted it, plus the SOA records that go
// in the authority section of negative answers (dig shows them).
import type { DnsRecord, Rcode } from '../types.ts';
import { fqdn } from '../names.ts';

export interface SourceAnswer {
  rcode: Rcode;
  answers: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  /** One sentence for the learner: which object or rule produced this answer. */
  reason: string;
  /** A CNAME target the answering server must still resolve (an ExternalName Service). */
  chase?: string;
  /** Resolved from public DNS on the internet (slower than a VNet-local answer). */
  fromInternet?: boolean;
}

export function positive(answers: DnsRecord[], reason: string, additional: DnsRecord[] = []): SourceAnswer {
  return { rcode: 'NOERROR', answers, authority: [], additional, reason };
}

/** The name exists but has no record of the asked type. */
export function noData(reason: string, soa?: DnsRecord): SourceAnswer {
  return { rcode: 'NOERROR', answers: [], authority: soa ? [soa] : [], additional: [], reason };
}

export function nxdomain(reason: string, soa?: DnsRecord): SourceAnswer {
  return { rcode: 'NXDOMAIN', answers: [], authority: soa ? [soa] : [], additional: [], reason };
}

export function soaRecord(zone: string, ttl: number, mname: string, rname: string, serial: number, timers: [number, number, number, number]): DnsRecord {
  return { name: zone, type: 'SOA', ttl, data: `${fqdn(mname)} ${fqdn(rname)} ${serial} ${timers.join(' ')}` };
}
