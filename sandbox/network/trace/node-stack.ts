// One node's netfilter for the first packet of a connection: kube-proxy's DNAT to a Service
// endpoint (or Cilium's eBPF equivalent), its REJECT and DROP rules, then the SNAT of
// KUBE-POSTROUTING (marked by KUBE-MARK-MASQ) and azure-ip-masq-agent. The packet in ctx is
// rewritten in place; each change is one hop naming the chain or rule that made it.
import { clusterProxyView, evaluateNat, type HealthCheckRef, type NatVerdict, type Origin } from '../kube-proxy/index.ts';
import type { ClusterEntry, NodeEntry } from './cluster-index.ts';
import { ciliumTranslate } from './cilium-services.ts';
import { addHop, end, portText, tupleOf } from './hops.ts';
import type { Ctx, Ending } from './types.ts';

export interface NatResult {
  /** Set when the packet was accepted on a Local Service's health check node port. */
  healthCheck?: HealthCheckRef;
}

/** The node's own addresses (its NIC address and, on kubenet, the cbr0 bridge). */
export function nodeLocalAddresses(cluster: ClusterEntry, node: NodeEntry): string[] {
  const bridge = bridgeIp(cluster, node);
  return bridge ? [node.ip, bridge] : [node.ip];
}

/** kubenet's cbr0 gateway: the first address of the node's pod range. */
export function bridgeIp(cluster: ClusterEntry, node: NodeEntry): string | undefined {
  if (cluster.mc.networkProfile?.networkPlugin !== 'kubenet' || !node.podCidr) return undefined;
  const [base] = node.podCidr.split('/');
  const parts = base!.split('.').map(Number);
  parts[3] = parts[3]! + 1;
  return parts.join('.');
}

function kubeProxyAt(node: NodeEntry): string {
  return `kube-proxy (iptables) on ${node.name}`;
}

function endpointText(v: NatVerdict): string {
  const to = v.to!;
  if (to.endpointPod) return `pod ${to.endpointPod.namespace}/${to.endpointPod.name}${to.endpointNode ? ` on ${to.endpointNode}` : ''}`;
  return `endpoint ${to.ip}:${to.port}`;
}

export function runNodeNat(ctx: Ctx, cluster: ClusterEntry, node: NodeEntry, origin: Origin): NatResult | Ending {
  const p = ctx.pkt;
  const local = nodeLocalAddresses(cluster, node);
  // The node's own connections to anything but a Service address meet no kube-proxy rule that
  // changes them; skipping the rule walk keeps node-wide checks (readiness) cheap.
  if (origin === 'node' && !cluster.serviceIps.has(p.dst) && !local.includes(p.dst)) return {};
  const view = clusterProxyView(ctx.world, cluster.id);
  if (view.kubeProxyAbsent && view.facts.dataplane === 'cilium') {
    const done = cilium(ctx, cluster, node, origin);
    if (done) return done;
    if (origin !== 'pod') return {};
  } else if (view.kubeProxyAbsent && cluster.serviceIps.has(p.dst)) {
    addHop(ctx, {
      at: node.name,
      action: 'dnat',
      decision: 'pass',
      reason: `Nothing translates the Service address ${p.dst} on ${node.name}: ${view.kubeProxyAbsent}.`,
    });
  }
  const v = evaluateNat(ctx.world, cluster.id, node.name, { src: p.src, dst: p.dst, dport: p.dstPort, protocol: p.protocol }, origin, ctx.hash);
  if (!v) return {};
  return applyVerdict(ctx, node, v, origin);
}

