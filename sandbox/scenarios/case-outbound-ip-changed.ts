import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// Part III case 3: edited tags make AKS treat its outbound IP as foreign and replace it.
export const caseOutboundIpChanged: ScenarioDefinition = {
  id: 'case-outbound-ip-changed',
  title: 'Case: the egress IP changed on its own',
  description:
    'The partner API that `aks1` calls allow-lists the cluster\'s egress IP, and since yesterday it rejects the cluster. Nobody changed the cluster on purpose: a colleague only tidied up the tags of some resources in the node resource group, and later a routine `az aks update` ran.',
  seed: 'case-outbound-ip-changed',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'aks', request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 3 } },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
    // The tidy-up: the AKS-managed tags replaced by the company's own.
    { kind: 'tags', resource: 'cluster:aks1:outbound-ip', tags: { owner: 'platform-team', costcenter: 'cc-1234' } },
    { kind: 'advance', seconds: 3600 },
    { kind: 'operation', cluster: 'aks1', op: 'reconcile' },
  ],
  notes:
    'Broken: the managed outbound public IP lost its `aks-managed-type=aks-slb-managed-outbound-ip` tag, so the next AKS operation (the reconcile of `az aks update`) no longer recognised it, created a new managed outbound IP (a new address), pointed the load balancer\'s outbound frontend and effectiveOutboundIPs at it and deleted the old one. Egress from every node now leaves from the new address. Resources in the node resource group belong to AKS; for a stable egress IP bring your own public IP or prefix (`--load-balancer-outbound-ips`) or a NAT gateway.',
};
