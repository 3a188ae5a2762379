// The cleaners: the garbage collector deletes objects whose owners are all gone (background
// propagation, so deleting a Deployment removes its ReplicaSets, then their pods); the pod GC
// deletes pods bound to nodes that no longer exist; the API server drops events after their
// TTL (kube-apiserver `--event-ttl`, 1 h by default).
import { rfc3339 } from '../../core/clock.ts';
import type { K8sEvent, K8sObject, Pod } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { runningClusters } from './cluster.ts';
import { allKinds, del, kindList, markSeen, memo, objectsByKind, setMemo, unchangedSince } from './store.ts';

export const EVENT_TTL_MS = 60 * 60 * 1000;
const EARLIEST_EVENT = 'gc:earliest-event';

export const garbageCollector: Controller = {
  name: 'k8s/garbage-collector',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      expireEvents(world, mc.id);
      if (unchangedSince(world, mc.id, 'all', 'garbage-collector')) continue;
      const kinds = allKinds(world, mc.id).filter((k) => k !== 'Event');
      const index = objectsByKind(world, mc.id, kinds);
      const uids = new Set<string>();
      const nodes = new Set(kindList(index, 'Node').map((n) => n.metadata.name));
      for (const list of index.values()) for (const obj of list) uids.add(obj.metadata.uid);
      // Repeat so a whole chain (Deployment → ReplicaSet → Pod) goes in one reconcile.
      for (let pass = 0; pass < 8; pass++) {
        const doomed: K8sObject[] = [];
        for (const list of index.values()) {
          for (const obj of list) {
            if (!uids.has(obj.metadata.uid)) continue;
            const owners = obj.metadata.ownerReferences;
            if (owners?.length && !owners.some((ref) => uids.has(ref.uid))) doomed.push(obj);
            else if (obj.kind === 'Pod' && (obj as Pod).spec?.nodeName && !nodes.has((obj as Pod).spec.nodeName!)) doomed.push(obj);
          }
        }
        if (doomed.length === 0) break;
        for (const obj of doomed) {
          uids.delete(obj.metadata.uid);
          del(world, mc.id, obj.kind, obj.metadata.namespace, obj.metadata.name);
        }
      }
      markSeen(world, mc.id, 'all', 'garbage-collector');
    }
  },
};

/**
 * Events older than the TTL go. The earliest event time is remembered while the index lives
 * (events written since carry the current, later, time), so most rounds skip the scan.
 */
function expireEvents(world: World, clusterId: string): void {
  // RFC 3339 strings in one format sort like the times they name.
  const cutoff = rfc3339(world.now() - EVENT_TTL_MS);
  const earliest = memo<string | null>(world, clusterId, EARLIEST_EVENT, () => null);
  if (earliest !== null && earliest >= cutoff) return;
  let oldest = '9999';
  for (const e of kindList<K8sEvent>(objectsByKind(world, clusterId, ['Event']), 'Event')) {
    if (e.lastTimestamp < cutoff) del(world, clusterId, 'Event', e.metadata.namespace, e.metadata.name);
    else if (e.lastTimestamp < oldest) oldest = e.lastTimestamp;
  }
  setMemo(world, clusterId, EARLIEST_EVENT, oldest);
}

/** Called for each new event so the remembered earliest time stays a lower bound. */
export function noteEventTime(world: World, clusterId: string, timestamp: string): void {
  const earliest = memo<string | null>(world, clusterId, EARLIEST_EVENT, () => null);
  if (earliest !== null && timestamp < earliest) setMemo(world, clusterId, EARLIEST_EVENT, timestamp);
}
