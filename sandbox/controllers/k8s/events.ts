// Events as the Kubernetes event recorder writes them. World.event looks for an earlier twin by
// scanning every event of the namespace, which is quadratic when a cluster boots thousands of
// pods; here an event's name is derived from what it says, so finding its twin is one lookup.
import { fnv1a, generator } from '../../core/hash.ts';
import type { K8sEvent, K8sObject } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { noteEventTime } from './gc.ts';
import { flatGuid, hexFrom } from './ids.ts';
import { newMeta } from './meta.ts';
import { put, stamp } from './store.ts';

export interface EventOptions {
  /** Node name for kubelet events (source.host). */
  host?: string;
  /** `spec.containers{web}` for container events. */
  fieldPath?: string;
  /**
   * Record only the first occurrence. Controllers reconcile every settle round; an event for a
   * condition that simply persists (FailedScheduling) must not count up on each round.
   */
  once?: boolean;
  /** The caller knows no such event exists yet (a pod starting for the first time): skip the lookup. */
  fresh?: boolean;
}

export function recordEvent(
  world: World,
  clusterId: string,
  about: K8sObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
  options: EventOptions = {},
): void {
  const namespace = about.metadata.namespace ?? 'default';
  // Each cluster has its own store, and uids are unique within it: no need for the cluster id.
  const key = `${about.metadata.uid}|${reason}|${message}|${options.fieldPath ?? ''}`;
  // One generator names the event and, mixed with the time, gives its uid: an event's name is
  // unique while it exists, and one that comes back after expiring does so at a later time.
  const next = generator(`${world.state.seed}/event:${key}`);
  const name = `${about.metadata.name}.${hexFrom(next, 16)}`;
  const now = stamp(world);
  const existing = options.fresh ? undefined : world.k8sGet<K8sEvent>(clusterId, 'Event', namespace, name);
  if (existing) {
    if (options.once) return;
    existing.count += 1;
    existing.lastTimestamp = now;
    put(world, clusterId, existing);
    return;
  }
  const involvedObject: K8sEvent['involvedObject'] = {
    kind: about.kind,
    name: about.metadata.name,
    namespace: about.metadata.namespace,
    uid: about.metadata.uid,
    apiVersion: about.apiVersion,
  };
  if (options.fieldPath) involvedObject.fieldPath = options.fieldPath;
  noteEventTime(world, clusterId, now);
  put(world, clusterId, {
    apiVersion: 'v1',
    kind: 'Event',
    // Set here so `put` need not look the event up again.
    metadata: newMeta(name, namespace, { uid: flatGuid('', hexFrom(next, 32, fnv1a(now))), creationTimestamp: now }),
    involvedObject,
    reason,
    message,
    type,
    source: options.host ? { component, host: options.host } : { component },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    reportingComponent: component,
    reportingInstance: options.host ?? '',
  });
}
