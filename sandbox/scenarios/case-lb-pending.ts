import { labGroup, README_FILE, webDeployment, webService } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// Part III case 4: the cloud provider cannot do what the Service asks, and says so in events.
export const caseLbPending: ScenarioDefinition = {
  id: 'case-lb-pending',
  title: 'Case: the external IP stays pending',
  description:
    'The LoadBalancer Service `web-public` of `aks1` was meant to keep the company\'s reserved address 52.170.10.20, which the DNS record for the shop points at. Its EXTERNAL-IP has shown `<pending>` ever since it was applied.',
  seed: 'case-lb-pending',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'aks', request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 3 } },
    { kind: 'credentials', cluster: 'aks1' },
    {
      kind: 'manifest',
      cluster: 'aks1',
      yaml: `${webDeployment(3)}---\n${webService('web-public', 'LoadBalancer', '  loadBalancerIP: 52.170.10.20\n')}`,
    },
    { kind: 'advance', seconds: 120 },
  ],
  notes:
    'Broken: spec.loadBalancerIP names 52.170.10.20, but no public IP resource with that address exists in the node resource group (or anywhere in the subscription), so cloud-provider-azure cannot build the frontend: the service controller records EnsuringLoadBalancer then SyncLoadBalancerFailed warnings (`kubectl describe svc web-public`) and retries with backoff, and the Service stays `<pending>`. Fix: create a static public IP with that address in the node resource group (or another group named by the azure-pip-name / azure-load-balancer-resource-group annotations, with the cluster identity allowed to use it), or drop loadBalancerIP.',
};
