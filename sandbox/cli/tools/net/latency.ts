// Round-trip times the tools print (curl's "after 3 ms", ping's time=, traceroute's columns):
// derived from where a traced flow went, so a pod on the same node answers in microseconds, a
// hop across the VNet in about a millisecond, the internet from Azure in a few, and anything
// from the learner's laptop in tens. Jitter comes from a seed, so outputs are repeatable.
import { fnv1a } from '../../../core/hash.ts';
import type { World } from '../../../model/world.ts';
import type { Endpoint, Hop } from '../../../network/flow.ts';
import type { TraceResult } from '../../../network/trace/index.ts';

export type Reach = 'loopback' | 'node' | 'vnet' | 'azure-public' | 'internet' | 'from-outside';

function leftNode(hops: readonly Hop[]): boolean {
  return hops.some((h) => h.action === 'send' && h.at.endsWith(' eth0'));
}

function outsideAzure(world: World, from: Endpoint): boolean {
  if (from.kind !== 'machine') return false;
  const m = world.state.machines[from.id];
  return !m?.subnetId;
}

/** How far a flow travelled, coarsely. */
export function reachOf(world: World, from: Endpoint, t: TraceResult): Reach {
  const dst = t.finalDestination?.ip ?? t.flow.to.ip ?? '';
  if (dst.startsWith('127.')) return 'loopback';
  if (outsideAzure(world, from)) return 'from-outside';
  const kind = t.reached?.kind;
  if (kind === 'internet') return 'internet';
  if (kind === 'control-plane' && t.reached?.kind === 'control-plane' && t.reached.public) return 'azure-public';
  if (from.kind !== 'machine' && !leftNode(t.hops)) return 'node';
  return 'vnet';
}

/** Base round trip in milliseconds for a reach, varied per destination (a CDN is nearer than a far host). */
export function baseRtt(reach: Reach, destination: string): number {
  const spread = (fnv1a(destination) % 1000) / 1000;
  switch (reach) {
    case 'loopback':
      return 0.03 + spread * 0.03;
    case 'node':
      return 0.06 + spread * 0.08;
    case 'vnet':
      return 0.7 + spread * 0.9;
    case 'azure-public':
      return 1.6 + spread * 1.2;
    case 'internet':
      return 1.8 + spread * 9;
    case 'from-outside':
      return 17 + spread * 21;
  }
}

/** One sample of the round trip: the base plus up to ±12% jitter from the seed. */
export function sampleRtt(base: number, seed: string): number {
  const j = ((fnv1a(seed) % 2001) - 1000) / 1000;
  return Math.max(0.011, base * (1 + j * 0.12));
}

export function rttOf(world: World, from: Endpoint, t: TraceResult, seed: string): number {
  const dst = t.finalDestination?.ip ?? t.flow.to.ip ?? '';
  return sampleRtt(baseRtt(reachOf(world, from, t), dst), seed);
}
