import { describe, expect, it } from 'vitest';
import { aksControllers, cloudConfigOf } from '../../../sandbox/controllers/aks/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import type { NetworkSecurityGroup, VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import { clusterLb, create, internalIp, newWorld, nics, nodes, ofType, publicIps, routeTables, scaleSet } from './helpers.ts';

describe('az aks create --network-plugin kubenet (3 nodes, AKS-managed VNet)', () => {
  const world = newWorld();
  const cluster = create(world, { networkPlugin: 'kubenet' });

  it('names, addresses and pod ranges of the nodes', () => {
    const got = nodes(world, cluster).map((n) => [n.metadata.name, internalIp(n), n.spec.podCIDR, n.spec.podCIDRs]);
    expect(got).toEqual([
      ['aks-nodepool1-00838893-vmss000000', '10.224.0.4', '10.244.0.0/24', ['10.244.0.0/24']],
      ['aks-nodepool1-00838893-vmss000001', '10.224.0.5', '10.244.1.0/24', ['10.244.1.0/24']],
      ['aks-nodepool1-00838893-vmss000002', '10.224.0.6', '10.244.2.0/24', ['10.244.2.0/24']],
    ]);
  });

  it('the ManagedCluster as az prints it', () => {
    expect(cluster.id).toBe('/subscriptions/db3c39e9-c0ae-485e-8a19-74542f3ea65e/resourcegroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks1');
    expect(cluster.dnsPrefix).toBe('aks1-rg1-db3c39');
    expect(cluster.fqdn).toBe('aks1-rg1-db3c39-e04a2062.hcp.eastus.azmk8s.io');
    expect(cluster.fqdn).toMatch(/^aks1-rg1-db3c39-[0-9a-f]{8}\.hcp\.eastus\.azmk8s\.io$/);
    expect(cluster.azurePortalFqdn).toBe('aks1-rg1-db3c39-e04a2062.portal.hcp.eastus.azmk8s.io');
    expect(cluster.privateFqdn).toBeNull();
    expect(cluster.nodeResourceGroup).toBe('MC_rg1_aks1_eastus');
    expect(cluster.apiServerAccessProfile).toBeNull();
    expect(cluster.kubernetesVersion).toBe('1.33');
    expect(cluster.currentKubernetesVersion).toBe('1.33.5');
    expect(cluster.agentPoolProfiles).toMatchObject([{ name: 'nodepool1', count: 3, vmSize: 'Standard_DS2_v2', maxPods: 110, mode: 'System', vnetSubnetId: null }]);
    expect(Object.keys(cluster.networkProfile).sort()).toEqual([
      'advancedNetworking', 'dnsServiceIp', 'ipFamilies', 'kubeProxyConfig', 'loadBalancerProfile', 'loadBalancerSku', 'natGatewayProfile',
      'networkDataplane', 'networkMode', 'networkPlugin', 'networkPluginMode', 'networkPolicy', 'outboundType', 'podCidr', 'podCidrs',
      'serviceCidr', 'serviceCidrs', 'staticEgressGatewayProfile',
    ]);
    expect(cluster.networkProfile).toMatchObject({
      networkPlugin: 'kubenet',
      networkPluginMode: null,
      podCidr: '10.244.0.0/16',
      podCidrs: ['10.244.0.0/16'],
      serviceCidr: '10.0.0.0/16',
      dnsServiceIp: '10.0.0.10',
      outboundType: 'loadBalancer',
      loadBalancerSku: 'standard',
    });
  });

  it('the node resource group: managed VNet, subnet associations, NSG with its six default rules', () => {
    expect(world.resourceGroup('MC_rg1_aks1_eastus')).toMatchObject({ managedBy: cluster.id, location: 'eastus' });
    const [vnet] = ofType<VirtualNetwork>(world, 'Microsoft.Network/virtualNetworks');
    expect(vnet!.name).toBe('aks-vnet-74928503');
    expect(vnet!.addressSpace.addressPrefixes).toEqual(['10.224.0.0/12']);
    const subnet = vnet!.subnets[0]!;
    expect([subnet.name, subnet.addressPrefix]).toEqual(['aks-subnet', '10.224.0.0/16']);
    const [nsg] = ofType<NetworkSecurityGroup>(world, 'Microsoft.Network/networkSecurityGroups');
    expect(nsg!.name).toBe('aks-agentpool-74928503-nsg');
    expect(subnet.networkSecurityGroup?.id).toBe(nsg!.id);
    expect(subnet.routeTable?.id).toBe(routeTables(world)[0]!.id);
    expect(routeTables(world)[0]!.name).toBe('aks-agentpool-74928503-routetable');
    expect(nsg!.defaultSecurityRules.map((r) => [r.name, r.direction, r.priority, r.access, r.sourceAddressPrefix, r.destinationAddressPrefix])).toEqual([
      ['AllowVnetInBound', 'Inbound', 65000, 'Allow', 'VirtualNetwork', 'VirtualNetwork'],
      ['AllowAzureLoadBalancerInBound', 'Inbound', 65001, 'Allow', 'AzureLoadBalancer', '*'],
      ['DenyAllInBound', 'Inbound', 65500, 'Deny', '*', '*'],
      ['AllowVnetOutBound', 'Outbound', 65000, 'Allow', 'VirtualNetwork', 'VirtualNetwork'],
      ['AllowInternetOutBound', 'Outbound', 65001, 'Allow', '*', 'Internet'],
      ['DenyAllOutBound', 'Outbound', 65500, 'Deny', '*', '*'],
    ]);
    expect(nsg!.subnets).toEqual([{ id: subnet.id }]);
    // The subnet lists the three primary ip configurations (back-references).
    expect(subnet.ipConfigurations).toHaveLength(3);
  });

  it('one route per node: name = node, prefix = podCIDR, next hop the node', () => {
    const table = routeTables(world)[0]!;
    expect(table.routes.map((r) => [r.name, r.addressPrefix, r.nextHopType, r.nextHopIpAddress])).toEqual([
      ['aks-nodepool1-00838893-vmss000000', '10.244.0.0/24', 'VirtualAppliance', '10.224.0.4'],
      ['aks-nodepool1-00838893-vmss000001', '10.244.1.0/24', 'VirtualAppliance', '10.224.0.5'],
      ['aks-nodepool1-00838893-vmss000002', '10.244.2.0/24', 'VirtualAppliance', '10.224.0.6'],
    ]);
    for (const node of nodes(world, cluster)) {
      expect(node.status.conditions.find((c) => c.type === 'NetworkUnavailable')).toMatchObject({ status: 'False', reason: 'RouteCreated' });
    }
  });

  it('VMSS instances, NICs without secondary addresses, both LB pools', () => {
    const vmss = scaleSet(world);
    expect(vmss.name).toBe('aks-nodepool1-00838893-vmss');
    expect(vmss.sku).toEqual({ name: 'Standard_DS2_v2', tier: 'Standard', capacity: 3 });
    expect(vmss.instances.map((i) => [i.instanceId, i.name, i.computerName])).toEqual([
      ['0', 'aks-nodepool1-00838893-vmss_0', 'aks-nodepool1-00838893-vmss000000'],
      ['1', 'aks-nodepool1-00838893-vmss_1', 'aks-nodepool1-00838893-vmss000001'],
      ['2', 'aks-nodepool1-00838893-vmss_2', 'aks-nodepool1-00838893-vmss000002'],
    ]);
    for (const nic of nics(world)) {
      expect(nic.ipConfigurations).toHaveLength(1);
      expect(nic.ipConfigurations[0]!.name).toBe('ipconfig1');
      expect(nic.ipConfigurations[0]!.loadBalancerBackendAddressPools!.map((p) => p.id.split('/').pop())).toEqual(['kubernetes', 'aksOutboundBackendPool']);
      expect(nic.networkSecurityGroup).toBeNull();
      expect(nic.macAddress).toMatch(/^00-0D-3A-[0-9A-F]{2}-[0-9A-F]{2}-[0-9A-F]{2}$/);
    }
  });

  it('outbound: LB kubernetes, one managed outbound IP with the AKS tags, aksOutboundRule', () => {
    const lb = clusterLb(world, cluster)!;
    const [pip] = publicIps(world);
    expect(pip!.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pip!.ipAddress).toBe('20.185.80.141');
    expect(pip!.tags).toEqual({ 'aks-managed-cluster-name': 'aks1', 'aks-managed-cluster-rg': 'rg1', 'aks-managed-type': 'aks-slb-managed-outbound-ip' });
    expect(pip!.zones).toEqual(['1', '2', '3']);
    expect(lb.frontendIPConfigurations.map((f) => [f.name, f.publicIPAddress?.id])).toEqual([[pip!.name, pip!.id]]);
    expect(pip!.ipConfiguration?.id).toBe(lb.frontendIPConfigurations[0]!.id);
    expect(lb.backendAddressPools.map((p) => [p.name, p.backendIPConfigurations.length])).toEqual([
      ['kubernetes', 3],
      ['aksOutboundBackendPool', 3],
    ]);
    expect(lb.outboundRules).toMatchObject([
      { name: 'aksOutboundRule', protocol: 'All', idleTimeoutInMinutes: 30, enableTcpReset: true, allocatedOutboundPorts: 0, frontendIPConfigurations: [{ id: lb.frontendIPConfigurations[0]!.id }] },
    ]);
    expect(cluster.networkProfile.loadBalancerProfile!.effectiveOutboundIPs).toEqual([{ id: pip!.id, resourceGroup: 'MC_rg1_aks1_eastus' }]);
  });

  it('Node objects carry AKS labels, capacity and system info', () => {
    const node = nodes(world, cluster)[0]!;
    expect(node.metadata.labels).toMatchObject({
      agentpool: 'nodepool1',
      'kubernetes.azure.com/agentpool': 'nodepool1',
      'kubernetes.io/role': 'agent',
      'kubernetes.io/os': 'linux',
      'node.kubernetes.io/instance-type': 'Standard_DS2_v2',
      'topology.kubernetes.io/region': 'eastus',
      'topology.kubernetes.io/zone': '0',
      'kubernetes.azure.com/cluster': 'MC_rg1_aks1_eastus',
      'kubernetes.azure.com/mode': 'system',
      'kubernetes.io/hostname': 'aks-nodepool1-00838893-vmss000000',
    });
    expect(node.spec.providerID).toBe(
      'azure:///subscriptions/db3c39e9-c0ae-485e-8a19-74542f3ea65e/resourceGroups/mc_rg1_aks1_eastus/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-00838893-vmss/virtualMachines/0',
    );
    expect(node.status.capacity).toMatchObject({ cpu: '2', pods: '110' });
    expect(node.status.allocatable).toMatchObject({ cpu: '1900m', pods: '110' });
    expect(node.status.nodeInfo).toMatchObject({ osImage: 'Ubuntu 22.04.5 LTS', kubeletVersion: 'v1.33.5', containerRuntimeVersion: 'containerd://1.7.33-1' });
    expect(node.status.nodeInfo.kernelVersion).toMatch(/^5\.15\.0-1\d{3}-azure$/);
    expect(node.status.conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(node.status.addresses).toEqual([
      { type: 'InternalIP', address: '10.224.0.4' },
      { type: 'Hostname', address: 'aks-nodepool1-00838893-vmss000000' },
    ]);
  });

  it('the control plane has a public address behind the FQDN, reached through konnectivity', () => {
    expect(world.state.controlPlanes[cluster.id.toLowerCase()]).toEqual({
      publicIp: '4.156.219.52',
      privateIp: null,
      tunnel: 'konnectivity',
      fqdn: 'aks1-rg1-db3c39-e04a2062.hcp.eastus.azmk8s.io',
      fqdnAddress: '4.156.219.52',
      privateFqdn: null,
      privateDnsZoneId: null,
    });
    expect(cloudConfigOf(world, cluster.id)).toMatchObject({
      resourceGroup: 'MC_rg1_aks1_eastus',
      vnetName: 'aks-vnet-74928503',
      subnetName: 'aks-subnet',
      securityGroupName: 'aks-agentpool-74928503-nsg',
      routeTableName: 'aks-agentpool-74928503-routetable',
      clusterCidr: '10.244.0.0/16',
    });
  });

  it('a second settle changes nothing', () => {
    const before = JSON.stringify(world.state);
    expect(settle(world, aksControllers())).toEqual({ rounds: 1, settled: true });
    expect(JSON.stringify(world.state)).toBe(before);
  });

  it('is deterministic: the same seed builds the same world', () => {
    const again = newWorld();
    create(again, { networkPlugin: 'kubenet' });
    expect(JSON.stringify(again.state)).toBe(JSON.stringify(world.state));
  });
});
