// The vocabulary of the end-to-end trace: its options, where a delivered flow ended up, and the
// mutable state one trace carries from the source's network namespace through the nodes' netfilter
// and the Azure dataplane to whatever answers at the far end.
import type { World } from '../../model/world.ts';
import type { Flow, Hop, Protocol, Trace, Verdict } from '../flow.ts';
import type { ProbeState } from '../load-balancer.ts';

export interface TraceOptions {
  /** Picks endpoints and backends, in [0,1). Default: derived from the 5-tuple, so a trace is repeatable. */
  flowHash?: number;
  /** The client's source port. Default: one from Linux's ephemeral range, derived from the flow. */
  sourcePort?: number;
  /** LB health probes as the Kubernetes side answers them. Default: kubernetesProbeState(world). */
  probeState?: ProbeState;
  /**
   * Resolve `to.host` even when `to.ip` is given (default: a given ip is used as is and the host
   * only travels along as the HTTP Host / TLS SNI that firewall application rules read).
   */
  resolveHost?: boolean;
  /** The connection is already open and holds its SNAT port (kubelet and tunnel heartbeats). */
  established?: boolean;
}

/** Who finally accepted (or refused) the flow, for callers that need more than the verdict. */
export type Reached =
  | { kind: 'pod'; clusterId: string; namespace: string; name: string; nodeName: string }
  | { kind: 'node'; clusterId: string; nodeName: string }
  | { kind: 'control-plane'; clusterId: string; public: boolean }
  | { kind: 'machine'; machineId: string }
  | { kind: 'internet' }
  | { kind: 'platform'; service: 'host' | 'imds' }
  | { kind: 'private-endpoint'; endpointId: string }
  | { kind: 'host'; name: string };

export interface TraceResult extends Trace {
  reached?: Reached;
  /** The address the flow was sent to once `to.host` was resolved (absent when no name was involved). */
  resolvedIp?: string;
  /** An answer a middlebox gave in the server's place (an Azure Firewall's HTTP 470, a TLS reset). */
  answer?: string;
}

/** The packet as it is on the wire at this point of the trace; NAT rewrites it in place. */
export interface Pkt {
  src: string;
  srcPort: number;
  dst: string;
  dstPort?: number;
  protocol: Protocol;
  host?: string;
}

export interface Ctx {
  world: World;
  flow: Flow;
  hops: Hop[];
  pkt: Pkt;
  /** In [0,1): which endpoint or backend this flow lands on. */
  hash: number;
  probeState: ProbeState;
  established: boolean;
  /** Node-to-node legs taken (a Cluster-policy hop to another node, a stale route); guards loops. */
  legs: number;
  /** `node>destination` arrivals seen, to recognise a packet that routes round in a circle. */
  visits: Set<string>;
}

/** How a trace ended, before it is turned into the public Trace. */
export interface Ending {
  verdict: Verdict;
  reached?: Reached;
  answer?: string;
}

export const MAX_LEGS = 4;
