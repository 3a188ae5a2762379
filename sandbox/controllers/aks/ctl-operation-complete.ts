// Last of the provisioning controllers: the operation on each cluster is done once every step
// above ran for it, so the next settle leaves AKS-owned resources alone until another operation.
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { clustersInOperation, completeOperation } from './operations.ts';

export const operationCompleteController: Controller = {
  name: 'aks-operation-complete',
  reconcile(world: World): void {
    for (const cluster of clustersInOperation(world)) completeOperation(world, cluster.id);
  },
};
