// `az aks delete` on the model: the cluster resource, its node resource group with everything
// AKS put there, its control plane and Kubernetes store, and the references the learner's own
// resources kept to those (a BYO subnet's route table or NSG association, NIC ip configurations).
import { isAzureError, type AzureError } from '../../model/azure/errors.ts';
import type { PrivateDnsZone, Ref, VirtualNetwork } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import { findManagedCluster } from './create-cluster.ts';
import { forgetOperations } from './operations.ts';

function inGroup(id: string, group: string): boolean {
  return id.toLowerCase().includes(`/resourcegroups/${group.toLowerCase()}/`);
}

/** Drops references to resources that no longer exist from VNets and private DNS zones. */
function dropDanglingReferences(world: World, deleted: Set<string>): void {
  const gone = (ref: Ref | null | undefined) => !!ref && [...deleted].some((id) => ref.id.toLowerCase() === id || ref.id.toLowerCase().startsWith(`${id}/`));
  for (const vnet of world.resourcesOfType<VirtualNetwork>('Microsoft.Network/virtualNetworks')) {
    let changed = false;
    const subnets = vnet.subnets.map((subnet) => {
      const next = { ...subnet };
      if (gone(next.routeTable)) next.routeTable = null;
      if (gone(next.networkSecurityGroup)) next.networkSecurityGroup = null;
      if (gone(next.natGateway)) next.natGateway = null;
      if (next.ipConfigurations) next.ipConfigurations = next.ipConfigurations.filter((c) => !gone(c));
      if (JSON.stringify(next) !== JSON.stringify(subnet)) changed = true;
      return next;
    });
    if (changed) world.putResource({ ...vnet, subnets });
  }
  for (const zone of world.resourcesOfType<PrivateDnsZone>('Microsoft.Network/privateDnsZones')) {
    const links = zone.virtualNetworkLinks.filter((l) => !gone(l.virtualNetwork));
    if (links.length !== zone.virtualNetworkLinks.length) {
      world.putResource({ ...zone, virtualNetworkLinks: links, numberOfVirtualNetworkLinks: links.length });
    }
  }
}

export function deleteManagedCluster(world: World, clusterId: string): true | AzureError {
  const cluster = findManagedCluster(world, clusterId);
  if (isAzureError(cluster)) return cluster;
  const key = cluster.id.toLowerCase();
  const deleted = new Set<string>();
  for (const resource of Object.values(world.state.resources)) {
    if (inGroup(resource.id, cluster.nodeResourceGroup)) {
      deleted.add(resource.id.toLowerCase());
      world.deleteResource(resource.id);
    }
  }
  const nodeGroup = world.resourceGroup(cluster.nodeResourceGroup);
  if (nodeGroup && nodeGroup.managedBy?.toLowerCase() === key) delete world.state.resourceGroups[nodeGroup.name.toLowerCase()];
  world.deleteResource(cluster.id);
  delete world.state.controlPlanes[key];
  delete world.state.clusters[key];
  if (world.state.cloudConfigs) delete world.state.cloudConfigs[key];
  forgetOperations(world, cluster.id);
  dropDanglingReferences(world, deleted);
  world.touch();
  return true;
}
