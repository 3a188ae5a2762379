// The far end of a flow to a cluster's API server. The public endpoint accepts only TCP 443 and,
// with authorized IP ranges, only sources in those ranges or the cluster's own outbound IPs
// (AKS adds them itself); others get no answer at all (i/o timeout). The private endpoint and the
// API Server VNet Integration load balancer are reached through the VNet; the latter's subnet
// NSG is the learner's and applies to connections into it (api-server-vnet-integration.md).
import { cidrContains, ipToInt, isIPv4 } from '../../core/ip.ts';
import type { ManagedCluster } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import { addressing, ownerOf } from '../addressing.ts';
import { idKey, nameOf } from '../arm-ids.ts';
import { evaluatePath } from '../nsg.ts';
import { cidrOf } from '../service-tags.ts';
import { nsgHops, type Walk } from '../walk.ts';
import { addHop, end, fail, portText, tupleOf } from './hops.ts';
import type { Ctx, Ending } from './types.ts';

export const API_SERVER_PORT = 443;

/** The cluster's own egress addresses: its load balancer outbound IPs and managed NAT gateway IPs. */
export function clusterEgressIps(world: World, mc: ManagedCluster): string[] {
  const np = mc.networkProfile;
  const refs = [
    ...(np?.loadBalancerProfile?.effectiveOutboundIPs ?? []),
    ...(((np?.natGatewayProfile as { effectiveOutboundIPs?: { id: string }[] } | null)?.effectiveOutboundIPs) ?? []),
  ];
  const pips = addressing(world).publicIps;
  const out: string[] = [];
  for (const ref of refs) {
    const ip = pips.get(idKey(ref.id))?.ipAddress;
    if (ip && !out.includes(ip)) out.push(ip);
  }
  return out;
}

function inRanges(ip: string, ranges: readonly string[]): string | undefined {
  if (!isIPv4(ip)) return undefined;
  const n = ipToInt(ip);
  return ranges.find((r) => {
    const c = cidrOf(r);
    return c !== null && cidrContains(c, n);
  });
}

export function apiServerArrival(ctx: Ctx, clusterId: string, publicEndpoint: boolean): Ending {
  const world = ctx.world;
  const p = ctx.pkt;
  const mc = world.resource<ManagedCluster>(clusterId);
  const name = mc?.name ?? nameOf(clusterId);
  const at = `kube-apiserver of ${name} (${publicEndpoint ? 'public endpoint' : 'private address'})`;
  const reached = { kind: 'control-plane' as const, clusterId: mc?.id ?? clusterId, public: publicEndpoint };
  if (mc?.powerState?.code === 'Stopped') {
    return fail(ctx, 'timed-out', at, 'deliver', `Cluster ${name} is stopped: its control plane is deallocated and nothing answers at ${p.dst}.`);
  }
  if (p.protocol !== 'tcp' || p.dstPort !== API_SERVER_PORT) {
    return fail(ctx, 'timed-out', at, 'deliver', `The API server endpoint only takes TCP ${API_SERVER_PORT}; ${portText(p)} gets no answer.`);
  }
  if (publicEndpoint) {
    const ranges = mc?.apiServerAccessProfile?.authorizedIpRanges ?? [];
    if (ranges.length > 0) {
      const own = mc ? clusterEgressIps(world, mc) : [];
      const byRange = inRanges(p.src, ranges);
      if (!byRange && !own.includes(p.src)) {
        return fail(
          ctx,
          'timed-out',
          at,
          'filter',
          `The API server accepts connections only from its authorized IP ranges (${ranges.join(', ')}) and the cluster's own outbound IPs (${own.join(', ') || 'none'}); ${p.src} is in none of them, so the connection gets no answer.`,
          { authorizedIpRanges: ranges.join(','), source: p.src },
        );
      }
      addHop(ctx, {
        at,
        action: 'filter',
        decision: 'pass',
        reason: byRange
          ? `${p.src} is inside the authorized IP range ${byRange}.`
          : `${p.src} is one of the cluster's own outbound IPs, which AKS always lets through.`,
      });
    }
  } else {
    const owner = ownerOf(world, p.dst);
    const subnetId = owner?.kind === 'control-plane' ? owner.subnetId : undefined;
    if (subnetId) {
      const outcome = evaluatePath(world, subnetId, undefined, { direction: 'Inbound', protocol: p.protocol, srcIp: p.src, srcPort: p.srcPort, dstIp: p.dst, dstPort: p.dstPort });
      const walk: Walk = { world, hops: ctx.hops, packet: { srcIp: p.src, srcPort: p.srcPort, dstIp: p.dst, dstPort: p.dstPort, protocol: p.protocol }, probeState: ctx.probeState, established: ctx.established, steps: 0 };
      nsgHops(walk, outcome.steps, { subnet: nameOf(subnetId) });
      if (!outcome.allowed) return end('dropped');
    }
  }
  addHop(ctx, { at, action: 'deliver', decision: 'deliver', reason: `kube-apiserver of cluster ${name} accepts ${tupleOf(p)} and starts the TLS handshake.` });
  return end('delivered', reached);
}
