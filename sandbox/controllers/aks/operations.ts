// When the AKS resource provider acts. AKS does not watch its node resource group: it
// provisions on create and re-applies what it owns only when an operation runs on the cluster
// (update, scale, upgrade, node pool add; node image auto-upgrades count too). That is why an
// edited outbound IP is replaced "later, on its own" (part-iii-cases §3), and why a learner who
// detaches the route table keeps the breakage until something reconciles the cluster.
// The provisioning controllers therefore only work on clusters with a pending operation; a
// cluster the store has never seen provisioned counts as pending, so a scenario may write a
// ManagedCluster resource directly and let settle() build the rest.
import type { ManagedCluster } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';

const MEMORY_KEY = 'aks-resource-provider';

interface OperationCounters {
  requested: number;
  completed: number;
}

function memory(world: World): Record<string, OperationCounters> {
  const controllers = (world.state.controllers ??= {});
  return (controllers[MEMORY_KEY] ??= {}) as Record<string, OperationCounters>;
}

/** Queues a reconcile of everything AKS owns for the cluster (what any `az aks` write does). */
export function requestOperation(world: World, clusterId: string): void {
  const key = clusterId.toLowerCase();
  const counters = (memory(world)[key] ??= { requested: 0, completed: 0 });
  counters.requested++;
  world.touch();
}

export function operationPending(world: World, clusterId: string): boolean {
  const counters = memory(world)[clusterId.toLowerCase()];
  return !counters || counters.completed < counters.requested;
}

export function completeOperation(world: World, clusterId: string): void {
  const key = clusterId.toLowerCase();
  const counters = (memory(world)[key] ??= { requested: 1, completed: 0 });
  if (counters.completed === counters.requested && counters.requested > 0) return;
  counters.requested = Math.max(counters.requested, 1);
  counters.completed = counters.requested;
  world.touch();
}

/** Forgets a deleted cluster. */
export function forgetOperations(world: World, clusterId: string): void {
  const all = memory(world);
  const key = clusterId.toLowerCase();
  if (key in all) {
    delete all[key];
    world.touch();
  }
}

export function managedClusters(world: World): ManagedCluster[] {
  return world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters');
}

/** Clusters the resource provider is working on right now. */
export function clustersInOperation(world: World): ManagedCluster[] {
  return managedClusters(world).filter((cluster) => operationPending(world, cluster.id));
}
