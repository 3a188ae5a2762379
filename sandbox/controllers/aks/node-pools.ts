// `az aks scale` / `az aks nodepool scale` and `az aks nodepool add`: the same capacity checks
// as create, then an AKS operation that the controllers carry out.
import { cliError, isAzureError, resourceNotFound, type AzureError } from '../../model/azure/errors.ts';
import { parseArmId } from '../../model/azure/ids.ts';
import type { AgentPoolProfile, ManagedCluster } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import { settle } from '../settle.ts';
import { checkExistingSubnet, checkPodCidrCapacity } from './capacity.ts';
import { agentPoolProfile } from './cluster-resource.ts';
import { clusterContext, isSubnetId } from './context.ts';
import { aksControllers } from './controllers.ts';
import { findManagedCluster } from './create-cluster.ts';
import { findSubnet } from './ipam.ts';
import { requestOperation } from './operations.ts';
import { DEFAULT_NODE_COUNT, DEFAULT_VM_SIZE, defaultMaxPods, type AddNodePoolRequest } from './request.ts';

function poolNotFound(cluster: ManagedCluster, pool: string): AzureError {
  // Assumption: the provider answers with ARM's not-found for the child resource.
  return resourceNotFound('Microsoft.ContainerService/managedClusters/agentPools', `${cluster.name}/${pool}`, parseArmId(cluster.id)?.resourceGroup ?? cluster.resourceGroup);
}

/** Capacity for `added` more nodes in `subnetId` (and, kubenet/overlay, in the pod CIDR for `totalNodes`). */
function checkGrowth(world: World, cluster: ManagedCluster, subnetId: string, maxPods: number, added: number, totalNodes: number): AzureError | undefined {
  const ctx = clusterContext(world, cluster);
  if ((ctx.mode === 'kubenet' || ctx.mode === 'overlay') && cluster.networkProfile.podCidr) {
    const error = checkPodCidrCapacity(cluster.networkProfile.podCidr, totalNodes);
    if (error) return error;
  }
  return added > 0 ? checkExistingSubnet(world, subnetId, ctx.mode, maxPods, added) : undefined;
}

function writeProfiles(world: World, cluster: ManagedCluster, profiles: AgentPoolProfile[]): void {
  world.putResource({ ...cluster, agentPoolProfiles: profiles });
  requestOperation(world, cluster.id);
  settle(world, aksControllers());
}

/** Sets a pool's node count; scaling down removes the highest instance ids. */
export function scaleNodePool(world: World, clusterId: string, poolName: string, count: number): AgentPoolProfile | AzureError {
  const cluster = findManagedCluster(world, clusterId);
  if (isAzureError(cluster)) return cluster;
  const at = cluster.agentPoolProfiles.findIndex((p) => p.name === poolName);
  if (at < 0) return poolNotFound(cluster, poolName);
  const pool = cluster.agentPoolProfiles[at]!;
  if (!Number.isInteger(count) || count < 0) return cliError('InvalidArgumentValueError', `--node-count must be a non-negative integer, got ${count}`);
  const ctx = clusterContext(world, cluster);
  const total = cluster.agentPoolProfiles.reduce((sum, p, i) => sum + (i === at ? count : p.count), 0);
  const error = checkGrowth(world, cluster, ctx.pools[at]!.subnetId, pool.maxPods, count - pool.count, total);
  if (error) return error;
  const profiles = cluster.agentPoolProfiles.map((p, i) => (i === at ? { ...p, count } : p));
  writeProfiles(world, cluster, profiles);
  return world.resource<ManagedCluster>(cluster.id)!.agentPoolProfiles[at]!;
}

/** Adds a node pool (mode User unless asked) in the cluster's subnet or the one given. */
export function addNodePool(world: World, clusterId: string, request: AddNodePoolRequest): AgentPoolProfile | AzureError {
  const cluster = findManagedCluster(world, clusterId);
  if (isAzureError(cluster)) return cluster;
  // azure-cli _validators.validate_nodepool_name, then the decorator's existence check.
  if (request.name.length > 12) return cliError('InvalidArgumentValueError', '--nodepool-name can contain at most 12 characters');
  if (!/^[A-Za-z0-9]+$/.test(request.name)) return cliError('InvalidArgumentValueError', '--nodepool-name should contain only alphanumeric characters');
  if (cluster.agentPoolProfiles.some((p) => p.name === request.name)) {
    return cliError(
      'InvalidArgumentValueError',
      `Node pool ${request.name} already exists, please try a different name, use 'aks nodepool list' to get current list of node pool`,
    );
  }
  const ctx = clusterContext(world, cluster);
  const subnetId = request.vnetSubnetId ?? ctx.pools[0]?.profile.vnetSubnetId ?? null;
  if (subnetId && (!isSubnetId(subnetId) || !findSubnet(world, subnetId))) {
    const parts = parseArmId(subnetId);
    return resourceNotFound('Microsoft.Network/virtualNetworks/subnets', parts ? `${parts.names[0]}/${parts.names[1]}` : subnetId, parts?.resourceGroup ?? '');
  }
  const count = request.nodeCount ?? DEFAULT_NODE_COUNT;
  const maxPods = request.maxPods ?? defaultMaxPods(ctx.mode);
  const total = cluster.agentPoolProfiles.reduce((sum, p) => sum + p.count, 0) + count;
  const error = checkGrowth(world, cluster, subnetId ?? ctx.managedSubnetId, maxPods, count, total);
  if (error) return error;
  const profile = agentPoolProfile({
    name: request.name,
    count,
    vmSize: request.nodeVmSize ?? DEFAULT_VM_SIZE,
    maxPods,
    mode: request.mode ?? 'User',
    vnetSubnetId: subnetId,
    kubernetesVersion: request.kubernetesVersion ?? cluster.kubernetesVersion,
  });
  writeProfiles(world, cluster, [...cluster.agentPoolProfiles, profile]);
  return world.resource<ManagedCluster>(cluster.id)!.agentPoolProfiles.find((p) => p.name === request.name)!;
}
