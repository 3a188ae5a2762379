// Everything a controller needs to know about one cluster's Azure side, derived from the
// ManagedCluster resource and its cloud configuration: names and ids of the node resource
// group's resources, the networking model, and where each node pool's NICs go.
import { armId, childId, nameOf, parseArmId, resourceGroupOf } from '../../model/azure/ids.ts';
import type { AzureCloudConfig } from '../../model/azure/cloud-config.ts';
import type { AgentPoolProfile, ManagedCluster } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import { findSubnet } from './ipam.ts';
import {
  CLUSTER_LB_NAME,
  INBOUND_POOL_NAME,
  MANAGED_SUBNET_NAME,
  OUTBOUND_POOL_NAME,
  OUTBOUND_RULE_NAME,
  managedVnetName,
  nsgName,
  resourceNameSuffix,
  routeTableName,
  scaleSetDigits,
  vmssName,
} from './naming.ts';
import { networkModeOf, type NetworkMode } from './request.ts';

export interface PoolLayout {
  profile: AgentPoolProfile;
  vmssName: string;
  vmssId: string;
  subnetId: string;
}

export interface ClusterContext {
  cluster: ManagedCluster;
  /** Lower-cased cluster id: the key of clusters, controlPlanes and cloudConfigs. */
  key: string;
  subscriptionId: string;
  location: string;
  nodeResourceGroup: string;
  suffix: string;
  vmssDigits: string;
  mode: NetworkMode;
  config: AzureCloudConfig;
  /** True when AKS made the VNet (no pool brought a subnet). */
  managedVnet: boolean;
  managedVnetId: string;
  managedSubnetId: string;
  /** The VNet the first pool's nodes live in. */
  nodeVnetId: string;
  nsgId: string;
  /** kubenet's route table (AKS-made or the one on the learner's subnet); null otherwise. */
  routeTableId: string | null;
  loadBalancerId: string;
  inboundPoolId: string;
  outboundPoolId: string;
  outboundRuleId: string;
  pools: PoolLayout[];
}

function clusterMode(cluster: ManagedCluster): NetworkMode {
  return networkModeOf(cluster.networkProfile.networkPlugin, cluster.networkProfile.networkPluginMode);
}

function managedVnetIds(world: World, cluster: ManagedCluster, key: string): { vnetId: string; subnetId: string; suffix: string } {
  const suffix = resourceNameSuffix(world.state.seed, key);
  const vnetId = armId(world.state.subscription.id, cluster.nodeResourceGroup, 'Microsoft.Network', 'virtualNetworks', managedVnetName(suffix));
  return { vnetId, subnetId: childId(vnetId, 'subnets', MANAGED_SUBNET_NAME), suffix };
}

/**
 * The azure.json AKS writes for the cluster. Decided once, at the first provisioning: for a
 * kubenet cluster on a learner's subnet that already has a route table, AKS uses that table
 * (AKS-docs configure-kubenet.md, "bring your own subnet and route table").
 */
export function deriveCloudConfig(world: World, cluster: ManagedCluster): AzureCloudConfig {
  const key = cluster.id.toLowerCase();
  const { vnetId, suffix } = managedVnetIds(world, cluster, key);
  const firstPool = cluster.agentPoolProfiles[0];
  const byoSubnetId = firstPool?.vnetSubnetId ?? null;
  const vnetName = byoSubnetId ? nameOf(byoSubnetId.slice(0, byoSubnetId.toLowerCase().lastIndexOf('/subnets/'))) : nameOf(vnetId);
  const vnetResourceGroup = byoSubnetId ? (resourceGroupOf(byoSubnetId) ?? cluster.nodeResourceGroup) : cluster.nodeResourceGroup;
  let routeTable = '';
  let routeTableGroup = '';
  if (clusterMode(cluster) === 'kubenet') {
    const existing = byoSubnetId ? findSubnet(world, byoSubnetId)?.subnet.routeTable?.id : undefined;
    routeTable = existing ? nameOf(existing) : routeTableName(suffix);
    routeTableGroup = existing ? (resourceGroupOf(existing) ?? cluster.nodeResourceGroup) : cluster.nodeResourceGroup;
  }
  const mode = clusterMode(cluster);
  return {
    cloud: 'AzurePublicCloud',
    tenantId: world.state.subscription.tenantId,
    subscriptionId: world.state.subscription.id,
    resourceGroup: cluster.nodeResourceGroup,
    location: cluster.location,
    vmType: 'vmss',
    vnetName,
    vnetResourceGroup,
    subnetName: byoSubnetId ? nameOf(byoSubnetId) : MANAGED_SUBNET_NAME,
    securityGroupName: nsgName(suffix),
    securityGroupResourceGroup: cluster.nodeResourceGroup,
    routeTableName: routeTable,
    routeTableResourceGroup: routeTableGroup,
    primaryScaleSetName: firstPool ? vmssName(firstPool.name, scaleSetDigits(world.state.seed, key)) : '',
    loadBalancerSku: cluster.networkProfile.loadBalancerSku,
    loadBalancerName: CLUSTER_LB_NAME,
    excludeMasterFromStandardLB: true,
    disableOutboundSNAT: false,
    useManagedIdentityExtension: true,
    useInstanceMetadata: true,
    maximumLoadBalancerRuleCount: 250,
    clusterCidr: mode === 'kubenet' || mode === 'overlay' ? cluster.networkProfile.podCidr : null,
  };
}

