import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// Private DNS zone `none`: the private endpoint is named only by the public FQDN.
export const privateClusterPublicFqdn: ScenarioDefinition = {
  id: 'private-cluster-public-fqdn',
  title: 'A private cluster with a public FQDN only (private DNS zone none)',
  description:
    'A private cluster `aks1` created with `--private-dns-zone none`: AKS makes no private DNS zone; public DNS answers the cluster\'s public FQDN with the private endpoint\'s address. Anyone can resolve the name; only hosts with a network path into the VNet can connect.',
  seed: 'private-cluster-public-fqdn',
  files: README_FILE,
  steps: [
    labGroup,
    {
      kind: 'aks',
      request: {
        resourceGroup: 'rg-lab',
        name: 'aks1',
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        nodeCount: 3,
        enablePrivateCluster: true,
        privateDnsZone: 'none',
      },
    },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
  ],
  notes:
    'Works as designed: the kubeconfig server is the public FQDN; from the workstation it resolves (public DNS) to the private endpoint address in aks-subnet, which is not routable from the internet, so kubectl ends with `dial tcp 10.224.0.4:443: i/o timeout` instead of a DNS error. Compare with private-cluster-system.',
};
