// Golden traces for every scenario: the same handful of flows a learner would try first, traced
// end to end, so any change to how a scenario's packets travel shows up as a reviewed diff.
import { describe, it } from 'vitest';
import type { ManagedCluster, PublicIPAddress } from '../../../sandbox/model/azure/types.ts';
import type { Service } from '../../../sandbox/model/k8s/types.ts';
import { explainTrace } from '../../../sandbox/network/trace/index.ts';
import { scenarioIds } from '../../../sandbox/scenarios/registry.ts';
import { goldenIn } from '../../support/golden.ts';
import { built, clusterOf, fromMachine, fromNode, fromPod, nodesOf, run } from './helpers.ts';

const expectGolden = goldenIn('scenario-traces');

function firstWorkloadPod(world: ReturnType<typeof built>['world'], mc: ManagedCluster) {
  return world
    .k8sList<import('../../../sandbox/model/k8s/types.ts').Pod>(mc.id, 'Pod', 'default')
    .filter((p) => p.status.podIP && !p.spec.hostNetwork)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0];
}

describe('golden traces per scenario', () => {
  for (const id of scenarioIds()) {
    it(id, () => {
      const { world } = built(id);
      const mc = clusterOf(world);
      const plane = world.state.controlPlanes[mc.id.toLowerCase()]!;
      const apiHost = plane.fqdn ?? plane.privateFqdn ?? mc.fqdn ?? mc.privateFqdn!;
      const sections: string[] = [];
      const add = (title: string, lines: string[]) => sections.push(`## ${title}\n${lines.join('\n')}`);
      add('workstation → API server', explainTrace(run(world, fromMachine('workstation'), apiHost, 443)));
      const node = nodesOf(world, mc)[0]!;
      add(`first node → API server`, explainTrace(run(world, fromNode(mc, node), plane.privateIp ?? plane.publicIp!, 443)));
      const pod = firstWorkloadPod(world, mc);
      if (pod) {
        add(`pod ${pod.metadata.name} → kube-dns`, explainTrace(run(world, fromPod(mc, pod), mc.networkProfile.dnsServiceIp, 53, 'udp')));
        add(`pod ${pod.metadata.name} → the internet`, explainTrace(run(world, fromPod(mc, pod), world.state.machines['internet']!.publicIp, 443)));
      }
      for (const svc of world.k8sList<Service>(mc.id, 'Service', 'default').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
        for (const ingress of svc.status.loadBalancer.ingress ?? []) {
          if (!ingress.ip) continue;
          const isPublic = world.resourcesOfType<PublicIPAddress>('Microsoft.Network/publicIPAddresses').some((p) => p.ipAddress === ingress.ip);
          const from = isPublic ? fromMachine('internet') : fromNode(mc, node);
          add(`${isPublic ? 'internet' : 'node'} → service ${svc.metadata.name} (${ingress.ip}:${svc.spec.ports[0]!.port})`, explainTrace(run(world, from, ingress.ip, svc.spec.ports[0]!.port)));
        }
      }
      expectGolden(`${id}.txt`, `${sections.join('\n\n')}\n`);
    });
  }
});
