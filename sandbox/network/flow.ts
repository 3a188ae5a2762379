// The vocabulary of the path engine, shared by every part of it (Azure dataplane, kube-proxy,
// DNS, the commands that print traces). A trace models one flow (a connection attempt), not
// single packets: NSGs and NAT are stateful, so the return direction of an allowed flow is
// implied and never traced.

export type Protocol = 'tcp' | 'udp' | 'icmp';

/** Where a flow starts: a pod, a node, a machine outside the cluster, or a bare address. */
export type Endpoint =
  | { kind: 'pod'; clusterId: string; namespace: string; name: string }
  | { kind: 'node'; clusterId: string; name: string }
  | { kind: 'machine'; id: string }
  | { kind: 'ip'; ip: string };

export interface Flow {
  from: Endpoint;
  /** A destination address, or a host name still to resolve (kept for Host/SNI-based rules). */
  to: { ip?: string; host?: string; port?: number };
  protocol: Protocol;
}

/** One step of a trace, written so a learner can read the list top to bottom. */
export interface Hop {
  /** Where it happened, e.g. "aks-nodepool1-12345678-vmss000000 eth0" or "NSG aks-agentpool-12345678-nsg (subnet aks-subnet, inbound)". */
  at: string;
  /** What kind of step: 'route', 'nsg', 'dnat', 'snat', 'lb', 'firewall', 'deliver', 'forward', ... */
  action: string;
  decision: 'pass' | 'drop' | 'rewrite' | 'deliver';
  /** A full sentence naming the rule, route or resource that decided, and why. */
  reason: string;
  details?: Record<string, string>;
}

/**
 * How a flow ended. `timed-out`: packets vanish silently (the client waits); `dropped`: a
 * component discards it in a way tools can point at (a None route, an NSG deny); `refused`: the
 * far end answers with a reset or an error; `no-route`: the sender itself has nowhere to send it;
 * `unresolved`: the host name did not resolve.
 */
export type Verdict = 'delivered' | 'dropped' | 'timed-out' | 'refused' | 'no-route' | 'unresolved';

export interface Trace {
  flow: Flow;
  hops: Hop[];
  verdict: Verdict;
  /** Address and port the flow finally reached (after every DNAT). */
  finalDestination?: { ip: string; port?: number };
  /** The source address the destination sees (after every SNAT). */
  sourceSeenAs?: string;
}
