// The cleaners: the garbage collector deletes objects whose owners are all gone (background
// propagation, so deleting a Deployment removes its ReplicaSets, then their pods); the pod GC
// deletes pods bound to nodes that no longer exist; the API server drops events after their
// TTL (kube-apiserver `--event-ttl`, 1 h by default).
import { rfc3339 } from '../../core/clock.ts';
import type { K8sEvent, K8sObject, Pod } from '../../model/k8s/types.ts';
import type { Controller } from '../types.ts';
import { runningClusters } from './cluster.ts';

export const EVENT_TTL_MS = 60 * 60 * 1000;

export const garbageCollector: Controller = {
  name: 'k8s/garbage-collector',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      const objects = world.cluster(mc.id).objects;
      const uids = new Set<string>();
      const nodes = new Set<string>();
      for (const key in objects) {
        const obj = objects[key]!;
        uids.add(obj.metadata.uid);
        if (obj.kind === 'Node') nodes.add(obj.metadata.name);
      }
      // RFC 3339 strings in one format sort like the times they name.
      const eventCutoff = rfc3339(world.now() - EVENT_TTL_MS);
      // Repeat so a whole chain (Deployment → ReplicaSet → Pod) goes in one reconcile.
      for (let pass = 0; pass < 8; pass++) {
        const doomed: K8sObject[] = [];
        for (const key in objects) {
          const obj = objects[key]!;
          const owners = obj.metadata.ownerReferences;
          if (owners?.length && !owners.some((ref) => uids.has(ref.uid))) doomed.push(obj);
          else if (obj.kind === 'Pod' && (obj as Pod).spec?.nodeName && !nodes.has((obj as Pod).spec.nodeName!)) doomed.push(obj);
          else if (obj.kind === 'Event' && (obj as K8sEvent).lastTimestamp < eventCutoff) doomed.push(obj);
        }
        if (doomed.length === 0) break;
        for (const obj of doomed) {
          uids.delete(obj.metadata.uid);
          world.k8sDelete(mc.id, obj.kind, obj.metadata.namespace, obj.metadata.name);
        }
      }
    }
  },
};
