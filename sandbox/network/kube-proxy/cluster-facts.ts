// The address ranges kube-proxy and ip-masq-agent are configured with on an AKS cluster, read
// from the ManagedCluster and its VNet: the pod range (kubenet, overlay), the node and pod
// subnets (Azure CNI), the VNet address space and the service range.
import type { ManagedCluster, NetworkPlugin, Subnet, VirtualNetwork } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';

export interface ClusterNetworkFacts {
  plugin: NetworkPlugin;
  overlay: boolean;
  dataplane: 'azure' | 'cilium';
  /** kubenet / overlay pod range (networkProfile.podCidr). */
  podCidr: string | null;
  serviceCidr: string;
  /** The first pool's node subnet. */
  nodeSubnetPrefix: string | null;
  /** Azure CNI with dynamic pod IPs: the first pool's pod subnet. */
  podSubnetPrefix: string | null;
  vnetPrefixes: string[];
  /** networkProfile.kubeProxyConfig.enabled === false (AKS custom kube-proxy configuration). */
  kubeProxyDisabled: boolean;
}

// AKS-managed VNet defaults since release 2022-02-24 (emulator-facts §3).
const MANAGED_SUBNET = '10.224.0.0/16';
const MANAGED_VNET = '10.224.0.0/12';

function vnetOfSubnet(world: World, subnetId: string): { vnet: VirtualNetwork; subnet: Subnet } | null {
  const at = subnetId.toLowerCase().lastIndexOf('/subnets/');
  if (at < 0) return null;
  const vnet = world.resource<VirtualNetwork>(subnetId.slice(0, at));
  const subnet = vnet?.subnets.find((s) => s.id.toLowerCase() === subnetId.toLowerCase());
  return vnet && subnet ? { vnet, subnet } : null;
}

function managedVnet(world: World, mc: ManagedCluster): VirtualNetwork | undefined {
  const rg = mc.nodeResourceGroup.toLowerCase();
  return world
    .resourcesOfType<VirtualNetwork>('Microsoft.Network/virtualNetworks')
    .find((v) => v.resourceGroup.toLowerCase() === rg);
}

export function clusterNetworkFacts(world: World, mc: ManagedCluster): ClusterNetworkFacts {
  const np = mc.networkProfile;
  const pool = mc.agentPoolProfiles.find((p) => p.vnetSubnetId) ?? mc.agentPoolProfiles[0];
  let nodeSubnetPrefix: string | null = null;
  let vnetPrefixes: string[] = [];
  if (pool?.vnetSubnetId) {
    const found = vnetOfSubnet(world, pool.vnetSubnetId);
    if (found) {
      nodeSubnetPrefix = found.subnet.addressPrefix;
      vnetPrefixes = found.vnet.addressSpace.addressPrefixes;
    }
  } else {
    const vnet = managedVnet(world, mc);
    const subnet = vnet?.subnets.find((s) => s.name === 'aks-subnet') ?? vnet?.subnets[0];
    nodeSubnetPrefix = subnet?.addressPrefix ?? MANAGED_SUBNET;
    vnetPrefixes = vnet?.addressSpace.addressPrefixes ?? [MANAGED_VNET];
  }
  const podSubnet = pool?.podSubnetId ? vnetOfSubnet(world, pool.podSubnetId) : null;
  const kubeProxyConfig = np.kubeProxyConfig as { enabled?: boolean } | null;
  return {
    plugin: np.networkPlugin,
    overlay: np.networkPluginMode === 'overlay',
    dataplane: np.networkDataplane,
    podCidr: np.podCidr ?? np.podCidrs?.[0] ?? null,
    serviceCidr: np.serviceCidr,
    nodeSubnetPrefix,
    podSubnetPrefix: podSubnet?.subnet.addressPrefix ?? null,
    vnetPrefixes,
    kubeProxyDisabled: kubeProxyConfig?.enabled === false,
  };
}

/**
 * kube-proxy's --cluster-cidr, which decides who counts as "a pod" (the `! -s <cidr>` masquerade
 * rule and the Local-policy short-circuit). kubenet and overlay use the pod range (real AKS
 * kubenet dumps show `! -s 10.244.0.0/16`). For Azure CNI the pods live in a VNet subnet:
 * assumption (unverified, emulator-facts §8) that AKS passes that subnet.
 */
export function kubeProxyClusterCidr(facts: ClusterNetworkFacts): string | null {
  if (facts.plugin === 'kubenet' || facts.overlay) return facts.podCidr;
  if (facts.plugin === 'azure') return facts.podSubnetPrefix ?? facts.nodeSubnetPrefix;
  // BYO CNI ('none'): AKS cannot know the pod range unless one was given.
  return facts.podCidr;
}
