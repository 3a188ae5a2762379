// Where a cluster's cloud provider works: the node resource group, the node subnet internal
// frontends draw from, the cluster NSG. AKS writes these into the cloud provider's azure.json;
// here they are read back from the ManagedCluster and the resources AKS created.
import type { ManagedCluster, NetworkSecurityGroup, Subnet, VirtualNetwork } from '../../model/azure/types.ts';
import type { AzureCloudConfig } from '../../model/azure/cloud-config.ts';
import type { World } from '../../model/world.ts';
import { resourceGroupOf } from './names.ts';

export interface ClusterContext {
  /** The ManagedCluster's ARM id (the key of its Kubernetes objects in the world). */
  clusterId: string;
  cluster: ManagedCluster;
  subscriptionId: string;
  /** Node resource group, spelled as AKS wrote it (MC_<rg>_<cluster>_<region>). */
  nodeResourceGroup: string;
  location: string;
  vnet: VirtualNetwork | undefined;
  /** azure.json subnetName: the first agent pool's subnet. */
  nodeSubnet: Subnet | undefined;
  nsgId: string | undefined;
  /** azure.json disableOutboundSNAT. */
  disableOutboundSnatConfig: boolean;
}

function subscriptionOf(id: string, fallback: string): string {
  const m = /^\/subscriptions\/([^/]+)/i.exec(id);
  return m ? m[1]! : fallback;
}

/** The VNet that holds a subnet id (`<vnet id>/subnets/<name>`). */
export function vnetOfSubnet(world: World, subnetId: string): VirtualNetwork | undefined {
  const cut = subnetId.toLowerCase().lastIndexOf('/subnets/');
  return cut < 0 ? undefined : world.resource<VirtualNetwork>(subnetId.slice(0, cut));
}

export function subnetById(world: World, subnetId: string): Subnet | undefined {
  const vnet = vnetOfSubnet(world, subnetId);
  const want = subnetId.toLowerCase();
  return vnet?.subnets.find((s) => s.id.toLowerCase() === want);
}

function findNodeSubnet(world: World, cluster: ManagedCluster, nodeRg: string): { vnet?: VirtualNetwork; subnet?: Subnet } {
  const byo = cluster.agentPoolProfiles[0]?.vnetSubnetId;
  if (byo) {
    const vnet = vnetOfSubnet(world, byo);
    return { vnet, subnet: vnet?.subnets.find((s) => s.id.toLowerCase() === byo.toLowerCase()) };
  }
  // AKS-managed VNet: aks-vnet-<digits> in the node resource group, subnet aks-subnet.
  const rg = nodeRg.toLowerCase();
  const vnet = world
    .resourcesOfType<VirtualNetwork>('Microsoft.Network/virtualNetworks')
    .find((v) => v.resourceGroup.toLowerCase() === rg && v.name.startsWith('aks-vnet-'));
  return { vnet, subnet: vnet?.subnets.find((s) => s.name === 'aks-subnet') ?? vnet?.subnets[0] };
}

/** The NSG AKS made for the node pools (`aks-agentpool-<digits>-nsg` in the node resource group). */
function findClusterNsg(world: World, nodeRg: string): string | undefined {
  const rg = nodeRg.toLowerCase();
  const nsgs = world
    .resourcesOfType<NetworkSecurityGroup>('Microsoft.Network/networkSecurityGroups')
    .filter((n) => n.resourceGroup.toLowerCase() === rg);
  return (nsgs.find((n) => /^aks-agentpool-\d+-nsg$/.test(n.name)) ?? nsgs.find((n) => n.name.startsWith('aks-')))?.id;
}

/** The azure.json AKS wrote for the cluster, when AKS provisioning has run. */
export function cloudConfigOf(world: World, clusterId: string): AzureCloudConfig | undefined {
  return world.state.cloudConfigs?.[clusterId.toLowerCase()];
}

export function clusterContext(world: World, cluster: ManagedCluster): ClusterContext {
  const config = cloudConfigOf(world, cluster.id);
  const nodeRg = config?.resourceGroup || cluster.nodeResourceGroup || resourceGroupOf(cluster.id);
  const subscriptionId = config?.subscriptionId || subscriptionOf(cluster.id, world.state.subscription.id);
  let vnet: VirtualNetwork | undefined;
  let subnet: Subnet | undefined;
  let nsgId: string | undefined;
  if (config) {
    vnet = world.resource<VirtualNetwork>(
      `/subscriptions/${subscriptionId}/resourceGroups/${config.vnetResourceGroup}/providers/Microsoft.Network/virtualNetworks/${config.vnetName}`,
    );
    subnet = vnet?.subnets.find((s) => s.name === config.subnetName);
    const id = `/subscriptions/${subscriptionId}/resourceGroups/${config.securityGroupResourceGroup}/providers/Microsoft.Network/networkSecurityGroups/${config.securityGroupName}`;
    nsgId = world.resource(id) ? id : undefined;
  } else {
    // No azure.json (a hand-built world): find what AKS would have named in it.
    ({ vnet, subnet } = findNodeSubnet(world, cluster, nodeRg));
    nsgId = findClusterNsg(world, nodeRg);
  }
  return {
    clusterId: cluster.id,
    cluster,
    subscriptionId,
    nodeResourceGroup: nodeRg,
    location: cluster.location,
    vnet,
    nodeSubnet: subnet,
    nsgId,
    disableOutboundSnatConfig: config?.disableOutboundSNAT ?? false,
  };
}
