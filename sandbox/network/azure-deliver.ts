// The arriving half of an Azure path: a packet that reached its destination's network (inside
// the VNet, or a public IP from the internet) meets the load balancer, the inbound NSGs and
// finally the NIC, endpoint or service that owns the address.
import { ipToInt } from '../core/ip.ts';
import type { Subnet } from '../model/azure/types.ts';
import { ipConfigInfo, ownerOf, subnetInfo, type IpConfigInfo, type IpOwner } from './addressing.ts';
import { idKey, nameOf } from './arm-ids.ts';
import { backendHealth, findLbRule, pickBackend } from './load-balancer.ts';
import { evaluateAtIpConfig, evaluatePath } from './nsg.ts';
import { isPublicAddress } from './service-tags.ts';
import { done, hop, nsgHops, tuple, type AzurePathResult, type Delivery, type Walk } from './walk.ts';

type LbOwner = Extract<IpOwner, { kind: 'lb-frontend' }>;
type ViaLb = Extract<Delivery, { kind: 'nic' }>['viaLoadBalancer'];

function subnetName(subnetId: string): string {
  return nameOf(subnetId);
}

/** Inbound NSGs (subnet, then NIC) at an ip configuration, then delivery to its NIC. */
export function deliverToIpConfig(walk: Walk, info: IpConfigInfo, forwarded: boolean, viaLoadBalancer?: ViaLb, because?: string): AzurePathResult {
  const p = walk.packet;
  const outcome = evaluateAtIpConfig(walk.world, info, { direction: 'Inbound', ...p });
  nsgHops(walk, outcome.steps, { subnet: subnetName(info.ipConfig.subnet.id), nic: info.nic.name });
  if (!outcome.allowed) return done(walk, 'dropped');
  const why = because
    ? because
    : viaLoadBalancer
    ? viaLoadBalancer.floatingIp
      ? `the load balancer delivers it with the frontend address ${p.dstIp} unchanged (floating IP)`
      : `the load balancer rewrote the destination to this NIC's address`
    : forwarded
      ? `${p.dstIp} is not the NIC's own address; IP forwarding on the NIC lets it accept the packet for the host to route`
      : `${p.dstIp} is an address of this NIC`;
  hop(walk, {
    at: `${info.host} eth0`,
    action: 'deliver',
    decision: 'deliver',
    reason: `NIC ${info.nic.name} receives ${tuple(p)}: ${why}.`,
    details: { nic: info.nic.name, ipConfiguration: info.ipConfig.name },
  });
  const delivery: Delivery = { kind: 'nic', nicId: info.nic.id, ipConfigId: info.ipConfig.id, host: info.host, forwarded };
  if (viaLoadBalancer) delivery.viaLoadBalancer = viaLoadBalancer;
  return done(walk, 'delivered', delivery);
}

function privateEndpointNsgApplies(subnet: Subnet | undefined): boolean {
  const policy = subnet?.privateEndpointNetworkPolicies ?? 'Disabled';
  return policy === 'Enabled' || policy === 'NetworkSecurityGroupEnabled';
}

/** A packet routed to an address inside the VNet (or a peered one): whoever owns it receives it. */
export function deliverInVnet(walk: Walk): AzurePathResult {
  const p = walk.packet;
  const owner = ownerOf(walk.world, p.dstIp);
  switch (owner?.kind) {
    case 'nic': {
      const info = ipConfigInfo(walk.world, owner.ipConfig.id)!;
      return deliverToIpConfig(walk, info, false);
    }
    case 'lb-frontend':
      return loadBalance(walk, owner);
    case 'private-endpoint': {
      const subnet = subnetInfo(walk.world, owner.subnetId)?.subnet;
      if (privateEndpointNsgApplies(subnet)) {
        const outcome = evaluatePath(walk.world, owner.subnetId, undefined, { direction: 'Inbound', ...p });
        nsgHops(walk, outcome.steps, { subnet: subnetName(owner.subnetId) });
        if (!outcome.allowed) return done(walk, 'dropped');
      }
      const targets = owner.endpoint.privateLinkServiceConnections.map((c) => c.privateLinkServiceId);
      hop(walk, {
        at: `private endpoint ${owner.endpoint.name}`,
        action: 'deliver',
        decision: 'deliver',
        reason: `Private endpoint ${owner.endpoint.name} owns ${p.dstIp} and hands the connection to ${targets.map(nameOf).join(', ') || 'its service'} over Private Link.`,
        details: { privateEndpoint: owner.endpoint.id },
      });
      return done(walk, 'delivered', { kind: 'private-endpoint', endpointId: owner.endpoint.id, targetIds: targets });
    }
    case 'control-plane':
      hop(walk, {
        at: 'AKS control plane',
        action: 'deliver',
        decision: 'deliver',
        reason: `${p.dstIp} is the private address of the cluster's API server.`,
      });
      return done(walk, 'delivered', { kind: 'control-plane', clusterId: owner.clusterId, public: false });
    case 'machine':
      return deliverToMachine(walk, owner);
    case 'firewall':
      hop(walk, {
        at: `Azure Firewall ${owner.firewall.name}`,
        action: 'deliver',
        decision: 'drop',
        reason: `${p.dstIp} belongs to Azure Firewall ${owner.firewall.name}, which forwards traffic but accepts no connections of its own.`,
      });
      return done(walk, 'timed-out');
    default:
      hop(walk, {
        at: `virtual network`,
        action: 'deliver',
        decision: 'drop',
        reason: `No NIC, load balancer or endpoint in the virtual network has the address ${p.dstIp}; Azure drops the packet and the client waits.`,
      });
      return done(walk, 'timed-out');
  }
}

