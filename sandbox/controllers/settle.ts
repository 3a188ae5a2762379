// Runs every controller until a full round changes nothing, like a cluster settling after an
// API call. A round limit guards against two controllers fighting; hitting it is a bug.
import type { World } from '../model/world.ts';
import type { Controller } from './types.ts';

export const MAX_ROUNDS = 50;

export interface SettleResult {
  rounds: number;
  settled: boolean;
}

export function settle(world: World, controllers: readonly Controller[]): SettleResult {
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    world.dirty = false;
    for (const controller of controllers) controller.reconcile(world);
    if (!world.dirty) return { rounds: round, settled: true };
  }
  return { rounds: MAX_ROUNDS, settled: false };
}
