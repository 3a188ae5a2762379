// The structured iptables rule model: what kube-proxy, kubelet and azure-ip-masq-agent write
// on an AKS node, kept as data so one set of rules feeds both the printers (iptables-save,
// iptables -L, iptables -S) and the evaluator that walks them like the kernel does.
import type { Cidr } from '../../core/ip.ts';

export type TableName = 'mangle' | 'filter' | 'nat';
export type L4Protocol = 'tcp' | 'udp' | 'sctp';

/** An address match as written (`-s`/`-d`), pre-parsed so the evaluator compares integers. */
export interface AddressMatch {
  /** What the writer passed: an address (`10.0.0.10`) or a block (`10.244.0.0/16`). */
  text: string;
  cidr: Cidr;
  negate: boolean;
}

export type ConntrackState = 'INVALID' | 'NEW' | 'RELATED' | 'ESTABLISHED' | 'UNTRACKED' | 'SNAT' | 'DNAT';

/** The `-m <module>` matches the modelled writers use, in the order they wrote them. */
export type Match =
  | { m: 'comment'; text: string }
  /** `-m tcp` / `-m udp` / `-m sctp`, with `--dport` when given. */
  | { m: 'l4'; proto: L4Protocol; dport?: number }
  | { m: 'addrtype'; type: 'src' | 'dst'; addrType: 'LOCAL'; negate: boolean }
  /** `--probability` as written (10 decimals) and as the kernel stores it (a 31-bit fraction). */
  | { m: 'statistic'; written: string; kernel: number }
  | { m: 'mark'; value: number; mask: number; negate: boolean }
  | { m: 'conntrack'; states: ConntrackState[]; negate: boolean }
  /** Session affinity (`-m recent`): `set` records the client, `rcheck` looks it up. */
  | { m: 'recent'; mode: 'set' | 'rcheck'; name: string; seconds?: number; reap?: boolean };

export type Target =
  | { t: 'jump'; chain: string }
  | { t: 'DNAT'; ip: string; port: number }
  /** `--or-mark` / `--xor-mark`; iptables-save shows both as `--set-xmark value/mask`. */
  | { t: 'MARK'; op: 'or' | 'xor'; value: number }
  | { t: 'MASQUERADE'; randomFully: boolean }
  | { t: 'RETURN' }
  | { t: 'ACCEPT' }
  | { t: 'DROP' }
  /** kube-proxy writes a bare `-j REJECT`; the kernel default is icmp-port-unreachable. */
  | { t: 'REJECT' }
  /** A rule with no `-j` (kube-proxy's last KUBE-FW rule is a comment only). */
  | { t: 'none' };

export interface Rule {
  src?: AddressMatch;
  dst?: AddressMatch;
  /** `-p`, the protocol field of the IP part (kube-proxy always pairs it with `-m <proto>`). */
  proto?: L4Protocol;
  matches: Match[];
  target: Target;
}

export interface Chain {
  name: string;
  /** Built-in chains have a policy; user-defined chains have none. */
  policy: 'ACCEPT' | 'DROP' | null;
  rules: Rule[];
}

export interface Table {
  name: TableName;
  /** Built-in chains first in hook order, then user chains in the order they were created. */
  chains: Map<string, Chain>;
}

/** What a KUBE-SEP chain leads to, so a verdict can name the pod and node behind an address. */
export interface EndpointRef {
  ip: string;
  port: number;
  /** `<ns>/<svc>[:<port>]`, kube-proxy's service port name. */
  servicePort: string;
  pod: { namespace: string; name: string } | null;
  nodeName: string | null;
}

export interface HealthCheckRef {
  namespace: string;
  name: string;
  localEndpoints: number;
}

export interface NodeRuleSet {
  clusterId: string;
  nodeName: string;
  nodeIp: string;
  /** Addresses the node's kernel treats as its own (`addrtype LOCAL`), besides 127.0.0.0/8. */
  localAddresses: string[];
  /** The kubenet bridge (cbr0) gateway address, when pods sit behind a bridge on this node. */
  bridgeIp: string | null;
  /** This node's pod range (kubenet/overlay), used to tell which pods sit on the local bridge. */
  podCidr: string | null;
  tables: Record<TableName, Table>;
  /** KUBE-SEP chain → the endpoint it DNATs to. */
  endpoints: Map<string, EndpointRef>;
  /**
   * healthCheckNodePort → what kube-proxy's health server answers on it for this node:
   * 200 with localEndpoints ≥ 1, else 503 (counted as distinct local ready endpoint IPs).
   */
  healthChecks: Map<number, HealthCheckRef>;
  /** Why no kube-proxy chains exist (Cilium dataplane, kube-proxy disabled), when that is so. */
  kubeProxyAbsent: string | null;
}
