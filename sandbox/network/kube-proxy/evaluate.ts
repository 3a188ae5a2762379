// Walks a node's rules as netfilter does for the first packet of a connection: nat PREROUTING
// (or OUTPUT for the node's own traffic) where kube-proxy DNATs, the routing decision, filter
// INPUT / FORWARD / OUTPUT where REJECT and DROP live, then nat POSTROUTING where KUBE-MARK-MASQ
// and ip-masq-agent SNAT. "Random" statistic matches consume a caller-supplied flow number, so a
// given flow always lands on the same endpoint.
import { cidrContains, intToIp, ipToInt, isIPv4, parseCidr } from '../../core/ip.ts';
import type { World } from '../../model/world.ts';
import { IP_MASQ_CHAIN } from './ip-masq.ts';
import { nodeRules } from './rules.ts';
import type { ConntrackState, HealthCheckRef, Match, NodeRuleSet, Rule, Table, TableName, Target } from './types.ts';

/** Where the packet enters this node's netfilter: from a local pod, the node itself, or eth0. */
export type Origin = 'pod' | 'node' | 'external';

export interface PacketIn {
  src: string;
  dst: string;
  /** Destination port (absent for ICMP). */
  dport?: number;
  protocol: 'tcp' | 'udp' | 'sctp' | 'icmp';
}

export interface TraceStep {
  table: TableName;
  chain: string;
  /** 0-based position of the rule in its chain. */
  index: number;
  rule: Rule;
}

export interface NatVerdict {
  action: 'dnat' | 'accept' | 'reject' | 'drop';
  to?: { ip: string; port: number; endpointPod?: { namespace: string; name: string }; endpointNode?: string };
  /** SNAT to the node (KUBE-MARK-MASQ → KUBE-POSTROUTING MASQUERADE). */
  masquerade: boolean;
  /** SNAT by azure-ip-masq-agent's IP-MASQ-AGENT chain (pod egress outside the non-masquerade ranges). */
  ipMasqAgent: boolean;
  /** The source address MASQUERADE picks (the outgoing interface's address), when either SNAT applies. */
  snatTo?: string;
  /** User-defined nat chains entered before the DNAT decision, e.g. KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…. */
  chainPath: string[];
  /** The filter rule that dropped or rejected the packet. */
  filterChain?: string;
  /** kube-proxy's service port name (`ns/svc:port`) of the service that handled the packet. */
  servicePort?: string;
  /** Set when the packet was accepted on a health check node port: what /healthz would report. */
  healthCheck?: HealthCheckRef;
  reason: string;
  /** Every rule whose target was taken, in order, across tables. */
  trace: TraceStep[];
}

interface Ctx {
  src: number;
  dst: number;
  dport: number | undefined;
  proto: string;
  mark: number;
  dnatted: boolean;
  /** What is left of the flow number after earlier statistic rules declined it. */
  u: number;
  local: Set<number>;
  trace: TraceStep[];
}

interface Terminal {
  target: Target;
  rule: Rule;
  chain: string;
}

const LOOPBACK = parseCidr('127.0.0.0/8');
const MAX_DEPTH = 16;

function isLocal(ctx: Ctx, ip: number): boolean {
  return ctx.local.has(ip) || cidrContains(LOOPBACK, ip);
}

function matchOne(m: Match, ctx: Ctx): boolean {
  switch (m.m) {
    case 'comment':
      return true;
    case 'l4':
      return ctx.proto === m.proto && (m.dport === undefined || ctx.dport === m.dport);
    case 'addrtype':
      return isLocal(ctx, m.type === 'src' ? ctx.src : ctx.dst) !== m.negate;
    case 'mark':
      return (((ctx.mark & m.mask) >>> 0) === m.value) !== m.negate;
    case 'conntrack': {
      // The first packet of a connection: NEW, and DNAT once the nat table rewrote it.
      const states: ConntrackState[] = ctx.dnatted ? ['NEW', 'DNAT'] : ['NEW'];
      return states.some((s) => m.states.includes(s)) !== m.negate;
    }
    case 'statistic': {
      const p = m.kernel / 0x80000000;
      if (ctx.u < p) return true;
      ctx.u = p >= 1 ? 0 : (ctx.u - p) / (1 - p);
      return false;
    }
    case 'recent':
      // No affinity state is kept: every flow is a client's first (rcheck misses, set records).
      return m.mode === 'set';
  }
}

