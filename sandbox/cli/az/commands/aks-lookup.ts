// Finding a cluster the way ARM answers a GET: a missing group first, then the cluster.
import { resourceGroupNotFound, type AzureError } from '../../../model/azure/errors.ts';
import type { ManagedCluster } from '../../../model/azure/types.ts';
import type { World } from '../../../model/world.ts';
import { findManagedCluster, managedClusterId } from '../../../controllers/aks/index.ts';

export function clusterIdFor(world: World, resourceGroup: string, name: string): string {
  return managedClusterId(world.state.subscription.id, resourceGroup, name);
}

export function getCluster(world: World, resourceGroup: string, name: string): ManagedCluster | AzureError {
  if (!world.resourceGroup(resourceGroup)) return resourceGroupNotFound(resourceGroup);
  return findManagedCluster(world, clusterIdFor(world, resourceGroup, name));
}
