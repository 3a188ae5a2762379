// The Azure part of a trace. A packet leaves a NIC (its source already as on the wire, after any
// NAT inside the node): the NIC's outbound NSGs, then the route of its subnet, then by next hop:
// delivery in the VNet, a virtual appliance (a node with IP forwarding, an Azure Firewall), the
// internet through the subnet's SNAT, a None route, or a VPN gateway. Packets from outside Azure
// start at the internet edge instead. Each step appends a Hop; the result says where it ended.
import { ipToInt, isIPv4 } from '../core/ip.ts';
import type { AzureFirewall, NetworkInterface } from '../model/azure/types.ts';
import type { ClientMachine, World } from '../model/world.ts';
import { addressing, ipConfigInfo, overlayRangeOf, ownerOf, subnetInfo, vnetContaining, type IpConfigInfo } from './addressing.ts';
import { idKey, nameOf } from './arm-ids.ts';
import { arriveFromInternet, deliverInVnet, deliverToIpConfig, loadBalance } from './azure-deliver.ts';
import { egress, platformBypass } from './azure-egress.ts';
import { evaluateFirewall } from './firewall.ts';
import type { Protocol } from './flow.ts';
import { ALWAYS_UP, type ProbeState } from './load-balancer.ts';
import { evaluatePath } from './nsg.ts';
import { lookupRoute } from './routes.ts';
import { snatPort } from './snat.ts';
import { isPublicAddress, tagContext } from './service-tags.ts';
import { MAX_FORWARDING_STEPS, done, ephemeralPort, hop, nsgHops, routeHop, tuple, type AzurePathResult, type Packet, type Walk } from './walk.ts';

export type { AzurePathResult, Delivery, Packet } from './walk.ts';

export interface AzurePacket {
  srcIp: string;
  /** Chosen deterministically from the flow when omitted. */
  srcPort?: number;
  dstIp: string;
  dstPort?: number;
  protocol: Protocol;
  host?: string;
}

export interface AzurePathOptions {
  /** Answers LB health probes for the Kubernetes side; every backend is up when omitted. */
  probeState?: ProbeState;
  /** See Walk.established. */
  established?: boolean;
}

function startWalk(world: World, packet: AzurePacket, options: AzurePathOptions, sourceNicId?: string): Walk {
  const p: Packet = {
    srcIp: packet.srcIp,
    srcPort: packet.srcPort ?? ephemeralPort(packet.srcIp, packet.dstIp, packet.dstPort, packet.protocol),
    dstIp: packet.dstIp,
    protocol: packet.protocol,
  };
  if (packet.protocol !== 'icmp' && packet.dstPort !== undefined) p.dstPort = packet.dstPort;
  if (packet.host) p.host = packet.host;
  return { world, hops: [], packet: p, probeState: options.probeState ?? ALWAYS_UP, established: options.established, steps: 0, sourceNicId };
}

/** A packet leaving a NIC. `nicId` may also be an ip configuration id. */
export function traceFromNic(world: World, nicId: string, packet: AzurePacket, options: AzurePathOptions = {}): AzurePathResult {
  const info = pickIpConfig(world, nicId, packet.srcIp);
  const walk = startWalk(world, packet, options, info?.nic.id);
  if (!info) {
    hop(walk, { at: nameOf(nicId), action: 'send', decision: 'drop', reason: `There is no network interface ${nameOf(nicId)}.` });
    return done(walk, 'no-route');
  }
  const p = walk.packet;
  const own = info.nic.ipConfigurations.some((c) => c.privateIPAddress === p.srcIp);
  const overlay = overlayRangeOf(world, p.srcIp);
  const overlayOwn = overlay !== undefined && idKey(overlay.nicId) === idKey(info.nic.id);
  if (!own && !overlayOwn && !info.nic.enableIPForwarding) {
    hop(walk, {
      at: `${info.host} eth0`,
      action: 'send',
      decision: 'drop',
      reason: `Source ${p.srcIp} is not an address of NIC ${info.nic.name} and IP forwarding is off on it, so Azure drops the packet as spoofed.`,
    });
    return done(walk, 'dropped');
  }
  const bypass = platformBypass(walk, info.ipConfig.subnet.id, info.nic.networkSecurityGroup?.id);
  if (bypass) return bypass;
  const outcome = evaluatePath(world, info.ipConfig.subnet.id, info.nic.networkSecurityGroup?.id, { direction: 'Outbound', ...p });
  nsgHops(walk, outcome.steps, { subnet: nameOf(info.ipConfig.subnet.id), nic: info.nic.name });
  if (!outcome.allowed) return done(walk, 'dropped');
  return forward(walk, info.ipConfig.subnet.id, info);
}

