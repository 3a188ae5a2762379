// Where an endpoint sits, as far as DNS cares: its address, its cluster and node, and the VNet
// whose DNS settings its node (or VM) received from DHCP. Azure DNS answers in the context of
// that VNet (private zones linked to it, its VM host names).
import type { ManagedCluster, NetworkInterface, VirtualMachineScaleSet, VirtualNetwork } from '../../model/azure/types.ts';
import type { Node, Pod } from '../../model/k8s/types.ts';
import type { ClientMachine, World } from '../../model/world.ts';
import { inCidr } from '../../core/ip.ts';
import { idKey } from '../arm-ids.ts';
import type { Endpoint } from './types.ts';
import { vnetOfSubnet } from './vnet-dns.ts';

export interface Located {
  endpoint: Endpoint;
  /** How steps name it: `pod default/client`, `node aks-nodepool1-...`, `workstation`. */
  label: string;
  ip?: string;
  clusterId?: string;
  cluster?: ManagedCluster;
  pod?: Pod;
  nodeName?: string;
  node?: Node;
  machine?: ClientMachine;
  /** The VNet its DHCP settings come from (the node's for a pod); absent outside Azure. */
  vnet?: VirtualNetwork;
  /** DNS servers set on the NIC itself, which override the VNet's. */
  nicDnsServers?: string[];
}

export function locate(world: World, endpoint: Endpoint): Located | undefined {
  switch (endpoint.kind) {
    case 'pod': {
      const pod = world.k8sGet<Pod>(endpoint.clusterId, 'Pod', endpoint.namespace, endpoint.name);
      if (!pod) return undefined;
      const nodeName = pod.spec.nodeName;
      const node = nodeName ? locateNode(world, endpoint.clusterId, nodeName) : undefined;
      return {
        endpoint,
        label: `pod ${endpoint.namespace}/${endpoint.name}`,
        ip: pod.status?.podIP ?? node?.ip,
        clusterId: endpoint.clusterId,
        cluster: world.resource<ManagedCluster>(endpoint.clusterId),
        pod,
        nodeName,
        node: node?.node,
        vnet: node?.vnet,
        nicDnsServers: node?.nicDnsServers,
      };
    }
    case 'node': {
      const node = locateNode(world, endpoint.clusterId, endpoint.name);
      if (!node) return undefined;
      return { ...node, endpoint, label: `node ${endpoint.name}` };
    }
    case 'machine': {
      const machine = world.state.machines[endpoint.id];
      if (!machine) return undefined;
      return {
        endpoint,
        label: machine.kind === 'workstation' ? 'workstation' : `${machine.kind} ${machine.hostname}`,
        ip: machine.privateIp ?? machine.publicIp,
        machine,
        vnet: vnetOfSubnet(world, machine.subnetId),
      };
    }
    case 'ip':
      return { endpoint, label: endpoint.ip, ip: endpoint.ip };
  }
}

interface NodePlace {
  ip?: string;
  clusterId: string;
  cluster?: ManagedCluster;
  nodeName: string;
  node?: Node;
  vnet?: VirtualNetwork;
  nicDnsServers?: string[];
}

function locateNode(world: World, clusterId: string, nodeName: string): NodePlace | undefined {
  const node = world.k8sGet<Node>(clusterId, 'Node', undefined, nodeName);
  const cluster = world.resource<ManagedCluster>(clusterId);
  if (!node && !cluster) return undefined;
  const ip = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  const nic = nodeNic(world, cluster, node, nodeName);
  const subnetId = nic
    ? (nic.ipConfigurations.find((c) => c.primary) ?? nic.ipConfigurations[0])?.subnet?.id
    : poolSubnetId(cluster, node, nodeName);
  let vnet = vnetOfSubnet(world, subnetId);
  if (!vnet && ip) vnet = vnetHolding(world, ip, cluster?.nodeResourceGroup);
  const nicDns = nic?.dnsSettings?.dnsServers?.filter((s) => s && s !== 'AzureProvidedDNS');
  return {
    ip,
    clusterId,
    cluster,
    nodeName,
    node,
    vnet,
    nicDnsServers: nicDns && nicDns.length > 0 ? nicDns : undefined,
  };
}

// The node's NIC through its providerID (azure:///subscriptions/.../virtualMachineScaleSets/<vmss>/virtualMachines/<n>).
function nodeNic(world: World, cluster: ManagedCluster | undefined, node: Node | undefined, nodeName: string): NetworkInterface | undefined {
  const providerId = node?.spec?.providerID ?? '';
  const m = /^azure:\/\/(\/subscriptions\/.+\/virtualMachineScaleSets\/[^/]+)\/virtualMachines\/([^/]+)$/i.exec(providerId);
  let vmss: VirtualMachineScaleSet | undefined;
  let instance: VirtualMachineScaleSet['instances'][number] | undefined;
  if (m) {
    vmss = world.resource<VirtualMachineScaleSet>(m[1]!);
    instance = vmss?.instances?.find((i) => i.instanceId === m[2] || i.computerName === nodeName);
  }
  if (!instance && cluster) {
    const rg = cluster.nodeResourceGroup?.toLowerCase();
    for (const r of Object.values(world.state.resources)) {
      if (r.type.toLowerCase() !== 'microsoft.compute/virtualmachinescalesets' || r.resourceGroup?.toLowerCase() !== rg) continue;
      instance = (r as VirtualMachineScaleSet).instances?.find((i) => i.computerName === nodeName || i.name === nodeName);
      if (instance) break;
    }
  }
  return instance ? world.resource<NetworkInterface>(instance.networkInterface) : undefined;
}

// Without a NIC, the agent pool's subnet (BYO VNet); node names are aks-<pool>-<digits>-vmss<suffix>.
function poolSubnetId(cluster: ManagedCluster | undefined, node: Node | undefined, nodeName: string): string | undefined {
  if (!cluster) return undefined;
  const labels = node?.metadata.labels ?? {};
  const pool = labels['kubernetes.azure.com/agentpool'] ?? labels['agentpool'] ?? /^aks-([a-z0-9]+)-/.exec(nodeName)?.[1];
  const profile = cluster.agentPoolProfiles?.find((p) => p.name === pool) ?? cluster.agentPoolProfiles?.[0];
  return profile?.vnetSubnetId ?? undefined;
}

// Last resort for an AKS-managed VNet: the VNet in the node resource group whose subnets hold the IP.
function vnetHolding(world: World, ip: string, resourceGroup: string | undefined): VirtualNetwork | undefined {
  const rg = resourceGroup?.toLowerCase();
  let fallback: VirtualNetwork | undefined;
  for (const r of Object.values(world.state.resources)) {
    if (r.type.toLowerCase() !== 'microsoft.network/virtualnetworks') continue;
    const vnet = r as VirtualNetwork;
    if (!vnet.subnets.some((s) => inCidr(s.addressPrefix, ip))) continue;
    if (rg && vnet.resourceGroup?.toLowerCase() === rg) return vnet;
    fallback ??= vnet;
  }
  return fallback;
}

export function sameVnet(a: VirtualNetwork | undefined, b: VirtualNetwork | undefined): boolean {
  return !!a && !!b && idKey(a.id) === idKey(b.id);
}
