// explainTrace texts for the flows the lessons lean on, kept as golden files so any change in
// what a learner would read shows up as a reviewable diff.
import { describe, it } from 'vitest';
import type { RouteTable } from '../../../sandbox/model/azure/types.ts';
import { explainTrace } from '../../../sandbox/network/trace/index.ts';
import type { TraceResult } from '../../../sandbox/network/trace/index.ts';
import { addNsgRule, agentNsg, fromNode, fromPod, getPod, internet, lab, nodeIp, pod, routeTable, run, service, settleAll, svc, workstation } from './fixtures.ts';
import { expectGolden } from './golden.ts';

function text(t: TraceResult): string {
  return `${explainTrace(t).join('\n')}\n`;
}

describe('explainTrace golden files', () => {
  const { world, id, nodes, mc } = lab({ networkPlugin: 'kubenet' }, 'golden');
  pod(world, id, 'client', nodes[0]!.metadata.name, { image: 'busybox' });
  pod(world, id, 'echo', nodes[1]!.metadata.name, { labels: { app: 'echo' } });
  service(world, id, 'echo');
  service(world, id, 'echo-local', { type: 'LoadBalancer', selector: { app: 'echo' }, externalTrafficPolicy: 'Local' });
  service(world, id, 'empty');
  settleAll(world);

  it('kubenet pod → ClusterIP → pod on another node', () => {
    expectGolden('kubenet-pod-to-service.txt', text(run(world, fromPod(id, 'client'), svc(world, id, 'echo').spec.clusterIP!, 80)));
  });

  it('pod → Service without endpoints', () => {
    expectGolden('service-without-endpoints.txt', text(run(world, fromPod(id, 'client'), svc(world, id, 'empty').spec.clusterIP!, 80)));
  });

  it('pod → internet through the load balancer outbound rule', () => {
    expectGolden('pod-to-internet.txt', text(run(world, fromPod(id, 'client'), '93.184.216.34', 443)));
  });

  it('internet → load balancer → Local policy pod', () => {
    expectGolden('internet-to-local-service.txt', text(run(world, internet, svc(world, id, 'echo-local').status.loadBalancer.ingress![0]!.ip!, 80)));
  });

  it('workstation → API server by name', () => {
    expectGolden('workstation-to-api-server.txt', text(run(world, workstation, mc.fqdn!, 443)));
  });

  it('node → API server blocked by an NSG rule', () => {
    const { world: w, id: cid, nodes: ns, mc: m } = lab({ networkPlugin: 'kubenet', nodeCount: 2 }, 'golden-nsg');
    addNsgRule(w, agentNsg(w, m), { name: 'deny-api', priority: 100, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: nodeIp(ns[1]!), destinationAddressPrefix: w.state.controlPlanes[cid.toLowerCase()]!.publicIp!, destinationPortRange: '443' });
    expectGolden('node-to-api-server-denied.txt', text(run(w, fromNode(cid, ns[1]!.metadata.name), w.state.controlPlanes[cid.toLowerCase()]!.publicIp!, 443)));
  });

  it('kubenet stale route', () => {
    const { world: w, id: cid, nodes: ns, mc: m } = lab({ networkPlugin: 'kubenet' }, 'golden-stale');
    pod(w, cid, 'client', ns[0]!.metadata.name, { image: 'busybox' });
    pod(w, cid, 'echo', ns[1]!.metadata.name, { labels: { app: 'echo' } });
    settleAll(w);
    const table = routeTable(w, m)!;
    w.putResource({ ...table, routes: table.routes.map((r) => (r.addressPrefix === ns[1]!.spec.podCIDR ? { ...r, nextHopIpAddress: nodeIp(ns[2]!) } : r)) } as RouteTable);
    expectGolden('kubenet-stale-route.txt', text(run(w, fromPod(cid, 'client'), getPod(w, cid, 'echo').status.podIP!, 80)));
  });
});
