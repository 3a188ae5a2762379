// The state of one Azure path walk and the sentences its hops are made of. Hop reasons are the
// learner-facing explanation of a trace, so they always name the rule, route or resource that
// decided and the addresses it decided on.
import { fnv1a } from '../core/hash.ts';
import type { World } from '../model/world.ts';
import type { Hop, Protocol, Verdict } from './flow.ts';
import type { ProbeState } from './load-balancer.ts';
import type { NsgStep } from './nsg.ts';
import type { RouteMatch } from './routes.ts';

/** A packet as it is on the wire at this point of the walk (NAT rewrites it). */
export interface Packet {
  srcIp: string;
  srcPort: number;
  dstIp: string;
  dstPort?: number;
  protocol: Protocol;
  /** Requested host name (HTTP Host / TLS SNI), for firewall application rules. */
  host?: string;
}

/** Where a delivered flow arrived; the Kubernetes-side engine continues from there. */
export type Delivery =
  | {
      kind: 'nic';
      nicId: string;
      ipConfigId: string;
      host: string;
      /** True when the NIC received it for an address that is not its own (IP forwarding, overlay). */
      forwarded: boolean;
      viaLoadBalancer?: { lbId: string; rule: string; frontendIp: string; floatingIp: boolean };
    }
  | { kind: 'machine'; machineId: string }
  | { kind: 'internet' }
  | { kind: 'control-plane'; clusterId: string; public: boolean }
  | { kind: 'private-endpoint'; endpointId: string; targetIds: string[] }
  | { kind: 'platform'; service: 'host' | 'imds' };

export interface AzurePathResult {
  hops: Hop[];
  verdict: Verdict;
  delivery?: Delivery;
  finalDestination?: { ip: string; port?: number };
  /** The source address the destination sees. */
  sourceSeenAs?: string;
  /** When an Azure component itself answered (a firewall's HTTP 470, a TLS reset). */
  answer?: string;
}

export interface Walk {
  world: World;
  hops: Hop[];
  packet: Packet;
  probeState: ProbeState;
  /**
   * The flow is an already-open connection (a kubelet's watch, konnectivity's tunnel): it keeps
   * the SNAT port it was given, so an exhausted port budget only stops new connections.
   */
  established?: boolean;
  /** Forwarding steps taken, to stop appliance loops. */
  steps: number;
  /** The NIC the flow left from, for the internal load balancer hairpin rule. */
  sourceNicId?: string;
}

export const MAX_FORWARDING_STEPS = 8;

/** Linux's default ephemeral range (32768–60999), picked deterministically from the flow. */
export function ephemeralPort(srcIp: string, dstIp: string, dstPort: number | undefined, protocol: Protocol): number {
  return 32768 + (fnv1a(`${srcIp}>${dstIp}:${dstPort ?? 0}/${protocol}`) % 28232);
}

export function hop(walk: Walk, h: Hop): void {
  walk.hops.push(h);
}

export function done(walk: Walk, verdict: Verdict, delivery?: Delivery, answer?: string): AzurePathResult {
  const result: AzurePathResult = { hops: walk.hops, verdict };
  if (delivery) result.delivery = delivery;
  if (verdict === 'delivered') {
    result.finalDestination = walk.packet.dstPort === undefined ? { ip: walk.packet.dstIp } : { ip: walk.packet.dstIp, port: walk.packet.dstPort };
    result.sourceSeenAs = walk.packet.srcIp;
  }
  if (answer) result.answer = answer;
  return result;
}

export function tuple(p: Packet): string {
  const proto = p.protocol.toUpperCase();
  if (p.protocol === 'icmp') return `${proto} ${p.srcIp} → ${p.dstIp}`;
  return `${proto} ${p.srcIp}:${p.srcPort} → ${p.dstIp}:${p.dstPort}`;
}

/** One hop per NSG evaluated. */
export function nsgHops(walk: Walk, steps: NsgStep[], scope: { subnet: string; nic?: string }): void {
  for (const step of steps) {
    const d = step.decision;
    const where = step.level === 'subnet' ? `subnet ${scope.subnet}` : `NIC ${scope.nic}`;
    const direction = d.rule.direction.toLowerCase();
    const verb = d.access === 'Allow' ? 'allows' : 'denies';
    const kind = d.isDefault ? 'Default rule' : 'Rule';
    hop(walk, {
      at: `NSG ${d.nsg.name} (${where}, ${direction})`,
      action: 'nsg',
      decision: d.access === 'Allow' ? 'pass' : 'drop',
      reason: `${kind} ${d.rule.name} (priority ${d.rule.priority}) ${verb} ${tuple(walk.packet)}.`,
      details: { nsg: d.nsg.name, rule: d.ruleName, priority: String(d.rule.priority), access: d.access, direction: d.rule.direction },
    });
  }
}

const NEXT_HOP_WORDS: Record<string, string> = {
  VnetLocal: 'it stays inside the virtual network',
  VNetPeering: 'it crosses the VNet peering',
  VNetGlobalPeering: 'it crosses the global VNet peering',
  InterfaceEndpoint: 'it goes to the private endpoint',
  Internet: 'it leaves for the internet',
  None: 'the route table sends it to None, so Azure drops it',
  VirtualNetworkGateway: 'it goes to the virtual network gateway',
};

export function routeHop(walk: Walk, match: RouteMatch, subnetName: string): void {
  const dst = walk.packet.dstIp;
  const where = match.route.source === 'User' ? `route table ${match.routeTableName} (subnet ${subnetName})` : `system routes (subnet ${subnetName})`;
  const what =
    match.route.source === 'User'
      ? `Route ${match.route.name} (${match.prefix}) is the longest prefix matching ${dst}`
      : `System route ${match.prefix} (${match.nextHopType}) is the longest prefix matching ${dst}`;
  const then =
    match.nextHopType === 'VirtualAppliance'
      ? `it sends the packet to the virtual appliance ${match.nextHopIp}`
      : NEXT_HOP_WORDS[match.nextHopType] ?? match.nextHopType;
  const details: Record<string, string> = { prefix: match.prefix, nextHopType: match.nextHopType, source: match.route.source };
  if (match.nextHopIp) details['nextHopIp'] = match.nextHopIp;
  if (match.routeTableId) details['routeTable'] = match.routeTableId;
  hop(walk, {
    at: where,
    action: 'route',
    decision: match.nextHopType === 'None' ? 'drop' : 'pass',
    reason: `${what}: ${then}.`,
    details,
  });
}
