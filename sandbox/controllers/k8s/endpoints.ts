// kube-controller-manager's endpoints controller: a v1 Endpoints object per Service with a
// selector, named like the Service, with ready pods under `addresses`, not-ready ones under
// `notReadyAddresses`, and pods grouped into subsets by their resolved port sets. Terminating
// pods are left out. Endpoints of deleted Services are removed.
import type { EndpointAddress, Endpoints, Pod, Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { runningClusters } from './cluster.ts';
import { hasSelector } from './labels.ts';
import { canonicalJson, newMeta } from './meta.ts';
import { byIp, selectedPodsByService, serviceBackends, type Backend } from './service-backends.ts';
import { del, kindList, nsName, objectsByKind, put } from './store.ts';

function address(b: Backend): EndpointAddress {
  const a: EndpointAddress = { ip: b.ip };
  if (b.pod.spec.nodeName) a.nodeName = b.pod.spec.nodeName;
  a.targetRef = { kind: 'Pod', name: b.pod.metadata.name, namespace: b.pod.metadata.namespace ?? 'default', uid: b.pod.metadata.uid };
  return a;
}

export function desiredEndpoints(svc: Service, pods: readonly Pod[]): Endpoints {
  const labels: Record<string, string> = { ...svc.metadata.labels };
  if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  const groups = new Map<string, { ports: Backend['ports']; ready: Backend[]; notReady: Backend[] }>();
  for (const b of serviceBackends(svc, pods)) {
    if (b.terminating || (b.ports.length === 0 && (svc.spec.ports ?? []).length > 0)) continue;
    const key = canonicalJson(b.ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports: b.ports, ready: [], notReady: [] }));
    (b.ready ? g.ready : g.notReady).push(b);
  }
  const ep: Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: newMeta(svc.metadata.name, svc.metadata.namespace ?? 'default', Object.keys(labels).length ? { labels } : {}),
  };
  const subsets = [...groups.values()].map((g) => {
    const subset: NonNullable<Endpoints['subsets']>[number] = {};
    if (g.ready.length) subset.addresses = g.ready.sort(byIp).map(address);
    if (g.notReady.length) subset.notReadyAddresses = g.notReady.sort(byIp).map(address);
    subset.ports = g.ports.map((p) => (p.name ? { name: p.name, port: p.port, protocol: p.protocol } : { port: p.port, protocol: p.protocol }));
    return subset;
  });
  if (subsets.length) ep.subsets = subsets;
  return ep;
}

function sameEndpoints(a: Endpoints, b: Endpoints): boolean {
  return canonicalJson([a.metadata.labels, a.subsets]) === canonicalJson([b.metadata.labels, b.subsets]);
}

export const endpointsController: Controller = {
  name: 'k8s/endpoints',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      const index = objectsByKind(world, mc.id, ['Service', 'Endpoints']);
      const selected = selectedPodsByService(world, mc.id);
      const managed = new Set<string>();
      for (const svc of kindList<Service>(index, 'Service')) {
        if (!svc.spec || !hasSelector(svc.spec.selector) || svc.spec.type === 'ExternalName') {
          if (svc.spec) managed.add(nsName(svc)); // user-managed Endpoints of a selector-less Service stay
          continue;
        }
        managed.add(nsName(svc));
        const want = desiredEndpoints(svc, selected.get(nsName(svc)) ?? []);
        syncEndpoints(world, mc.id, want);
      }
      for (const ep of kindList<Endpoints>(index, 'Endpoints')) {
        if (!managed.has(nsName(ep)) && nsName(ep) !== 'default/kubernetes') {
          del(world, mc.id, 'Endpoints', ep.metadata.namespace, ep.metadata.name);
        }
      }
    }
  },
};

function syncEndpoints(world: World, clusterId: string, want: Endpoints): void {
  const have = world.k8sGet<Endpoints>(clusterId, 'Endpoints', want.metadata.namespace, want.metadata.name);
  if (have && sameEndpoints(have, want)) return;
  if (have) want.metadata = { ...have.metadata, labels: want.metadata.labels };
  if (!want.metadata.labels) delete want.metadata.labels;
  put(world, clusterId, want);
}
