import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// Part III case 5 (kubenet): a pod route whose next hop is the wrong node.
export const caseStaleRoute: ScenarioDefinition = {
  id: 'case-stale-route',
  title: 'Case: pods on one node are unreachable',
  description:
    'In the kubenet cluster `aks1`, pods on one node cannot be reached from pods on the other nodes — even DNS is bumpy for some pods — yet every node is Ready. Someone re-applied an old export of the cluster\'s route table last night.',
  seed: 'case-stale-route',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'aks', request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'kubenet', nodeCount: 3 } },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
    // The route of the second node (10.244.1.0/24) now points at the third node's address.
    { kind: 'route', routeTable: 'cluster:aks1', name: 'node:1', addressPrefix: '10.244.1.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: 'node:2' },
  ],
  notes:
    'Broken: in the AKS route table the route named after vmss000001 (10.244.1.0/24) has next hop 10.224.0.6, the address of vmss000002, instead of 10.224.0.5. Packets to pods on vmss000001 from other nodes are delivered to vmss000002, which has no such pod and sends them back to the VNet — where the same route returns them — until they are lost. The cloud route controller does not repair it: it matches routes by name and prefix and never compares the next hop, so the node keeps NetworkUnavailable=False and stays Ready. Fix: correct the next hop (or delete the route; the route controller recreates it with the right address).',
};
