import { describe, expect, it } from 'vitest';
import { aksControllers, reconcileManagedCluster } from '../../../sandbox/controllers/aks/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import type { NatGateway, VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import { byoVnet, clusterLb, create, current, newWorld, nics, ofType, publicIps, subnetIdOf } from './helpers.ts';

describe('the managed outbound public IP', () => {
  it('survives settles after its tags are edited, and is replaced by the next AKS operation', () => {
    const world = newWorld();
    const cluster = create(world, { networkPlugin: 'kubenet' });
    const [original] = publicIps(world);
    world.putResource({ ...original!, tags: { ...original!.tags, 'aks-managed-type': 'my-label' } });

    // AKS does not watch its node resource group: nothing moves until an operation runs.
    settle(world, aksControllers());
    expect(publicIps(world).map((p) => p.id)).toEqual([original!.id]);

    reconcileManagedCluster(world, cluster.id);
    const [replacement] = publicIps(world);
    expect(publicIps(world)).toHaveLength(1);
    expect(replacement!.id).not.toBe(original!.id);
    expect(replacement!.ipAddress).not.toBe(original!.ipAddress);
    expect(replacement!.tags).toEqual({ 'aks-managed-cluster-name': 'aks1', 'aks-managed-cluster-rg': 'rg1', 'aks-managed-type': 'aks-slb-managed-outbound-ip' });
    expect(world.resource(original!.id)).toBeUndefined();

    const lb = clusterLb(world, cluster)!;
    expect(lb.frontendIPConfigurations.map((f) => [f.name, f.publicIPAddress?.id])).toEqual([[replacement!.name, replacement!.id]]);
    expect(lb.outboundRules[0]!.frontendIPConfigurations).toEqual([{ id: lb.frontendIPConfigurations[0]!.id }]);
    expect(current(world, cluster).networkProfile.loadBalancerProfile!.effectiveOutboundIPs).toEqual([
      { id: replacement!.id, resourceGroup: 'MC_rg1_aks1_eastus' },
    ]);
    expect(settle(world, aksControllers()).rounds).toBe(1);
  });

  it('an operation with untouched tags keeps the same IP', () => {
    const world = newWorld();
    const cluster = create(world);
    const before = publicIps(world).map((p) => [p.id, p.ipAddress]);
    reconcileManagedCluster(world, cluster.id);
    expect(publicIps(world).map((p) => [p.id, p.ipAddress])).toEqual(before);
  });

  it('a service frontend on the same load balancer is left alone', () => {
    const world = newWorld();
    const cluster = create(world);
    const lb = clusterLb(world, cluster)!;
    const service = { ...lb.frontendIPConfigurations[0]!, id: `${lb.id}/frontendIPConfigurations/a1b2c3`, name: 'a1b2c3', publicIPAddress: { id: `${lb.id}-svc-ip` } };
    world.putResource({ ...lb, frontendIPConfigurations: [...lb.frontendIPConfigurations, service] });
    reconcileManagedCluster(world, cluster.id);
    expect(clusterLb(world, cluster)!.frontendIPConfigurations.map((f) => f.name)).toContain('a1b2c3');
  });

  it('--load-balancer-managed-outbound-ip-count, ports and idle timeout', () => {
    const world = newWorld();
    const cluster = create(world, { loadBalancerManagedOutboundIpCount: 2, loadBalancerOutboundPorts: 1024, loadBalancerIdleTimeout: 10 });
    const lb = clusterLb(world, cluster)!;
    expect(publicIps(world)).toHaveLength(2);
    expect(new Set(publicIps(world).map((p) => p.ipAddress)).size).toBe(2);
    expect(lb.outboundRules[0]).toMatchObject({ allocatedOutboundPorts: 1024, idleTimeoutInMinutes: 10 });
    expect(lb.outboundRules[0]!.frontendIPConfigurations).toHaveLength(2);
    expect(cluster.networkProfile.loadBalancerProfile!.effectiveOutboundIPs).toHaveLength(2);
  });
});

describe('other outbound types', () => {
  it('managedNATGateway: a NAT gateway on aks-subnet, no load balancer', () => {
    const world = newWorld();
    const cluster = create(world, { outboundType: 'managedNATGateway' });
    expect(clusterLb(world, cluster)).toBeUndefined();
    const [gateway] = ofType<NatGateway>(world, 'Microsoft.Network/natGateways');
    const [pip] = publicIps(world);
    expect(gateway!.publicIpAddresses).toEqual([{ id: pip!.id }]);
    const [vnet] = ofType<VirtualNetwork>(world, 'Microsoft.Network/virtualNetworks');
    expect(vnet!.subnets[0]!.natGateway).toEqual({ id: gateway!.id });
    expect(gateway!.subnets).toEqual([{ id: vnet!.subnets[0]!.id }]);
    expect(cluster.networkProfile.loadBalancerProfile).toBeNull();
    expect(cluster.networkProfile.natGatewayProfile).toEqual({
      effectiveOutboundIPs: [{ id: pip!.id, resourceGroup: 'MC_rg1_aks1_eastus' }],
      idleTimeoutInMinutes: 4,
      managedOutboundIPProfile: { count: 1 },
    });
    for (const nic of nics(world)) expect(nic.ipConfigurations[0]!.loadBalancerBackendAddressPools).toBeUndefined();
  });

  it("userDefinedRouting: no outbound IP and no load balancer; egress is the learner's route table", () => {
    const world = newWorld();
    byoVnet(world, 'spoke', ['10.20.0.0/16'], [{ name: 'nodes', prefix: '10.20.0.0/22', routeTable: 'to-firewall' }]);
    const cluster = create(world, { networkPlugin: 'azure', outboundType: 'userDefinedRouting', vnetSubnetId: subnetIdOf(world, 'spoke', 'nodes') });
    expect(publicIps(world)).toEqual([]);
    expect(clusterLb(world, cluster)).toBeUndefined();
    expect(cluster.networkProfile.outboundType).toBe('userDefinedRouting');
    expect(cluster.networkProfile.loadBalancerProfile).toBeNull();
  });
});
