// First step of provisioning: the node resource group (managed by the cluster, so
// `az group show` reports managedBy) and the cloud configuration AKS writes to the nodes.
import { newResourceGroup } from '../../model/azure/factories.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { ensureCloudConfig } from './context.ts';
import { clustersInOperation } from './operations.ts';

export const nodeResourceGroupController: Controller = {
  name: 'aks-node-resource-group',
  reconcile(world: World): void {
    for (const cluster of clustersInOperation(world)) {
      const desired = newResourceGroup({
        subscriptionId: world.state.subscription.id,
        name: cluster.nodeResourceGroup,
        location: cluster.location,
        managedBy: cluster.id,
        tags: null,
      });
      const existing = world.resourceGroup(cluster.nodeResourceGroup);
      if (!existing || existing.managedBy !== desired.managedBy || existing.location !== desired.location) {
        world.putResourceGroup(existing ? { ...existing, managedBy: desired.managedBy } : desired);
      }
      ensureCloudConfig(world, cluster);
    }
  },
};
