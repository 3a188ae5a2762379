// What the API server remembers between requests, in the world's controller memory so it is
// saved and restored with the rest: the owners waiting in foreground deletion for their
// dependents to go (the garbage collector's "attempt to delete owner" queue).
import type { K8sObject } from '../model/k8s/types.ts';
import { objectKey, type World } from '../model/world.ts';

const MEMORY_KEY = 'apiserver';

interface ApiServerMemory {
  /** Per lower-cased cluster id, the object keys of owners held by the foregroundDeletion finalizer. */
  foreground: Record<string, string[]>;
}

function memory(world: World): ApiServerMemory {
  const controllers = (world.state.controllers ??= {});
  return (controllers[MEMORY_KEY] ??= { foreground: {} }) as ApiServerMemory;
}

export function notePendingForeground(world: World, clusterId: string, obj: K8sObject): void {
  const all = memory(world).foreground;
  const key = clusterId.toLowerCase();
  const list = (all[key] ??= []);
  const objKey = objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
  if (!list.includes(objKey)) {
    list.push(objKey);
    world.touch();
  }
}

/** The pending owners of every cluster (a snapshot). */
export function pendingForeground(world: World): [string, string[]][] {
  const all = world.state.controllers?.[MEMORY_KEY] as ApiServerMemory | undefined;
  return all ? Object.entries(all.foreground).map(([k, v]) => [k, [...v]]) : [];
}

export function forgetPendingForeground(world: World, clusterKey: string, objKey: string): void {
  const all = memory(world).foreground;
  const list = all[clusterKey];
  if (!list) return;
  const i = list.indexOf(objKey);
  if (i < 0) return;
  list.splice(i, 1);
  if (list.length === 0) delete all[clusterKey];
  world.touch();
}
