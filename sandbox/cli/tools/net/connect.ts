// The one place the tools send traffic: a TCP connection attempt (or UDP/ICMP probe) traced by
// the path engine from the host's endpoint, classified the way a socket sees it — connected
// (and to whom), refused (a reset or ICMP port unreachable), unreachable (no route from here),
// or silence (the client waits until its timeout). Round-trip times come with it.
import type { Protocol } from '../../../network/flow.ts';
import { trace, type TraceResult } from '../../../network/trace/index.ts';
import type { ToolEnv } from '../env.ts';
import { localAddress, nextEphemeralPort } from './addresses.ts';
import { farEnd, type FarEnd } from './far-end.ts';
import { rttOf } from './latency.ts';

export interface Endpoints {
  local: { ip: string; port: number };
  remote: { ip: string; port: number };
}

export type Connection =
  | (Endpoints & { kind: 'connected'; trace: TraceResult; rttMs: number; peer: Extract<FarEnd, { kind: 'server' }>; clientIpSeen: string; clientPortSeen: number })
  | (Endpoints & { kind: 'refused'; trace: TraceResult; rttMs: number })
  | (Endpoints & { kind: 'unreachable'; trace: TraceResult; rttMs: number })
  | (Endpoints & { kind: 'timeout'; trace: TraceResult });

export interface ConnectOptions {
  /** The host name the client asked for (HTTP Host, TLS SNI, firewall application rules). */
  hostName?: string;
  protocol?: Protocol;
}

/** The path engine's trace of one flow from this host, with a fresh source port. */
export function traceFrom(env: ToolEnv, ip: string, port: number | undefined, protocol: Protocol, hostName?: string): { trace: TraceResult; local: { ip: string; port: number } } {
  const localIp = localAddress(env.world, env.from) ?? '0.0.0.0';
  const sourcePort = protocol === 'icmp' ? 0 : nextEphemeralPort(env.world, localIp);
  const to: { ip: string; port?: number; host?: string } = { ip };
  if (port !== undefined && protocol !== 'icmp') to.port = port;
  if (hostName) to.host = hostName;
  const t = trace(env.world, { from: env.from, to, protocol }, protocol === 'icmp' ? {} : { sourcePort });
  return { trace: t, local: { ip: localIp, port: sourcePort } };
}

/** Opens a connection to ip:port as a client program on this host would. */
export function connect(env: ToolEnv, ip: string, port: number, options: ConnectOptions = {}): Connection {
  const protocol = options.protocol ?? 'tcp';
  if (ip.startsWith('127.') && env.from.kind === 'machine') {
    // The learner's own machine runs no servers: its kernel resets the connection at once.
    const t: TraceResult = { flow: { from: env.from, to: { ip, port }, protocol }, hops: [], verdict: 'refused' };
    return { local: { ip: '127.0.0.1', port: nextEphemeralPort(env.world, '127.0.0.1') }, remote: { ip, port }, kind: 'refused', trace: t, rttMs: 0.05 };
  }
  const { trace: t, local } = traceFrom(env, ip, port, protocol, options.hostName);
  const base = { local, remote: { ip, port } };
  const seed = `${env.world.now()}|${local.port}|${ip}:${port}`;
  const rttMs = rttOf(env.world, env.from, t, seed);
  if (t.verdict === 'delivered' || (t.verdict === 'refused' && t.answer)) {
    const end = farEnd(env.world, t, options.hostName);
    if (end.kind === 'server') {
      return { ...base, kind: 'connected', trace: t, rttMs, peer: end, clientIpSeen: t.sourceSeenAs ?? local.ip, clientPortSeen: clientPortSeen(t, local.port) };
    }
    if (end.kind === 'refused') return { ...base, kind: 'refused', trace: t, rttMs };
    return { ...base, kind: 'timeout', trace: t };
  }
  switch (t.verdict) {
    case 'refused':
      return { ...base, kind: 'refused', trace: t, rttMs };
    case 'no-route':
      return { ...base, kind: 'unreachable', trace: t, rttMs: 0 };
    default:
      return { ...base, kind: 'timeout', trace: t };
  }
}

/** The source port the server sees: the last SNAT hop's, else the client's own. */
function clientPortSeen(t: TraceResult, own: number): number {
  for (let i = t.hops.length - 1; i >= 0; i--) {
    const h = t.hops[i]!;
    if (h.action !== 'snat' || h.decision !== 'rewrite') continue;
    const after = h.details?.['after'];
    const m = after ? /:(\d+) →/.exec(after) : null;
    if (m) return Number(m[1]);
  }
  return own;
}
