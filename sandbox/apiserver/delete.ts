// DELETE, as kube-apiserver and the garbage collector's propagation policies make it happen:
// - an object with finalizers only gets `deletionTimestamp` (its controller finishes the job);
// - a pod bound to a node is deleted gracefully (deletionTimestamp + grace period; the kubelet
//   removes it), an unbound or finished pod at once;
// - background (kubectl's default): the owner goes now, the garbage collector removes its
//   dependents on the next settle; orphan: dependents lose their owner reference and stay;
//   foreground: dependents first, the owner once they are gone (the `foregroundDeletion`
//   finalizer holds it meanwhile; see lifecycle-controller.ts);
// - a namespace turns Terminating, its content is deleted, and it goes once empty; `default`,
//   `kube-system` and `kube-public` may not be deleted (NamespaceLifecycle).
import { del, put, stamp } from '../controllers/k8s/store.ts';
import { rfc3339 } from '../core/clock.ts';
import type { K8sObject, Pod } from '../model/k8s/types.ts';
import type { World } from '../model/world.ts';
import { isTerminating } from './context.ts';
import { notePendingForeground } from './pending.ts';
import { forbidden, notFound, type K8sApiError } from './errors.ts';
import { qualifiedResource, resourceForKind } from './resources.ts';

export type Cascade = 'background' | 'foreground' | 'orphan';

export interface DeleteOptions {
  cascade?: Cascade;
  /** Overrides a pod's terminationGracePeriodSeconds; 0 deletes at once (`--grace-period=0 --force`). */
  gracePeriodSeconds?: number;
}

export interface DeleteResult {
  /** The object as it was before, or as it now is when it was only marked. */
  object: K8sObject;
  /** False when the object still exists, marked for deletion. */
  deleted: boolean;
}

export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function dependentsOf(world: World, clusterId: string, uid: string): K8sObject[] {
  const objects = world.cluster(clusterId).objects;
  const out: K8sObject[] = [];
  for (const key in objects) {
    const obj = objects[key]!;
    if (obj.metadata.ownerReferences?.some((r) => r.uid === uid)) out.push(obj);
  }
  return out;
}

function mark(world: World, clusterId: string, obj: K8sObject, finalizers?: string[], graceSeconds = 0): K8sObject {
  const next = copy(obj);
  next.metadata.deletionTimestamp = graceSeconds > 0 ? rfc3339(world.now() + graceSeconds * 1000) : stamp(world);
  (next.metadata as unknown as Record<string, unknown>)['deletionGracePeriodSeconds'] = graceSeconds;
  if (finalizers) next.metadata.finalizers = finalizers;
  return put(world, clusterId, next);
}

function remove(world: World, clusterId: string, obj: K8sObject): DeleteResult {
  del(world, clusterId, obj.kind, obj.metadata.namespace, obj.metadata.name);
  return { object: obj, deleted: true };
}

function podGrace(pod: Pod, options: DeleteOptions): number {
  const phase = pod.status?.phase;
  if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const own = pod.spec.terminationGracePeriodSeconds;
  return options.gracePeriodSeconds ?? (typeof own === 'number' ? own : 30);
}

/** Deletes one stored object under the given propagation policy. */
export function deleteStored(world: World, clusterId: string, obj: K8sObject, options: DeleteOptions): DeleteResult {
  const cascade = options.cascade ?? 'background';
  if (obj.metadata.deletionTimestamp) {
    // Already going; only a forced pod deletion shortens the wait.
    if (obj.kind === 'Pod' && options.gracePeriodSeconds === 0 && !(obj.metadata.finalizers ?? []).length) return remove(world, clusterId, obj);
    return { object: obj, deleted: false };
  }
  if (cascade === 'orphan') {
    for (const dep of dependentsOf(world, clusterId, obj.metadata.uid)) {
      const next = copy(dep);
      next.metadata.ownerReferences = dep.metadata.ownerReferences!.filter((r) => r.uid !== obj.metadata.uid);
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      put(world, clusterId, next);
    }
  } else if (cascade === 'foreground') {
    const deps = dependentsOf(world, clusterId, obj.metadata.uid);
    for (const dep of deps) deleteStored(world, clusterId, dep, { ...options, gracePeriodSeconds: undefined });
    if (dependentsOf(world, clusterId, obj.metadata.uid).length > 0) {
      const marked = mark(world, clusterId, obj, [...(obj.metadata.finalizers ?? []), FOREGROUND_FINALIZER]);
      notePendingForeground(world, clusterId, marked);
      return { object: marked, deleted: false };
    }
  }
  if ((obj.metadata.finalizers ?? []).length > 0) return { object: mark(world, clusterId, obj), deleted: false };
  if (obj.kind === 'Pod') {
    const grace = podGrace(obj as Pod, options);
    if (grace > 0) return { object: mark(world, clusterId, obj, undefined, grace), deleted: false };
  }
  return remove(world, clusterId, obj);
}

/** Deletes what a namespace holds and the namespace itself once nothing is left. */
function deleteNamespace(world: World, clusterId: string, ns: K8sObject): DeleteResult {
  if (isTerminating(ns)) return { object: ns, deleted: false };
  const next = copy(ns);
  next.metadata.deletionTimestamp = stamp(world);
  next.status = { ...(next.status as object | undefined), phase: 'Terminating' };
  const marked = put(world, clusterId, next);
  const objects = world.cluster(clusterId).objects;
  const content = Object.keys(objects)
    .map((k) => objects[k]!)
    .filter((o) => o.metadata.namespace === ns.metadata.name);
  for (const obj of content) {
    if (world.k8sGet(clusterId, obj.kind, obj.metadata.namespace, obj.metadata.name)) deleteStored(world, clusterId, obj, {});
  }
  if (finishNamespace(world, clusterId, ns.metadata.name)) return { object: marked, deleted: true };
  return { object: marked, deleted: false };
}

/** Removes a Terminating namespace that holds nothing any more; true when it went. */
export function finishNamespace(world: World, clusterId: string, name: string): boolean {
  const objects = world.cluster(clusterId).objects;
  for (const key in objects) if (objects[key]!.metadata.namespace === name) return false;
  return del(world, clusterId, 'Namespace', undefined, name);
}

export function deleteObject(
  world: World,
  clusterId: string,
  kind: string,
  namespace: string | undefined,
  name: string,
  options: DeleteOptions = {},
): DeleteResult | K8sApiError {
  const type = resourceForKind(kind);
  if (!type) return notFound(kind.toLowerCase(), name);
  const ns = type.namespaced ? (namespace ?? 'default') : undefined;
  const obj = world.k8sGet(clusterId, type.kind, ns, name);
  if (!obj) return notFound(qualifiedResource(type), name);
  if (type.kind === 'Namespace') {
    if (IMMORTAL_NAMESPACES.includes(name)) return forbidden('namespaces', name, 'this namespace may not be deleted');
    return deleteNamespace(world, clusterId, obj);
  }
  return deleteStored(world, clusterId, obj, options);
}
