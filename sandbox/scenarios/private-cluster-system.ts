import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// A private cluster with the private DNS zone AKS manages itself.
export const privateClusterSystem: ScenarioDefinition = {
  id: 'private-cluster-system',
  title: 'A private cluster (system private DNS zone)',
  description:
    'A private AKS cluster `aks1` in the VNet `vnet-lab`: its API server is a private endpoint in the node subnet, named by a private FQDN in a private DNS zone AKS created and linked to `vnet-lab`. A jump box VM in the same VNet resolves and reaches it; your workstation, outside Azure, cannot even resolve the name.',
  seed: 'private-cluster-system',
  files: README_FILE,
  steps: [
    labGroup,
    {
      kind: 'vnet',
      group: 'rg-lab',
      name: 'vnet-lab',
      addressPrefixes: ['10.10.0.0/16'],
      subnets: [
        { name: 'aks-subnet', addressPrefix: '10.10.0.0/22' },
        { name: 'jumpbox-subnet', addressPrefix: '10.10.4.0/24' },
      ],
    },
    {
      kind: 'aks',
      request: {
        resourceGroup: 'rg-lab',
        name: 'aks1',
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        nodeCount: 3,
        vnetSubnetId: 'rg-lab/vnet-lab/aks-subnet',
        enablePrivateCluster: true,
      },
    },
    { kind: 'machine', machine: { id: 'jumpbox', kind: 'vm', hostname: 'jumpbox', privateIp: '10.10.4.4', subnet: 'rg-lab/vnet-lab/jumpbox-subnet' } },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
  ],
  notes:
    'Works as designed, which looks broken from the workstation: the kubeconfig server is the private FQDN (`<prefix>-<hash>.<guid>.privatelink.eastus.azmk8s.io`), which only resolves through Azure DNS in a VNet linked to the zone, so kubectl on the workstation fails with `no such host`. The public FQDN still exists and resolves to the private endpoint address (unreachable from the internet). From the jump box (10.10.4.4) the name resolves to the endpoint (10.10.0.4) and kubectl works. `az aks command invoke` works from anywhere.',
};
