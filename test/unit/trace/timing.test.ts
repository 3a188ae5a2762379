// Size checks with loose bounds (the machine is shared; the printed timings are what to watch):
// a 400-node kubenet cluster at max-pods 110 and a 1,000-node overlay cluster build with every
// controller, node health included, and one trace on the kubenet cluster takes well under 1 ms.
import { describe, expect, it } from 'vitest';
import { createManagedCluster } from '../../../sandbox/controllers/aks/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import { newResourceGroup } from '../../../sandbox/model/azure/factories.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { World } from '../../../sandbox/model/world.ts';
import { trace } from '../../../sandbox/network/trace/index.ts';
import type { Flow } from '../../../sandbox/network/flow.ts';
import { controllers, deployment, nodesOf, pod, RG, service, settleAll, svc } from './fixtures.ts';

function build(seed: string, request: Record<string, unknown>): { world: World; id: string; ms: number } {
  const world = new World(createWorldState(seed));
  world.putResourceGroup(newResourceGroup({ subscriptionId: world.state.subscription.id, name: RG, location: 'eastus' }));
  const start = performance.now();
  const mc = createManagedCluster(world, { resourceGroup: RG, name: 'aks1', ...request } as never) as { id: string };
  expect(settle(world, controllers()).settled).toBe(true);
  return { world, id: mc.id, ms: performance.now() - start };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('scale', () => {
  it('400-node kubenet: builds with node health, traces in well under a millisecond', () => {
    const { world, id, ms } = build('trace-400', { networkPlugin: 'kubenet', nodeCount: 400, maxPods: 110, podCidr: '10.128.0.0/14' });
    const nodes = nodesOf(world, id);
    expect(nodes.every((n) => n.status.conditions.find((c) => c.type === 'Ready')!.status === 'True')).toBe(true);
    pod(world, id, 'client', nodes[0]!.metadata.name, { image: 'busybox' });
    deployment(world, id, 'web', 20);
    service(world, id, 'web');
    settleAll(world);
    const flows: Flow[] = [
      { from: { kind: 'pod', clusterId: id, namespace: 'default', name: 'client' }, to: { ip: svc(world, id, 'web').spec.clusterIP!, port: 80 }, protocol: 'tcp' },
      { from: { kind: 'pod', clusterId: id, namespace: 'default', name: 'client' }, to: { ip: '93.184.216.34', port: 443 }, protocol: 'tcp' },
      { from: { kind: 'node', clusterId: id, name: nodes[7]!.metadata.name }, to: { ip: world.state.controlPlanes[id.toLowerCase()]!.publicIp!, port: 443 }, protocol: 'tcp' },
    ];
    for (const f of flows) expect(trace(world, f).verdict).toBe('delivered');
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      trace(world, flows[i % flows.length]!, { flowHash: (i % 97) / 97 });
      samples.push(performance.now() - t0);
    }
    const med = median(samples);
    console.log(`trace timing: 400-node kubenet built (all controllers) in ${ms.toFixed(0)} ms; one trace median ${(med * 1000).toFixed(0)} µs`);
    expect(ms).toBeLessThan(4000);
    expect(med).toBeLessThan(1);
  });

  it('1,000-node overlay: builds with node health', () => {
    const { world, id, ms } = build('trace-1000', { networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 1000, podCidr: '100.64.0.0/10' });
    world.advance(60_000);
    const start = performance.now();
    settleAll(world);
    const tick = performance.now() - start;
    console.log(`trace timing: 1,000-node overlay built (all controllers) in ${ms.toFixed(0)} ms; a 60 s clock tick re-settles in ${tick.toFixed(0)} ms`);
    expect(nodesOf(world, id).filter((n) => n.status.conditions.find((c) => c.type === 'Ready')!.status === 'True')).toHaveLength(1000);
    expect(ms).toBeLessThan(6000);
  });
});
