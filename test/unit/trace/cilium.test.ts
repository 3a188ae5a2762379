// Azure CNI powered by Cilium: no kube-proxy chains; Cilium's eBPF service map translates
// Service addresses, answers for Services without backends, and enforces NetworkPolicy.
import { describe, expect, it } from 'vitest';
import { actions, fromPod, getPod, internet, lab, pod, policy, run, service, settleAll, svc } from './fixtures.ts';

describe('Cilium dataplane', () => {
  const { world, id, nodes } = lab({ networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataplane: 'cilium', networkPolicy: 'cilium', nodeCount: 2 }, 'cilium');
  pod(world, id, 'client', nodes[0]!.metadata.name, { image: 'busybox' });
  pod(world, id, 'web', nodes[1]!.metadata.name, { labels: { app: 'web' } });
  service(world, id, 'web');
  service(world, id, 'web-local', { type: 'LoadBalancer', selector: { app: 'web' }, externalTrafficPolicy: 'Local' });
  service(world, id, 'empty');
  settleAll(world);
  const webIp = getPod(world, id, 'web').status.podIP!;

  it('translates the ClusterIP in eBPF', () => {
    const t = run(world, fromPod(id, 'client'), svc(world, id, 'web').spec.clusterIP!, 80);
    expect([t.verdict, t.finalDestination]).toEqual(['delivered', { ip: webIp, port: 80 }]);
    expect(t.hops[1]).toMatchObject({ at: `Cilium eBPF on ${nodes[0]!.metadata.name}`, action: 'dnat', decision: 'rewrite' });
    expect(t.hops[1]!.reason).toContain(`backend pod default/web on ${nodes[1]!.metadata.name}`);
    expect(t.hops.some((h) => h.at.startsWith('kube-proxy'))).toBe(false);
  });

  it('answers a Service without backends with ICMP unreachable', () => {
    const t = run(world, fromPod(id, 'client'), svc(world, id, 'empty').spec.clusterIP!, 80);
    expect([t.verdict, ...actions(t)]).toEqual(['refused', 'send:pass', 'reject:drop']);
  });

  it('keeps the client address for a Local load balancer Service', () => {
    const t = run(world, internet, svc(world, id, 'web-local').status.loadBalancer.ingress![0]!.ip!, 80);
    expect([t.verdict, t.sourceSeenAs]).toEqual(['delivered', world.state.machines['internet']!.publicIp]);
  });

  it('enforces NetworkPolicy', () => {
    policy(world, id, 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] });
    settleAll(world);
    const t = run(world, fromPod(id, 'client'), webIp, 80);
    expect([t.verdict, t.hops.at(-1)!.at]).toEqual(['dropped', `Cilium on ${nodes[1]!.metadata.name} (pod default/web, ingress)`]);
  });
});
