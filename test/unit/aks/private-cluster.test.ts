import { describe, expect, it } from 'vitest';
import { aksControllers } from '../../../sandbox/controllers/aks/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import type { LoadBalancer, PrivateDnsZone, PrivateEndpoint, VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import { byoVnet, create, internalIp, newWorld, nodes, ofType, privateZone, subnetIdOf } from './helpers.ts';

const ZONE_GUID = '68032ad0-e9ca-4d49-b6b7-ed4bdabec4af';
const RECORD = 'aks1-rg1-db3c39-e04a2062';

function plane(world: ReturnType<typeof newWorld>, id: string) {
  return world.state.controlPlanes[id.toLowerCase()]!;
}

describe('private clusters', () => {
  it('system zone: endpoint first in the node subnet, AKS zone linked to the VNet, A record', () => {
    const world = newWorld();
    const cluster = create(world, { enablePrivateCluster: true });
    expect(cluster.apiServerAccessProfile).toEqual({
      authorizedIpRanges: null,
      disableRunCommand: null,
      enablePrivateCluster: true,
      enablePrivateClusterPublicFqdn: true,
      enableVnetIntegration: null,
      privateDnsZone: 'system',
      subnetId: null,
    });
    expect(cluster.privateFqdn).toBe(`${RECORD}.${ZONE_GUID}.privatelink.eastus.azmk8s.io`);
    expect(cluster.fqdn).toBe(`${RECORD}.hcp.eastus.azmk8s.io`);

    const [endpoint] = ofType<PrivateEndpoint>(world, 'Microsoft.Network/privateEndpoints');
    expect([endpoint!.name, endpoint!.privateIPAddress, endpoint!.subnet.id.split('/').pop()]).toEqual(['kube-apiserver', '10.224.0.4', 'aks-subnet']);
    expect(endpoint!.privateLinkServiceConnections[0]).toMatchObject({ privateLinkServiceId: cluster.id, groupIds: ['management'] });
    // The endpoint took x.x.x.4, so the nodes start at .5.
    expect(nodes(world, cluster).map(internalIp)).toEqual(['10.224.0.5', '10.224.0.6', '10.224.0.7']);

    const [zone] = ofType<PrivateDnsZone>(world, 'Microsoft.Network/privateDnsZones');
    const [vnet] = ofType<VirtualNetwork>(world, 'Microsoft.Network/virtualNetworks');
    expect(zone!.name).toBe(`${ZONE_GUID}.privatelink.eastus.azmk8s.io`);
    expect(zone!.resourceGroup).toBe('MC_rg1_aks1_eastus');
    expect(zone!.aRecordSets.map((r) => [r.name, r.aRecords, r.fqdn])).toEqual([
      [RECORD, [{ ipv4Address: '10.224.0.4' }], `${RECORD}.${ZONE_GUID}.privatelink.eastus.azmk8s.io.`],
    ]);
    expect(zone!.virtualNetworkLinks.map((l) => l.virtualNetwork.id)).toEqual([vnet!.id]);
    expect([zone!.numberOfRecordSets, zone!.numberOfVirtualNetworkLinks]).toEqual([2, 1]);

    expect(plane(world, cluster.id)).toEqual({
      publicIp: null,
      privateIp: '10.224.0.4',
      tunnel: 'konnectivity',
      fqdn: `${RECORD}.hcp.eastus.azmk8s.io`,
      fqdnAddress: '10.224.0.4',
      privateFqdn: `${RECORD}.${ZONE_GUID}.privatelink.eastus.azmk8s.io`,
      privateDnsZoneId: zone!.id,
    });
    expect(settle(world, aksControllers()).rounds).toBe(1);
  });

  it('--disable-public-fqdn: no public name at all', () => {
    const world = newWorld();
    const cluster = create(world, { enablePrivateCluster: true, disablePublicFqdn: true });
    expect(cluster.fqdn).toBeNull();
    expect(cluster.apiServerAccessProfile!.enablePrivateClusterPublicFqdn).toBe(false);
    expect(plane(world, cluster.id)).toMatchObject({ fqdn: null, fqdnAddress: null, privateIp: '10.224.0.4' });
  });

  it('zone none: no zone, the public FQDN resolves publicly to the private address', () => {
    const world = newWorld();
    const cluster = create(world, { enablePrivateCluster: true, privateDnsZone: 'none' });
    expect(ofType(world, 'Microsoft.Network/privateDnsZones')).toEqual([]);
    expect(cluster.privateFqdn).toBeNull();
    expect(cluster.apiServerAccessProfile).toMatchObject({ privateDnsZone: 'none', enablePrivateClusterPublicFqdn: true });
    expect(plane(world, cluster.id)).toMatchObject({ publicIp: null, privateIp: '10.224.0.4', fqdn: `${RECORD}.hcp.eastus.azmk8s.io`, fqdnAddress: '10.224.0.4', privateFqdn: null });
  });

  it('custom zone: the A record goes into the learner zone, which gets linked to the cluster VNet', () => {
    const world = newWorld();
    const zoneId = privateZone(world, 'privatelink.eastus.azmk8s.io');
    const cluster = create(world, { enablePrivateCluster: true, privateDnsZone: zoneId });
    expect(cluster.privateFqdn).toBe(`${RECORD}.privatelink.eastus.azmk8s.io`);
    const zones = ofType<PrivateDnsZone>(world, 'Microsoft.Network/privateDnsZones');
    expect(zones.map((z) => z.id)).toEqual([zoneId]);
    expect(zones[0]!.aRecordSets.map((r) => [r.name, r.aRecords[0]!.ipv4Address])).toEqual([[RECORD, '10.224.0.4']]);
    expect(zones[0]!.virtualNetworkLinks).toHaveLength(1);
    expect(plane(world, cluster.id).privateDnsZoneId).toBe(zoneId);
  });

  it('custom zone with --fqdn-subdomain: the subdomain names the record', () => {
    const world = newWorld();
    const zoneId = privateZone(world, 'team.privatelink.eastus.azmk8s.io');
    const cluster = create(world, { enablePrivateCluster: true, privateDnsZone: zoneId, fqdnSubdomain: 'payments' });
    expect(cluster.fqdnSubdomain).toBe('payments');
    expect(cluster.privateFqdn).toBe('payments-e04a2062.team.privatelink.eastus.azmk8s.io');
  });
});

