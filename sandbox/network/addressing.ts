// Who owns an address: the index every trace starts from. Built once per world revision (see
// World.revision) and cached, so each lookup is a Map get. It also keeps the relations the path
// needs repeatedly: subnet → VNet, NIC → host name, ip configuration ↔ LB backend pools,
// subnet → NAT gateway, public IP → what it is attached to, overlay pod ranges → node NIC.
import { ipToInt, isIPv4, parseCidr, type Cidr } from '../core/ip.ts';
import type {
  AzureFirewall,
  FrontendIPConfiguration,
  LoadBalancer,
  ManagedCluster,
  NatGateway,
  NetworkInterface,
  NicIpConfiguration,
  PrivateEndpoint,
  PublicIPAddress,
  Subnet,
  VirtualMachineScaleSet,
  VirtualNetwork,
} from '../model/azure/types.ts';
import type { Node } from '../model/k8s/types.ts';
import { objectKey, type ClientMachine, type World, type WorldState } from '../model/world.ts';
import { idKey, nameOf, parentOf } from './arm-ids.ts';
import { PrefixTable } from './prefix-table.ts';

/** Azure's host virtual IP: DHCP, DNS, the LB health probes and the guest agent all use it. */
export const AZURE_HOST_IP = '168.63.129.16';
/** Instance metadata service. */
export const IMDS_IP = '169.254.169.254';

export interface SubnetInfo {
  subnet: Subnet;
  vnet: VirtualNetwork;
  cidr: Cidr;
}

export interface IpConfigInfo {
  nic: NetworkInterface;
  ipConfig: NicIpConfiguration;
  /** Host the NIC belongs to: the VMSS instance's computer name (the node name), the VM, or the NIC. */
  host: string;
}

export type IpOwner =
  | { kind: 'nic'; ip: string; nic: NetworkInterface; ipConfig: NicIpConfiguration; host: string; subnetId: string }
  | { kind: 'lb-frontend'; ip: string; lb: LoadBalancer; frontend: FrontendIPConfiguration; publicIp?: PublicIPAddress; subnetId?: string }
  | { kind: 'nat-gateway'; ip: string; natGateway: NatGateway; publicIp: PublicIPAddress }
  | { kind: 'firewall'; ip: string; firewall: AzureFirewall; publicIp?: PublicIPAddress; subnetId?: string }
  | { kind: 'nic-public'; ip: string; publicIp: PublicIPAddress; nic: NetworkInterface; ipConfig: NicIpConfiguration; host: string }
  | { kind: 'public-ip'; ip: string; publicIp: PublicIPAddress }
  | { kind: 'private-endpoint'; ip: string; endpoint: PrivateEndpoint; subnetId: string }
  | { kind: 'machine'; ip: string; machine: ClientMachine; public: boolean }
  | { kind: 'control-plane'; ip: string; clusterId: string; public: boolean; subnetId?: string }
  | { kind: 'platform'; ip: string; service: 'host' | 'imds' };

/** One node's pod range under Azure CNI Overlay, which the Azure fabric routes to that node. */
export interface OverlayRange {
  cidr: string;
  clusterId: string;
  nodeName: string;
  nicId: string;
  /** The node NIC's subnet. */
  subnetId: string;
}

export interface AddressIndex {
  owners: Map<number, IpOwner>;
  subnets: Map<string, SubnetInfo>;
  ipConfigs: Map<string, IpConfigInfo>;
  /** NIC id key → host name. */
  hosts: Map<string, string>;
  poolsOfIpConfig: Map<string, string[]>;
  membersOfPool: Map<string, string[]>;
  natGatewayOfSubnet: Map<string, NatGateway>;
  publicIps: Map<string, PublicIPAddress>;
  vnets: Map<string, VirtualNetwork>;
  vnetSpaces: PrefixTable<VirtualNetwork>;
  overlay: PrefixTable<OverlayRange>;
  overlayRanges: OverlayRange[];
  /** NIC id key → the overlay cluster whose node it is. */
  overlayClusterOfNic: Map<string, string>;
  privateEndpoints: Extract<IpOwner, { kind: 'private-endpoint' }>[];
}

