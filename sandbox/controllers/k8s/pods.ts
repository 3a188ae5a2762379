// Facts about a pod that several controllers ask: is it still counted, is it ready, which node
// conditions block it. Pure functions of the objects.
import type { Node, Pod } from '../../model/k8s/types.ts';

/** Succeeded and Failed pods no longer run and no longer count toward replicas. */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp;
}

/** A pod a ReplicaSet or DaemonSet counts as one of its replicas (controller `IsPodActive`). */
export function isActive(pod: Pod): boolean {
  return !isTerminal(pod) && !isTerminating(pod);
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function nodeReadyStatus(node: Node): 'True' | 'False' | 'Unknown' {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
}

export function isNodeReady(node: Node): boolean {
  return nodeReadyStatus(node) === 'True';
}

export function nodeInternalIp(node: Node): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

/** The node's pod capacity (allocatable `pods`), 110 when the node does not say. */
export function podCapacity(node: Node): number {
  const value = Number.parseInt(node.status?.allocatable?.pods ?? node.status?.capacity?.pods ?? '', 10);
  return Number.isFinite(value) ? value : 110;
}

export function podPriority(pod: Pod): number {
  const p = (pod.spec as { priority?: number }).priority;
  return typeof p === 'number' ? p : 0;
}