/** The ip configuration a packet leaves from: the one holding its source address, else the primary. */
function pickIpConfig(world: World, nicOrIpConfigId: string, srcIp: string): IpConfigInfo | undefined {
  const direct = ipConfigInfo(world, nicOrIpConfigId);
  if (direct) return direct;
  const owner = ownerOf(world, srcIp);
  if (owner?.kind === 'nic' && idKey(owner.nic.id) === idKey(nicOrIpConfigId)) return ipConfigInfo(world, owner.ipConfig.id);
  const nic = world.resource<NetworkInterface>(nicOrIpConfigId);
  const primary = nic?.ipConfigurations.find((c) => c.primary) ?? nic?.ipConfigurations[0];
  return primary ? ipConfigInfo(world, primary.id) : undefined;
}

/** A packet from a client machine: inside a VNet (a jump box), on premises, or on the internet. */
export function traceFromMachine(world: World, machine: ClientMachine, packet: Omit<AzurePacket, 'srcIp'> & { srcIp?: string }, options: AzurePathOptions = {}): AzurePathResult {
  const inVnet = !!(machine.subnetId && machine.privateIp && subnetInfo(world, machine.subnetId));
  const srcIp = packet.srcIp ?? (inVnet ? machine.privateIp! : machine.publicIp);
  const walk = startWalk(world, { ...packet, srcIp }, options);
  if (inVnet) {
    const bypass = platformBypass(walk, machine.subnetId!, undefined);
    if (bypass) return bypass;
    const outcome = evaluatePath(world, machine.subnetId!, undefined, { direction: 'Outbound', ...walk.packet });
    nsgHops(walk, outcome.steps, { subnet: nameOf(machine.subnetId!) });
    if (!outcome.allowed) return done(walk, 'dropped');
    return forward(walk, machine.subnetId!, undefined, machine);
  }
  const dst = walk.packet.dstIp;
  if (isIPv4(dst) && !isPublicAddress(ipToInt(dst))) {
    const reason = machine.kind === 'onprem'
      ? `${machine.hostname} is on premises and no VPN or ExpressRoute connection to Azure is modelled, so it cannot reach the private address ${dst}.`
      : `${machine.hostname} is outside Azure; the private address ${dst} is not reachable from there.`;
    hop(walk, { at: machine.hostname, action: 'route', decision: 'drop', reason });
    return done(walk, 'timed-out');
  }
  walk.packet.srcIp = machine.publicIp;
  hop(walk, {
    at: machine.hostname,
    action: 'send',
    decision: 'pass',
    reason: `${machine.hostname} sends ${tuple(walk.packet)} over the internet from its public address ${machine.publicIp}.`,
  });
  return arriveFromInternet(walk);
}

/** A packet that starts on the internet: `srcIp` is the public address it comes from. */
export function traceFromInternet(world: World, packet: AzurePacket, options: AzurePathOptions = {}): AzurePathResult {
  const walk = startWalk(world, packet, options);
  return arriveFromInternet(walk);
}

