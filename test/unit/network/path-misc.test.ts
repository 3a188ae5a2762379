// Golden traces for the rest of the Azure path: the host address 168.63.129.16, peering,
// private endpoints, Azure CNI Overlay, an NSG covering only part of a subnet (Part III case 1),
// a VPN gateway route and an internal load balancer.
import { describe, expect, it } from 'vitest';
import type { LoadBalancer, ManagedCluster, PrivateEndpoint } from '../../../sandbox/model/azure/types.ts';
import type { Node } from '../../../sandbox/model/k8s/types.ts';
import type { World } from '../../../sandbox/model/world.ts';
import { traceFromMachine, traceFromNic } from '../../../sandbox/network/azure-path.ts';
import { tagContext } from '../../../sandbox/network/service-tags.ts';
import { showNextHop } from '../../../sandbox/network/watcher.ts';
import type { AzurePathResult } from '../../../sandbox/network/walk.ts';
import { RG, emptyWorld, id, machine, nic, nsg, peer, publicIp, routeTable, subnetId, vnet } from './fixtures.ts';
import { aksKubenet, nodeIp, nodeName } from './fixtures-aks.ts';

const brief = (r: AzurePathResult) => r.hops.map((h) => [h.at, h.decision, h.reason]);

describe('the Azure host address', () => {
  it('DNS to 168.63.129.16 ignores routes and a custom deny-all, but not an AzurePlatformDNS deny', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 1, nsgRules: [{ name: 'deny-all-out', priority: 4096, direction: 'Outbound', access: 'Deny' }] });
    const dns = { srcIp: '10.224.0.4', srcPort: 40000, dstIp: '168.63.129.16', dstPort: 53, protocol: 'udp' as const };
    const ok = traceFromNic(world, nics[0]!.id, dns);
    expect(brief(ok)).toEqual([
      ['Azure host 168.63.129.16', 'deliver', '168.63.129.16 is served by the Azure host itself (DNS, DHCP and health probes); routes and ordinary NSG rules do not apply to it.'],
    ]);
    expect(ok.delivery).toEqual({ kind: 'platform', service: 'host' });
    const other = traceFromNic(world, nics[0]!.id, { ...dns, dstIp: '8.8.8.8' });
    expect(brief(other)).toEqual([['NSG aks-agentpool-12345678-nsg (subnet aks-subnet, outbound)', 'drop', 'Rule deny-all-out (priority 4096) denies UDP 10.224.0.4:40000 → 8.8.8.8:53.']]);

    const blocked = emptyWorld();
    const b = aksKubenet(blocked, { nodes: 1, nsgRules: [{ name: 'no-azure-dns', priority: 100, direction: 'Outbound', access: 'Deny', destination: 'AzurePlatformDNS' }] });
    const denied = traceFromNic(blocked, b.nics[0]!.id, dns);
    expect(brief(denied)).toEqual([['NSG aks-agentpool-12345678-nsg (subnet aks-subnet, outbound)', 'drop', 'Rule no-azure-dns (priority 100) denies UDP 10.224.0.4:40000 → 168.63.129.16:53 to the Azure platform address.']]);
  });
});