function matches(r: Rule, ctx: Ctx): boolean {
  if (r.src && cidrContains(r.src.cidr, ctx.src) === r.src.negate) return false;
  if (r.dst && cidrContains(r.dst.cidr, ctx.dst) === r.dst.negate) return false;
  if (r.proto && r.proto !== ctx.proto) return false;
  for (const m of r.matches) if (!matchOne(m, ctx)) return false;
  return true;
}

/** Runs a chain; returns the terminating rule, or null when the chain ran out or RETURNed. */
function walk(table: Table, chainName: string, ctx: Ctx, path: string[] | null, depth = 0): Terminal | null {
  const chain = table.chains.get(chainName);
  if (!chain || depth > MAX_DEPTH) return null;
  for (let i = 0; i < chain.rules.length; i++) {
    const r = chain.rules[i]!;
    if (!matches(r, ctx)) continue;
    const t = r.target;
    if (t.t === 'none') continue;
    ctx.trace.push({ table: table.name, chain: chainName, index: i, rule: r });
    if (t.t === 'jump') {
      path?.push(t.chain);
      const result = walk(table, t.chain, ctx, path, depth + 1);
      if (result) return result;
    } else if (t.t === 'MARK') {
      ctx.mark = (t.op === 'or' ? ctx.mark | t.value : ctx.mark ^ t.value) >>> 0;
    } else if (t.t === 'RETURN') {
      return null;
    } else {
      return { target: t, rule: r, chain: chainName };
    }
  }
  return null;
}

function commentOf(r: Rule): string | undefined {
  for (const m of r.matches) if (m.m === 'comment') return m.text;
  return undefined;
}

/** The address MASQUERADE picks: the kubenet bridge for pods on this node, else the node IP. */
function outgoingAddress(rules: NodeRuleSet, dst: number): string {
  if (rules.bridgeIp && rules.podCidr && cidrContains(parseCidr(rules.podCidr), dst)) return rules.bridgeIp;
  return rules.nodeIp;
}

function newCtx(rules: NodeRuleSet, packet: PacketIn, flow: number): Ctx {
  return {
    src: ipToInt(packet.src),
    dst: ipToInt(packet.dst),
    dport: packet.dport,
    proto: packet.protocol,
    mark: 0,
    dnatted: false,
    u: Number.isFinite(flow) ? Math.min(Math.max(flow, 0), 0.999999999999) : 0,
    local: new Set(rules.localAddresses.map(ipToInt)),
    trace: [],
  };
}

/** The kernel walk for one new connection through this node. `flow` ∈ [0,1) picks the endpoint. */
export function evaluateRules(rules: NodeRuleSet, packet: PacketIn, origin: Origin, flow: number): NatVerdict {
  if (!isIPv4(packet.src) || !isIPv4(packet.dst)) {
    return { action: 'accept', masquerade: false, ipMasqAgent: false, chainPath: [], trace: [], reason: 'not an IPv4 packet: iptables rules do not apply' };
  }
  const ctx = newCtx(rules, packet, flow);
  const chainPath: string[] = [];

  const dnat = walk(rules.tables.nat, origin === 'node' ? 'OUTPUT' : 'PREROUTING', ctx, chainPath);
  let to: NatVerdict['to'];
  let servicePort: string | undefined;
  if (dnat?.target.t === 'DNAT') {
    const ep = rules.endpoints.get(dnat.chain);
    to = { ip: dnat.target.ip, port: dnat.target.port };
    if (ep?.pod) to.endpointPod = ep.pod;
    if (ep?.nodeName) to.endpointNode = ep.nodeName;
    servicePort = ep?.servicePort;
    ctx.dst = ipToInt(dnat.target.ip);
    ctx.dport = dnat.target.port;
    ctx.dnatted = true;
  }

  const toLocal = isLocal(ctx, ctx.dst);
  const localDelivery = origin !== 'node' && toLocal;
  const hook = origin === 'node' ? 'OUTPUT' : localDelivery ? 'INPUT' : 'FORWARD';
  let verdict = walk(rules.tables.filter, hook, ctx, null);
  // The node's own packets to one of its addresses loop back through lo and meet filter INPUT
  // too (nat PREROUTING is skipped: the connection already has its NAT decision).
  if (origin === 'node' && toLocal && (!verdict || verdict.target.t === 'ACCEPT')) {
    verdict = walk(rules.tables.filter, 'INPUT', ctx, null) ?? verdict;
  }
  const base = { masquerade: false, ipMasqAgent: false, chainPath, trace: ctx.trace };

  if (verdict && (verdict.target.t === 'DROP' || verdict.target.t === 'REJECT')) {
    const note = commentOf(verdict.rule);
    const action = verdict.target.t === 'DROP' ? 'drop' : 'reject';
    return {
      ...base,
      action,
      filterChain: verdict.chain,
      ...(note && note.includes(' has no ') ? { servicePort: note.slice(0, note.indexOf(' has no ')) } : {}),
      reason: note ?? `filter ${verdict.chain}: ${verdict.target.t} ${packet.protocol} to ${intToIp(ctx.dst)}${ctx.dport ? `:${ctx.dport}` : ''}`,
    };
  }

  let masquerade = false;
  let ipMasqAgent = false;
  if (!localDelivery) {
    const post = walk(rules.tables.nat, 'POSTROUTING', ctx, null);
    if (post?.target.t === 'MASQUERADE') {
      if (post.chain === IP_MASQ_CHAIN) ipMasqAgent = true;
      else masquerade = true;
    }
  }
  const snat = masquerade || ipMasqAgent ? { snatTo: outgoingAddress(rules, ctx.dst) } : {};

  if (to) {
    return { ...base, ...snat, masquerade, ipMasqAgent, action: 'dnat', to, ...(servicePort ? { servicePort } : {}), reason: `${servicePort ?? 'service'} -> ${to.ip}:${to.port}` };
  }
  const health = localDelivery && packet.protocol === 'tcp' && packet.dport !== undefined ? rules.healthChecks.get(packet.dport) : undefined;
  if (health && verdict?.target.t === 'ACCEPT') {
    return { ...base, ...snat, masquerade, ipMasqAgent, action: 'accept', healthCheck: health, reason: commentOf(verdict.rule) ?? 'health check node port' };
  }
  const absent = rules.kubeProxyAbsent ? ` (no kube-proxy: ${rules.kubeProxyAbsent})` : '';
  return { ...base, ...snat, masquerade, ipMasqAgent, action: 'accept', reason: `no service rule matched${absent}` };
}

