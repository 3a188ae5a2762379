import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// The course's starting point: everything at its defaults except the network plugin.
export const kubenetBasic: ScenarioDefinition = {
  id: 'kubenet-basic',
  title: 'A small kubenet cluster',
  description:
    'A three-node AKS cluster `aks1` in `rg-lab` (East US) using kubenet networking, reachable from your workstation over its public API server endpoint, running a `web` Deployment of three nginx pods behind a ClusterIP Service `web`.',
  seed: 'kubenet-basic',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'aks', request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'kubenet', nodeCount: 3 } },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
  ],
  notes:
    'Nothing is broken. Nodes take 10.224.0.4-6 in the AKS-managed VNet and one /24 each of 10.244.0.0/16 (pods are routed through the aks-agentpool route table, one route per node); the web Service gets a ClusterIP from 10.0.0.0/16.',
};