describe('peering and private endpoints', () => {
  function spokes(state: 'Connected' | 'Initiated') {
    const world = emptyWorld();
    const a = vnet(world, 'spoke-a', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24' }]);
    const b = vnet(world, 'spoke-b', ['10.2.0.0/16'], [{ name: 's', prefix: '10.2.0.0/24', privateEndpointNetworkPolicies: 'Enabled', nsg: 'pe-nsg' }]);
    nsg(world, 'pe-nsg', [{ name: 'deny-from-a', priority: 100, access: 'Deny', source: '10.1.0.0/16', ports: '443' }]);
    peer(world, a, b, state);
    const src = nic(world, { name: 'a-nic', subnet: subnetId('spoke-a', 's'), ip: '10.1.0.4' });
    nic(world, { name: 'b-nic', subnet: subnetId('spoke-b', 's'), ip: '10.2.0.4' });
    return { world, src };
  }

  it('crosses a Connected peering to a NIC in the other VNet', () => {
    const { world, src } = spokes('Connected');
    const r = traceFromNic(world, src.id, { srcIp: '10.1.0.4', srcPort: 40000, dstIp: '10.2.0.4', dstPort: 22, protocol: 'tcp' });
    expect(brief(r)).toEqual([
      ['system routes (subnet s)', 'pass', 'System route 10.2.0.0/16 (VNetPeering) is the longest prefix matching 10.2.0.4: it crosses the VNet peering.'],
      ['NSG pe-nsg (subnet s, inbound)', 'pass', 'Default rule AllowVnetInBound (priority 65000) allows TCP 10.1.0.4:40000 → 10.2.0.4:22.'],
      ['b-nic eth0', 'deliver', 'NIC b-nic receives TCP 10.1.0.4:40000 → 10.2.0.4:22: 10.2.0.4 is an address of this NIC.'],
    ]);
  });

  it('an Initiated peering has no route: the 10.0.0.0/8 None route drops it', () => {
    const { world, src } = spokes('Initiated');
    const r = traceFromNic(world, src.id, { srcIp: '10.1.0.4', dstIp: '10.2.0.4', dstPort: 22, protocol: 'tcp' });
    expect([r.verdict, r.hops[0]!.details?.['prefix']]).toEqual(['dropped', '10.0.0.0/8']);
  });

  it('a private endpoint gets the subnet NSG only when its network policies are enabled', () => {
    const { world, src } = spokes('Connected');
    const pe: PrivateEndpoint = {
      id: id('Microsoft.Network/privateEndpoints', 'kv-pe'),
      name: 'kv-pe',
      type: 'Microsoft.Network/privateEndpoints',
      location: 'westeurope',
      resourceGroup: RG,
      tags: null,
      provisioningState: 'Succeeded',
      subnet: { id: subnetId('spoke-b', 's') },
      networkInterfaces: [],
      privateLinkServiceConnections: [
        { id: 'c', name: 'c', privateLinkServiceId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/kv1', groupIds: ['vault'], privateLinkServiceConnectionState: { status: 'Approved', description: '', actionsRequired: 'None' } },
      ],
      customDnsConfigs: [],
      privateIPAddress: '10.2.0.5',
    };
    world.putResource(pe);
    const https = traceFromNic(world, src.id, { srcIp: '10.1.0.4', srcPort: 40000, dstIp: '10.2.0.5', dstPort: 443, protocol: 'tcp' });
    expect(brief(https)).toEqual([
      ['system routes (subnet s)', 'pass', 'System route 10.2.0.5/32 (InterfaceEndpoint) is the longest prefix matching 10.2.0.5: it goes to the private endpoint.'],
      ['NSG pe-nsg (subnet s, inbound)', 'drop', 'Rule deny-from-a (priority 100) denies TCP 10.1.0.4:40000 → 10.2.0.5:443.'],
    ]);
    const vnetB = world.resource<ReturnType<typeof vnet>>(id('Microsoft.Network/virtualNetworks', 'spoke-b'))!;
    vnetB.subnets[0]!.privateEndpointNetworkPolicies = 'Disabled';
    world.touch();
    const open = traceFromNic(world, src.id, { srcIp: '10.1.0.4', srcPort: 40000, dstIp: '10.2.0.5', dstPort: 443, protocol: 'tcp' });
    expect(brief(open).at(-1)).toEqual(['private endpoint kv-pe', 'deliver', 'Private endpoint kv-pe owns 10.2.0.5 and hands the connection to kv1 over Private Link.']);
    expect(open.delivery).toEqual({ kind: 'private-endpoint', endpointId: pe.id, targetIds: ['/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/kv1'] });
  });
});

function overlayCluster(world: World, nodes: number): string {
  const clusterId = id('Microsoft.ContainerService/managedClusters', 'aks1', 'rg');
  world.putResource({ id: clusterId, name: 'aks1', type: 'Microsoft.ContainerService/ManagedClusters', location: 'westeurope', resourceGroup: 'rg', networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay' } } as unknown as ManagedCluster);
  for (let i = 0; i < nodes; i++) {
    world.k8sPut<Node>(clusterId, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: nodeName(i), uid: '', resourceVersion: '', creationTimestamp: '' },
      spec: { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`], providerID: `azure:///x/${i}` },
      status: { addresses: [{ type: 'InternalIP', address: nodeIp(i) }, { type: 'Hostname', address: nodeName(i) }], capacity: {}, allocatable: {}, conditions: [], nodeInfo: {} },
    });
  }
  return clusterId;
}

describe('Azure CNI Overlay', () => {
  it('delivers a pod address to the node owning its range, with no route table', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 2, podRoutes: false, forwarding: false });
    overlayCluster(world, 2);
    const r = traceFromNic(world, nics[0]!.id, { srcIp: '10.244.0.5', srcPort: 40000, dstIp: '10.244.1.7', dstPort: 80, protocol: 'tcp' });
    expect(brief(r)).toEqual([
      ['NSG aks-agentpool-12345678-nsg (subnet aks-subnet, outbound)', 'pass', 'Default rule AllowVnetOutBound (priority 65000) allows TCP 10.244.0.5:40000 → 10.244.1.7:80.'],
      ['Azure CNI Overlay (VNet aks-vnet-12345678)', 'pass', `10.244.1.7 is in 10.244.1.0/24, the pod range of node ${nodeName(1)}; the Azure fabric routes overlay pod ranges straight to their node.`],
      ['NSG aks-agentpool-12345678-nsg (subnet aks-subnet, inbound)', 'pass', 'Default rule AllowVnetInBound (priority 65000) allows TCP 10.244.0.5:40000 → 10.244.1.7:80.'],
      [`${nodeName(1)} eth0`, 'deliver', 'NIC aks-nodepool1-12345678-vmss-nic-1 receives TCP 10.244.0.5:40000 → 10.244.1.7:80: 10.244.1.7 is a pod address of this node under Azure CNI Overlay.'],
    ]);
    expect(tagContext(world, nics[0]!.ipConfigurations[0]!.subnet.id).virtualNetwork).toEqual(['10.224.0.0/12', '168.63.129.16/32', '10.244.0.0/24', '10.244.1.0/24']);
    expect(showNextHop(world, nics[0]!, '10.224.0.4', '10.244.1.7')).toEqual({ nextHopIpAddress: null, nextHopType: 'VnetLocal', routeTableId: 'System Route' });
  });

  it('a VM in the same VNet that is not a cluster node cannot reach a pod address', () => {
    const world = emptyWorld();
    aksKubenet(world, { nodes: 2, podRoutes: false, forwarding: false });
    overlayCluster(world, 2);
    const jump = nic(world, { name: 'jump-nic', subnet: subnetId('aks-vnet-12345678', 'aks-subnet'), ip: '10.224.1.10' });
    const r = traceFromNic(world, jump.id, { srcIp: '10.224.1.10', srcPort: 40000, dstIp: '10.244.1.7', dstPort: 80, protocol: 'tcp' });
    expect(brief(r).at(-1)).toEqual(['system routes (subnet aks-subnet)', 'drop', 'System route 10.0.0.0/8 (None) is the longest prefix matching 10.244.1.7: the route table sends it to None, so Azure drops it.']);
  });
});

