// What the service controller keeps in memory between syncs, stored in the world so snapshots
// carry it: the Service as last synced (to clean up after it vanishes, and to tell whether it
// changed), the node set it was synced with, and the retry backoff after a failure.
import type { Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';

export interface SyncRecord {
  clusterId: string;
  uid: string;
  /** needsUpdate's view of the Service when it was last synced. */
  specKey: string;
  /** The load-balancer node set (names) it was last synced with. */
  nodesKey: string;
  service: Service;
  failure?: { message: string; attempts: number; nextRetryMs: number };
}

interface CloudLbMemory {
  records: Record<string, SyncRecord>;
}

const NAME = 'cloud-lb';

export function memoryOf(world: World): CloudLbMemory {
  const controllers = (world.state.controllers ??= {});
  return (controllers[NAME] ??= { records: {} }) as CloudLbMemory;
}

export function recordKey(clusterId: string, svc: { metadata: { namespace?: string; name: string } }): string {
  return `${clusterId.toLowerCase()}|${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
}

/** The fields the k8s service controller compares in needsUpdate (and the UID). */
export function specKeyOf(svc: Service): string {
  const s = svc.spec;
  return JSON.stringify([
    svc.metadata.uid,
    s.type,
    s.loadBalancerClass ?? null,
    s.loadBalancerSourceRanges ?? [],
    s.ports.map((p) => [p.name ?? '', p.protocol, p.port, p.nodePort ?? 0, p.targetPort, p.appProtocol ?? null]),
    s.sessionAffinity ?? 'None',
    s.loadBalancerIP ?? '',
    s.externalIPs ?? [],
    Object.entries(svc.metadata.annotations ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)),
    s.externalTrafficPolicy ?? 'Cluster',
    s.healthCheckNodePort ?? 0,
    (s.ipFamilies ?? []).length,
  ]);
}

/** A detached copy of what matters of the Service, for later deletion and events. */
export function snapshotService(svc: Service): Service {
  return JSON.parse(
    JSON.stringify({
      apiVersion: svc.apiVersion,
      kind: svc.kind,
      metadata: {
        name: svc.metadata.name,
        namespace: svc.metadata.namespace,
        uid: svc.metadata.uid,
        resourceVersion: svc.metadata.resourceVersion,
        creationTimestamp: svc.metadata.creationTimestamp,
        annotations: svc.metadata.annotations,
      },
      spec: svc.spec,
      status: svc.status,
    }),
  ) as Service;
}

/** The service controller's workqueue: 5 s after the first failure, doubling, at most 300 s. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5000 * 2 ** Math.max(0, attempts - 1), 300_000);
}
