// Events as the Kubernetes event recorder writes them. World.event looks for an earlier twin by
// scanning every event of the namespace, which is quadratic when a cluster boots thousands of
// pods; here an event's name is derived from what it says, so finding its twin is one lookup.
import type { K8sEvent, K8sObject } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { newMeta } from './meta.ts';

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
  const name = `${about.metadata.name}.${world.hex(`event:${key}`, 16)}`;
  const now = world.timestamp();
  const existing = world.k8sGet<K8sEvent>(clusterId, 'Event', namespace, name);
  if (existing) {
    if (options.once) return;
    existing.count += 1;
    existing.lastTimestamp = now;
    world.k8sPut(clusterId, existing);
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
  world.k8sPut<K8sEvent>(clusterId, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: newMeta(name, namespace),
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