describe('an NSG whose allow rules cover part of the subnet (Part III case 1)', () => {
  it('lets nodes inside the allowed range reach the API server and blocks the rest', () => {
    const world = emptyWorld();
    nsg(world, 'custom-nsg', [
      { name: 'allow-apiserver', priority: 100, direction: 'Outbound', protocol: 'Tcp', source: '172.16.5.0/25', destination: '20.70.0.1', ports: '443' },
      { name: 'deny-all-outbound', priority: 4096, direction: 'Outbound', access: 'Deny' },
    ]);
    vnet(world, 'corp', ['172.16.0.0/16'], [{ name: 'aks', prefix: '172.16.5.0/24', nsg: 'custom-nsg' }]);
    world.state.controlPlanes['cluster-a'] = { publicIp: '20.70.0.1', privateIp: null, tunnel: 'konnectivity' };
    publicIp(world, 'egress', '20.70.9.9');
    const inRange = nic(world, { name: 'n30', subnet: subnetId('corp', 'aks'), ip: '172.16.5.30', publicIp: 'egress' });
    const outOfRange = nic(world, { name: 'n200', subnet: subnetId('corp', 'aks'), ip: '172.16.5.200', publicIp: 'egress' });
    const call = (ip: string) => ({ srcIp: ip, srcPort: 40000, dstIp: '20.70.0.1', dstPort: 443, protocol: 'tcp' as const });
    const ok = traceFromNic(world, inRange.id, call('172.16.5.30'));
    expect([ok.verdict, ok.delivery]).toEqual(['delivered', { kind: 'control-plane', clusterId: 'cluster-a', public: true }]);
    const blocked = traceFromNic(world, outOfRange.id, call('172.16.5.200'));
    expect(brief(blocked)).toEqual([['NSG custom-nsg (subnet aks, outbound)', 'drop', 'Rule deny-all-outbound (priority 4096) denies TCP 172.16.5.200:40000 → 20.70.0.1:443.']]);
  });
});

