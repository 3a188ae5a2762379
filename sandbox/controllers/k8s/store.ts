// One pass over a cluster's objects, grouped by kind. World.k8sList walks every object of the
// cluster on each call; controllers that need several kinds call this once per reconcile instead.
import type { K8sObject } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';

export type KindIndex = Map<string, K8sObject[]>;

export function objectsByKind(world: World, clusterId: string, kinds: readonly string[]): KindIndex {
  const index: KindIndex = new Map(kinds.map((k) => [k, []]));
  const objects = world.cluster(clusterId).objects;
  for (const key in objects) {
    const obj = objects[key]!;
    const bucket = index.get(obj.kind);
    if (bucket) bucket.push(obj);
  }
  return index;
}

export function kindList<T extends K8sObject>(index: KindIndex, kind: string): T[] {
  return (index.get(kind) ?? []) as T[];
}

/** `namespace/name`, the key controllers use to find objects of one kind. */
export function nsName(obj: K8sObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

export function byName<T extends K8sObject>(a: T, b: T): number {
  const x = nsName(a);
  const y = nsName(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Oldest first, then by name: the order controllers and the scheduler queue work in. */
export function byAge<T extends K8sObject>(a: T, b: T): number {
  const x = a.metadata.creationTimestamp;
  const y = b.metadata.creationTimestamp;
  if (x !== y) return x < y ? -1 : 1;
  return byName(a, b);
}

/** Groups objects by the uid of their controller owner. */
export function byControllerUid<T extends K8sObject>(objects: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const obj of objects) {
    const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref) continue;
    let list = out.get(ref.uid);
    if (!list) out.set(ref.uid, (list = []));
    list.push(obj);
  }
  return out;
}
