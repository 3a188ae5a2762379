// The in-cluster legs of a trace, between the Azure hops: a pod's or node's packet through its
// node's netfilter to a local pod or out of eth0; and a packet arriving at a node's NIC from the
// Azure fabric, through that node's netfilter (NodePort, load balancer floating IP, Local vs
// Cluster policy) to a pod on it, to the node itself, or on to another node.
import type { Pod } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { inCidr } from '../../core/ip.ts';
import { traceFromNic, type AzurePathResult } from '../azure-path.ts';
import { nameOf } from '../arm-ids.ts';
import { ipMasqDecisionFor } from '../kube-proxy/index.ts';
import { traceIndex, type ClusterEntry, type NodeEntry } from './cluster-index.ts';
import { apiServerArrival } from './control-plane.ts';
import { deliverToNode, deliverToPod, deliverToSelf } from './deliver.ts';
import { addHop, end, fail, tupleOf } from './hops.ts';
import { nodeLocalAddresses, runNodeNat, type NatResult } from './node-stack.ts';
import { policyStep } from './policy-step.ts';
import { MAX_LEGS, type Ctx, type Ending } from './types.ts';

function isEnding(x: NatResult | Ending): x is Ending {
  return 'verdict' in x;
}

/** A flow that starts in a pod (or a node) of a cluster. */
export function fromCluster(ctx: Ctx, cluster: ClusterEntry, node: NodeEntry, pod: Pod | undefined, label: string): Ending {
  const p = ctx.pkt;
  const hostNet = !pod || pod.spec.hostNetwork === true;
  addHop(ctx, {
    at: label,
    action: 'send',
    decision: 'pass',
    reason: `${label} sends ${tupleOf(p)}${pod && hostNet ? ' from the network namespace of its node (hostNetwork)' : ''}.`,
  });
  if (pod && !hostNet && (p.dst === p.src || p.dst.startsWith('127.'))) return deliverToSelf(ctx, cluster, node, pod);
  if (hostNet && p.dst.startsWith('127.')) return deliverToNode(ctx, cluster, node);
  const origin = hostNet ? 'node' : 'pod';
  const nat = runNodeNat(ctx, cluster, node, origin);
  if (isEnding(nat)) return nat;
  if (pod && !hostNet) {
    const denied = policyStep(ctx, cluster, node, pod, 'Egress', p.dst);
    if (denied) return denied;
  }
  return place(ctx, cluster, node, nat, origin);
}

/** Where a packet goes once its node's netfilter is done with it. */
function place(ctx: Ctx, cluster: ClusterEntry, node: NodeEntry, nat: NatResult, origin: 'pod' | 'node' | 'external'): Ending {
  const p = ctx.pkt;
  if (nodeLocalAddresses(cluster, node).includes(p.dst)) return deliverToNode(ctx, cluster, node, nat.healthCheck);
  const pod = cluster.podsByIp.get(p.dst);
  if (pod && pod.spec.nodeName === node.name) return deliverToPod(ctx, cluster, node, pod, origin !== 'external');
  if (origin === 'external') {
    const inCluster = pod !== undefined || [...cluster.nodes.values()].some((n) => n.podCidr && inCidr(n.podCidr, p.dst));
    if (!inCluster) {
      return fail(ctx, 'timed-out', node.name, 'forward', `${node.name} receives ${tupleOf(p)}, but no rule on it handles ${p.dst} and it is neither the node's address nor one of its pods, so the packet is lost.`);
    }
    addHop(ctx, {
      at: node.name,
      action: 'forward',
      decision: 'pass',
      reason: `${p.dst} is not a pod of ${node.name}${node.podCidr ? ` (its pods are in ${node.podCidr})` : ''}; with IP forwarding on, the kernel routes the packet back out of eth0.`,
    });
  }
  return leaveNode(ctx, cluster, node, origin);
}

