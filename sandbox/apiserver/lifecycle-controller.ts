// The deletions the API layer starts but cannot finish in one request, finished as
// kube-controller-manager does: the namespace controller empties a Terminating namespace
// (again and again, since controllers may still write events into it) and removes it once
// empty; the garbage collector lets an owner in foreground deletion go once its dependents are
// gone (removing the `foregroundDeletion` finalizer, which deletes it if it was the last one).
import { listKind, put, del } from '../controllers/k8s/store.ts';
import type { Controller } from '../controllers/types.ts';
import type { K8sObject } from '../model/k8s/types.ts';
import type { World } from '../model/world.ts';
import { isTerminating } from './context.ts';
import { deleteStored, dependentsOf, finishNamespace, FOREGROUND_FINALIZER } from './delete.ts';
import { forgetPendingForeground, pendingForeground } from './pending.ts';

function emptyNamespaces(world: World, clusterId: string): void {
  const terminating = listKind(world, clusterId, 'Namespace').filter(isTerminating);
  if (terminating.length === 0) return;
  const names = new Set(terminating.map((n) => n.metadata.name));
  const objects = world.cluster(clusterId).objects;
  const content: K8sObject[] = [];
  for (const key in objects) {
    const obj = objects[key]!;
    if (obj.metadata.namespace && names.has(obj.metadata.namespace) && !obj.metadata.deletionTimestamp) content.push(obj);
  }
  for (const obj of content) deleteStored(world, clusterId, obj, {});
  for (const name of names) finishNamespace(world, clusterId, name);
}

function releaseForeground(world: World, clusterKey: string, objKey: string): void {
  const obj = world.cluster(clusterKey).objects[objKey];
  if (!obj) {
    forgetPendingForeground(world, clusterKey, objKey);
    return;
  }
  if (dependentsOf(world, clusterKey, obj.metadata.uid).length > 0) return;
  forgetPendingForeground(world, clusterKey, objKey);
  const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== FOREGROUND_FINALIZER);
  if (finalizers.length === 0) {
    del(world, clusterKey, obj.kind, obj.metadata.namespace, obj.metadata.name);
    return;
  }
  const next = JSON.parse(JSON.stringify(obj)) as K8sObject;
  next.metadata.finalizers = finalizers;
  put(world, clusterKey, next);
}

export const apiServerLifecycleController: Controller = {
  name: 'apiserver/lifecycle',
  reconcile(world) {
    for (const clusterKey of Object.keys(world.state.clusters)) emptyNamespaces(world, clusterKey);
    for (const [clusterKey, keys] of pendingForeground(world)) {
      for (const objKey of keys) releaseForeground(world, clusterKey, objKey);
    }
  },
};