/** Routes a packet out of a subnet and follows its next hop. */
export function forward(walk: Walk, subnetId: string, source: IpConfigInfo | undefined, machine?: ClientMachine): AzurePathResult {
  const p = walk.packet;
  if (++walk.steps > MAX_FORWARDING_STEPS) {
    hop(walk, { at: `subnet ${nameOf(subnetId)}`, action: 'route', decision: 'drop', reason: `The packet has been forwarded ${MAX_FORWARDING_STEPS} times: the routes form a loop, and it is lost.` });
    return done(walk, 'dropped');
  }
  // Overlay pod addresses are routed only between the nodes of their cluster; anything else in
  // the VNet cannot reach a pod directly (azure-cni-overlay.md).
  const overlay = overlayRangeOf(walk.world, p.dstIp);
  const sourceCluster = source ? addressing(walk.world).overlayClusterOfNic.get(idKey(source.nic.id)) : undefined;
  if (overlay && sourceCluster === idKey(overlay.clusterId)) {
    const target = nodeIpConfig(walk, overlay.nicId);
    if (target) {
      hop(walk, {
        at: `Azure CNI Overlay (VNet ${subnetInfo(walk.world, subnetId)?.vnet.name ?? ''})`,
        action: 'route',
        decision: 'pass',
        reason: `${p.dstIp} is in ${overlay.cidr}, the pod range of node ${overlay.nodeName}; the Azure fabric routes overlay pod ranges straight to their node.`,
        details: { podCidr: overlay.cidr, node: overlay.nodeName },
      });
      return deliverToIpConfig(walk, target, true, undefined, `${p.dstIp} is a pod address of this node under Azure CNI Overlay`);
    }
  }
  const match = lookupRoute(walk.world, subnetId, p.dstIp);
  if (!match) {
    hop(walk, { at: `subnet ${nameOf(subnetId)}`, action: 'route', decision: 'drop', reason: `No route of subnet ${nameOf(subnetId)} matches ${p.dstIp}.` });
    return done(walk, 'no-route');
  }
  routeHop(walk, match, nameOf(subnetId));
  switch (match.nextHopType) {
    case 'VnetLocal':
    case 'VNetPeering':
    case 'VNetGlobalPeering':
    case 'InterfaceEndpoint':
      return deliverInVnet(walk);
    case 'None':
      return done(walk, 'dropped');
    case 'Internet':
      return egress(walk, subnetId, source, machine);
    case 'VirtualAppliance':
      return toAppliance(walk, match.nextHopIp ?? '');
    case 'VirtualNetworkGateway':
      return toGateway(walk);
  }
}

function nodeIpConfig(walk: Walk, nicId: string): IpConfigInfo | undefined {
  const nic = walk.world.resource<NetworkInterface>(nicId);
  const primary = nic?.ipConfigurations.find((c) => c.primary) ?? nic?.ipConfigurations[0];
  return primary ? ipConfigInfo(walk.world, primary.id) : undefined;
}

/** A UDR's virtual appliance: a NIC that must forward (IP forwarding on), or an Azure Firewall. */
function toAppliance(walk: Walk, nextHopIp: string): AzurePathResult {
  const p = walk.packet;
  const owner = ownerOf(walk.world, nextHopIp);
  if (owner?.kind === 'firewall' && !isPublicAddress(ipToInt(nextHopIp))) return throughFirewall(walk, owner.firewall, owner.subnetId);
  if (owner?.kind === 'lb-frontend') {
    // An internal load balancer as next hop (HA ports in front of appliances) passes the packet,
    // destination unchanged, to one of its backends, which must then forward it.
    return loadBalance(walk, owner, true);
  }
  if (owner?.kind !== 'nic') {
    hop(walk, {
      at: `virtual appliance ${nextHopIp}`,
      action: 'forward',
      decision: 'drop',
      reason: `The route's next hop ${nextHopIp} is not an address of any NIC or firewall, so Azure has nowhere to send the packet.`,
    });
    return done(walk, 'timed-out');
  }
  const info = ipConfigInfo(walk.world, owner.ipConfig.id)!;
  const addressedToIt = owner.nic.ipConfigurations.some((c) => c.privateIPAddress === p.dstIp);
  if (!addressedToIt && !owner.nic.enableIPForwarding) {
    hop(walk, {
      at: `${info.host} eth0`,
      action: 'forward',
      decision: 'drop',
      reason: `The route sends ${p.dstIp} to ${nextHopIp} (NIC ${owner.nic.name}), but IP forwarding is off on that NIC, so Azure drops a packet not addressed to it.`,
      details: { nic: owner.nic.name, enableIPForwarding: 'false' },
    });
    return done(walk, 'dropped');
  }
  return deliverToIpConfig(walk, info, !addressedToIt);
}

