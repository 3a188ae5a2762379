// Cases over the path engine and the scenarios, kept apart so bench.ts stays short.
import type { Pod } from '../../sandbox/model/k8s/types.ts';
import type { World } from '../../sandbox/model/world.ts';
import { trace } from '../../sandbox/network/trace/index.ts';
import { buildScenario } from '../../sandbox/scenarios/build.ts';
import { getScenario, scenarioIds } from '../../sandbox/scenarios/registry.ts';

export interface BenchContext {
  measure<T>(name: string, runs: number, fn: () => T, note?: (result: T) => string): T;
  record(row: { case: string; median: string; runs: number; note?: string }): void;
  buildCluster(options: { nodes: number; plugin: 'kubenet' | 'overlay' | 'azure'; maxPods?: number }): World;
  kubenet: World;
}

function traceMedian(world: World, count: number): { medianUs: number; verdicts: Record<string, number> } {
  const clusterId = Object.keys(world.state.clusters)[0]!;
  const pods = world.k8sList<Pod>(clusterId, 'Pod').filter((p) => p.status.podIP && !p.spec.hostNetwork);
  const dnsIp = '10.0.0.10';
  const times: number[] = [];
  const verdicts: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const from = pods[(i * 7919) % pods.length]!;
    const to = pods[(i * 104729 + 13) % pods.length]!;
    const flow = i % 2 === 0
      ? { from: { kind: 'pod' as const, clusterId, namespace: from.metadata.namespace!, name: from.metadata.name }, to: { ip: to.status.podIP!, port: 53 }, protocol: 'udp' as const }
      : { from: { kind: 'pod' as const, clusterId, namespace: from.metadata.namespace!, name: from.metadata.name }, to: { ip: dnsIp, port: 53 }, protocol: 'udp' as const };
    const start = performance.now();
    const result = trace(world, flow);
    times.push(performance.now() - start);
    verdicts[result.verdict] = (verdicts[result.verdict] ?? 0) + 1;
  }
  times.sort((a, b) => a - b);
  return { medianUs: times[Math.floor(times.length / 2)]! * 1000, verdicts };
}

export function benchExtras({ measure, record, kubenet }: BenchContext): void {
  trace(kubenet, { from: { kind: 'machine', id: 'workstation' }, to: { ip: '1.1.1.1', port: 443 }, protocol: 'tcp' }); // warm indexes
  const traced = traceMedian(kubenet, 2000);
  record({
    case: 'trace on the 400-node kubenet cluster (pod → pod, pod → kube-dns)',
    median: `${traced.medianUs.toFixed(1)} µs`,
    runs: 2000,
    note: Object.entries(traced.verdicts).map(([v, n]) => `${v} ${n}`).join(', '),
  });
  for (const id of scenarioIds()) {
    measure(`scenario ${id}: build`, 3, () => buildScenario(getScenario(id)), (b) => `${Object.keys(b.world.state.resources).length} Azure resources`);
  }
}
