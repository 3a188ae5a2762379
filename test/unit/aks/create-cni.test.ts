import { describe, expect, it } from 'vitest';
import { aksControllers } from '../../../sandbox/controllers/aks/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import type { VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import { byoVnet, clusterLb, create, internalIp, newWorld, nics, nodes, ofType, routeTables, subnetIdOf } from './helpers.ts';

describe('az aks create --network-plugin azure (node subnet)', () => {
  const world = newWorld();
  const cluster = create(world, { networkPlugin: 'azure' });

  it('pre-allocates max pods + 1 addresses per node, so nodes sit 31 addresses apart', () => {
    expect(nodes(world, cluster).map((n) => [internalIp(n), n.spec.podCIDR])).toEqual([
      ['10.224.0.4', undefined],
      ['10.224.0.35', undefined],
      ['10.224.0.66', undefined],
    ]);
    expect(cluster.agentPoolProfiles[0]!.maxPods).toBe(30);
    expect(cluster.networkProfile).toMatchObject({ networkPlugin: 'azure', networkPluginMode: null, podCidr: null, podCidrs: null });
  });

  it('each NIC carries ipconfig1 + 30 secondary ip configurations from the subnet', () => {
    const all = nics(world);
    expect(all.map((n) => n.ipConfigurations.length)).toEqual([31, 31, 31]);
    const first = all[0]!;
    expect(first.ipConfigurations.map((c) => c.name).slice(0, 3)).toEqual(['ipconfig1', 'ipconfig2', 'ipconfig3']);
    expect(first.ipConfigurations.filter((c) => c.primary).map((c) => c.privateIPAddress)).toEqual(['10.224.0.4']);
    expect(first.ipConfigurations.at(-1)!.privateIPAddress).toBe('10.224.0.34');
    // Only the primary joins the load balancer pools.
    expect(first.ipConfigurations.filter((c) => c.loadBalancerBackendAddressPools).length).toBe(1);
    const [vnet] = ofType<VirtualNetwork>(world, 'Microsoft.Network/virtualNetworks');
    expect(vnet!.subnets[0]!.ipConfigurations).toHaveLength(93);
    expect(clusterLb(world, cluster)!.backendAddressPools.map((p) => p.backendIPConfigurations.length)).toEqual([3, 3]);
  });

  it('has no route table and no podCIDR routes', () => {
    expect(routeTables(world)).toEqual([]);
  });
});

describe('az aks create with no --network-plugin (Azure CNI Overlay, the default)', () => {
  const world = newWorld();
  const cluster = create(world);

  it('resolves to azure + overlay with the 10.244.0.0/16 pod CIDR and max pods 250', () => {
    expect(cluster.networkProfile).toMatchObject({ networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: '10.244.0.0/16', podCidrs: ['10.244.0.0/16'] });
    expect(cluster.agentPoolProfiles[0]!.maxPods).toBe(250);
  });

  it('nodes take consecutive subnet addresses and a /24 each from the pod CIDR', () => {
    expect(nodes(world, cluster).map((n) => [n.metadata.name, internalIp(n), n.spec.podCIDR])).toEqual([
      ['aks-nodepool1-00838893-vmss000000', '10.224.0.4', '10.244.0.0/24'],
      ['aks-nodepool1-00838893-vmss000001', '10.224.0.5', '10.244.1.0/24'],
      ['aks-nodepool1-00838893-vmss000002', '10.224.0.6', '10.244.2.0/24'],
    ]);
    expect(nics(world).map((n) => n.ipConfigurations.length)).toEqual([1, 1, 1]);
    expect(nodes(world, cluster)[0]!.metadata.labels).toMatchObject({ 'kubernetes.azure.com/azure-cni-overlay': 'true', 'kubernetes.azure.com/podnetwork-type': 'overlay' });
    expect(routeTables(world)).toEqual([]);
  });

  it('settles in one round the second time', () => {
    expect(settle(world, aksControllers())).toEqual({ rounds: 1, settled: true });
  });
});

describe('a learner subnet (BYO VNet)', () => {
  it('kubenet: AKS puts its NSG on the NICs and creates + associates a route table when the subnet has none', () => {
    const world = newWorld();
    byoVnet(world, 'hub', ['172.16.0.0/16'], [{ name: 'nodes', prefix: '172.16.5.0/24', nsg: 'my-nsg' }]);
    const subnetId = subnetIdOf(world, 'hub', 'nodes');
    const cluster = create(world, { networkPlugin: 'kubenet', vnetSubnetId: subnetId });
    expect(nodes(world, cluster).map(internalIp)).toEqual(['172.16.5.4', '172.16.5.5', '172.16.5.6']);
    const vnet = world.resource<VirtualNetwork>(subnetId.slice(0, subnetId.indexOf('/subnets/')))!;
    const subnet = vnet.subnets[0]!;
    // The learner's NSG stays on the subnet; AKS's goes on every node NIC.
    expect(subnet.networkSecurityGroup!.id).toMatch(/\/networkSecurityGroups\/my-nsg$/);
    for (const nic of nics(world)) expect(nic.networkSecurityGroup!.id).toMatch(/\/MC_rg1_aks1_eastus\/providers\/Microsoft.Network\/networkSecurityGroups\/aks-agentpool-\d{8}-nsg$/);
    const [table] = routeTables(world);
    expect(subnet.routeTable!.id).toBe(table!.id);
    expect(table!.routes).toHaveLength(3);
    expect(ofType(world, 'Microsoft.Network/virtualNetworks')).toHaveLength(1);
  });

  it('kubenet: AKS writes its routes into the route table already on the subnet', () => {
    const world = newWorld();
    byoVnet(world, 'hub', ['172.16.0.0/16'], [{ name: 'nodes', prefix: '172.16.5.0/24', routeTable: 'my-routes' }]);
    const cluster = create(world, { networkPlugin: 'kubenet', vnetSubnetId: subnetIdOf(world, 'hub', 'nodes') });
    expect(routeTables(world).map((t) => [t.name, t.resourceGroup, t.routes.length])).toEqual([['my-routes', 'rg1', 3]]);
    expect(nodes(world, cluster)).toHaveLength(3);
  });
});
