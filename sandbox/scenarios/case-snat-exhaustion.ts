import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// Part III case 6: one node uses every SNAT port the load balancer gave it.
export const caseSnatExhaustion: ScenarioDefinition = {
  id: 'case-snat-exhaustion',
  title: 'Case: outbound connections time out from one node',
  description:
    'Pods of `aks1` call an API on the internet. From some pods new connections time out while others, identical, work fine; the failing ones all run on the same node, which also hosts a busy batch workload that keeps thousands of connections open.',
  seed: 'case-snat-exhaustion',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'aks', request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 3 } },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
    // The first node (10.224.0.4) has all 1,024 ports of its automatic allocation in use.
    { kind: 'conditions', values: { snatUsage: { '10.224.0.4': 1024 } } },
  ],
  notes:
    'Broken under load: the cluster load balancer\'s outbound rule aksOutboundRule allocates ports automatically (allocatedOutboundPorts 0 → 1,024 ports per node for a pool of 3), and the node 10.224.0.4 (vmss000000) has all 1,024 in use (world.state.conditions.snatUsage), so new outbound flows from its pods and from the node itself find no SNAT port and their SYNs go unanswered. Other nodes are fine. Diagnose with the LB metrics "SNAT Connection Count" / "Used SNAT Ports" split by backend IP. Fix: more ports per node (`--load-balancer-outbound-ports`), more outbound IPs, a NAT gateway, or connection reuse.',
};