describe('API Server VNet Integration', () => {
  it('AKS-managed VNet: delegated aks-apiserver-subnet 10.226.0.0/28, internal LB, direct tunnel', () => {
    const world = newWorld();
    const cluster = create(world, { enableApiserverVnetIntegration: true });
    expect(cluster.apiServerAccessProfile).toMatchObject({ enableVnetIntegration: true, enablePrivateCluster: false, subnetId: '' });
    const [vnet] = ofType<VirtualNetwork>(world, 'Microsoft.Network/virtualNetworks');
    const api = vnet!.subnets.find((s) => s.name === 'aks-apiserver-subnet')!;
    expect(api.addressPrefix).toBe('10.226.0.0/28');
    expect(api.delegations.map((d) => [d.name, d.serviceName, d.actions])).toEqual([
      ['aks-delegation', 'Microsoft.ContainerService/managedClusters', ['Microsoft.Network/virtualNetworks/subnets/join/action']],
    ]);
    const ilb = ofType<LoadBalancer>(world, 'Microsoft.Network/loadBalancers').find((l) => l.name === 'kube-apiserver')!;
    expect(ilb.frontendIPConfigurations.map((f) => [f.name, f.privateIPAddress, f.subnet?.id])).toEqual([['kube-apiserver-frontend', '10.226.0.4', api.id]]);
    expect(api.ipConfigurations).toEqual([{ id: ilb.frontendIPConfigurations[0]!.id }]);
    expect(ofType(world, 'Microsoft.Network/privateEndpoints')).toEqual([]);
    expect(plane(world, cluster.id)).toMatchObject({ privateIp: '10.226.0.4', tunnel: 'direct', publicIp: '4.156.219.52', fqdnAddress: '4.156.219.52' });
    expect(nodes(world, cluster).map(internalIp)).toEqual(['10.224.0.4', '10.224.0.5', '10.224.0.6']);
  });

  it('with --enable-private-cluster: no public address, the private zone points at the internal LB', () => {
    const world = newWorld();
    const cluster = create(world, { enableApiserverVnetIntegration: true, enablePrivateCluster: true });
    const [zone] = ofType<PrivateDnsZone>(world, 'Microsoft.Network/privateDnsZones');
    expect(zone!.aRecordSets[0]!.aRecords).toEqual([{ ipv4Address: '10.226.0.4' }]);
    expect(plane(world, cluster.id)).toMatchObject({ publicIp: null, privateIp: '10.226.0.4', tunnel: 'direct', fqdnAddress: '10.226.0.4' });
  });

  it('BYO VNet: the given API server subnet gets the delegation and the internal LB', () => {
    const world = newWorld();
    byoVnet(world, 'spoke', ['10.20.0.0/16'], [{ name: 'nodes', prefix: '10.20.0.0/22' }, { name: 'api', prefix: '10.20.8.0/28' }]);
    const cluster = create(world, {
      networkPlugin: 'azure',
      enableApiserverVnetIntegration: true,
      vnetSubnetId: subnetIdOf(world, 'spoke', 'nodes'),
      apiserverSubnetId: subnetIdOf(world, 'spoke', 'api'),
    });
    expect(cluster.apiServerAccessProfile!.subnetId).toBe(subnetIdOf(world, 'spoke', 'api'));
    const vnet = ofType<VirtualNetwork>(world, 'Microsoft.Network/virtualNetworks')[0]!;
    expect(vnet.subnets[1]!.delegations.map((d) => d.serviceName)).toEqual(['Microsoft.ContainerService/managedClusters']);
    expect(plane(world, cluster.id)).toMatchObject({ privateIp: '10.20.8.4', tunnel: 'direct' });
  });

  it('authorized IP ranges are stored in apiServerAccessProfile', () => {
    const world = newWorld();
    const cluster = create(world, { apiServerAuthorizedIpRanges: ['81.220.211.166/32'] });
    expect(cluster.apiServerAccessProfile).toEqual({
      authorizedIpRanges: ['81.220.211.166/32'],
      disableRunCommand: null,
      enablePrivateCluster: null,
      enablePrivateClusterPublicFqdn: null,
      enableVnetIntegration: null,
      privateDnsZone: null,
      subnetId: null,
    });
  });
});

