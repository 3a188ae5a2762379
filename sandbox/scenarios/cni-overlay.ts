import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// Today's AKS default network model.
export const cniOverlay: ScenarioDefinition = {
  id: 'cni-overlay',
  title: 'A small Azure CNI Overlay cluster',
  description:
    'A three-node AKS cluster `aks1` in `rg-lab` using Azure CNI Overlay: nodes take VNet addresses, pods take addresses from a private pod CIDR (10.244.0.0/16, a /24 per node) that the Azure fabric routes between nodes without any route table. Runs the `web` Deployment and ClusterIP Service.',
  seed: 'cni-overlay',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'aks', request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 3 } },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
  ],
  notes:
    'Nothing is broken. Pod addresses are not VNet addresses: traffic from a pod to anything outside the cluster leaves SNATed to its node address, and nothing outside the cluster can reach a pod IP directly.',
};
