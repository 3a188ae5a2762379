// Events as the Kubernetes event recorder writes them. World.event looks for an earlier twin by
// scanning every event of the namespace, which is quadratic when a cluster boots thousands of
// pods; here an event's name is derived from what it says, so finding its twin is one lookup.
import { fnv1a } from '../../core/hash.ts';
import type { K8sEvent, K8sObject } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { noteEventTime } from './gc.ts';
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
}

/**
 * Hex from FNV-1a words: events are the most numerous objects on a booting cluster, and this is
 * several times cheaper than the per-character generator behind World.hex.
 */
function fnvHex(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += fnv1a(`${i}:${seed}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

function guidShaped(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
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
  const key = `${clusterId}|${about.metadata.uid}|${reason}|${message}|${options.fieldPath ?? ''}`;
  const name = `${about.metadata.name}.${fnvHex(`${world.state.seed}/event:${key}`, 16)}`;
  const now = stamp(world);
  const existing = world.k8sGet<K8sEvent>(clusterId, 'Event', namespace, name);
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
  put(world, clusterId, {
    apiVersion: 'v1',
    kind: 'Event',
    // Set here so `put` need not look the event up again; the cluster's resourceVersion
    // makes the uid unique even if an expired event's name comes back.
    metadata: newMeta(name, namespace, { uid: guidShaped(fnvHex(`${key}/${world.cluster(clusterId).resourceVersion}`, 32)), creationTimestamp: now }),
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
