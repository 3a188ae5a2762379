// The update and delete operations the az CLI calls: updateManagedCluster (API server access,
// public FQDN of a private cluster, the outbound load balancer profile) and deleteManagedCluster
// (node resource group, control plane, Kubernetes store, references from the learner's VNet).
import { describe, expect, it } from 'vitest';
import { deleteManagedCluster } from '../../../sandbox/controllers/aks/delete-cluster.ts';
import { updateManagedCluster } from '../../../sandbox/controllers/aks/update-cluster.ts';
import { isAzureError } from '../../../sandbox/model/azure/errors.ts';
import type { ManagedCluster, VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import { byoVnet, create, newWorld, subnetIdOf } from './helpers.ts';

function updated(result: ManagedCluster | { code: string }): ManagedCluster {
  if (isAzureError(result)) throw new Error(`unexpected ${result.code}: ${result.message}`);
  return result as ManagedCluster;
}

describe('updateManagedCluster', () => {
  it('sets and clears authorized IP ranges', () => {
    const world = newWorld();
    const cluster = create(world, { networkPlugin: 'kubenet' });
    const restricted = updated(updateManagedCluster(world, cluster.id, { apiServerAuthorizedIpRanges: ['73.162.10.0/24'] }));
    expect(restricted.apiServerAccessProfile?.authorizedIpRanges).toEqual(['73.162.10.0/24']);
    const open = updated(updateManagedCluster(world, cluster.id, { apiServerAuthorizedIpRanges: [] }));
    expect(open.apiServerAccessProfile).toBeNull();
  });

  it('toggles the public FQDN of a private cluster and its control plane record', () => {
    const world = newWorld();
    const cluster = create(world, { networkPlugin: 'kubenet', enablePrivateCluster: true });
    expect(cluster.fqdn).not.toBeNull();
    const off = updated(updateManagedCluster(world, cluster.id, { disablePublicFqdn: true }));
    expect(off.fqdn).toBeNull();
    expect(off.apiServerAccessProfile?.enablePrivateClusterPublicFqdn).toBe(false);
    expect(world.state.controlPlanes[cluster.id.toLowerCase()]!.fqdn).toBeNull();
    const on = updated(updateManagedCluster(world, cluster.id, { enablePublicFqdn: true }));
    expect(on.fqdn).toBe(cluster.fqdn);
  });

  it('refuses public FQDN flags on a public cluster', () => {
    const world = newWorld();
    const cluster = create(world, { networkPlugin: 'kubenet' });
    const result = updateManagedCluster(world, cluster.id, { enablePublicFqdn: true });
    expect(isAzureError(result) && result.message).toBe('--enable-public-fqdn can only be used for private cluster');
  });

  it('changes the managed outbound IP count, ports and idle timeout', () => {
    const world = newWorld();
    const cluster = create(world, { networkPlugin: 'kubenet' });
    const next = updated(updateManagedCluster(world, cluster.id, { loadBalancerManagedOutboundIpCount: 2, loadBalancerOutboundPorts: 1024, loadBalancerIdleTimeout: 10 }));
    const profile = next.networkProfile.loadBalancerProfile!;
    expect(profile.managedOutboundIPs?.count).toBe(2);
    expect(profile.allocatedOutboundPorts).toBe(1024);
    expect(profile.idleTimeoutInMinutes).toBe(10);
    expect(profile.effectiveOutboundIPs).toHaveLength(2);
    const bad = updateManagedCluster(world, cluster.id, { loadBalancerOutboundPorts: 1000 + 3 });
    expect(isAzureError(bad)).toBe(true);
  });
});

describe('deleteManagedCluster', () => {
  it('removes the cluster, its node resource group, control plane and Kubernetes store', () => {
    const world = newWorld();
    const cluster = create(world, { networkPlugin: 'kubenet' });
    const key = cluster.id.toLowerCase();
    expect(world.resourceGroup(cluster.nodeResourceGroup)).toBeDefined();
    expect(deleteManagedCluster(world, cluster.id)).toBe(true);
    expect(world.resource(cluster.id)).toBeUndefined();
    expect(world.resourceGroup(cluster.nodeResourceGroup)).toBeUndefined();
    expect(Object.keys(world.state.resources).filter((id) => id.includes(cluster.nodeResourceGroup.toLowerCase()))).toEqual([]);
    expect(world.state.controlPlanes[key]).toBeUndefined();
    expect(world.state.clusters[key]).toBeUndefined();
    const again = deleteManagedCluster(world, cluster.id);
    expect(isAzureError(again) && again.code).toBe('ResourceNotFound');
  });

  it('detaches what AKS put on a learner subnet (kubenet route table, NIC ip configurations)', () => {
    const world = newWorld();
    byoVnet(world, 'vnet1', ['10.1.0.0/16'], [{ name: 'aks', prefix: '10.1.0.0/22' }]);
    const cluster = create(world, { networkPlugin: 'kubenet', vnetSubnetId: subnetIdOf(world, 'vnet1', 'aks') });
    const before = world.resourcesOfType<VirtualNetwork>('Microsoft.Network/virtualNetworks').find((v) => v.name === 'vnet1')!;
    expect(before.subnets[0]!.routeTable).toBeTruthy();
    deleteManagedCluster(world, cluster.id);
    const after = world.resourcesOfType<VirtualNetwork>('Microsoft.Network/virtualNetworks').find((v) => v.name === 'vnet1')!;
    expect(after.subnets[0]!.routeTable).toBeNull();
    expect(after.subnets[0]!.ipConfigurations ?? []).toEqual([]);
  });
});