function deliverToMachine(walk: Walk, owner: Extract<IpOwner, { kind: 'machine' }>): AzurePathResult {
  const { machine } = owner;
  if (!owner.public && machine.subnetId) {
    const outcome = evaluatePath(walk.world, machine.subnetId, undefined, { direction: 'Inbound', ...walk.packet });
    nsgHops(walk, outcome.steps, { subnet: subnetName(machine.subnetId) });
    if (!outcome.allowed) return done(walk, 'dropped');
  }
  hop(walk, {
    at: machine.hostname,
    action: 'deliver',
    decision: 'deliver',
    reason: `${machine.hostname} owns ${walk.packet.dstIp} and receives ${tuple(walk.packet)}.`,
  });
  return done(walk, 'delivered', { kind: 'machine', machineId: machine.id });
}

/** A load balancer frontend: rule for the port, healthy backends, one chosen by hash, then its NIC. */
export function loadBalance(walk: Walk, owner: LbOwner, asNextHop = false): AzurePathResult {
  const { lb, frontend } = owner;
  const p = walk.packet;
  const at = `load balancer ${lb.name} (frontend ${frontend.name})`;
  const rule = findLbRule(lb, frontend, p.protocol, asNextHop ? 0 : p.dstPort);
  if (!rule) {
    const what = p.protocol === 'icmp' ? 'ICMP' : `${p.protocol.toUpperCase()} port ${p.dstPort}`;
    hop(walk, {
      at,
      action: 'lb',
      decision: 'drop',
      reason: `No load-balancing rule on frontend ${frontend.name} (${owner.ip}) matches ${what}; a ${lb.sku.name} load balancer drops such packets silently.`,
    });
    return done(walk, 'timed-out');
  }
  const health = backendHealth(walk.world, lb, rule, walk.probeState);
  const healthy = health.filter((b) => b.up);
  if (healthy.length === 0) {
    const reasons = health.length === 0 ? 'the backend pool is empty' : `all ${health.length} backends fail the health probe${health.some((b) => b.downBecause === 'nsg') ? ' (an NSG blocks the probes from 168.63.129.16 on some)' : ''}`;
    hop(walk, {
      at,
      action: 'lb',
      decision: 'drop',
      reason: `Rule ${rule.name} matches, but ${reasons}, so the load balancer has nowhere to send the flow.`,
      details: { rule: rule.name },
    });
    return done(walk, 'timed-out');
  }
  const chosen = pickBackend(rule, healthy, p)!;
  if (walk.sourceNicId && idKey(walk.sourceNicId) === idKey(chosen.info.nic.id) && !owner.publicIp) {
    hop(walk, {
      at,
      action: 'lb',
      decision: 'drop',
      reason: `Rule ${rule.name} picks backend ${chosen.ip}, the very NIC the flow came from; an internal load balancer does not send a flow back to its source (no hairpin), so it is lost.`,
      details: { rule: rule.name, backend: chosen.ip },
    });
    return done(walk, 'timed-out');
  }
  const frontendIp = owner.ip;
  if (asNextHop) {
    const ownAddress = chosen.info.nic.ipConfigurations.some((c) => c.privateIPAddress === p.dstIp);
    const canForward = ownAddress || chosen.info.nic.enableIPForwarding;
    hop(walk, {
      at,
      action: 'lb',
      decision: canForward ? 'pass' : 'drop',
      reason:
        `The route's next hop ${frontendIp} is this internal load balancer; rule ${rule.name} passes ${tuple(p)} unchanged to backend appliance ${chosen.ip} (${chosen.info.host})` +
        (canForward ? '.' : `, but IP forwarding is off on NIC ${chosen.info.nic.name}, so Azure drops it.`),
      details: { rule: rule.name, backend: chosen.ip },
    });
    if (!canForward) return done(walk, 'dropped');
    return deliverToIpConfig(walk, chosen.info, !ownAddress);
  }
  const before = tuple(p);
  if (!rule.enableFloatingIP) p.dstIp = chosen.ip;
  p.dstPort = rule.backendPort === 0 ? p.dstPort : rule.backendPort;
  const after = tuple(p);
  hop(walk, {
    at,
    action: 'lb',
    decision: after === before ? 'pass' : 'rewrite',
    reason:
      `Rule ${rule.name} (${rule.protocol} ${rule.frontendPort} → ${rule.backendPort}) picks backend ${chosen.ip} (${chosen.info.host}) ` +
      `out of ${healthy.length} healthy of ${health.length}` +
      (rule.enableFloatingIP ? `; floating IP is on, so the packet keeps destination ${frontendIp}.` : `; the destination becomes ${after.split(' → ')[1]}.`),
    details: { rule: rule.name, backend: chosen.ip, before, after },
  });
  return deliverToIpConfig(walk, chosen.info, false, { lbId: lb.id, rule: rule.name, frontendIp, floatingIp: rule.enableFloatingIP });
}

