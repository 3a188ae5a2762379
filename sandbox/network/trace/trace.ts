// The public entry point of the path engine: one flow from any endpoint (a pod, a node, a
// machine, a bare address) to an address or a host name, through DNS, the source node's
// netfilter and NetworkPolicy, the Azure dataplane, the receiving node's netfilter, to a pod,
// a node, the API server or the internet — and whether anything accepts it there. Every step is
// a hop; the result carries the verdict, where the flow ended and the source the far end saw.
import { fnv1a } from '../../core/hash.ts';
import { isIPv4 } from '../../core/ip.ts';
import type { World } from '../../model/world.ts';
import { kubernetesProbeState } from '../../controllers/cloud-lb/probe-state.ts';
import { traceFromInternet, traceFromMachine } from '../azure-path.ts';
import type { Flow } from '../flow.ts';
import { ephemeralPort } from '../walk.ts';
import { fromSubnet } from './from-subnet.ts';
import { addHop, end, tupleOf } from './hops.ts';
import { afterAzure, fromCluster } from './legs.ts';
import { reachWith, resolveHost } from './resolve-host.ts';
import { locateSource, type Source } from './source.ts';
import type { Ctx, Ending, Pkt, TraceOptions, TraceResult } from './types.ts';

/** The flow number in [0,1) kube-proxy's statistic rules and the LB's hash see for this 5-tuple. */
export function flowHashOf(p: Pkt): number {
  return fnv1a(`${p.src}:${p.srcPort}>${p.dst}:${p.dstPort ?? 0}/${p.protocol}`) / 4294967296;
}

export function trace(world: World, flow: Flow, options: TraceOptions = {}): TraceResult {
  const probeState = options.probeState ?? kubernetesProbeState(world);
  const source = locateSource(world, flow.from);
  const ctx: Ctx = {
    world,
    flow,
    hops: [],
    pkt: { src: source.kind === 'missing' ? '' : source.ip, srcPort: 0, dst: flow.to.ip ?? '', protocol: flow.protocol },
    hash: 0,
    probeState,
    established: options.established ?? false,
    legs: 0,
    visits: new Set(),
  };
  const ending = run(ctx, source, options);
  return finish(ctx, ending);
}

function run(ctx: Ctx, source: Source, options: TraceOptions): Ending {
  if (source.kind === 'missing') {
    addHop(ctx, { at: source.label, action: 'send', decision: 'drop', reason: source.reason });
    return end('no-route');
  }
  const { flow } = ctx;
  const p = ctx.pkt;
  const host = flow.to.host;
  if (host) p.host = host;
  if (host && (!flow.to.ip || options.resolveHost)) {
    const resolved = resolveHost(ctx, host, reachWith(ctx.world, trace, { probeState: ctx.probeState }));
    if (typeof resolved !== 'string') return resolved;
    p.dst = resolved;
  }
  if (!isIPv4(p.dst)) {
    addHop(ctx, { at: source.label, action: 'send', decision: 'drop', reason: `The flow names no destination address${host ? ` and ${host} is not one` : ''}.` });
    return end('no-route');
  }
  if (flow.protocol !== 'icmp' && flow.to.port !== undefined) p.dstPort = flow.to.port;
  p.srcPort = options.sourcePort ?? ephemeralPort(p.src, p.dst, p.dstPort, p.protocol);
  ctx.hash = options.flowHash ?? flowHashOf(p);
  switch (source.kind) {
    case 'cluster':
      return fromCluster(ctx, source.cluster, source.node, source.pod, source.label);
    case 'machine':
      return afterAzure(ctx, traceFromMachine(ctx.world, source.machine, packetOf(p), { probeState: ctx.probeState, established: ctx.established }));
    case 'internet':
      addHop(ctx, { at: source.label, action: 'send', decision: 'pass', reason: `A host on the internet sends ${tupleOf(p)}.` });
      return afterAzure(ctx, traceFromInternet(ctx.world, { ...packetOf(p), srcIp: p.src }, { probeState: ctx.probeState, established: ctx.established }));
    case 'subnet':
      return fromSubnet(ctx, source.subnetId, source.label);
  }
}

function packetOf(p: Pkt) {
  const out: { srcPort: number; dstIp: string; dstPort?: number; protocol: Pkt['protocol']; host?: string } = { srcPort: p.srcPort, dstIp: p.dst, protocol: p.protocol };
  if (p.dstPort !== undefined) out.dstPort = p.dstPort;
  if (p.host) out.host = p.host;
  return out;
}

function finish(ctx: Ctx, ending: Ending): TraceResult {
  const result: TraceResult = { flow: ctx.flow, hops: ctx.hops, verdict: ending.verdict };
  const p = ctx.pkt;
  if (ending.verdict === 'delivered' || (ending.verdict === 'refused' && ending.reached)) {
    result.finalDestination = p.dstPort === undefined || p.protocol === 'icmp' ? { ip: p.dst } : { ip: p.dst, port: p.dstPort };
    result.sourceSeenAs = p.src;
  }
  if (ending.reached) result.reached = ending.reached;
  if (ending.answer) result.answer = ending.answer;
  if (ctx.flow.to.host && !isIPv4(ctx.flow.to.host) && ctx.hops.some((h) => h.action === 'resolve' && h.decision === 'pass')) {
    const resolved = ctx.hops.find((h) => h.action === 'resolve' && h.decision === 'pass')?.details?.['address'];
    if (resolved) result.resolvedIp = resolved;
  }
  return result;
}
