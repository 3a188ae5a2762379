// Size checks: a node's rule set for 200 services × 10 endpoints, a 1,000-node overlay cluster
// where only the inspected node pays, and the cost of one evaluation. Bounds are loose (the
// machine is shared); the printed timings are what to watch.
import { describe, expect, it } from 'vitest';
import { buildNodeRules, clusterProxyView, evaluateRules, iptablesSave } from '../../../sandbox/network/kube-proxy/index.ts';
import { buildClusterProxyView } from '../../../sandbox/network/kube-proxy/cluster-view.ts';
import { addService, addSlice, CLUSTER_ID, makeWorld, nodeName } from './fixtures.ts';

function bigWorld(plugin: 'kubenet' | 'overlay', nodes: number, services: number, perService: number) {
  const world = makeWorld(plugin, nodes);
  for (let s = 0; s < services; s++) {
    const name = `svc-${s}`;
    addService(world, {
      name,
      type: s % 4 === 0 ? 'LoadBalancer' : 'ClusterIP',
      clusterIP: `10.0.${1 + Math.floor(s / 250)}.${1 + (s % 250)}`,
      ports: [{ port: 80, ...(s % 4 === 0 ? { nodePort: 30000 + s } : {}) }],
      ...(s % 8 === 0 ? { externalTrafficPolicy: 'Local' as const, healthCheckNodePort: 32000 + s } : {}),
      ...(s % 4 === 0 ? { loadBalancerIP: `20.30.${Math.floor(s / 250)}.${1 + (s % 250)}` } : {}),
    });
    const eps = Array.from({ length: perService }, (_, e) => {
      const node = (s * perService + e) % nodes;
      return { ip: `10.244.${node % 256}.${10 + ((s * perService + e) % 240)}`, node };
    });
    addSlice(world, { name }, [{ port: 80 }], eps);
  }
  return world;
}

describe('performance', () => {
  it('builds one node of a 200 services × 10 endpoints cluster in a few ms', () => {
    const world = bigWorld('kubenet', 20, 200, 10);
    const view = clusterProxyView(world, CLUSTER_ID);
    buildNodeRules(view, nodeName(1)); // warm the chain-name memo and the JIT
    const t0 = performance.now();
    const rules = buildNodeRules(view, nodeName(3));
    const ms = performance.now() - t0;
    const natRules = [...rules.tables.nat.chains.values()].reduce((n, c) => n + c.rules.length, 0);
    console.log(`node rule set: ${natRules} nat rules in ${ms.toFixed(2)} ms`);
    expect(natRules).toBeGreaterThan(6000);
    expect(ms).toBeLessThan(100);
    // 2,000 endpoints > 1,000: kube-proxy's large-cluster mode drops per-endpoint comments.
    expect(iptablesSave(rules, world.now(), 'nat')).toMatch(/\n-A KUBE-SEP-\w+ -s 10\.244\.\d+\.\d+\/32 -j KUBE-MARK-MASQ\n/);
  });

  it('derives a 1,000-node overlay cluster view without touching every node rule set', () => {
    const world = bigWorld('overlay', 1000, 200, 10);
    const t0 = performance.now();
    const view = buildClusterProxyView(world, CLUSTER_ID);
    const rules = buildNodeRules(view, nodeName(999));
    const ms = performance.now() - t0;
    console.log(`1,000-node overlay: view + one node in ${ms.toFixed(1)} ms`);
    expect(view.nodes.size).toBe(1000);
    expect(rules.nodeIp).toBe('10.224.3.235');
    expect(ms).toBeLessThan(1000);
  });

  it('evaluates a trace well under a millisecond', () => {
    const world = bigWorld('kubenet', 20, 200, 10);
    const view = clusterProxyView(world, CLUSTER_ID);
    const rules = buildNodeRules(view, nodeName(0));
    const packet = { src: '10.244.0.77', dst: '10.0.1.200', dport: 80, protocol: 'tcp' as const };
    for (let i = 0; i < 200; i++) evaluateRules(rules, packet, 'pod', i / 200);
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) expect(evaluateRules(rules, packet, 'pod', i / n).action).toBe('dnat');
    const perTrace = (performance.now() - t0) / n;
    console.log(`evaluate: ${(perTrace * 1000).toFixed(1)} µs per trace (200 services)`);
    expect(perTrace).toBeLessThan(1);
  });
});
