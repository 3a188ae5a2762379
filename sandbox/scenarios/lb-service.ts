import { labGroup, README_FILE, webDeployment, webService } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// externalTrafficPolicy Cluster vs Local on the same pods (series part II).
export const lbService: ScenarioDefinition = {
  id: 'lb-service',
  title: 'LoadBalancer Services: Cluster vs Local',
  description:
    'A three-node Azure CNI Overlay cluster `aks1` whose `web` Deployment runs two pods, so one node has none. Two LoadBalancer Services front them: `web-cluster` (externalTrafficPolicy Cluster: the health probe checks the NodePort, every node forwards) and `web-local` (externalTrafficPolicy Local: an HTTP probe on the health-check NodePort passes only on nodes with a pod, and the client address is kept).',
  seed: 'lb-service',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'aks', request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 3 } },
    { kind: 'credentials', cluster: 'aks1' },
    {
      kind: 'manifest',
      cluster: 'aks1',
      yaml: `${webDeployment(2)}---\n${webService('web-cluster', 'LoadBalancer', '  externalTrafficPolicy: Cluster\n')}---\n${webService('web-local', 'LoadBalancer', '  externalTrafficPolicy: Local\n')}`,
    },
  ],
  notes:
    'Nothing is broken. The scheduler spreads the two web pods over two of the three nodes. On the `kubernetes` load balancer, web-cluster\'s probe (TCP on its NodePort) is up on all three nodes; web-local\'s probe (HTTP /healthz on its healthCheckNodePort) is down on the node without a pod, so that node gets no new flows. Both Services get their own public IP frontend.',
};