/** evaluateRules for a node of a cluster in the world; null when the node is unknown. */
export function evaluateNat(
  world: World,
  clusterId: string,
  nodeName: string,
  packet: PacketIn,
  origin: Origin,
  flow: number,
): NatVerdict | null {
  const rules = nodeRules(world, clusterId, nodeName);
  return rules ? evaluateRules(rules, packet, origin, flow) : null;
}

export interface IpMasqDecision {
  masquerade: boolean;
  /** The node address the source becomes, when masqueraded. */
  snatTo?: string;
  /** The non-masquerade range that exempted the destination, when one did. */
  exemptBy?: string;
  reason: string;
}

/**
 * Whether azure-ip-masq-agent SNATs a pod's packet to `dstIp` on this node. Only the agent's
 * rules are consulted (kube-proxy's service SNAT is evaluateRules' business).
 */
export function ipMasqDecision(rules: NodeRuleSet, srcIp: string, dstIp: string): IpMasqDecision {
  if (!isIPv4(srcIp) || !isIPv4(dstIp)) return { masquerade: false, reason: 'not an IPv4 flow' };
  const nat = rules.tables.nat;
  if (!nat.chains.has(IP_MASQ_CHAIN)) return { masquerade: false, reason: 'azure-ip-masq-agent does not run on this cluster' };
  const ctx = newCtx(rules, { src: srcIp, dst: dstIp, protocol: 'tcp' }, 0);
  if (isLocal(ctx, ctx.dst)) return { masquerade: false, reason: `${dstIp} is an address of this node` };
  const hit = walk(nat, IP_MASQ_CHAIN, ctx, null);
  if (hit?.target.t === 'MASQUERADE') {
    if (isLocal(ctx, ctx.src)) return { masquerade: false, reason: 'the node already sends with its own address' };
    return { masquerade: true, snatTo: outgoingAddress(rules, ctx.dst), reason: commentOf(hit.rule) ?? 'ip-masq-agent MASQUERADE' };
  }
  const exempt = ctx.trace.at(-1)?.rule.dst?.text;
  return {
    masquerade: false,
    ...(exempt ? { exemptBy: exempt } : {}),
    reason: exempt ? `${dstIp} is inside the non-masquerade range ${exempt}` : 'not masqueraded',
  };
}

/** ipMasqDecision for a node of a cluster in the world; null when the node is unknown. */
export function ipMasqDecisionFor(world: World, clusterId: string, nodeName: string, srcIp: string, dstIp: string): IpMasqDecision | null {
  const rules = nodeRules(world, clusterId, nodeName);
  return rules ? ipMasqDecision(rules, srcIp, dstIp) : null;
}
