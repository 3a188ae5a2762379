// NetworkPolicy on the path: egress checked at the sending pod (after kube-proxy's DNAT, so on the
// backend pod), ingress at the receiving pod, only where the cluster runs a policy engine.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../sandbox/model/k8s/types.ts';
import { actions, fromPod, getPod, lab, pod, policy, run, service, settleAll, svc } from './fixtures.ts';

function setup(networkPolicy: 'azure' | 'calico' | 'none', plugin: 'azure' | 'kubenet', seed: string) {
  const l = lab({ networkPlugin: plugin, networkPolicy, nodeCount: 2 }, seed);
  const { world, id, nodes } = l;
  pod(world, id, 'frontend', nodes[0]!.metadata.name, { image: 'busybox', labels: { role: 'frontend' } });
  pod(world, id, 'intruder', nodes[0]!.metadata.name, { image: 'busybox', labels: { role: 'other' } });
  pod(world, id, 'web', nodes[1]!.metadata.name, { labels: { app: 'web' } });
  service(world, id, 'web');
  policy(world, id, 'web-from-frontend', {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 80 }] }],
  });
  settleAll(world);
  return l;
}

describe('Azure Network Policy Manager', () => {
  const { world, id, nodes } = setup('azure', 'azure', 'netpol-azure');
  const webIp = getPod(world, id, 'web').status.podIP!;
  const clusterIp = svc(world, id, 'web').spec.clusterIP!;

  it('lets the selected peer in, naming the policy and rule', () => {
    const t = run(world, fromPod(id, 'frontend'), clusterIp, 80);
    expect([t.verdict, t.finalDestination]).toEqual(['delivered', { ip: webIp, port: 80 }]);
    const hop = t.hops.find((h) => h.action === 'policy')!;
    expect(hop.at).toBe(`Azure Network Policy Manager on ${nodes[1]!.metadata.name} (pod default/web, ingress)`);
    expect(hop.reason).toBe(`NetworkPolicy default/web-from-frontend (ingress rule 1) allows traffic from pod default/frontend (${getPod(world, id, 'frontend').status.podIP}) on TCP 80.`);
  });

  it('drops everyone else at the receiving pod', () => {
    const t = run(world, fromPod(id, 'intruder'), clusterIp, 80);
    expect(t.verdict).toBe('dropped');
    expect(actions(t).slice(-2)).toEqual(['forward:pass', 'policy:drop']);
    expect(t.hops.at(-1)!.reason).toBe(
      `NetworkPolicy default/web-from-frontend selects pod default/web for Ingress and no rule allows traffic from pod default/intruder (${getPod(world, id, 'intruder').status.podIP}) on TCP 80, so Azure Network Policy Manager drops the packet.`,
    );
    // A port the rule does not list is dropped even for the frontend.
    expect(run(world, fromPod(id, 'frontend'), webIp, 8080).verdict).toBe('dropped');
  });

  it('an egress default-deny stops the client before its packet leaves, DNS included', () => {
    policy(world, id, 'frontend-egress', { podSelector: { matchLabels: { role: 'frontend' } }, policyTypes: ['Egress'] });
    settleAll(world);
    const t = run(world, fromPod(id, 'frontend'), clusterIp, 80);
    expect([t.verdict, ...actions(t)]).toEqual(['dropped', 'send:pass', 'dnat:rewrite', 'policy:drop']);
    expect(run(world, fromPod(id, 'frontend'), 'web', 80).verdict).toBe('unresolved');
    // Allow DNS to kube-system and HTTP to the web pods: both work again.
    policy(world, id, 'frontend-egress', {
      podSelector: { matchLabels: { role: 'frontend' } },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ protocol: 'UDP', port: 53 }] },
        { to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 'http' }] },
      ],
    });
    settleAll(world);
    // The named port resolves on the destination pod, which declares none: still dropped.
    expect(run(world, fromPod(id, 'frontend'), 'web', 80).verdict).toBe('dropped');
    world.k8sDelete(id, 'Pod', 'default', 'web');
    world.k8sPut<Pod>(id, {
      ...getPodTemplate(nodes[1]!.metadata.name),
    });
    settleAll(world);
    const named = run(world, fromPod(id, 'frontend'), 'web', 80);
    expect(named.verdict).toBe('delivered');
    // The DNS query's own policy check lives inside its DNS hop; the connection shows its two.
    expect(named.hops.filter((h) => h.action === 'policy').map((h) => h.reason.split(' allows')[0])).toEqual([
      'NetworkPolicy default/frontend-egress (egress rule 2)',
      'NetworkPolicy default/web-from-frontend (ingress rule 1)',
    ]);
  });
});

function getPodTemplate(nodeName: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: { nodeName, containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] }] },
    status: { phase: 'Pending' },
  };
}

describe('Calico on kubenet', () => {
  it('enforces the same policy', () => {
    const { world, id } = setup('calico', 'kubenet', 'netpol-calico');
    const clusterIp = svc(world, id, 'web').spec.clusterIP!;
    expect(run(world, fromPod(id, 'frontend'), clusterIp, 80).verdict).toBe('delivered');
    const t = run(world, fromPod(id, 'intruder'), clusterIp, 80);
    expect([t.verdict, t.hops.at(-1)!.at]).toEqual(['dropped', expect.stringMatching(/^Calico on aks-nodepool1-\d+-vmss000001 \(pod default\/web, ingress\)$/)]);
  });
});

describe('no policy engine', () => {
  it('ignores the policy, and says so', () => {
    const { world, id } = setup('none', 'kubenet', 'netpol-none');
    const t = run(world, fromPod(id, 'intruder'), svc(world, id, 'web').spec.clusterIP!, 80);
    expect(t.verdict).toBe('delivered');
    const hop = t.hops.find((h) => h.action === 'policy')!;
    expect([hop.decision, hop.reason]).toEqual([
      'pass',
      'NetworkPolicy default/web-from-frontend selects pod default/web, but the cluster has no network policy engine (networkProfile.networkPolicy is none), so nothing enforces it.',
    ]);
  });
});
