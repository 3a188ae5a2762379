// What the node lifecycle side remembers between reconciles, kept in the world (as the real
// controller keeps it in memory) so snapshots carry it: each node's last successful heartbeat,
// whether this controller marked it Unknown (and so may mark it Ready again), the pods it marked
// not ready, and the last tunnel verdict per cluster.
import type { World } from '../../model/world.ts';

export interface NodeRecord {
  lastHeartbeatMs: number;
  /** Set while the node is Unknown because of this controller. */
  markedUnknown?: boolean;
  /** `namespace/name` of pods this controller set not ready when the node went Unknown. */
  podsMarked?: string[];
}

export interface TunnelRecord {
  ok: boolean;
  reason: string;
  checkedAtMs: number;
}

export interface NodeHealthMemory {
  nodes: Record<string, NodeRecord>;
  tunnels: Record<string, TunnelRecord>;
}

const NAME = 'node-health';

export function memoryOf(world: World): NodeHealthMemory {
  const controllers = (world.state.controllers ??= {});
  return (controllers[NAME] ??= { nodes: {}, tunnels: {} }) as NodeHealthMemory;
}

export function nodeKey(clusterId: string, nodeName: string): string {
  return `${clusterId.toLowerCase()}|${nodeName}`;
}
