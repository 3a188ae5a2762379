// Cases that need later parts of the engine register here, so bench.ts stays short.
import type { World } from '../../sandbox/model/world.ts';

export interface BenchContext {
  measure<T>(name: string, runs: number, fn: () => T, note?: (result: T) => string): T;
  record(row: { case: string; median: string; runs: number; note?: string }): void;
  buildCluster(options: { nodes: number; plugin: 'kubenet' | 'overlay' | 'azure'; maxPods?: number }): World;
  kubenet: World;
}

export function benchExtras(_context: BenchContext): void {}
