// Public surface of the AKS provisioning and IPAM engine.
export type { AksCreateRequest, AddNodePoolRequest, NetworkMode, NetworkPolicy, ResolvedAksCreate } from './request.ts';
export { defaultMaxPods, networkModeOf, resolveCreate } from './request.ts';
export { validateAksCreate, AKS_RESERVED_RANGES } from './validate.ts';
export { createManagedCluster, findManagedCluster, reconcileManagedCluster } from './create-cluster.ts';
export { addNodePool, scaleNodePool } from './node-pools.ts';
export { aksControllers, aksProvisioningControllers } from './controllers.ts';
export { clusterContext, cloudConfigOf, type ClusterContext, type PoolLayout } from './context.ts';
export { operationPending, requestOperation } from './operations.ts';
export { buildIpamIndex, freeAddresses, findSubnet, IpamIndex, SubnetAllocator } from './ipam.ts';
export { ROUTES_PER_TABLE_LIMIT } from './ctl-routes.ts';
export { managedClusterId, agentPoolId } from './cluster-resource.ts';
