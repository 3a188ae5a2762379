// The vocabulary of the DNS engine. It separates WHAT a name resolves to (record sources:
// CoreDNS, Azure DNS, custom servers, public DNS) from WHETHER each query gets through (the
// `reach` callback the path engine provides), and returns the ordered chain of steps a learner
// reads to see which resolver was asked, from where, and where an answer was found or lost.
import type { Endpoint, Hop } from '../flow.ts';

export type { Endpoint, Hop };

export type RecordType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'SOA';
export type QueryType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME';
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
export type DnsStatus = Rcode | 'TIMEOUT';
export type Transport = 'udp' | 'tcp';

/**
 * One resource record. `name` is fully qualified without the trailing dot; `data` is the rdata
 * in presentation form (`10.0.0.10`; `0 100 80 web.default.svc.cluster.local.` for SRV; names in
 * CNAME/PTR/SRV/SOA data end with a dot, as dig prints them).
 */
export interface DnsRecord {
  name: string;
  type: RecordType;
  ttl: number;
  data: string;
}

export interface Question {
  /** Lower-case, fully qualified, no trailing dot. */
  name: string;
  type: QueryType;
}

/** What the path engine answers for one DNS packet flow (provided by sandbox/network later). */
export interface ReachResult {
  ok: boolean;
  hops: Hop[];
  /** The path verdict ('delivered', 'dropped', 'timed-out', 'refused', ...), shown to the learner. */
  verdict: string;
  /** Who finally received it after DNAT: for the kube-dns ClusterIP, the CoreDNS pod kube-proxy picked. */
  via?: { podName?: string; nodeName?: string };
}

export type ReachFn = (from: Endpoint, toIp: string, port: 53, protocol: Transport) => ReachResult;

/** Which stub resolver library asks: they differ in search order, retries and TC handling. */
export type ClientKind = 'glibc' | 'musl' | 'bind';

export interface ResolveOptions {
  type: QueryType;
  /** The name server to ask instead of resolv.conf's (`nslookup name SERVER`, `dig @SERVER`); an IPv4 address. */
  server?: string;
  /** Apply the search list (nslookup and getaddrinfo do; dig only with +search). Default true. */
  search?: boolean;
  reach: ReachFn;
  /** Default 'glibc' (getaddrinfo in most images); nslookup and dig use 'bind'. */
  client?: ClientKind;
  /** EDNS the client sends (dig: 1232 bytes and a cookie); null or absent: plain DNS, 512-byte UDP limit. */
  edns?: { udpSize: number; cookie: boolean } | null;
  /** Query over TCP from the start (dig +tcp, `options use-vc`). */
  tcp?: boolean;
  /** Retry a truncated UDP answer over TCP (default true; old musl did not). */
  tcpFallback?: boolean;
  /** Override resolv.conf's timeout (seconds) and attempts (dig +time, +tries). */
  timeoutSeconds?: number;
  attempts?: number;
}

/** One line of the story a learner reads, top to bottom. */
export interface DnsStep {
  /** Where it happened: `pod default/client`, `network`, `coredns-5d8f7c9b6-abcde (node aks-...)`, `168.63.129.16 (Azure DNS)`. */
  at: string;
  /** What was attempted. */
  action: string;
  /** What came of it. */
  decision: string;
  /** Why, naming the object or rule that decided. */
  reason: string;
  /** 0 for the client, 1 for the server it asked, 2 for that server's upstream... */
  depth: number;
  /** The packet path for steps that crossed the network. */
  hops?: Hop[];
}

/** One query the client put on the wire and what became of it. */
export interface DnsExchange {
  name: string;
  type: QueryType;
  server: string;
  protocol: Transport;
  /** 'answered' (any rcode), 'truncated' (TC set, retried over TCP), 'timeout', 'refused' (ICMP port unreachable). */
  outcome: 'answered' | 'truncated' | 'timeout' | 'refused';
  rcode?: Rcode;
  /** Virtual time this exchange took, including the time waited for a reply that never came. */
  ms: number;
}

export interface ResolveResult {
  status: DnsStatus;
  /** The question of the final query (the search-list candidate that answered, or the last tried). */
  question: Question;
  /** The name as the user typed it. */
  queriedName: string;
  answers: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  /** The server of the final exchange. */
  server: { ip: string; port: 53; name?: string };
  protocol: Transport;
  authoritative: boolean;
  recursionAvailable: boolean;
  /** The answer arrived truncated over UDP (and was retried over TCP when the client does that). */
  truncated: boolean;
  /** EDNS in the final response (for dig's OPT pseudosection); null when the client sent none. */
  edns: { udpSize: number; cookieEchoed: boolean } | null;
  /** Wire size of the final response, roughly as dig's `MSG SIZE rcvd` counts it. */
  messageSize: number;
  /** Deterministic DNS message id of the final query. */
  id: number;
  steps: DnsStep[];
  exchanges: DnsExchange[];
  /** Total virtual time, search list, retries and timeouts included. */
  elapsedMs: number;
  /** Time of the final exchange alone (dig's `Query time`). */
  lastQueryMs: number;
}
