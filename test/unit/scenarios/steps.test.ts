// The step kinds the shipped scenarios do not all use (egress through a NAT gateway or a
// firewall, DNS records, tag merges, node pool operations, machine edits) and the errors a
// scenario author gets for a bad step.
import { describe, expect, it } from 'vitest';
import type { AzureFirewall, ManagedCluster, NatGateway, PrivateDnsZone, PublicIPAddress, VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import { buildScenario } from '../../../sandbox/scenarios/build.ts';
import type { ScenarioDefinition, ScenarioStep } from '../../../sandbox/scenarios/types.ts';
import { clusterOf, fromPod, nodesOf, podsOf, run } from './helpers.ts';

function build(seed: string, steps: ScenarioStep[]) {
  const def: ScenarioDefinition = { id: seed, title: seed, description: seed, seed, steps };
  return buildScenario(def);
}

const group: ScenarioStep = { kind: 'group', name: 'rg1', location: 'eastus' };
const web = `apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers: [{name: c, image: busybox, command: [sleep, infinity]}]
`;

describe('egress steps', () => {
  it('a NAT gateway on the node subnet: pods reach the internet from its public IP', () => {
    const { world } = build('steps-nat', [
      group,
      { kind: 'publicIp', group: 'rg1', name: 'nat-pip' },
      { kind: 'vnet', group: 'rg1', name: 'vnet1', addressPrefixes: ['10.80.0.0/16'], subnets: [{ name: 'aks', addressPrefix: '10.80.0.0/22' }] },
      { kind: 'natGateway', group: 'rg1', name: 'nat1', publicIps: ['rg1/nat-pip'], subnets: ['rg1/vnet1/aks'] },
      { kind: 'aks', request: { resourceGroup: 'rg1', name: 'aks1', nodeCount: 1, vnetSubnetId: 'rg1/vnet1/aks', outboundType: 'userAssignedNATGateway' } },
      { kind: 'manifest', cluster: 'aks1', yaml: web },
    ]);
    const pip = world.resourcesOfType<PublicIPAddress>('Microsoft.Network/publicIPAddresses').find((p) => p.name === 'nat-pip')!;
    const nat = world.resourcesOfType<NatGateway>('Microsoft.Network/natGateways')[0]!;
    expect(pip.natGateway?.id).toBe(nat.id);
    expect(world.resourcesOfType<VirtualNetwork>('Microsoft.Network/virtualNetworks')[0]!.subnets[0]!.natGateway?.id).toBe(nat.id);
    const mc = clusterOf(world);
    const t = run(world, fromPod(mc, podsOf(world, mc, 'client')[0]!), world.state.machines['internet']!.publicIp, 443);
    expect([t.verdict, t.sourceSeenAs]).toEqual(['delivered', pip.ipAddress]);
  });

  it('a firewall behind a 0.0.0.0/0 route: pods leave from the firewall public IP when a rule allows it', () => {
    const { world } = build('steps-firewall', [
      group,
      { kind: 'publicIp', group: 'rg1', name: 'fw-pip' },
      { kind: 'routeTable', group: 'rg1', name: 'rt-egress' },
      {
        kind: 'vnet',
        group: 'rg1',
        name: 'vnet1',
        addressPrefixes: ['10.70.0.0/16'],
        subnets: [
          { name: 'aks', addressPrefix: '10.70.0.0/22', routeTable: 'rg1/rt-egress' },
          { name: 'AzureFirewallSubnet', addressPrefix: '10.70.8.0/26' },
        ],
      },
      {
        kind: 'firewall',
        group: 'rg1',
        name: 'fw1',
        vnet: 'rg1/vnet1',
        publicIp: 'rg1/fw-pip',
        networkRuleCollections: [
          { name: 'egress', priority: 100, action: 'Allow', rules: [{ name: 'https', protocols: ['TCP'], sourceAddresses: ['*'], destinationAddresses: ['*'], destinationFqdns: [], destinationPorts: ['443'] }] },
        ],
      },
      { kind: 'route', routeTable: 'rg1/rt-egress', name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.70.8.4' },
      { kind: 'aks', request: { resourceGroup: 'rg1', name: 'aks1', nodeCount: 1, vnetSubnetId: 'rg1/vnet1/aks', outboundType: 'userDefinedRouting' } },
      { kind: 'manifest', cluster: 'aks1', yaml: web },
    ]);
    const fw = world.resourcesOfType<AzureFirewall>('Microsoft.Network/azureFirewalls')[0]!;
    expect(fw.ipConfigurations[0]!.privateIPAddress).toBe('10.70.8.4');
    const pip = world.resourcesOfType<PublicIPAddress>('Microsoft.Network/publicIPAddresses').find((p) => p.name === 'fw-pip')!;
    expect(pip.ipConfiguration?.id).toBe(fw.ipConfigurations[0]!.id);
    const mc = clusterOf(world);
    const client = podsOf(world, mc, 'client')[0]!;
    const internet = world.state.machines['internet']!.publicIp;
    expect(run(world, fromPod(mc, client), internet, 443).sourceSeenAs).toBe(pip.ipAddress);
    expect(run(world, fromPod(mc, client), internet, 22).verdict).toBe('dropped');
  });
});

describe('other steps', () => {
  const { world } = build('steps-misc', [
    group,
    { kind: 'vnet', group: 'rg1', name: 'a', addressPrefixes: ['10.1.0.0/16'], subnets: [{ name: 's', addressPrefix: '10.1.0.0/24' }] },
    { kind: 'vnet', group: 'rg1', name: 'b', addressPrefixes: ['10.2.0.0/16'] },
    { kind: 'subnet', vnet: 'rg1/b', name: 'apps', addressPrefix: '10.2.1.0/24', delegations: ['Microsoft.ContainerService/managedClusters'] },
    { kind: 'peering', vnet: 'rg1/a', remoteVnet: 'rg1/b', allowForwardedTraffic: true },
    { kind: 'nsg', group: 'rg1', name: 'nsg1' },
    { kind: 'subnetNsg', subnet: 'rg1/a/s', nsg: 'rg1/nsg1' },
    { kind: 'nsgRule', nsg: 'rg1/nsg1', rule: { name: 'web', priority: 300, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', destinationPorts: ['80', '443'], source: 'Internet' } },
    { kind: 'privateDnsZone', group: 'rg1', name: 'corp.example' },
    { kind: 'dnsLink', zone: 'rg1/corp.example', name: 'to-a', vnet: 'rg1/a' },
    { kind: 'dnsRecord', zone: 'rg1/corp.example', name: 'db', ips: ['10.1.0.50'] },
    { kind: 'machine', machine: { id: 'onprem', kind: 'onprem', hostname: 'onprem-host', publicIp: '81.220.1.1' } },
    { kind: 'machine', machine: { id: 'onprem', dnsServers: ['10.9.9.9'] } },
    { kind: 'aks', request: { resourceGroup: 'rg1', name: 'aks1', nodeCount: 1, tags: { env: 'lab' } } },
    { kind: 'tags', resource: 'rg1/aks1', resourceType: 'Microsoft.ContainerService/managedClusters', tags: { owner: 'me' }, merge: true },
    { kind: 'operation', cluster: 'aks1', op: 'scale', count: 2 },
    { kind: 'operation', cluster: 'aks1', op: 'addNodePool', pool: { name: 'user1', nodeCount: 1 } },
    { kind: 'conditions', values: { snatUsage: { '10.224.0.4': 10 } } },
    { kind: 'conditions', values: { other: true } },
    { kind: 'advance', seconds: 90 },
  ]);

  it('peers both ways, delegates, attaches and writes NSG rules as az does', () => {
    const vnets = world.resourcesOfType<VirtualNetwork>('Microsoft.Network/virtualNetworks').filter((v) => v.resourceGroup === 'rg1');
    const a = vnets.find((v) => v.name === 'a')!;
    const b = vnets.find((v) => v.name === 'b')!;
    expect(a.virtualNetworkPeerings.map((p) => [p.name, p.peeringState, p.allowForwardedTraffic, p.remoteAddressSpace.addressPrefixes])).toEqual([['a-to-b', 'Connected', true, ['10.2.0.0/16']]]);
    expect(b.virtualNetworkPeerings.map((p) => p.name)).toEqual(['b-to-a']);
    expect(b.subnets[0]!.delegations.map((d) => [d.name, d.serviceName, d.actions])).toEqual([
      ['delegation', 'Microsoft.ContainerService/managedClusters', ['Microsoft.Network/virtualNetworks/subnets/join/action']],
    ]);
    expect(a.subnets[0]!.networkSecurityGroup?.id.endsWith('/networkSecurityGroups/nsg1')).toBe(true);
    const rule = world.resourcesOfType<{ name: string; securityRules: unknown[] }>('Microsoft.Network/networkSecurityGroups').find((n) => n.name === 'nsg1')!.securityRules[0];
    expect(rule).toMatchObject({
      name: 'web',
      sourceAddressPrefix: 'Internet',
      sourceAddressPrefixes: [],
      destinationAddressPrefix: '*',
      destinationPortRanges: ['80', '443'],
      sourcePortRange: '*',
    });
    expect((rule as Record<string, unknown>)['destinationPortRange']).toBeUndefined();
  });

  it('zones, links and records; machines added then edited', () => {
    const zone = world.resourcesOfType<PrivateDnsZone>('Microsoft.Network/privateDnsZones').find((z) => z.name === 'corp.example')!;
    expect([zone.numberOfRecordSets, zone.numberOfVirtualNetworkLinks, zone.aRecordSets[0]!.fqdn, zone.aRecordSets[0]!.ttl]).toEqual([2, 1, 'db.corp.example.', 3600]);
    expect(world.state.machines['onprem']).toEqual({ id: 'onprem', kind: 'onprem', hostname: 'onprem-host', publicIp: '81.220.1.1', dnsServers: ['10.9.9.9'] });
  });

  it('tags merge, pools scale and grow, conditions merge, time passes', () => {
    const mc = world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters')[0]!;
    expect(mc.tags).toEqual({ env: 'lab', owner: 'me' });
    expect(mc.agentPoolProfiles.map((p) => [p.name, p.count, p.mode])).toEqual([
      ['nodepool1', 2, 'System'],
      ['user1', 1, 'User'],
    ]);
    expect(nodesOf(world, mc).length).toBe(3);
    expect(world.state.conditions).toEqual({ snatUsage: { '10.224.0.4': 10 }, other: true });
    // 90 s of steps, then the 15 minutes before the learner arrives.
    expect(world.timestamp()).toBe('2026-11-26T09:16:30Z');
  });
});

describe('authoring errors', () => {
  const fails = (steps: ScenarioStep[]) => () => build('steps-errors', [group, ...steps]);

  it('names what is wrong', () => {
    expect(fails([{ kind: 'nsgRule', nsg: 'rg1/none', rule: { name: 'x', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*' } }])).toThrow(/^network security group \/subscriptions\/.*\/networkSecurityGroups\/none does not exist$/);
    expect(fails([{ kind: 'subnetNsg', subnet: 'rg1/vnet', nsg: null }])).toThrow('subnet reference "rg1/vnet" is not <group>/<vnet>/<subnet>');
    expect(fails([{ kind: 'credentials', cluster: 'aks9' }])).toThrow('cluster reference "aks9" matches 0 clusters');
    expect(fails([{ kind: 'aks', request: { resourceGroup: 'rg1', name: 'aks1', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.1.0.10' } }])).toThrow(/^az aks create aks1 refused: \(/);
    expect(
      fails([
        { kind: 'aks', request: { resourceGroup: 'rg1', name: 'aks1', nodeCount: 1 } },
        { kind: 'manifest', cluster: 'aks1', yaml: 'apiVersion: v1\nkind: Foo\nmetadata: {name: x}\n' },
      ]),
    ).toThrow('manifest for aks1: no matches for kind "Foo" in version "v1"');
    expect(fails([{ kind: 'tags', resource: 'cluster:aks1', tags: {} }])).toThrow('"cluster:aks1" must name a cluster part (e.g. cluster:aks1:outbound-ip)');
  });
});