describe('gateway routes, machines in a VNet and internal load balancers', () => {
  it('a UDR to the VPN gateway reaches an on-premises host', () => {
    const world = emptyWorld();
    routeTable(world, 'to-onprem', [{ name: 'datacenter', prefix: '192.168.0.0/16', type: 'VirtualNetworkGateway' }]);
    vnet(world, 'v', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24', routeTable: 'to-onprem' }]);
    machine(world, { id: 'ldap', kind: 'onprem', hostname: 'ldap.corp', publicIp: '198.51.100.80', privateIp: '192.168.10.5' });
    const vm = nic(world, { name: 'vm-nic', subnet: subnetId('v', 's'), ip: '10.1.0.4' });
    const r = traceFromNic(world, vm.id, { srcIp: '10.1.0.4', dstIp: '192.168.10.5', dstPort: 389, protocol: 'tcp' });
    expect(brief(r).at(-1)).toEqual(['virtual network gateway', 'deliver', 'The gateway carries the packet to the on-premises network, where ldap.corp owns 192.168.10.5.']);
    expect(r.delivery).toEqual({ kind: 'machine', machineId: 'ldap' });
  });

  it('a jump box machine in a subnet passes the subnet NSG and reaches a node', () => {
    const world = emptyWorld();
    aksKubenet(world, { nodes: 1 });
    const jump = machine(world, { id: 'jump', kind: 'vm', hostname: 'jumpbox', publicIp: '20.80.0.1', privateIp: '10.224.1.10', subnetId: subnetId('aks-vnet-12345678', 'aks-subnet') });
    const r = traceFromMachine(world, jump, { srcPort: 40000, dstIp: '10.224.0.4', dstPort: 22, protocol: 'tcp' });
    expect(r.hops.map((h) => h.at)).toEqual([
      'NSG aks-agentpool-12345678-nsg (subnet aks-subnet, outbound)',
      'system routes (subnet aks-subnet)',
      'NSG aks-agentpool-12345678-nsg (subnet aks-subnet, inbound)',
      'aks-nodepool1-12345678-vmss000000 eth0',
    ]);
    expect([r.verdict, r.sourceSeenAs]).toEqual(['delivered', '10.224.1.10']);
    const out = traceFromMachine(world, jump, { dstIp: '93.184.216.34', dstPort: 443, protocol: 'tcp' });
    expect([out.verdict, out.sourceSeenAs]).toEqual(['delivered', '20.80.0.1']);
  });

  it('an internal load balancer does not hairpin a flow back to its source', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 1 });
    const lb = world.resource<LoadBalancer>(id('Microsoft.Network/loadBalancers', 'kubernetes'))!;
    const ilb: LoadBalancer = {
      ...lb,
      id: id('Microsoft.Network/loadBalancers', 'kubernetes-internal'),
      name: 'kubernetes-internal',
      frontendIPConfigurations: [{ id: `${id('Microsoft.Network/loadBalancers', 'kubernetes-internal')}/frontendIPConfigurations/fe`, name: 'fe', type: 'Microsoft.Network/loadBalancers/frontendIPConfigurations', resourceGroup: RG, privateIPAddress: '10.224.0.200', subnet: { id: subnetId('aks-vnet-12345678', 'aks-subnet') }, provisioningState: 'Succeeded' }],
      loadBalancingRules: [{ ...lbRule(lb), frontendIPConfiguration: { id: `${id('Microsoft.Network/loadBalancers', 'kubernetes-internal')}/frontendIPConfigurations/fe` } }],
      outboundRules: [],
      probes: [],
    };
    world.putResource(ilb);
    const r = traceFromNic(world, nics[0]!.id, { srcIp: '10.224.0.4', srcPort: 40000, dstIp: '10.224.0.200', dstPort: 80, protocol: 'tcp' });
    expect(brief(r).at(-1)).toEqual([
      'load balancer kubernetes-internal (frontend fe)',
      'drop',
      'Rule internal-TCP-80 picks backend 10.224.0.4, the very NIC the flow came from; an internal load balancer does not send a flow back to its source (no hairpin), so it is lost.',
    ]);
  });
});

function lbRule(lb: LoadBalancer) {
  const pool = lb.backendAddressPools.find((p) => p.name === 'kubernetes')!;
  return {
    id: `${lb.id}/loadBalancingRules/internal-TCP-80`,
    name: 'internal-TCP-80',
    type: 'Microsoft.Network/loadBalancers/loadBalancingRules' as const,
    resourceGroup: RG,
    frontendIPConfiguration: { id: '' },
    backendAddressPool: { id: pool.id },
    backendAddressPools: [{ id: pool.id }],
    probe: null,
    protocol: 'Tcp' as const,
    frontendPort: 80,
    backendPort: 80,
    enableFloatingIP: true,
    enableTcpReset: true,
    idleTimeoutInMinutes: 4,
    loadDistribution: 'Default' as const,
    disableOutboundSnat: true,
    provisioningState: 'Succeeded',
  };
}
