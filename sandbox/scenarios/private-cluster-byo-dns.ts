import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

const ZONE = 'privatelink.eastus.azmk8s.io';

// Hub and spoke with a custom DNS server in the hub (AKS-docs private-clusters.md, "Hub and
// spoke with custom DNS"): the cluster's VNet uses the hub's DNS server, which must forward the
// privatelink zone to Azure DNS from a VNet linked to the zone.
export const privateClusterByoDns: ScenarioDefinition = {
  id: 'private-cluster-byo-dns',
  title: 'A private cluster behind a custom DNS server',
  description:
    'A private cluster `aks1` in the spoke VNet `vnet-spoke`, whose DNS server is the VM `dns1` (10.100.0.4) in the peered hub VNet `vnet-hub`. The cluster uses your own private DNS zone `privatelink.eastus.azmk8s.io`, linked to the hub. It was created while `dns1` forwarded that zone to Azure DNS; since then someone "cleaned up" the DNS server\'s conditional forwarders.',
  seed: 'private-cluster-byo-dns',
  files: README_FILE,
  steps: [
    labGroup,
    {
      kind: 'vnet',
      group: 'rg-lab',
      name: 'vnet-hub',
      addressPrefixes: ['10.100.0.0/16'],
      subnets: [{ name: 'dns-subnet', addressPrefix: '10.100.0.0/24' }],
    },
    {
      kind: 'vnet',
      group: 'rg-lab',
      name: 'vnet-spoke',
      addressPrefixes: ['10.200.0.0/16'],
      dnsServers: ['10.100.0.4'],
      subnets: [
        { name: 'aks-subnet', addressPrefix: '10.200.0.0/22' },
        { name: 'jumpbox-subnet', addressPrefix: '10.200.8.0/24' },
      ],
    },
    { kind: 'peering', vnet: 'rg-lab/vnet-hub', remoteVnet: 'rg-lab/vnet-spoke', name: 'hub-to-spoke' },
    {
      kind: 'machine',
      machine: {
        id: 'dns1',
        kind: 'vm',
        hostname: 'dns1',
        privateIp: '10.100.0.4',
        subnet: 'rg-lab/vnet-hub/dns-subnet',
        dnsServer: { conditionalForwarders: [{ zone: ZONE, servers: ['168.63.129.16'] }], forwarders: ['8.8.8.8'] },
      },
    },
    { kind: 'privateDnsZone', group: 'rg-lab', name: ZONE },
    { kind: 'dnsLink', zone: `rg-lab/${ZONE}`, name: 'hub-link', vnet: 'rg-lab/vnet-hub' },
    {
      kind: 'aks',
      request: {
        resourceGroup: 'rg-lab',
        name: 'aks1',
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        nodeCount: 3,
        vnetSubnetId: 'rg-lab/vnet-spoke/aks-subnet',
        enablePrivateCluster: true,
        privateDnsZone: `rg-lab/${ZONE}`,
      },
    },
    { kind: 'machine', machine: { id: 'jumpbox', kind: 'vm', hostname: 'jumpbox', privateIp: '10.200.8.4', subnet: 'rg-lab/vnet-spoke/jumpbox-subnet' } },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
    // The "cleanup": dns1 now sends everything, the privatelink zone included, to Google.
    { kind: 'machine', machine: { id: 'dns1', dnsServer: { forwarders: ['8.8.8.8'] } } },
  ],
  notes:
    'Broken: dns1 lost its conditional forwarder for privatelink.eastus.azmk8s.io, so the private FQDN goes to 8.8.8.8, which answers NXDOMAIN. Anything in vnet-spoke resolving the API server by name fails: the jump box (`kubectl` → `no such host`), pods and nodes (`nslookup <private fqdn>`). Had the forwarder been missing at creation, AKS itself would have failed: nodes could not resolve the API server and provisioning stops with K8SAPIServerDNSLookupFailVMExtensionError (CSE exit code 52) — that is why the scenario creates the cluster first and removes the forwarder afterwards. Running kubelets keep their established connections (the sandbox does not re-resolve for heartbeats), so nodes stay Ready; new nodes (a scale-up, an upgrade) would not join. The hub itself (vnet-hub uses Azure DNS and is linked to the zone) still resolves the name. Fix: restore the conditional forwarder to 168.63.129.16.',
};