const cache = new WeakMap<WorldState, { revision: number; index: AddressIndex }>();

/** The index for the world as it is now; rebuilt only when World.revision moved. */
export function addressing(world: World): AddressIndex {
  const hit = cache.get(world.state);
  if (hit && hit.revision === world.revision) return hit.index;
  const index = buildIndex(world);
  cache.set(world.state, { revision: world.revision, index });
  return index;
}

export function ownerOf(world: World, ip: string): IpOwner | undefined {
  if (!isIPv4(ip)) return undefined;
  return addressing(world).owners.get(ipToInt(ip));
}

export function subnetInfo(world: World, subnetId: string): SubnetInfo | undefined {
  return addressing(world).subnets.get(idKey(subnetId));
}

export function ipConfigInfo(world: World, ipConfigId: string): IpConfigInfo | undefined {
  return addressing(world).ipConfigs.get(idKey(ipConfigId));
}

/** The VNet whose address space holds the address, if any. */
export function vnetContaining(world: World, ip: string): VirtualNetwork | undefined {
  return isIPv4(ip) ? addressing(world).vnetSpaces.lookup(ipToInt(ip)) : undefined;
}

/** The overlay node range holding the address (Azure CNI Overlay pod IPs), if any. */
export function overlayRangeOf(world: World, ip: string): OverlayRange | undefined {
  return isIPv4(ip) ? addressing(world).overlay.lookup(ipToInt(ip)) : undefined;
}

