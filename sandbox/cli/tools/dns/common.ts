// What the DNS tools share: the reach transport (queries traced by the path engine), query types
// the engine answers, and the name-server argument (an address, or a name resolved first).
import { isIPv4 } from '../../../core/ip.ts';
import type { QueryType, ReachFn } from '../../../network/dns/index.ts';
import { reachFor } from '../../../network/trace/index.ts';
import type { ToolEnv } from '../env.ts';
import { lookupHost } from '../net/resolve.ts';

export const ENGINE_TYPES: readonly QueryType[] = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME'];
/** Types the tools accept; those the engine has no records for answer with no data. */
export const KNOWN_TYPES = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'MX', 'TXT', 'NS', 'SOA', 'ANY', 'CAA'];

export function reachOf(env: ToolEnv): ReachFn {
  return reachFor(env.world);
}

/** A server given as a name is looked up first (with the host's resolver); undefined if it does not resolve. */
export function serverAddress(env: ToolEnv, server: string): { ip?: string; elapsedMs: number } {
  if (isIPv4(server)) return { ip: server, elapsedMs: 0 };
  const l = lookupHost(env, server, 'glibc');
  return { ip: l.addresses[0], elapsedMs: l.elapsedMs };
}

export function engineType(type: string): QueryType | undefined {
  const upper = type.toUpperCase();
  return (ENGINE_TYPES as readonly string[]).includes(upper) ? (upper as QueryType) : undefined;
}
