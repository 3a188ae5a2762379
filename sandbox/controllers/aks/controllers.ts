// The order settle() should run the AKS-related controllers in. The provisioning group is the
// AKS resource provider working through an operation (each step feeds the next, so one pass
// completes it); the rest runs all the time in a real cluster: Azure's own bookkeeping, the
// kubelet and node IPAM, and cloud-provider-azure's route controller.
import type { Controller } from '../types.ts';
import { apiServerEndpointController } from './ctl-api-server-endpoint.ts';
import { backReferencesController } from './ctl-back-references.ts';
import { clusterNetworkController } from './ctl-cluster-network.ts';
import { nodePoolController } from './ctl-node-pools.ts';
import { nodeResourceGroupController } from './ctl-node-resource-group.ts';
import { nodeController } from './ctl-nodes.ts';
import { operationCompleteController } from './ctl-operation-complete.ts';
import { outboundController } from './ctl-outbound.ts';
import { routeController } from './ctl-routes.ts';

/** What the AKS resource provider does during an operation, in dependency order. */
export function aksProvisioningControllers(): Controller[] {
  return [
    nodeResourceGroupController,
    clusterNetworkController,
    outboundController,
    // Before the node pools: a private endpoint takes the subnet's first address (x.x.x.4).
    apiServerEndpointController,
    nodePoolController,
    operationCompleteController,
  ];
}

/** Everything for AKS clusters, in the order settle() should run it. */
export function aksControllers(): Controller[] {
  return [...aksProvisioningControllers(), backReferencesController, nodeController, routeController];
}
