import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// API Server VNet Integration: the API server gets an internal load balancer address in a
// delegated subnet of the learner's VNet; nodes talk to it directly, with no tunnel.
export const apiserverVnetIntegration: ScenarioDefinition = {
  id: 'apiserver-vnet-integration',
  title: 'API Server VNet Integration',
  description:
    'A cluster `aks1` in `vnet-lab` with API Server VNet Integration: the API server is projected into the delegated subnet `apiserver-subnet` behind an internal load balancer, and nodes reach it there directly (no konnectivity tunnel). The public endpoint stays on, so your workstation still uses the public FQDN.',
  seed: 'apiserver-vnet-integration',
  files: README_FILE,
  steps: [
    labGroup,
    {
      kind: 'vnet',
      group: 'rg-lab',
      name: 'vnet-lab',
      addressPrefixes: ['10.30.0.0/16'],
      subnets: [
        { name: 'aks-subnet', addressPrefix: '10.30.0.0/22' },
        { name: 'apiserver-subnet', addressPrefix: '10.30.4.0/28', delegations: ['Microsoft.ContainerService/managedClusters'] },
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
        enableApiserverVnetIntegration: true,
        apiserverSubnetId: 'rg-lab/vnet-lab/apiserver-subnet',
      },
    },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
  ],
  notes:
    'Nothing is broken. The internal load balancer `kube-apiserver` (frontend `kube-apiserver-frontend`) holds an address of apiserver-subnet; nodes\' kubelets use it directly, so an NSG on apiserver-subnet that blocked TCP 443 from the node subnet would take every node NotReady. No konnectivity-agent pods run.',
};