function safeCidr(text: string): Cidr | undefined {
  try {
    return parseCidr(text);
  } catch {
    return undefined;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function buildIndex(world: World): AddressIndex {
  const index: AddressIndex = {
    owners: new Map(),
    subnets: new Map(),
    ipConfigs: new Map(),
    hosts: new Map(),
    poolsOfIpConfig: new Map(),
    membersOfPool: new Map(),
    natGatewayOfSubnet: new Map(),
    publicIps: new Map(),
    vnets: new Map(),
    vnetSpaces: new PrefixTable(),
    overlay: new PrefixTable(),
    overlayRanges: [],
    overlayClusterOfNic: new Map(),
    privateEndpoints: [],
  };
  // Later writers win: a private endpoint's NIC is indexed as a NIC first, then as the endpoint.
  const own = (ip: string | null | undefined, owner: IpOwner) => {
    if (ip && isIPv4(ip)) index.owners.set(ipToInt(ip), owner);
  };
  const byType = groupByType(world);

  for (const machine of Object.values(world.state.machines)) {
    own(machine.publicIp, { kind: 'machine', ip: machine.publicIp, machine, public: true });
    if (machine.privateIp) own(machine.privateIp, { kind: 'machine', ip: machine.privateIp, machine, public: false });
  }
  for (const pip of byType.publicIps) {
    index.publicIps.set(idKey(pip.id), pip);
    own(pip.ipAddress, { kind: 'public-ip', ip: pip.ipAddress, publicIp: pip });
  }
  const pipOf = (ref: { id: string } | null | undefined) => (ref ? index.publicIps.get(idKey(ref.id)) : undefined);

  for (const vnet of byType.vnets) {
    index.vnets.set(idKey(vnet.id), vnet);
    for (const prefix of vnet.addressSpace.addressPrefixes) {
      const cidr = safeCidr(prefix);
      if (cidr) index.vnetSpaces.add(cidr, vnet);
    }
    for (const subnet of vnet.subnets) {
      const cidr = safeCidr(subnet.addressPrefix);
      if (cidr) index.subnets.set(idKey(subnet.id), { subnet, vnet, cidr });
    }
  }

  for (const [key, plane] of Object.entries(world.state.controlPlanes)) {
    const cluster = world.resource<ManagedCluster>(key);
    if (plane.publicIp) own(plane.publicIp, { kind: 'control-plane', ip: plane.publicIp, clusterId: cluster?.id ?? key, public: true });
    const subnetId = cluster?.apiServerAccessProfile?.subnetId ?? undefined;
    if (plane.privateIp) {
      own(plane.privateIp, { kind: 'control-plane', ip: plane.privateIp, clusterId: cluster?.id ?? key, public: false, subnetId });
    }
  }

  for (const vmss of byType.scaleSets) {
    for (const instance of vmss.instances) index.hosts.set(idKey(instance.networkInterface), instance.computerName);
  }
  for (const nic of byType.nics) {
    const nicKey = idKey(nic.id);
    const host = index.hosts.get(nicKey) ?? (nic.virtualMachine ? nameOf(nic.virtualMachine.id) : nic.name);
    index.hosts.set(nicKey, host);
    for (const ipConfig of nic.ipConfigurations) {
      index.ipConfigs.set(idKey(ipConfig.id), { nic, ipConfig, host });
      own(ipConfig.privateIPAddress, { kind: 'nic', ip: ipConfig.privateIPAddress, nic, ipConfig, host, subnetId: ipConfig.subnet.id });
      const pip = pipOf(ipConfig.publicIPAddress);
      if (pip) own(pip.ipAddress, { kind: 'nic-public', ip: pip.ipAddress, publicIp: pip, nic, ipConfig, host });
      for (const pool of ipConfig.loadBalancerBackendAddressPools ?? []) {
        push(index.poolsOfIpConfig, idKey(ipConfig.id), pool.id);
        push(index.membersOfPool, idKey(pool.id), ipConfig.id);
      }
    }
  }

  for (const lb of byType.loadBalancers) {
    for (const frontend of lb.frontendIPConfigurations) {
      const pip = pipOf(frontend.publicIPAddress);
      if (pip) own(pip.ipAddress, { kind: 'lb-frontend', ip: pip.ipAddress, lb, frontend, publicIp: pip });
      if (frontend.privateIPAddress) {
        own(frontend.privateIPAddress, { kind: 'lb-frontend', ip: frontend.privateIPAddress, lb, frontend, subnetId: frontend.subnet?.id });
      }
    }
    for (const pool of lb.backendAddressPools) {
      for (const member of pool.backendIPConfigurations ?? []) {
        push(index.membersOfPool, idKey(pool.id), member.id);
        push(index.poolsOfIpConfig, idKey(member.id), pool.id);
      }
    }
  }
  // API Server VNet Integration: the kube-apiserver internal LB frontend is the API server itself
  // (its backends live in the managed control plane), so the control plane keeps its address.
  for (const [key, plane] of Object.entries(world.state.controlPlanes)) {
    const at = plane.privateIp && isIPv4(plane.privateIp) ? index.owners.get(ipToInt(plane.privateIp)) : undefined;
    if (at?.kind !== 'lb-frontend') continue;
    const cluster = world.resource<ManagedCluster>(key);
    own(plane.privateIp, { kind: 'control-plane', ip: plane.privateIp!, clusterId: cluster?.id ?? key, public: false, subnetId: at.subnetId ?? cluster?.apiServerAccessProfile?.subnetId ?? undefined });
  }

  for (const gateway of byType.natGateways) {
    for (const ref of gateway.publicIpAddresses) {
      const pip = pipOf(ref);
      if (pip) own(pip.ipAddress, { kind: 'nat-gateway', ip: pip.ipAddress, natGateway: gateway, publicIp: pip });
    }
    for (const ref of gateway.subnets ?? []) index.natGatewayOfSubnet.set(idKey(ref.id), gateway);
  }
  // The subnet's own reference is what Azure applies; it wins over the gateway's back-reference.
  for (const [key, info] of index.subnets) {
    const ref = info.subnet.natGateway;
    const gateway = ref ? byType.natGateways.find((g) => idKey(g.id) === idKey(ref.id)) : undefined;
    if (gateway) index.natGatewayOfSubnet.set(key, gateway);
  }

  for (const firewall of byType.firewalls) {
    for (const config of firewall.ipConfigurations) {
      const pip = pipOf(config.publicIPAddress);
      if (pip) own(pip.ipAddress, { kind: 'firewall', ip: pip.ipAddress, firewall, publicIp: pip });
      own(config.privateIPAddress, { kind: 'firewall', ip: config.privateIPAddress, firewall, subnetId: config.subnet?.id });
    }
  }

  for (const endpoint of byType.privateEndpoints) {
    const owner = { kind: 'private-endpoint' as const, ip: endpoint.privateIPAddress, endpoint, subnetId: endpoint.subnet.id };
    own(endpoint.privateIPAddress, owner);
    index.privateEndpoints.push(owner);
  }

  indexOverlay(world, byType.clusters, index);
  own(AZURE_HOST_IP, { kind: 'platform', ip: AZURE_HOST_IP, service: 'host' });
  own(IMDS_IP, { kind: 'platform', ip: IMDS_IP, service: 'imds' });
  return index;
}

// Azure CNI Overlay: pod ranges are not VNet addresses and have no route table entries, yet the
// Azure fabric delivers them to the node that owns the range (AKS-docs azure-cni-overlay.md).
// The node → range mapping lives on the Kubernetes Node objects (spec.podCIDRs).
function indexOverlay(world: World, clusters: ManagedCluster[], index: AddressIndex): void {
  for (const cluster of clusters) {
    if (cluster.networkProfile?.networkPluginMode !== 'overlay') continue;
    const objects = world.state.clusters[idKey(cluster.id)]?.objects;
    if (!objects) continue;
    for (const [key, obj] of Object.entries(objects)) {
      if (!key.startsWith(objectKey('Node', undefined, ''))) continue;
      const node = obj as Node;
      const internal = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
      const owner = internal && isIPv4(internal) ? index.owners.get(ipToInt(internal)) : undefined;
      if (!owner || owner.kind !== 'nic') continue;
      for (const text of node.spec.podCIDRs ?? (node.spec.podCIDR ? [node.spec.podCIDR] : [])) {
        const cidr = safeCidr(text);
        if (!cidr) continue;
        const range = { cidr: text, clusterId: cluster.id, nodeName: node.metadata.name, nicId: owner.nic.id, subnetId: owner.subnetId };
        index.overlay.add(cidr, range);
        index.overlayRanges.push(range);
        index.overlayClusterOfNic.set(idKey(owner.nic.id), idKey(cluster.id));
      }
    }
  }
}

interface ByType {
  vnets: VirtualNetwork[];
  nics: NetworkInterface[];
  publicIps: PublicIPAddress[];
  loadBalancers: LoadBalancer[];
  natGateways: NatGateway[];
  firewalls: AzureFirewall[];
  privateEndpoints: PrivateEndpoint[];
  scaleSets: VirtualMachineScaleSet[];
  clusters: ManagedCluster[];
}

// One pass over the resources instead of one filter per type.
function groupByType(world: World): ByType {
  const out: ByType = {
    vnets: [],
    nics: [],
    publicIps: [],
    loadBalancers: [],
    natGateways: [],
    firewalls: [],
    privateEndpoints: [],
    scaleSets: [],
    clusters: [],
  };
  for (const r of Object.values(world.state.resources)) {
    switch (r.type.toLowerCase()) {
      case 'microsoft.network/virtualnetworks': out.vnets.push(r as VirtualNetwork); break;
      case 'microsoft.network/networkinterfaces': out.nics.push(r as NetworkInterface); break;
      case 'microsoft.network/publicipaddresses': out.publicIps.push(r as PublicIPAddress); break;
      case 'microsoft.network/loadbalancers': out.loadBalancers.push(r as LoadBalancer); break;
      case 'microsoft.network/natgateways': out.natGateways.push(r as NatGateway); break;
      case 'microsoft.network/azurefirewalls': out.firewalls.push(r as AzureFirewall); break;
      case 'microsoft.network/privateendpoints': out.privateEndpoints.push(r as PrivateEndpoint); break;
      case 'microsoft.compute/virtualmachinescalesets': out.scaleSets.push(r as VirtualMachineScaleSet); break;
      case 'microsoft.containerservice/managedclusters': out.clusters.push(r as ManagedCluster); break;
    }
  }
  return out;
}

/** The VNet id of a subnet id. */
export function vnetIdOfSubnet(subnetId: string): string {
  return parentOf(subnetId, 'subnets');
}
