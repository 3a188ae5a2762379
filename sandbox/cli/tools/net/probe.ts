// ICMP echo through the path engine, for ping and traceroute: whether a reply comes back, from
// whom, with which TTL and round trip. Azure load balancer frontends and most blocked paths
// simply never answer; the internet mostly does.
import { fnv1a } from '../../../core/hash.ts';
import type { TraceResult } from '../../../network/trace/index.ts';
import type { ToolEnv } from '../env.ts';
import { traceFrom } from './connect.ts';
import { baseRtt, reachOf, sampleRtt, type Reach } from './latency.ts';

export interface EchoPath {
  trace: TraceResult;
  answered: boolean;
  /** The address replies come from (the destination, after any DNAT). */
  replyFrom: string;
  ttl: number;
  baseRttMs: number;
  reach: Reach;
}

/** Linux routers on the way (each decrements the TTL): the nodes the packet is forwarded through. */
function ttlOf(t: TraceResult, reach: Reach, from: ToolEnv['from'], dst: string): number {
  if (reach === 'internet' || reach === 'from-outside') {
    // A far host: 64 or 128 minus a dozen routers, fixed per address.
    const h = fnv1a(dst);
    return (h % 3 === 0 ? 128 : 64) - (8 + (h % 9));
  }
  if (reach === 'loopback') return 64;
  let ttl = 64;
  if (from.kind === 'pod') ttl -= 1;
  if (t.reached?.kind === 'pod') ttl -= 1;
  if (reach === 'node') return Math.min(64, ttl + (from.kind === 'pod' && t.reached?.kind === 'pod' ? 1 : 0));
  return ttl;
}

export function echoPath(env: ToolEnv, ip: string): EchoPath {
  const { trace } = traceFrom(env, ip, undefined, 'icmp');
  const reach = reachOf(env.world, env.from, trace);
  const replyFrom = trace.finalDestination?.ip ?? ip;
  return {
    trace,
    answered: trace.verdict === 'delivered',
    replyFrom,
    ttl: ttlOf(trace, reach, env.from, replyFrom),
    baseRttMs: baseRtt(reach, replyFrom),
    reach,
  };
}

export function echoRtt(path: EchoPath, seed: string): number {
  return sampleRtt(path.baseRttMs, seed);
}