/** A packet on the internet (public source) arriving at a public address. */
export function arriveFromInternet(walk: Walk): AzurePathResult {
  const p = walk.packet;
  if (!isPublicAddress(ipToInt(p.dstIp))) {
    hop(walk, {
      at: 'internet',
      action: 'route',
      decision: 'drop',
      reason: `${p.dstIp} is a private address: it is not routable on the internet, so nothing answers.`,
    });
    return done(walk, 'timed-out');
  }
  const owner = ownerOf(walk.world, p.dstIp);
  switch (owner?.kind) {
    case 'lb-frontend':
      return loadBalance(walk, owner);
    case 'nic-public': {
      const info = ipConfigInfo(walk.world, owner.ipConfig.id)!;
      const before = tuple(p);
      p.dstIp = owner.ipConfig.privateIPAddress;
      hop(walk, {
        at: `public IP ${owner.publicIp.name}`,
        action: 'dnat',
        decision: 'rewrite',
        reason: `Public IP ${owner.publicIp.name} (${owner.ip}) belongs to ip configuration ${owner.ipConfig.name} of NIC ${owner.nic.name}; Azure translates the destination to ${p.dstIp}.`,
        details: { before, after: tuple(p) },
      });
      return deliverToIpConfig(walk, info, false);
    }
    case 'nat-gateway':
      return silent(walk, `public IP ${owner.publicIp.name}`, `${p.dstIp} is an address of NAT gateway ${owner.natGateway.name}, which only lets in replies to connections started from inside.`);
    case 'firewall':
      return silent(walk, `Azure Firewall ${owner.firewall.name}`, `${p.dstIp} is Azure Firewall ${owner.firewall.name}'s public address and no DNAT rule forwards ${tuple(p)}.`);
    case 'public-ip':
      return silent(walk, `public IP ${owner.publicIp.name}`, `Public IP ${owner.publicIp.name} (${p.dstIp}) is not attached to anything, so nothing answers.`);
    case 'control-plane':
      hop(walk, {
        at: 'AKS control plane',
        action: 'deliver',
        decision: 'deliver',
        reason: `${p.dstIp} is the public address of the cluster's API server.`,
      });
      return done(walk, 'delivered', { kind: 'control-plane', clusterId: owner.clusterId, public: true });
    case 'machine': {
      const { machine } = owner;
      if (machine.subnetId && machine.privateIp) {
        const before = tuple(p);
        p.dstIp = machine.privateIp;
        hop(walk, {
          at: `public IP of ${machine.hostname}`,
          action: 'dnat',
          decision: 'rewrite',
          reason: `${owner.ip} is the public IP of ${machine.hostname}; Azure translates the destination to its private address ${machine.privateIp}.`,
          details: { before, after: tuple(p) },
        });
      }
      return deliverToMachine(walk, { ...owner, public: !machine.subnetId });
    }
    default:
      hop(walk, {
        at: 'internet',
        action: 'deliver',
        decision: 'deliver',
        reason: `${p.dstIp} is a host on the internet; the flow reaches it from ${p.srcIp}.`,
      });
      return done(walk, 'delivered', { kind: 'internet' });
  }
}

function silent(walk: Walk, at: string, reason: string): AzurePathResult {
  hop(walk, { at, action: 'deliver', decision: 'drop', reason });
  return done(walk, 'timed-out');
}