describe('a ManagedCluster written straight into the store (how a scenario may start)', () => {
  it('is provisioned by the first settle like a created one', () => {
    const reference = newWorld();
    const created = create(reference, { networkPlugin: 'kubenet', enablePrivateCluster: true });
    const world = newWorld();
    world.putResource(JSON.parse(JSON.stringify(created)));
    expect(settle(world, aksControllers()).settled).toBe(true);
    expect(nodes(world, created).map((n) => [n.metadata.name, internalIp(n), n.spec.podCIDR])).toEqual(
      nodes(reference, created).map((n) => [n.metadata.name, internalIp(n), n.spec.podCIDR]),
    );
    const key = created.id.toLowerCase();
    expect(world.state.controlPlanes[key]).toMatchObject({ privateIp: '10.224.0.4', privateDnsZoneId: reference.state.controlPlanes[key]!.privateDnsZoneId });
    expect(world.state.cloudConfigs![key]).toEqual(reference.state.cloudConfigs![key]);
    expect(ofType<PrivateDnsZone>(world, 'Microsoft.Network/privateDnsZones')[0]!.aRecordSets[0]!.aRecords).toEqual([{ ipv4Address: '10.224.0.4' }]);
    expect(settle(world, aksControllers()).rounds).toBe(1);
  });
});
