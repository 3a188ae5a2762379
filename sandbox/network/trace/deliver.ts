// The last metre inside a node: handing the packet to a pod (the kubenet cbr0 bridge, or the
// pod's veth under Azure CNI / overlay / Cilium), its ingress NetworkPolicy, then whether a
// process listens on the port; or the node's own daemons. Nothing listening: the kernel answers
// with a TCP reset (UDP: ICMP port unreachable), so the client sees "connection refused".
import type { Pod } from '../../model/k8s/types.ts';
import { clusterProxyView, type HealthCheckRef } from '../kube-proxy/index.ts';
import type { ClusterEntry, NodeEntry } from './cluster-index.ts';
import { addHop, end, portText, tupleOf } from './hops.ts';
import { nodeListens, podListens } from './listeners.ts';
import { policyStep } from './policy-step.ts';
import type { Ctx, Ending } from './types.ts';

function podName(pod: Pod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

/** How a node reaches its local pods, per network model. */
function localLink(cluster: ClusterEntry): string {
  const np = cluster.mc.networkProfile;
  if (np?.networkDataplane === 'cilium') return 'the pod\'s veth, where Cilium\'s eBPF program delivers it';
  if (np?.networkPlugin === 'kubenet') return 'the cbr0 bridge and the pod\'s veth';
  return 'the pod\'s veth (Azure CNI routes each pod address to its interface)';
}

export function deliverToPod(ctx: Ctx, cluster: ClusterEntry, node: NodeEntry, pod: Pod, sameNode: boolean): Ending {
  const p = ctx.pkt;
  addHop(ctx, {
    at: node.name,
    action: 'forward',
    decision: 'pass',
    reason: `${p.dst} is pod ${podName(pod)} on this node${sameNode ? ' (same node as the sender: no Azure hop)' : ''}; the node hands ${tupleOf(p)} to it through ${localLink(cluster)}.`,
  });
  const denied = policyStep(ctx, cluster, node, pod, 'Ingress', p.src);
  if (denied) return denied;
  return listenAt(ctx, `pod ${podName(pod)}`, podListens(pod, p.protocol, p.dstPort), {
    kind: 'pod',
    clusterId: cluster.id,
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    nodeName: node.name,
  });
}

/** A pod talking to itself (its own address or loopback) never leaves its network namespace. */
export function deliverToSelf(ctx: Ctx, cluster: ClusterEntry, node: NodeEntry, pod: Pod): Ending {
  const p = ctx.pkt;
  addHop(ctx, { at: `pod ${podName(pod)}`, action: 'forward', decision: 'pass', reason: `${p.dst} is the pod's own address: the kernel loops the packet back inside the pod's network namespace.` });
  return listenAt(ctx, `pod ${podName(pod)}`, podListens(pod, p.protocol, p.dstPort), {
    kind: 'pod',
    clusterId: cluster.id,
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    nodeName: node.name,
  });
}

export function deliverToNode(ctx: Ctx, cluster: ClusterEntry, node: NodeEntry, healthCheck?: HealthCheckRef): Ending {
  const p = ctx.pkt;
  const reached = { kind: 'node' as const, clusterId: cluster.id, nodeName: node.name };
  if (healthCheck) {
    const status = healthCheck.localEndpoints > 0 ? '200' : '503';
    return listenAt(ctx, node.name, { listening: true, detail: `kube-proxy's health server for Service ${healthCheck.namespace}/${healthCheck.name} listens on ${portText(p)} (${healthCheck.localEndpoints} local endpoints: it answers HTTP ${status})` }, reached);
  }
  const kubeProxy = clusterProxyView(ctx.world, cluster.id).kubeProxyAbsent === null;
  return listenAt(ctx, node.name, nodeListens(cluster.hostPods.get(node.name) ?? [], kubeProxy, p.protocol, p.dstPort), reached);
}

function listenAt(ctx: Ctx, at: string, answer: { listening: boolean; detail: string }, reached: NonNullable<Ending['reached']>): Ending {
  const p = ctx.pkt;
  if (answer.listening) {
    addHop(ctx, { at, action: 'deliver', decision: 'deliver', reason: `${answer.detail}: it accepts ${tupleOf(p)}.` });
    return end('delivered', reached);
  }
  const reply = p.protocol === 'udp' ? 'an ICMP port unreachable' : 'a TCP reset';
  addHop(ctx, {
    at,
    action: 'deliver',
    decision: 'drop',
    reason: `Nothing listens on ${portText(p)} there (${answer.detail}): the kernel answers with ${reply}, so the connection is refused.`,
  });
  return end('refused', reached);
}
