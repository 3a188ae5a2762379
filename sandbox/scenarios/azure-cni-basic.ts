import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// Azure CNI on the node subnet: pods are first-class VNet addresses.
export const azureCniBasic: ScenarioDefinition = {
  id: 'azure-cni-basic',
  title: 'A small Azure CNI cluster',
  description:
    'A three-node AKS cluster `aks1` in `rg-lab` using Azure CNI (node subnet): every pod takes an address of the VNet, pre-allocated on its node\'s NIC. The same `web` Deployment and ClusterIP Service as in the kubenet lab let you compare the two models.',
  seed: 'azure-cni-basic',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'aks', request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'azure', nodeCount: 3 } },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
  ],
  notes:
    'Nothing is broken. Each node NIC holds its primary address plus 30 secondary ip configurations (max pods 30), so nodes sit 31 addresses apart (10.224.0.4, .35, .66) and pod IPs come from those blocks. No route table: the VNet routes pod addresses natively.',
};
