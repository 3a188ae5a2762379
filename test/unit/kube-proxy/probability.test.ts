// The statistic chains kube-proxy writes for 1, 2 and 3 endpoints, how iptables prints them
// back, and how the evaluator spreads flows over them.
import { describe, expect, it } from 'vitest';
import { evaluateRules, iptablesListRules, nodeRules, svcChain } from '../../../sandbox/network/kube-proxy/index.ts';
import { probabilityText } from '../../../sandbox/network/kube-proxy/rule-builders.ts';
import { addService, addSlice, CLUSTER_ID, makeWorld, nodeName } from './fixtures.ts';

function worldWith(endpoints: number) {
  const world = makeWorld('kubenet', 3);
  addService(world, { name: 'app', clusterIP: '10.0.10.10', ports: [{ port: 80 }] });
  addSlice(world, { name: 'app' }, [{ port: 80 }], Array.from({ length: endpoints }, (_, i) => ({ ip: `10.244.${i % 3}.${10 + i}`, node: i % 3 })));
  return nodeRules(world, CLUSTER_ID, nodeName(0))!;
}

function svcRules(endpoints: number): string[] {
  const chain = svcChain('default/app', 'tcp');
  return iptablesListRules(worldWith(endpoints), 'nat', chain)!.trim().split('\n').slice(2);
}

describe('endpoint probabilities', () => {
  it('writes 1/(n-i) with ten decimals', () => {
    expect([1, 2, 3, 4, 7].map(probabilityText)).toEqual(['1.0000000000', '0.5000000000', '0.3333333333', '0.2500000000', '0.1428571429']);
  });

  it('one endpoint: a single unconditional jump', () => {
    const rules = svcRules(1);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatch(/^-A KUBE-SVC-\w+ -m comment --comment "default\/app -> 10\.244\.0\.10:80" -j KUBE-SEP-\w+$/);
  });

  it('two endpoints: 0.5 then the rest (printed back as 0.50000000000)', () => {
    const rules = svcRules(2);
    expect(rules).toHaveLength(2);
    expect(rules[0]).toContain('-m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-');
    expect(rules[1]).not.toContain('statistic');
  });

  it('three endpoints: 0.3333333333 (kernel: 0.33333333349), 0.5, then the rest', () => {
    const rules = svcRules(3);
    expect(rules.map((r) => r.match(/--probability (\S+)/)?.[1] ?? null)).toEqual(['0.33333333349', '0.50000000000', null]);
    const chain = worldWith(3).tables.nat.chains.get(svcChain('default/app', 'tcp'))!;
    const written = chain.rules.flatMap((r) => r.matches.filter((m) => m.m === 'statistic').map((m) => (m.m === 'statistic' ? m.written : '')));
    expect(written).toEqual(['0.3333333333', '0.5000000000']);
  });

  it('spreads flows evenly: flow ∈ [k/n, (k+1)/n) picks endpoint k', () => {
    const rules = worldWith(3);
    const pick = (flow: number) =>
      evaluateRules(rules, { src: '10.244.0.50', dst: '10.0.10.10', dport: 80, protocol: 'tcp' }, 'pod', flow).to!.ip;
    expect([0, 0.2, 0.34, 0.5, 0.66, 0.67, 0.99].map(pick)).toEqual([
      '10.244.0.10',
      '10.244.0.10',
      '10.244.1.11',
      '10.244.1.11',
      '10.244.1.11',
      '10.244.2.12',
      '10.244.2.12',
    ]);
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const ip = pick((i + 0.5) / 3000);
      counts.set(ip, (counts.get(ip) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([1000, 1000, 1000]);
  });
});
