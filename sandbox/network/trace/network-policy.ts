// Kubernetes NetworkPolicy as a policy engine enforces it on the first packet of a connection
// (replies of an allowed connection pass, as conntrack tracks them): policies in the pod's
// namespace whose podSelector matches it isolate it for their policyTypes; an isolated pod only
// talks to peers some rule allows (pods by labels and namespaces, ipBlocks, ports by number or
// name). A pod can always reach itself and be reached from its own node (kubernetes.io network
// policies concept page). Without an engine (networkProfile.networkPolicy none) AKS enforces nothing.
import { inCidr } from '../../core/ip.ts';
import type { ManagedCluster, NetworkProfile } from '../../model/azure/types.ts';
import type { LabelSelector, NetworkPolicy, NetworkPolicyPeer, Pod } from '../../model/k8s/types.ts';
import { selectorMatches } from '../../controllers/k8s/index.ts';
import type { Protocol } from '../flow.ts';
import type { ClusterEntry } from './cluster-index.ts';

export type PolicyDirection = 'Ingress' | 'Egress';

/** The engine that enforces NetworkPolicy on the cluster, or null when none does. */
export function policyEngine(mc: ManagedCluster): string | null {
  const profile: NetworkProfile | undefined = mc.networkProfile;
  if (profile?.networkDataplane === 'cilium') return 'Cilium';
  switch (profile?.networkPolicy) {
    case 'azure':
      return 'Azure Network Policy Manager';
    case 'calico':
      return 'Calico';
    case 'cilium':
      return 'Cilium';
    default:
      return null;
  }
}

/** The other end of the connection as the policy sees it. */
export interface Peer {
  ip: string;
  pod?: Pod;
}

export interface PolicyVerdict {
  /** True when at least one policy isolates the pod in this direction. */
  isolated: boolean;
  allowed: boolean;
  /** The isolating policies, `namespace/name`. */
  policies: string[];
  /** The policy and rule that allowed it, when isolated and allowed. */
  allowedBy?: { policy: string; rule: number };
}

function nsOf(p: { metadata: { namespace?: string } }): string {
  return p.metadata.namespace ?? 'default';
}

function typesOf(policy: NetworkPolicy): PolicyDirection[] {
  if (policy.spec.policyTypes?.length) return policy.spec.policyTypes;
  return policy.spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function peerMatches(entry: ClusterEntry, policy: NetworkPolicy, peer: NetworkPolicyPeer, who: Peer): boolean {
  if (peer.ipBlock) {
    if (!inCidr(peer.ipBlock.cidr, who.ip)) return false;
    return !(peer.ipBlock.except ?? []).some((c) => inCidr(c, who.ip));
  }
  if (!who.pod) return false;
  if (peer.namespaceSelector) {
    const labels = entry.namespaceLabels.get(nsOf(who.pod)) ?? { 'kubernetes.io/metadata.name': nsOf(who.pod) };
    if (!selectorMatches(peer.namespaceSelector as LabelSelector, labels)) return false;
  } else if (nsOf(who.pod) !== nsOf(policy)) {
    return false;
  }
  return peer.podSelector ? selectorMatches(peer.podSelector as LabelSelector, who.pod.metadata.labels) : true;
}

function namedPort(pod: Pod | undefined, name: string, protocol: string): number | undefined {
  for (const c of pod?.spec.containers ?? []) {
    const port = c.ports?.find((p) => p.name === name && (p.protocol ?? 'TCP') === protocol);
    if (port) return port.containerPort;
  }
  return undefined;
}

type PortRule = { protocol?: string; port?: number | string; endPort?: number };

function portMatches(rules: PortRule[] | undefined, protocol: Protocol, port: number | undefined, target: Pod | undefined): boolean {
  if (!rules || rules.length === 0) return true;
  if (protocol === 'icmp' || port === undefined) return false;
  const want = protocol.toUpperCase();
  return rules.some((r) => {
    if ((r.protocol ?? 'TCP') !== want) return false;
    if (r.port === undefined) return true;
    const base = typeof r.port === 'number' ? r.port : namedPort(target, r.port, want);
    if (base === undefined) return false;
    return r.endPort !== undefined && typeof r.port === 'number' ? port >= base && port <= r.endPort : port === base;
  });
}

/**
 * The policies' verdict for `subject` receiving from (Ingress) or sending to (Egress) `peer` on
 * the port. Named ports resolve on the pod that owns the port: the subject for Ingress, the peer
 * for Egress.
 */
export function evaluatePolicies(entry: ClusterEntry, direction: PolicyDirection, subject: Pod, peer: Peer, protocol: Protocol, port: number | undefined): PolicyVerdict {
  const ns = nsOf(subject);
  const isolating = entry.policies.filter(
    (p) => nsOf(p) === ns && typesOf(p).includes(direction) && selectorMatches((p.spec.podSelector ?? {}) as LabelSelector, subject.metadata.labels),
  );
  const names = isolating.map((p) => `${nsOf(p)}/${p.metadata.name}`);
  if (isolating.length === 0) return { isolated: false, allowed: true, policies: [] };
  const portOwner = direction === 'Ingress' ? subject : peer.pod;
  for (const policy of isolating) {
    const rules = direction === 'Ingress' ? (policy.spec.ingress ?? []) : (policy.spec.egress ?? []);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]! as { from?: NetworkPolicyPeer[]; to?: NetworkPolicyPeer[]; ports?: PortRule[] };
      const peers = direction === 'Ingress' ? rule.from : rule.to;
      const peerOk = !peers || peers.length === 0 || peers.some((p) => peerMatches(entry, policy, p, peer));
      if (peerOk && portMatches(rule.ports, protocol, port, portOwner)) {
        return { isolated: true, allowed: true, policies: names, allowedBy: { policy: `${nsOf(policy)}/${policy.metadata.name}`, rule: i + 1 } };
      }
    }
  }
  return { isolated: true, allowed: false, policies: names };
}