function throughFirewall(walk: Walk, firewall: AzureFirewall, firewallSubnetId: string | undefined): AzurePathResult {
  const p = walk.packet;
  const at = `Azure Firewall ${firewall.name}`;
  const ctx = tagContext(walk.world, firewallSubnetId);
  const decision = evaluateFirewall(firewall, p, ctx);
  const target = p.host ? `${p.host} (${p.dstIp}:${p.dstPort ?? ''})` : tuple(p);
  if (decision.action === 'Deny') {
    const by =
      decision.kind === 'default'
        ? `No network or application rule matches ${target}, so the firewall denies it by default`
        : `Rule ${decision.rule} in ${decision.kind} rule collection ${decision.collection} (priority ${decision.priority}) denies ${target}`;
    const answer = decision.answer === 'http-470' ? 'HTTP 470 Action: Deny. Reason: No rule matched. Proceeding with default action.' : decision.answer === 'tls-reset' ? 'connection reset during the TLS handshake' : undefined;
    hop(walk, {
      at,
      action: 'firewall',
      decision: 'drop',
      reason: `${by}${answer ? `; it answers the client itself (${answer})` : ''}.`,
      details: { action: 'Deny', kind: decision.kind },
    });
    return done(walk, answer ? 'refused' : 'dropped', undefined, answer);
  }
  hop(walk, {
    at,
    action: 'firewall',
    decision: 'pass',
    reason: `Rule ${decision.rule} in ${decision.kind} rule collection ${decision.collection} (priority ${decision.priority}) allows ${target}.`,
    details: { action: 'Allow', kind: decision.kind, collection: decision.collection ?? '', rule: decision.rule ?? '' },
  });
  const toInternet = isPublicAddress(ipToInt(p.dstIp)) && !vnetContaining(walk.world, p.dstIp);
  const config = firewall.ipConfigurations[0];
  if (toInternet) {
    const pip = config?.publicIPAddress ? addressing(walk.world).publicIps.get(idKey(config.publicIPAddress.id)) : undefined;
    if (!pip?.ipAddress) {
      hop(walk, { at, action: 'snat', decision: 'drop', reason: `Azure Firewall ${firewall.name} has no public IP to send internet traffic from.` });
      return done(walk, 'timed-out');
    }
    const before = tuple(p);
    p.srcIp = pip.ipAddress;
    p.srcPort = snatPort(`${before}/${firewall.name}`);
    hop(walk, {
      at,
      action: 'snat',
      decision: 'rewrite',
      reason: `Azure Firewall ${firewall.name} sends it to the internet from its public IP ${pip.ipAddress}.`,
      details: { before, after: tuple(p) },
    });
    return arriveFromInternet(walk);
  }
  if (decision.kind === 'application' && config) {
    // Application rules proxy the connection, so the far end sees a firewall address [assumption:
    // the first ip configuration's private IP stands for the instance address].
    p.srcIp = config.privateIPAddress;
  }
  return firewallSubnetId ? forward(walk, firewallSubnetId, undefined) : deliverInVnet(walk);
}

function toGateway(walk: Walk): AzurePathResult {
  const p = walk.packet;
  const owner = ownerOf(walk.world, p.dstIp);
  if (owner?.kind === 'machine' && owner.machine.kind === 'onprem') {
    hop(walk, {
      at: 'virtual network gateway',
      action: 'deliver',
      decision: 'deliver',
      reason: `The gateway carries the packet to the on-premises network, where ${owner.machine.hostname} owns ${p.dstIp}.`,
    });
    return done(walk, 'delivered', { kind: 'machine', machineId: owner.machine.id });
  }
  hop(walk, {
    at: 'virtual network gateway',
    action: 'forward',
    decision: 'drop',
    reason: `No on-premises host behind the gateway has the address ${p.dstIp}.`,
  });
  return done(walk, 'timed-out');
}
