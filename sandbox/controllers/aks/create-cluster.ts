// `az aks create` and `az aks update` (the reconcile part) on the model: validate, write the
// ManagedCluster and its control plane, then let the controllers build the node resource group.
import { isAzureError, resourceNotFound, type AzureError } from '../../model/azure/errors.ts';
import { parseArmId } from '../../model/azure/ids.ts';
import type { ManagedCluster } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import { settle } from '../settle.ts';
import { buildClusterRecords } from './cluster-resource.ts';
import { aksControllers } from './controllers.ts';
import { requestOperation } from './operations.ts';
import { resolveCreate, type AksCreateRequest } from './request.ts';
import { validateAksCreate } from './validate.ts';

/**
 * Creates the cluster and settles the AKS controllers, so on return the node resource group,
 * VNet, load balancer, scale sets, NICs and Node objects all exist. Returns the refusal instead
 * when AKS (or az) would refuse.
 */
export function createManagedCluster(world: World, request: AksCreateRequest): ManagedCluster | AzureError {
  const error = validateAksCreate(world, request);
  if (error) return error;
  const group = world.resourceGroup(request.resourceGroup)!;
  const resolved = resolveCreate(request, request.location ?? group.location);
  const { cluster, controlPlane } = buildClusterRecords(world, resolved);
  world.putResource(cluster);
  world.state.controlPlanes[cluster.id.toLowerCase()] = controlPlane;
  requestOperation(world, cluster.id);
  settle(world, aksControllers());
  return world.resource<ManagedCluster>(cluster.id)!;
}

/** The cluster, or ARM's not-found for it. */
export function findManagedCluster(world: World, clusterId: string): ManagedCluster | AzureError {
  const cluster = world.resource<ManagedCluster>(clusterId);
  if (cluster) return cluster;
  const parts = parseArmId(clusterId);
  return resourceNotFound('Microsoft.ContainerService/managedClusters', parts?.names[0] ?? clusterId, parts?.resourceGroup ?? '');
}

/**
 * An operation with no changes (`az aks update` without flags, what any AKS write also does):
 * AKS re-applies everything it owns, e.g. replaces an outbound IP whose tags were edited.
 */
export function reconcileManagedCluster(world: World, clusterId: string): ManagedCluster | AzureError {
  const cluster = findManagedCluster(world, clusterId);
  if (isAzureError(cluster)) return cluster;
  requestOperation(world, cluster.id);
  settle(world, aksControllers());
  return world.resource<ManagedCluster>(cluster.id)!;
}
