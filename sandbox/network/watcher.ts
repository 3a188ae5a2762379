// The data behind Network Watcher's `az network watcher test-ip-flow`, `show-next-hop` and
// `test-connectivity`, computed from the same NSG, route and path functions as every trace, in
// the shapes the REST API returns (VerificationIPFlowResult, NextHopResult,
// ConnectivityInformation; examples in Azure docs network-watcher-connectivity-*).
import { guidOf } from '../core/hash.ts';
import type { NetworkInterface } from '../model/azure/types.ts';
import type { World } from '../model/world.ts';
import { ipConfigInfo, overlayRangeOf, ownerOf, type IpConfigInfo } from './addressing.ts';
import { traceFromNic, type AzurePathOptions, type AzurePathResult } from './azure-path.ts';
import type { Protocol } from './flow.ts';
import { evaluateAtIpConfig, ipFlowVerdict, type Direction } from './nsg.ts';
import { lookupRoute } from './routes.ts';

function ipConfigFor(world: World, nic: NetworkInterface, ip?: string): IpConfigInfo | undefined {
  const config = nic.ipConfigurations.find((c) => (ip ? c.privateIPAddress === ip : c.primary)) ?? (ip ? undefined : nic.ipConfigurations[0]);
  return config ? ipConfigInfo(world, config.id) : undefined;
}

function splitAddress(text: string): { ip: string; port: number } {
  const at = text.lastIndexOf(':');
  return { ip: text.slice(0, at), port: Number(text.slice(at + 1)) };
}

/**
 * `test-ip-flow --direction D --protocol P --local ip:port --remote ip:port`: the NSG verdict for
 * one packet at the NIC holding the local address. Undefined when the local address is not on it.
 */
export function testIpFlow(
  world: World,
  nic: NetworkInterface,
  query: { direction: Direction; protocol: 'TCP' | 'UDP'; local: string; remote: string },
): { access: 'Allow' | 'Deny'; ruleName: string } | undefined {
  const local = splitAddress(query.local);
  const remote = splitAddress(query.remote);
  const info = ipConfigFor(world, nic, local.ip);
  if (!info) return undefined;
  const inbound = query.direction === 'Inbound';
  const outcome = evaluateAtIpConfig(world, info, {
    direction: query.direction,
    protocol: query.protocol.toLowerCase() as Protocol,
    srcIp: inbound ? remote.ip : local.ip,
    srcPort: inbound ? remote.port : local.port,
    dstIp: inbound ? local.ip : remote.ip,
    dstPort: inbound ? local.port : remote.port,
  });
  return ipFlowVerdict(outcome);
}

export interface NextHopResult {
  nextHopIpAddress: string | null;
  nextHopType: string;
  routeTableId: string;
}

/**
 * `show-next-hop --source-ip S --dest-ip D`: the route the NIC's subnet uses. System routes name
 * their table "System Route". Overlay pod ranges report VnetLocal [assumption].
 */
export function showNextHop(world: World, nic: NetworkInterface, sourceIp: string, destIp: string): NextHopResult | undefined {
  const info = ipConfigFor(world, nic, sourceIp);
  if (!info) return undefined;
  if (overlayRangeOf(world, destIp)) return { nextHopIpAddress: null, nextHopType: 'VnetLocal', routeTableId: 'System Route' };
  const match = lookupRoute(world, info.ipConfig.subnet.id, destIp);
  if (!match) return { nextHopIpAddress: null, nextHopType: 'None', routeTableId: 'System Route' };
  return {
    nextHopIpAddress: match.nextHopIp ?? null,
    nextHopType: match.nextHopType,
    routeTableId: match.routeTableId ?? 'System Route',
  };
}

export interface ConnectivityIssue {
  context: { key: string; value: string }[];
  origin: 'Local' | 'Inbound' | 'Outbound';
  severity: 'Error' | 'Warning';
  type: 'NetworkSecurityRule' | 'UserDefinedRoute' | 'Platform' | 'DnsResolution' | 'GuestFirewall' | 'PortThrottled' | 'AgentStopped' | 'SocketBind' | 'Unknown';
}

export interface ConnectivityHop {
  address: string;
  id: string;
  issues: ConnectivityIssue[];
  nextHopIds: string[];
  resourceId: string;
  type: string;
}

export interface ConnectivityInformation {
  avgLatencyInMs: number | null;
  connectionStatus: 'Reachable' | 'Unreachable';
  hops: ConnectivityHop[];
  maxLatencyInMs: number | null;
  minLatencyInMs: number | null;
  probesFailed: number;
  probesSent: number;
}

