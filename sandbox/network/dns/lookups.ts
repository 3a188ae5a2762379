// The lookups nslookup and dig make, so their commands only parse arguments and print: nslookup
// (BIND 9.18) uses the search list and, by default, asks A then AAAA for the name the A lookup
// ended on; an address argument becomes a PTR lookup. dig sends EDNS (1232 bytes, a cookie),
// skips the search list unless +search, and asks exactly one type.
import { isIPv4 } from '../../core/ip.ts';
import type { World } from '../../model/world.ts';
import type { NslookupInput } from './format-nslookup.ts';
import { reverseName } from './names.ts';
import { resolveName } from './resolve.ts';
import type { Endpoint, QueryType, ReachFn, ResolveResult } from './types.ts';

export interface LookupOptions {
  reach: ReachFn;
  server?: string;
  /** -type=X for nslookup, the type argument for dig; absent: the tool's default. */
  type?: QueryType;
}

export function nslookupLookups(world: World, from: Endpoint, name: string, options: LookupOptions): NslookupInput {
  const base = { reach: options.reach, server: options.server, client: 'bind' as const };
  if (isIPv4(name) && !options.type) {
    return { primary: resolveName(world, from, reverseName(name), { ...base, type: 'PTR', search: false }), defaultLookups: true, serverArg: options.server };
  }
  const type = options.type ?? 'A';
  const primary = resolveName(world, from, name, { ...base, type, search: true });
  if (options.type || primary.status !== 'NOERROR') return { primary, defaultLookups: !options.type, serverArg: options.server };
  // The AAAA lookup asks for the end of the CNAME chain, as an absolute name.
  const last = [...primary.answers].reverse().find((a) => a.type === 'CNAME');
  const target = last ? last.data : `${primary.question.name}.`;
  const aaaa = resolveName(world, from, target, { ...base, type: 'AAAA', search: false });
  return { primary, aaaa, defaultLookups: true, serverArg: options.server };
}

export interface DigOptions extends LookupOptions {
  search?: boolean;
  tcp?: boolean;
  /** dig +notcp-style EDNS off (+noedns). */
  noEdns?: boolean;
}

export function digLookup(world: World, from: Endpoint, name: string, options: DigOptions): ResolveResult {
  const reverse = isIPv4(name) && !options.type;
  return resolveName(world, from, reverse ? reverseName(name) : name, {
    type: reverse ? 'PTR' : (options.type ?? 'A'),
    reach: options.reach,
    server: options.server,
    client: 'bind',
    search: options.search ?? false,
    tcp: options.tcp,
    edns: options.noEdns ? null : { udpSize: 1232, cookie: true },
  });
}
