// What the node lifecycle controller does to the pods of a node it marks Unknown
// (MarkPodsNotReady): their Ready condition turns False, so the endpoints controllers take them
// out of Services, with a `NodeNotReady` warning on each. When the node posts again, its kubelet
// reports them ready once more; only the pods this controller marked are put back.
import type { Pod } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { recordEvent } from '../k8s/events.ts';

function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

function withReady(pod: Pod, status: 'True' | 'False', now: string): Pod | undefined {
  const conditions = pod.status?.conditions ?? [];
  const at = conditions.findIndex((c) => c.type === 'Ready');
  if (at < 0 || conditions[at]!.status === status) return undefined;
  const next = conditions.map((c, i) => (i === at ? { ...c, status, lastTransitionTime: now } : c));
  return { ...pod, status: { ...pod.status, conditions: next } };
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** The cluster's pods by node, listed once for all the nodes going down in one pass. */
export function podsByNode(world: World, clusterId: string): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of world.k8sList<Pod>(clusterId, 'Pod')) {
    const node = pod.spec?.nodeName;
    if (!node) continue;
    const list = out.get(node);
    if (list) list.push(pod);
    else out.set(node, [pod]);
  }
  return out;
}

/** Marks the node's pods not ready; returns the keys of those it changed. */
export function markPodsNotReady(world: World, clusterId: string, pods: readonly Pod[]): string[] {
  const now = world.timestamp();
  const marked: string[] = [];
  for (const pod of pods) {
    if (isTerminal(pod)) continue;
    const next = withReady(pod, 'False', now);
    if (!next) continue;
    world.k8sPut(clusterId, next);
    recordEvent(world, clusterId, next, 'Warning', 'NodeNotReady', 'Node is not ready', 'node-controller');
    marked.push(podKey(pod));
  }
  return marked;
}

/** The kubelet reporting the marked pods ready again once the node is back. */
export function restorePods(world: World, clusterId: string, nodeName: string, keys: readonly string[]): void {
  const now = world.timestamp();
  for (const key of keys) {
    const [namespace, name] = key.split('/') as [string, string];
    const pod = world.k8sGet<Pod>(clusterId, 'Pod', namespace, name);
    if (!pod || pod.spec?.nodeName !== nodeName || isTerminal(pod) || pod.metadata.deletionTimestamp) continue;
    const ready = pod.status?.containerStatuses?.every((c) => c.ready) ?? true;
    if (!ready) continue;
    const next = withReady(pod, 'True', now);
    if (next) world.k8sPut(clusterId, next);
  }
}
