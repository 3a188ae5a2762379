// `npm run bench`: speed and memory of the sandbox engine, reported as numbers (never asserted:
// this machine is shared and noisy). Each case runs a few times and reports the median.
import { performance } from 'node:perf_hooks';
import { allControllers } from '../../sandbox/controllers/all.ts';
import { createManagedCluster } from '../../sandbox/controllers/aks/index.ts';
import { settle } from '../../sandbox/controllers/settle.ts';
import { isAzureError } from '../../sandbox/model/azure/errors.ts';
import { newResourceGroup } from '../../sandbox/model/azure/factories.ts';
import { createWorldState } from '../../sandbox/model/new-world.ts';
import { World } from '../../sandbox/model/world.ts';
import { benchExtras } from './bench-extras.ts';

interface Row {
  case: string;
  median: string;
  runs: number;
  note?: string;
}

const rows: Row[] = [];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function measure<T>(name: string, runs: number, fn: () => T, note?: (result: T) => string): T {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  const ms = median(times);
  rows.push({ case: name, median: ms >= 1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(1)} µs`, runs, note: note?.(result) });
  return result;
}

export function record(row: Row): void {
  rows.push(row);
}

export function buildCluster(options: { nodes: number; plugin: 'kubenet' | 'overlay' | 'azure'; maxPods?: number }): World {
  const world = new World(createWorldState('bench'));
  world.putResourceGroup(newResourceGroup({ subscriptionId: world.state.subscription.id, name: 'rg-bench', location: 'eastus' }));
  const cluster = createManagedCluster(world, {
    resourceGroup: 'rg-bench',
    name: 'aks-bench',
    nodeCount: options.nodes,
    maxPods: options.maxPods,
    // One /24 per node: a /16 pod CIDR holds only 256 nodes (AKS refuses more), so big clusters
    // get a /14, as an operator sizing them for real would.
    podCidr: options.plugin === 'azure' ? undefined : options.nodes > 256 ? '10.244.0.0/14' : undefined,
    networkPlugin: options.plugin === 'overlay' ? 'azure' : options.plugin,
    networkPluginMode: options.plugin === 'overlay' ? 'overlay' : undefined,
  });
  if (isAzureError(cluster)) throw new Error(cluster.message);
  settle(world, allControllers());
  return world;
}

const heapMb = () => (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0);

const kubenet = measure('kubenet cluster, 400 nodes, max pods 110 (create + settle)', 3, () =>
  buildCluster({ nodes: 400, plugin: 'kubenet', maxPods: 110 }),
  (w) => `${Object.keys(w.state.resources).length} Azure resources, heap ${heapMb()} MB`,
);
measure('overlay cluster, 1,000 nodes (create + settle)', 3, () => buildCluster({ nodes: 1000, plugin: 'overlay' }),
  (w) => `heap ${heapMb()} MB`);
measure('idle settle of the 400-node kubenet cluster', 5, () => settle(kubenet, allControllers()), (r) => `${r.rounds} round(s)`);

const json = measure('snapshot: JSON of the 400-node world', 3, () => JSON.stringify(kubenet.state), (s) => `${(s.length / 2 ** 20).toFixed(1)} MB`);
measure('restore: parse + World of that snapshot', 3, () => new World(JSON.parse(json)), (w) =>
  JSON.stringify(w.state) === json ? 'round-trips byte-identical' : 'DIFFERS after round trip');

benchExtras({ measure, record, buildCluster, kubenet });

console.log(`AKS Networking Lab engine benchmark (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
const width = Math.max(...rows.map((r) => r.case.length));
for (const row of rows) {
  console.log(`${row.case.padEnd(width)}  ${row.median.padStart(10)}  (median of ${row.runs})${row.note ? `  ${row.note}` : ''}`);
}
