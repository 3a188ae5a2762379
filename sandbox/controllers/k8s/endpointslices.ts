// kube-controller-manager's endpointslice controller (and its mirroring twin): Services with a
// selector get EndpointSlices named `<service>-<5 chars>`, labelled with the Service name and
// the managing controller, one per set of resolved ports and at most 100 endpoints each;
// selector-less Services get their hand-written Endpoints mirrored into slices.
import { k8sSuffix } from '../../core/hash.ts';
import type { EndpointSlice, Endpoints, Node, Pod, Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { runningClusters } from './cluster.ts';
import { hasSelector } from './labels.ts';
import { canonicalJson, controllerRef, newMeta } from './meta.ts';
import { byIp, selectedPodsByService, serviceBackends, type Backend, type EndpointPort } from './service-backends.ts';
import { del, kindList, nsName, objectsByKind, put } from './store.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const SLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
export const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
const MAX_ENDPOINTS_PER_SLICE = 100;
const ZONE_LABEL = 'topology.kubernetes.io/zone';

type SliceEndpoint = EndpointSlice['endpoints'][number];

/** generateName keeps the name within 63 characters: at most 58 of the prefix, then 5 random. */
function sliceName(svc: Service, seed: string): string {
  return `${`${svc.metadata.name}-`.slice(0, 58)}${k8sSuffix(`${svc.metadata.uid}/${seed}`, 5)}`;
}

function sliceFor(svc: Service, managedBy: string, seed: string, endpoints: SliceEndpoint[], ports: EndpointPort[]): EndpointSlice {
  const labels: Record<string, string> = { ...svc.metadata.labels, [MANAGED_BY_LABEL]: managedBy, [SERVICE_NAME_LABEL]: svc.metadata.name };
  if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: newMeta(sliceName(svc, seed), svc.metadata.namespace ?? 'default', {
      generateName: `${svc.metadata.name}-`,
      labels,
      ownerReferences: [{ ...controllerRef(svc), apiVersion: 'v1' }],
    }),
    addressType: 'IPv4',
    endpoints,
    ports: ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
  };
}

function sliceEndpoint(b: Backend, zones: Map<string, string>): SliceEndpoint {
  const e: SliceEndpoint = {
    addresses: [b.ip],
    conditions: { ready: b.ready, serving: b.serving, terminating: b.terminating },
  };
  const node = b.pod.spec.nodeName;
  if (node) e.nodeName = node;
  e.targetRef = { kind: 'Pod', name: b.pod.metadata.name, namespace: b.pod.metadata.namespace ?? 'default', uid: b.pod.metadata.uid };
  const zone = node ? zones.get(node) : undefined;
  if (zone !== undefined) e.zone = zone;
  return e;
}

export function desiredSlices(svc: Service, pods: readonly Pod[], zones: Map<string, string>): EndpointSlice[] {
  const groups = new Map<string, { ports: EndpointPort[]; backends: Backend[] }>();
  for (const b of serviceBackends(svc, pods)) {
    if (b.ports.length === 0 && (svc.spec.ports ?? []).length > 0) continue;
    const key = canonicalJson(b.ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports: b.ports, backends: [] }));
    g.backends.push(b);
  }
  // A Service with no endpoints still gets one empty placeholder slice.
  if (groups.size === 0) return [sliceFor(svc, SLICE_CONTROLLER, 'placeholder', [], [])];
  const out: EndpointSlice[] = [];
  for (const [key, g] of groups) {
    const sorted = g.backends.sort(byIp);
    for (let i = 0; i * MAX_ENDPOINTS_PER_SLICE < sorted.length; i++) {
      const chunk = sorted.slice(i * MAX_ENDPOINTS_PER_SLICE, (i + 1) * MAX_ENDPOINTS_PER_SLICE);
      out.push(sliceFor(svc, SLICE_CONTROLLER, `${key}/${i}`, chunk.map((b) => sliceEndpoint(b, zones)), g.ports));
    }
  }
  return out;
}

/** Slices mirroring a selector-less Service's own Endpoints (endpointslicemirroring-controller). */
export function mirroredSlices(svc: Service, ep: Endpoints | undefined): EndpointSlice[] {
  if (!ep?.subsets?.length || ep.metadata.labels?.['endpointslice.kubernetes.io/skip-mirror'] === 'true') return [];
  return ep.subsets.map((subset, i) => {
    const endpoints: SliceEndpoint[] = [
      ...(subset.addresses ?? []).map((a) => ({ a, ready: true })),
      ...(subset.notReadyAddresses ?? []).map((a) => ({ a, ready: false })),
    ].map(({ a, ready }) => {
      const e: SliceEndpoint = { addresses: [a.ip], conditions: { ready, serving: ready, terminating: false } };
      if (a.nodeName) e.nodeName = a.nodeName;
      if (a.targetRef) e.targetRef = a.targetRef;
      return e;
    });
    const ports = (subset.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol }));
    return sliceFor(svc, MIRRORING_CONTROLLER, `mirror/${i}`, endpoints, ports);
  });
}

function sameSlice(a: EndpointSlice, b: EndpointSlice): boolean {
  return canonicalJson([a.metadata.labels, a.endpoints, a.ports]) === canonicalJson([b.metadata.labels, b.endpoints, b.ports]);
}

export const endpointSliceController: Controller = {
  name: 'k8s/endpointslices',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      const index = objectsByKind(world, mc.id, ['Service', 'EndpointSlice', 'Endpoints', 'Node']);
      const selected = selectedPodsByService(world, mc.id);
      const zones = new Map<string, string>();
      for (const node of kindList<Node>(index, 'Node')) {
        const zone = node.metadata.labels?.[ZONE_LABEL];
        if (zone !== undefined) zones.set(node.metadata.name, zone);
      }
      const endpoints = new Map(kindList<Endpoints>(index, 'Endpoints').map((ep) => [nsName(ep), ep]));
      const want = new Map<string, EndpointSlice>();
      for (const svc of kindList<Service>(index, 'Service')) {
        if (!svc.spec || svc.spec.type === 'ExternalName') continue;
        const slices = hasSelector(svc.spec.selector)
          ? desiredSlices(svc, selected.get(nsName(svc)) ?? [], zones)
          : mirroredSlices(svc, endpoints.get(nsName(svc)));
        for (const s of slices) want.set(nsName(s), s);
      }
      sync(world, mc.id, kindList<EndpointSlice>(index, 'EndpointSlice'), want);
    }
  },
};

function sync(world: World, clusterId: string, have: EndpointSlice[], want: Map<string, EndpointSlice>): void {
  for (const slice of have) {
    const managedBy = slice.metadata.labels?.[MANAGED_BY_LABEL];
    if (managedBy !== SLICE_CONTROLLER && managedBy !== MIRRORING_CONTROLLER) continue;
    const target = want.get(nsName(slice));
    if (!target) del(world, clusterId, 'EndpointSlice', slice.metadata.namespace, slice.metadata.name);
    else {
      want.delete(nsName(slice));
      if (!sameSlice(slice, target)) put(world, clusterId, { ...target, metadata: { ...slice.metadata, labels: target.metadata.labels } });
    }
  }
  for (const slice of want.values()) put(world, clusterId, slice);
}
