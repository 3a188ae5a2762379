import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// Part III case 5: a user-defined route sends the way to the upstream DNS server into nothing.
export const caseUdrDnsBlackhole: ScenarioDefinition = {
  id: 'case-udr-dns-blackhole',
  title: 'Case: external names stopped resolving',
  description:
    'Inside `aks1` (kubenet, subnet `aks-subnet` of `vnet-lab` with the route table `rt-aks`), Service names still resolve but every external name times out, from pods and from nodes. The VNet\'s DNS server is the VM `dns1` (10.60.1.4) in `dns-subnet`. The network team added a route to `rt-aks` yesterday.',
  seed: 'case-udr-dns-blackhole',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'routeTable', group: 'rg-lab', name: 'rt-aks' },
    {
      kind: 'vnet',
      group: 'rg-lab',
      name: 'vnet-lab',
      addressPrefixes: ['10.60.0.0/16'],
      dnsServers: ['10.60.1.4'],
      subnets: [
        { name: 'aks-subnet', addressPrefix: '10.60.0.0/24', routeTable: 'rg-lab/rt-aks' },
        { name: 'dns-subnet', addressPrefix: '10.60.1.0/24' },
      ],
    },
    {
      kind: 'machine',
      machine: { id: 'dns1', kind: 'vm', hostname: 'dns1', privateIp: '10.60.1.4', subnet: 'rg-lab/vnet-lab/dns-subnet', dnsServer: { forwarders: ['168.63.129.16'] } },
    },
    {
      kind: 'aks',
      request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'kubenet', nodeCount: 3, vnetSubnetId: 'rg-lab/vnet-lab/aks-subnet' },
    },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
    // "Send shared services through the new firewall": an appliance address nothing owns.
    { kind: 'route', routeTable: 'rg-lab/rt-aks', name: 'to-shared-services', addressPrefix: '10.60.1.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.60.2.4' },
  ],
  notes:
    'Broken: route to-shared-services (10.60.1.0/24 → VirtualAppliance 10.60.2.4) in rt-aks, the route table of the node subnet, beats the VNet\'s system route; no NIC or firewall owns 10.60.2.4, so every packet from the nodes to dns1 is lost. CoreDNS forwards names outside cluster.local to the node\'s resolver (dns1), so those time out (SERVFAIL after CoreDNS gives up), while cluster.local names answered by CoreDNS itself keep working. AKS kept using rt-aks for the kubenet pod routes (the table was already on the subnet). Fix: delete the route, or point it at a working appliance that forwards DNS.',
};
