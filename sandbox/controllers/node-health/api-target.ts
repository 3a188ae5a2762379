// The API server address the nodes' kubeconfig leads to, by access mode: the public FQDN's
// address for public clusters, the private endpoint for private clusters, the internal load
// balancer for API Server VNet Integration (nodes use its IP directly, no DNS, no tunnel).
// Nodes are traced straight to that address: name resolution on nodes is not re-run for every
// heartbeat [assumption: kubelet keeps its connection and cached address].
import type { ManagedCluster } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';

export type ApiAccess = 'public' | 'private-endpoint' | 'vnet-integration';

export interface ApiTarget {
  ip: string;
  port: 443;
  access: ApiAccess;
}

export function apiServerTarget(world: World, clusterId: string): ApiTarget | undefined {
  const plane = world.state.controlPlanes[clusterId.toLowerCase()];
  const mc = world.resource<ManagedCluster>(clusterId);
  if (!plane || !mc) return undefined;
  const access = mc.apiServerAccessProfile;
  if (access?.enableVnetIntegration || plane.tunnel === 'direct') return plane.privateIp ? { ip: plane.privateIp, port: 443, access: 'vnet-integration' } : undefined;
  if (access?.enablePrivateCluster) return plane.privateIp ? { ip: plane.privateIp, port: 443, access: 'private-endpoint' } : undefined;
  const ip = plane.fqdnAddress ?? plane.publicIp;
  return ip ? { ip, port: 443, access: 'public' } : undefined;
}