function applyVerdict(ctx: Ctx, node: NodeEntry, v: NatVerdict, origin: Origin): NatResult | Ending {
  const p = ctx.pkt;
  const hook = origin === 'node' ? 'OUTPUT' : 'PREROUTING';
  if (v.action === 'reject' || v.action === 'drop') {
    const refused = v.action === 'reject';
    addHop(ctx, {
      at: kubeProxyAt(node),
      action: refused ? 'reject' : 'filter',
      decision: 'drop',
      reason: refused
        ? `filter ${v.filterChain}: "${v.reason}": kube-proxy rejects ${tupleOf(p)} with ICMP port unreachable, so the client gets "connection refused".`
        : `filter ${v.filterChain}: "${v.reason}": kube-proxy drops ${tupleOf(p)} silently, so the client waits until it times out.`,
      details: { chain: v.filterChain ?? '', rule: v.reason },
    });
    return end(refused ? 'refused' : 'timed-out');
  }
  if (v.action === 'dnat' && v.to) {
    const before = tupleOf(p);
    p.dst = v.to.ip;
    if (p.protocol !== 'icmp') p.dstPort = v.to.port;
    addHop(ctx, {
      at: kubeProxyAt(node),
      action: 'dnat',
      decision: 'rewrite',
      reason: `nat ${hook} → ${v.chainPath.join(' → ')}: Service port ${v.servicePort ?? '?'} sends ${before} to ${endpointText(v)}; the destination becomes ${v.to.ip}:${v.to.port}.`,
      details: { servicePort: v.servicePort ?? '', chains: v.chainPath.join(' → '), before, after: tupleOf(p) },
    });
  }
  if ((v.masquerade || v.ipMasqAgent) && v.snatTo && v.snatTo !== p.src) {
    const before = tupleOf(p);
    const from = p.src;
    p.src = v.snatTo;
    const why = v.masquerade
      ? `KUBE-MARK-MASQ marked the connection (0x4000), so KUBE-POSTROUTING masquerades it: the source ${from} becomes ${v.snatTo}, the address of the interface it leaves by`
      : `azure-ip-masq-agent: ${p.dst} is outside every non-masquerade range, so the IP-MASQ-AGENT chain masquerades the pod address ${from} to the node address ${v.snatTo}`;
    addHop(ctx, {
      at: v.masquerade ? kubeProxyAt(node) : `azure-ip-masq-agent rules on ${node.name}`,
      action: 'snat',
      decision: 'rewrite',
      reason: `${why}.`,
      details: { before, after: tupleOf(p) },
    });
  }
  return v.healthCheck ? { healthCheck: v.healthCheck } : {};
}

/** Cilium's service translation; returns an ending, a result, or undefined to carry on with the masquerade rules. */
function cilium(ctx: Ctx, cluster: ClusterEntry, node: NodeEntry, origin: Origin): NatResult | Ending | undefined {
  const p = ctx.pkt;
  const view = clusterProxyView(ctx.world, cluster.id);
  const c = ciliumTranslate(view, p, origin, node.name, node.ip, ctx.hash);
  const at = `Cilium eBPF on ${node.name}`;
  if (c.kind === 'none') return undefined;
  if (c.kind === 'reject') {
    addHop(ctx, { at, action: 'reject', decision: 'drop', reason: `Service port ${c.sp.name} has no ready backend: Cilium answers ${portText(p)} with ICMP unreachable, so the client gets "connection refused".` });
    return end('refused');
  }
  if (c.kind === 'drop') {
    addHop(ctx, { at, action: 'filter', decision: 'drop', reason: `Service port ${c.sp.name} has externalTrafficPolicy Local and no ready backend on ${node.name}: Cilium drops the packet.` });
    return end('timed-out');
  }
  const before = tupleOf(p);
  p.dst = c.ep.ip;
  p.dstPort = c.ep.port;
  const pod = c.ep.pod ? `pod ${c.ep.pod.namespace}/${c.ep.pod.name}${c.ep.nodeName ? ` on ${c.ep.nodeName}` : ''}` : `endpoint ${c.ep.key}`;
  addHop(ctx, {
    at,
    action: 'dnat',
    decision: 'rewrite',
    reason: `Cilium's service map sends ${before} for Service port ${c.sp.name} to backend ${pod}; the destination becomes ${c.ep.key}.`,
    details: { servicePort: c.sp.name, before, after: tupleOf(p) },
  });
  if (c.masquerade && p.src !== node.ip) {
    const from = p.src;
    p.src = node.ip;
    addHop(ctx, { at, action: 'snat', decision: 'rewrite', reason: `externalTrafficPolicy Cluster: Cilium SNATs the client address ${from} to the node address ${node.ip} so the reply comes back through ${node.name}.` });
  }
  return origin === 'pod' ? undefined : {};
}