export interface ConnectivityOptions extends AzurePathOptions {
  /** Whether something listens at the far end (the Kubernetes side knows); true when omitted. */
  answers?: (result: AzurePathResult) => boolean;
}

const PROBES = 100;

/** `test-connectivity` from a NIC to an address and port (TCP), built from the traced path. */
export function testConnectivity(
  world: World,
  nic: NetworkInterface,
  dest: { ip: string; port: number },
  options: ConnectivityOptions = {},
): ConnectivityInformation {
  const info = ipConfigFor(world, nic)!;
  const srcIp = info.ipConfig.privateIPAddress;
  const result = traceFromNic(world, nic.id, { srcIp, dstIp: dest.ip, dstPort: dest.port, protocol: 'tcp' }, options);
  const seed = `${world.state.seed}/connectivity/${srcIp}/${dest.ip}:${dest.port}`;
  const hops: ConnectivityHop[] = [{ address: srcIp, id: '', issues: [], nextHopIds: [], resourceId: info.ipConfig.id, type: 'Source' }];
  let lastRouteType = 'VnetLocal';
  for (const h of result.hops) {
    if (h.action === 'route' && h.details?.['nextHopType']) lastRouteType = h.details['nextHopType'];
    if (h.action === 'route' && h.details?.['nextHopType'] === 'VirtualAppliance') {
      const ip = h.details['nextHopIp'] ?? '';
      const owner = ownerOf(world, ip);
      const resourceId = owner?.kind === 'nic' ? owner.ipConfig.id : owner?.kind === 'firewall' ? owner.firewall.id : 'Unknown';
      hops.push({ address: ip, id: '', issues: [], nextHopIds: [], resourceId, type: 'VirtualAppliance' });
    }
    if (h.decision !== 'drop') continue;
    const current = hops[hops.length - 1]!;
    if (h.action === 'nsg') {
      const inbound = h.details?.['direction'] === 'Inbound';
      const issue: ConnectivityIssue = {
        context: [{ key: 'RuleName', value: (h.details?.['rule'] ?? '').replace(/^(default)?[sS]ecurityRules\//, '') }],
        origin: inbound ? 'Inbound' : 'Outbound',
        severity: 'Error',
        type: 'NetworkSecurityRule',
      };
      if (inbound) destinationHop(world, hops, result, dest.ip, lastRouteType).issues.push(issue);
      else current.issues.push(issue);
    } else if (h.action === 'route') {
      current.issues.push({ context: [{ key: 'RouteType', value: h.details?.['source'] === 'User' ? 'User' : 'System' }], origin: 'Outbound', severity: 'Error', type: 'UserDefinedRoute' });
    }
  }
  destinationHop(world, hops, result, dest.ip, lastRouteType);
  hops.forEach((h, i) => (h.id = guidOf(`${seed}/${i}`)));
  hops.forEach((h, i) => (h.nextHopIds = i + 1 < hops.length ? [hops[i + 1]!.id] : []));
  const reachable = result.verdict === 'delivered' && (options.answers?.(result) ?? true);
  const internet = result.delivery?.kind === 'internet';
  return {
    avgLatencyInMs: reachable ? (internet ? 2 : 1) : null,
    connectionStatus: reachable ? 'Reachable' : 'Unreachable',
    hops,
    maxLatencyInMs: reachable ? (internet ? 7 : 3) : null,
    minLatencyInMs: reachable ? (internet ? 1 : 0) : null,
    probesFailed: reachable ? 0 : PROBES,
    probesSent: PROBES,
  };
}

/** The last hop (created once): the delivering NIC, the internet, or an unknown destination. */
function destinationHop(world: World, hops: ConnectivityHop[], result: AzurePathResult, destIp: string, routeType: string): ConnectivityHop {
  const last = hops[hops.length - 1]!;
  if (last.type !== 'Source' && last.type !== 'VirtualAppliance') return last;
  const make = (type: string, resourceId: string): ConnectivityHop => ({ address: destIp, id: '', issues: [], nextHopIds: [], resourceId, type });
  const vnetType = routeType === 'VNetPeering' || routeType === 'VNetGlobalPeering' ? 'VirtualNetworkPeering' : 'VnetLocal';
  const delivery = result.delivery;
  const owner = ownerOf(world, destIp);
  const hop =
    delivery?.kind === 'nic'
      ? make(vnetType, delivery.ipConfigId)
      : delivery?.kind === 'internet' || (!delivery && routeType === 'Internet')
        ? make('Internet', 'Internet')
        : owner?.kind === 'nic'
          ? make(vnetType, owner.ipConfig.id)
          : make('Destination', 'Unknown');
  hops.push(hop);
  return hop;
}
