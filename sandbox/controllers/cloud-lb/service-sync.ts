// The Kubernetes service controller's side (k8s.io/cloud-provider controllers/service):
// events, the cleanup finalizer, status.loadBalancer, retries with backoff. It calls the cloud
// provider functions of ensure.ts and never formats anything beyond the events it records.
import type { Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { ensureLoadBalancer, ensureLoadBalancerDeleted, loadBalancerExists, updateHosts, type ClusterView } from './ensure.ts';
import { memoryOf, recordKey, retryDelayMs, snapshotService, specKeyOf, type SyncRecord } from './memory.ts';
import { EVENT_SOURCE, LB_FINALIZER } from './names.ts';
import { isLoadBalancerNode } from './node-index.ts';
import { recordEvent } from '../k8s/events.ts';
import { del, put } from '../k8s/store.ts';

/** Catching up after a long clock jump records at most this many failed retries at once. */
const MAX_CATCH_UP = 1000;

// Through the Kubernetes controllers' recorder and store, which keep their per-kind index current.
function event(world: World, clusterId: string, svc: Service, type: 'Normal' | 'Warning', reason: string, message: string): void {
  recordEvent(world, clusterId, svc, type, reason, message, EVENT_SOURCE);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function nodesKeyOf(view: ClusterView): string {
  return view.nodes
    .filter(isLoadBalancerNode)
    .map((n) => n.metadata.name)
    .sort()
    .join(',');
}

function setFinalizer(world: World, clusterId: string, svc: Service, present: boolean): Service | undefined {
  const has = (svc.metadata.finalizers ?? []).includes(LB_FINALIZER);
  if (has === present) return svc;
  const updated = clone(svc);
  const rest = (updated.metadata.finalizers ?? []).filter((f) => f !== LB_FINALIZER);
  updated.metadata.finalizers = present ? rest.concat(LB_FINALIZER) : rest;
  if (updated.metadata.finalizers.length === 0) delete updated.metadata.finalizers;
  // The API server removes an object being deleted once its last finalizer is gone.
  if (!present && updated.metadata.deletionTimestamp && !updated.metadata.finalizers) {
    del(world, clusterId, 'Service', svc.metadata.namespace, svc.metadata.name);
    return undefined;
  }
  return put(world, clusterId, updated);
}

function patchStatus(world: World, clusterId: string, svc: Service, ingressIp: string | undefined): void {
  const wanted = ingressIp ? { ingress: [{ ip: ingressIp, ipMode: 'VIP' as const }] } : {};
  if (JSON.stringify(svc.status?.loadBalancer ?? {}) === JSON.stringify(wanted)) return;
  const updated = clone(svc);
  updated.status = { ...(updated.status ?? {}), loadBalancer: wanted };
  put(world, clusterId, updated);
}

function current(world: World, clusterId: string, svc: Service): Service {
  return world.k8sGet<Service>(clusterId, 'Service', svc.metadata.namespace, svc.metadata.name) ?? svc;
}

/**
 * syncLoadBalancerIfNeeded, ensure branch: Ensuring, finalizer, EnsureLoadBalancer, then Ensured
 * or SyncLoadBalancerFailed. `repeats` > 1 replays retries that fell due during a clock jump:
 * nothing else ran in between, so each of them would have failed the same way.
 */
export function syncEnsure(world: World, view: ClusterView, svc: Service, failuresSoFar: number, repeats = 1): void {
  const clusterId = view.ctx.clusterId;
  const key = recordKey(clusterId, svc);
  event(world, clusterId, svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
  const withFinalizer = setFinalizer(world, clusterId, svc, true) ?? svc;
  if (!view.nodes.some(isLoadBalancerNode)) {
    event(world, clusterId, withFinalizer, 'Warning', 'UnAvailableLoadBalancer', 'There are no available nodes for LoadBalancer');
  }
  const result = ensureLoadBalancer(world, view, withFinalizer);
  const record: SyncRecord = {
    clusterId,
    uid: svc.metadata.uid,
    specKey: specKeyOf(svc),
    nodesKey: nodesKeyOf(view),
    service: snapshotService(withFinalizer),
  };
  if (result.ok) {
    event(world, clusterId, withFinalizer, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
    patchStatus(world, clusterId, current(world, clusterId, withFinalizer), result.ingressIp);
  } else {
    const message = `Error syncing load balancer: failed to ensure load balancer: ${result.message}`;
    for (let i = 0; i < repeats; i++) {
      if (i > 0) event(world, clusterId, withFinalizer, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
      event(world, clusterId, withFinalizer, 'Warning', 'SyncLoadBalancerFailed', message);
    }
    const attempts = failuresSoFar + repeats;
    record.failure = { message: result.message, attempts, nextRetryMs: world.now() + retryDelayMs(attempts) };
  }
  memoryOf(world).records[key] = record;
}

/** A failed Service whose backoff has run out is tried again; retries due since the clock last moved are counted. */
export function syncRetry(world: World, view: ClusterView, svc: Service, record: SyncRecord): void {
  const failure = record.failure!;
  let due = 0;
  let attempts = failure.attempts;
  let at = failure.nextRetryMs;
  while (at <= world.now() && due < MAX_CATCH_UP) {
    due++;
    attempts++;
    at += retryDelayMs(attempts);
  }
  if (due > 0) syncEnsure(world, view, svc, failure.attempts, due);
}

/** Node set changed since the last sync: UpdateLoadBalancer (CPA re-runs reconcileService). */
export function syncHosts(world: World, view: ClusterView, svc: Service, record: SyncRecord): void {
  const clusterId = view.ctx.clusterId;
  updateHosts(world, view);
  const result = ensureLoadBalancer(world, view, svc);
  record.nodesKey = nodesKeyOf(view);
  if (result.ok) {
    event(world, clusterId, svc, 'Normal', 'UpdatedLoadBalancer', 'Updated load balancer with new hosts');
    patchStatus(world, clusterId, svc, result.ingressIp);
  } else {
    const names = view.nodes.filter(isLoadBalancerNode).map((n) => n.metadata.name);
    event(
      world,
      clusterId,
      svc,
      'Warning',
      'UpdateLoadBalancerFailed',
      `Error updating load balancer with new hosts [${names.slice(0, 20).join(' ')}] [node names limited, total number of nodes: ${names.length}], error: ${result.message}`,
    );
  }
}

/** syncLoadBalancerIfNeeded, delete branch (type changed away, or deletion with the finalizer). */
export function syncDelete(world: World, view: ClusterView, svc: Service): void {
  const clusterId = view.ctx.clusterId;
  if (loadBalancerExists(world, view.ctx, svc)) {
    event(world, clusterId, svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
    const result = ensureLoadBalancerDeleted(world, view, svc);
    if (!result.ok) {
      event(world, clusterId, svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to delete load balancer: ${result.message}`);
      return;
    }
  }
  const remaining = setFinalizer(world, clusterId, svc, false);
  event(world, clusterId, svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
  if (remaining) patchStatus(world, clusterId, remaining, undefined);
  delete memoryOf(world).records[recordKey(clusterId, svc)];
}

/** processLoadBalancerDelete: the Service vanished without the finalizer; clean up from the cached copy. */
export function syncVanished(world: World, view: ClusterView, cached: Service): void {
  const clusterId = view.ctx.clusterId;
  if (cached.spec.type === 'LoadBalancer' && !cached.spec.loadBalancerClass) {
    event(world, clusterId, cached, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
    const result = ensureLoadBalancerDeleted(world, view, cached);
    if (!result.ok) {
      event(world, clusterId, cached, 'Warning', 'DeleteLoadBalancerFailed', `Error deleting load balancer: ${result.message}`);
      return;
    }
    event(world, clusterId, cached, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
  }
  delete memoryOf(world).records[recordKey(clusterId, cached)];
}
