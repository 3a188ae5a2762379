// The cloud controller's service loop for every AKS cluster: which Services need a sync this
// round (new or changed, retry due, node set changed, being deleted or switched away from
// LoadBalancer, vanished) and in what order. Nothing needing a sync means nothing is touched,
// so a settled world stays settled.
import type { ManagedCluster } from '../../model/azure/types.ts';
import type { Node, Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { clusterContext } from './context.ts';
import type { ClusterView } from './ensure.ts';
import { memoryOf, recordKey, specKeyOf, type SyncRecord } from './memory.ts';
import { LB_FINALIZER } from './names.ts';
import { listKind } from '../k8s/store.ts';
import { nodesKeyOf, syncDelete, syncEnsure, syncHosts, syncRetry, syncVanished } from './service-sync.ts';

function wantsLoadBalancer(svc: Service): boolean {
  return svc.spec.type === 'LoadBalancer' && !svc.spec.loadBalancerClass;
}

/**
 * The API server allocates node ports (and the health-check port for Local) when a Service is
 * created; in the sandbox another controller fills them in, and the Service is not ready for the
 * cloud provider until it has.
 */
function portsAllocated(svc: Service): boolean {
  const nodePorts = svc.spec.allocateLoadBalancerNodePorts === false || svc.spec.ports.every((p) => p.nodePort);
  const healthPort = svc.spec.externalTrafficPolicy !== 'Local' || !!svc.spec.healthCheckNodePort;
  return nodePorts && healthPort;
}

function byAge(a: Service, b: Service): number {
  const t = a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp);
  if (t !== 0) return t;
  const ka = `${a.metadata.namespace}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function reconcileCluster(world: World, cluster: ManagedCluster): void {
  const services = listKind<Service>(world, cluster.id, 'Service').sort(byAge);
  const records = memoryOf(world).records;
  const prefix = `${cluster.id.toLowerCase()}|`;
  const hasRecords = Object.keys(records).some((k) => k.startsWith(prefix));
  const candidates = services.filter((s) => wantsLoadBalancer(s) || (s.metadata.finalizers ?? []).includes(LB_FINALIZER));
  if (candidates.length === 0 && !hasRecords) return;

  const view: ClusterView = {
    ctx: clusterContext(world, cluster),
    nodes: listKind<Node>(world, cluster.id, 'Node'),
  };
  const nodesKey = nodesKeyOf(view);
  const seen = new Set<string>();

  for (const svc of services) {
    const key = recordKey(cluster.id, svc);
    seen.add(key);
    let record: SyncRecord | undefined = records[key];
    if (record && record.uid !== svc.metadata.uid) {
      // Deleted and re-created under the same name before the controller saw it: clean up the old one first.
      syncVanished(world, view, record.service);
      record = undefined;
    }
    const hasFinalizer = (svc.metadata.finalizers ?? []).includes(LB_FINALIZER);
    const cleanup = hasFinalizer && (!!svc.metadata.deletionTimestamp || svc.spec.type !== 'LoadBalancer');
    if (!wantsLoadBalancer(svc) || cleanup) {
      if (hasFinalizer || record) syncDelete(world, view, svc);
      continue;
    }
    if (!portsAllocated(svc)) continue;
    if (!record || record.specKey !== specKeyOf(svc)) {
      // A changed Service is queued at once; its retry backoff starts over.
      syncEnsure(world, view, svc, 0);
    } else if (record.failure) {
      syncRetry(world, view, svc, record);
    } else if (record.nodesKey !== nodesKey) {
      syncHosts(world, view, svc, record);
    }
  }

  for (const [key, record] of Object.entries(records)) {
    if (key.startsWith(prefix) && !seen.has(key)) syncVanished(world, view, record.service);
  }
}

/** cloud-provider-azure's service load balancer controller (with the k8s service controller around it). */
export const cloudLoadBalancerController: Controller = {
  name: 'cloud-lb',
  reconcile(world: World): void {
    for (const cluster of world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters')) {
      // A stopped cluster has no control plane running, so no cloud controller either.
      if (cluster.powerState?.code === 'Stopped') continue;
      reconcileCluster(world, cluster);
    }
  },
};