/** Out of the node's eth0 into the Azure fabric. */
function leaveNode(ctx: Ctx, cluster: ClusterEntry, node: NodeEntry, origin: 'pod' | 'node' | 'external'): Ending {
  const p = ctx.pkt;
  if (!node.nicId) return fail(ctx, 'no-route', node.name, 'send', `Node ${node.name} has no network interface in the sandbox, so nothing can leave it.`);
  if (origin === 'pod' && cluster.podsByIp.has(p.src)) {
    const masq = ipMasqDecisionFor(ctx.world, cluster.id, node.name, p.src, p.dst);
    if (masq && !masq.masquerade && masq.exemptBy) {
      addHop(ctx, {
        at: `azure-ip-masq-agent rules on ${node.name}`,
        action: 'snat',
        decision: 'pass',
        reason: `${p.dst} is inside the non-masquerade range ${masq.exemptBy}, so the packet keeps the pod address ${p.src} as its source.`,
      });
    }
  }
  addHop(ctx, { at: `${node.name} eth0`, action: 'send', decision: 'pass', reason: `${node.name} routes ${tupleOf(p)} out of eth0 (NIC ${nameOf(node.nicId)}).` });
  const r = traceFromNic(ctx.world, node.nicId, { srcIp: p.src, srcPort: p.srcPort, dstIp: p.dst, dstPort: p.dstPort, protocol: p.protocol, host: p.host }, { probeState: ctx.probeState, established: ctx.established });
  return afterAzure(ctx, r);
}

/** A packet arriving on a node's eth0 from the Azure fabric. */
function arriveAtNode(ctx: Ctx, cluster: ClusterEntry, node: NodeEntry): Ending {
  const p = ctx.pkt;
  const visit = `${node.name}>${p.dst}:${p.dstPort ?? ''}`;
  if (ctx.visits.has(visit) || ++ctx.legs > MAX_LEGS) {
    return fail(ctx, 'timed-out', node.name, 'forward', `The packet for ${p.dst} is back at ${node.name}: the routes send it round in a circle until its TTL runs out, and the client times out.`);
  }
  ctx.visits.add(visit);
  const nat = runNodeNat(ctx, cluster, node, 'external');
  if (isEnding(nat)) return nat;
  return place(ctx, cluster, node, nat, 'external');
}

// The source port after the Azure path's SNAT, read back from its last SNAT hop.
function portAfterSnat(r: AzurePathResult): number | undefined {
  for (let i = r.hops.length - 1; i >= 0; i--) {
    const h = r.hops[i]!;
    if (h.action !== 'snat' || h.decision !== 'rewrite' || !h.details?.['after']) continue;
    const m = /:(\d+) →/.exec(h.details['after']);
    return m ? Number(m[1]) : undefined;
  }
  return undefined;
}

/** Continues a trace from where the Azure dataplane delivered it. */
export function afterAzure(ctx: Ctx, r: AzurePathResult): Ending {
  for (const h of r.hops) ctx.hops.push(h);
  if (r.verdict !== 'delivered' || !r.delivery) return end(r.verdict, undefined, r.answer);
  const p = ctx.pkt;
  if (r.finalDestination) {
    p.dst = r.finalDestination.ip;
    if (r.finalDestination.port !== undefined) p.dstPort = r.finalDestination.port;
  }
  if (r.sourceSeenAs && r.sourceSeenAs !== p.src) {
    p.src = r.sourceSeenAs;
    p.srcPort = portAfterSnat(r) ?? p.srcPort;
  }
  const d = r.delivery;
  switch (d.kind) {
    case 'nic': {
      const node = traceIndex(ctx.world).nodeByNic.get(d.nicId.toLowerCase());
      const cluster = node ? traceIndex(ctx.world).clusters.get(node.clusterId.toLowerCase()) : undefined;
      if (node && cluster) return arriveAtNode(ctx, cluster, node);
      return end('delivered', { kind: 'host', name: d.host });
    }
    case 'control-plane':
      return apiServerArrival(ctx, d.clusterId, d.public);
    case 'private-endpoint': {
      const target = d.targetIds.find((id) => isManagedCluster(ctx.world, id));
      if (target) return apiServerArrival(ctx, target, false);
      return end('delivered', { kind: 'private-endpoint', endpointId: d.endpointId });
    }
    case 'machine':
      return end('delivered', { kind: 'machine', machineId: d.machineId });
    case 'internet':
      return end('delivered', { kind: 'internet' });
    case 'platform':
      return end('delivered', { kind: 'platform', service: d.service });
  }
}

function isManagedCluster(world: World, id: string): boolean {
  return world.resource(id)?.type.toLowerCase() === 'microsoft.containerservice/managedclusters';
}
