// Large clusters must build quickly (the brief: under 2 s each). Timings are printed, not
// asserted tightly: the test machine is shared.
import { describe, expect, it } from 'vitest';
import { aksControllers } from '../../../sandbox/controllers/aks/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import type { RouteTable } from '../../../sandbox/model/azure/types.ts';
import { create, newWorld, nodes } from './helpers.ts';

describe('building large clusters', () => {
  it('400-node kubenet at max pods 110, and a 1,000-node overlay cluster', () => {
    const kubenetWorld = newWorld('timing-kubenet');
    let start = performance.now();
    const kubenet = create(kubenetWorld, { networkPlugin: 'kubenet', nodeCount: 400, maxPods: 110, podCidr: '10.244.0.0/14' });
    const kubenetMs = performance.now() - start;

    const overlayWorld = newWorld('timing-overlay');
    start = performance.now();
    const overlay = create(overlayWorld, { networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 1000, podCidr: '100.64.0.0/10' });
    const overlayMs = performance.now() - start;

    start = performance.now();
    const again = settle(overlayWorld, aksControllers());
    const resettleMs = performance.now() - start;

    console.log(
      `aks build timing: kubenet 400 nodes ${kubenetMs.toFixed(0)} ms, overlay 1000 nodes ${overlayMs.toFixed(0)} ms, ` +
        `idle re-settle of the 1000-node cluster ${resettleMs.toFixed(0)} ms`,
    );
    expect(nodes(kubenetWorld, kubenet)).toHaveLength(400);
    expect(kubenetWorld.resourcesOfType<RouteTable>('Microsoft.Network/routeTables')[0]!.routes).toHaveLength(400);
    expect(nodes(overlayWorld, overlay)).toHaveLength(1000);
    expect(again.rounds).toBe(1);
    // Generous bounds: the target is 2 s; a loaded CI box gets slack, a quadratic regression does not.
    expect(kubenetMs).toBeLessThan(4000);
    expect(overlayMs).toBeLessThan(4000);
  });
});