export function cloudConfigOf(world: World, clusterId: string): AzureCloudConfig | undefined {
  return world.state.cloudConfigs?.[clusterId.toLowerCase()];
}

/** Writes the cloud config the first time a cluster is provisioned. */
export function ensureCloudConfig(world: World, cluster: ManagedCluster): AzureCloudConfig {
  const key = cluster.id.toLowerCase();
  const existing = world.state.cloudConfigs?.[key];
  if (existing) return existing;
  const config = deriveCloudConfig(world, cluster);
  (world.state.cloudConfigs ??= {})[key] = config;
  world.touch();
  return config;
}

export function clusterContext(world: World, cluster: ManagedCluster): ClusterContext {
  const key = cluster.id.toLowerCase();
  const subscriptionId = world.state.subscription.id;
  const config = world.state.cloudConfigs?.[key] ?? deriveCloudConfig(world, cluster);
  const { vnetId: managedVnetId, subnetId: managedSubnetId, suffix } = managedVnetIds(world, cluster, key);
  const digits = scaleSetDigits(world.state.seed, key);
  const nodeRg = cluster.nodeResourceGroup;
  const loadBalancerId = armId(subscriptionId, nodeRg, 'Microsoft.Network', 'loadBalancers', CLUSTER_LB_NAME);
  const pools = cluster.agentPoolProfiles.map((profile) => {
    const name = vmssName(profile.name, digits);
    return {
      profile,
      vmssName: name,
      vmssId: armId(subscriptionId, nodeRg, 'Microsoft.Compute', 'virtualMachineScaleSets', name),
      subnetId: profile.vnetSubnetId ?? managedSubnetId,
    };
  });
  const firstSubnet = pools[0]?.subnetId ?? managedSubnetId;
  const managedVnet = pools.length === 0 || pools.some((p) => !p.profile.vnetSubnetId);
  const routeTableId = config.routeTableName
    ? armId(subscriptionId, config.routeTableResourceGroup, 'Microsoft.Network', 'routeTables', config.routeTableName)
    : null;
  return {
    cluster,
    key,
    subscriptionId,
    location: cluster.location,
    nodeResourceGroup: nodeRg,
    suffix,
    vmssDigits: digits,
    mode: clusterMode(cluster),
    config,
    managedVnet,
    managedVnetId,
    managedSubnetId,
    nodeVnetId: firstSubnet.slice(0, firstSubnet.toLowerCase().lastIndexOf('/subnets/')),
    nsgId: armId(subscriptionId, nodeRg, 'Microsoft.Network', 'networkSecurityGroups', config.securityGroupName),
    routeTableId,
    loadBalancerId,
    inboundPoolId: childId(loadBalancerId, 'backendAddressPools', INBOUND_POOL_NAME),
    outboundPoolId: childId(loadBalancerId, 'backendAddressPools', OUTBOUND_POOL_NAME),
    outboundRuleId: childId(loadBalancerId, 'outboundRules', OUTBOUND_RULE_NAME),
    pools,
  };
}

/** True when the id names a subnet (used to tell a BYO subnet id from garbage). */
export function isSubnetId(id: string): boolean {
  const parts = parseArmId(id);
  return !!parts && parts.namespace.toLowerCase() === 'microsoft.network' && parts.types.length === 2 && parts.types[1]!.toLowerCase() === 'subnets';
}
