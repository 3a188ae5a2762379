// Which clusters the Kubernetes controllers work on, and the facts about a cluster's network
// that decide how pods get addresses and which add-ons AKS installs.
import type { ManagedCluster, NetworkProfile } from '../../model/azure/types.ts';
import type { ControlPlane, World } from '../../model/world.ts';

export const MANAGED_CLUSTER_TYPE = 'Microsoft.ContainerService/ManagedClusters';

/** How pods get their IPs, per the network plugin (AKS-docs `concepts-network-cni-overview.md`). */
export type PodNetworkMode = 'kubenet' | 'overlay' | 'azure-cni' | 'none';

export function podNetworkMode(profile: NetworkProfile): PodNetworkMode {
  if (profile.networkPlugin === 'kubenet') return 'kubenet';
  if (profile.networkPlugin === 'azure') return profile.networkPluginMode === 'overlay' ? 'overlay' : 'azure-cni';
  return 'none';
}

/**
 * Clusters whose API server is up. A stopped AKS cluster has its control plane and nodes
 * deallocated, so nothing reconciles until it starts again.
 */
export function runningClusters(world: World): ManagedCluster[] {
  return world
    .resourcesOfType<ManagedCluster>(MANAGED_CLUSTER_TYPE)
    .filter((mc) => mc.powerState?.code !== 'Stopped' && mc.networkProfile)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function controlPlaneOf(world: World, clusterId: string): ControlPlane | undefined {
  return world.state.controlPlanes[clusterId.toLowerCase()];
}

/** The Kubernetes version the add-on images follow (`1.32.3`), without a leading `v`. */
export function kubernetesVersion(mc: ManagedCluster): string {
  return (mc.currentKubernetesVersion || mc.kubernetesVersion || '1.32.3').replace(/^v/, '');
}
