// Lookups the DNS engine repeats inside one cluster, built once per world revision: Services by
// ClusterIP, headless endpoints by IP (for PTR), pods by IP (to find which CoreDNS pod an address
// belongs to), and the ready endpoints of a Service.
import type { EndpointSlice, Endpoints, Pod, Service } from '../../model/k8s/types.ts';
import type { World, WorldState } from '../../model/world.ts';

export interface ServiceEndpoint {
  ip: string;
  /** The DNS label CoreDNS gives it: the endpoint hostname, or the IP with dashes. */
  host: string;
  nodeName?: string;
  podName?: string;
  ready: boolean;
}

interface ClusterIndex {
  services: Service[];
  serviceByIp: Map<string, Service>;
  /** Namespaces that exist (Namespace objects, or holding a Service). */
  namespaces: Set<string>;
  /** Endpoints per `namespace/name`, computed on first use. */
  endpoints: Map<string, ServiceEndpoint[]>;
  headlessByIp?: Map<string, { service: Service; host: string }>;
  podByIp?: Map<string, Pod>;
}

const cache = new WeakMap<WorldState, Map<string, { revision: number; index: ClusterIndex }>>();

function index(world: World, clusterId: string): ClusterIndex {
  let perCluster = cache.get(world.state);
  if (!perCluster) cache.set(world.state, (perCluster = new Map()));
  const hit = perCluster.get(clusterId);
  if (hit && hit.revision === world.revision) return hit.index;
  const services: Service[] = [];
  const serviceByIp = new Map<string, Service>();
  const namespaces = new Set<string>();
  // One pass over the keys (`Kind/namespace/name`): World has no per-kind index, and reading
  // only the keys is several times faster than touching every object of a large cluster.
  const objects = world.cluster(clusterId).objects;
  for (const key of Object.keys(objects)) {
    if (key.startsWith('Namespace/')) namespaces.add(objects[key]!.metadata.name);
    if (!key.startsWith('Service/')) continue;
    const svc = objects[key] as Service;
    services.push(svc);
    namespaces.add(svc.metadata.namespace ?? 'default');
    for (const ip of svc.spec.clusterIPs ?? (svc.spec.clusterIP ? [svc.spec.clusterIP] : [])) {
      if (ip && ip !== 'None') serviceByIp.set(ip, svc);
    }
  }
  const built: ClusterIndex = { services, serviceByIp, namespaces, endpoints: new Map() };
  perCluster.set(clusterId, { revision: world.revision, index: built });
  return built;
}

export function serviceByClusterIp(world: World, clusterId: string, ip: string): Service | undefined {
  return index(world, clusterId).serviceByIp.get(ip);
}

export function namespaceExists(world: World, clusterId: string, ns: string): boolean {
  return index(world, clusterId).namespaces.has(ns);
}

export function podByIp(world: World, clusterId: string, ip: string): Pod | undefined {
  const idx = index(world, clusterId);
  if (!idx.podByIp) {
    idx.podByIp = new Map();
    const objects = world.cluster(clusterId).objects;
    for (const key of Object.keys(objects)) {
      if (!key.startsWith('Pod/')) continue;
      const pod = objects[key] as Pod;
      // Host-network pods share the node's address; they are never "the pod at" that IP.
      if (pod.status?.podIP && !pod.spec.hostNetwork) idx.podByIp.set(pod.status.podIP, pod);
    }
  }
  return idx.podByIp.get(ip);
}

/** The headless Service endpoint an address belongs to (the kubernetes plugin answers PTR for those). */
export function headlessEndpointByIp(world: World, clusterId: string, ip: string): { service: Service; host: string } | undefined {
  const idx = index(world, clusterId);
  if (!idx.headlessByIp) {
    idx.headlessByIp = new Map();
    for (const svc of idx.services) {
      if (svc.spec.clusterIP !== 'None') continue;
      for (const ep of serviceEndpoints(world, clusterId, svc)) if (ep.ready) idx.headlessByIp.set(ep.ip, { service: svc, host: ep.host });
    }
  }
  return idx.headlessByIp.get(ip);
}

export function isHeadless(svc: Service): boolean {
  return svc.spec.clusterIP === 'None';
}

function dashed(ip: string): string {
  return ip.replace(/\./g, '-');
}

/** Endpoints of a Service from its Endpoints object, or its EndpointSlices when there is none. */
export function serviceEndpoints(world: World, clusterId: string, svc: Service): ServiceEndpoint[] {
  const memo = index(world, clusterId).endpoints;
  const key = `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
  let list = memo.get(key);
  if (!list) memo.set(key, (list = computeEndpoints(world, clusterId, svc)));
  return list;
}

function computeEndpoints(world: World, clusterId: string, svc: Service): ServiceEndpoint[] {
  const ns = svc.metadata.namespace ?? 'default';
  const publishNotReady = Boolean((svc.spec as { publishNotReadyAddresses?: boolean }).publishNotReadyAddresses);
  const hostOf = (ip: string, explicit: string | undefined, podName: string | undefined): string => {
    if (explicit) return explicit;
    if (podName) {
      const pod = world.k8sGet<Pod>(clusterId, 'Pod', ns, podName);
      const spec = pod?.spec as { hostname?: string; subdomain?: string } | undefined;
      if (spec?.hostname && spec.subdomain === svc.metadata.name) return spec.hostname;
    }
    return dashed(ip);
  };
  const out: ServiceEndpoint[] = [];
  const seen = new Set<string>();
  const eps = world.k8sGet<Endpoints>(clusterId, 'Endpoints', ns, svc.metadata.name);
  if (eps) {
    for (const subset of eps.subsets ?? []) {
      for (const [list, ready] of [[subset.addresses, true], [subset.notReadyAddresses, false]] as const) {
        for (const a of list ?? []) {
          if (seen.has(a.ip)) continue;
          seen.add(a.ip);
          const explicit = (a as { hostname?: string }).hostname;
          out.push({ ip: a.ip, host: hostOf(a.ip, explicit, a.targetRef?.name), nodeName: a.nodeName, podName: a.targetRef?.name, ready: ready || publishNotReady });
        }
      }
    }
    return out;
  }
  for (const slice of world.k8sList<EndpointSlice>(clusterId, 'EndpointSlice', ns)) {
    if (slice.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
    for (const e of slice.endpoints ?? []) {
      for (const ip of e.addresses) {
        if (seen.has(ip)) continue;
        seen.add(ip);
        const explicit = (e as { hostname?: string }).hostname;
        out.push({ ip, host: hostOf(ip, explicit, e.targetRef?.name), nodeName: e.nodeName, podName: e.targetRef?.name, ready: e.conditions?.ready !== false || publishNotReady });
      }
    }
  }
  return out;
}

/** Port names and protocols for SRV records: the Endpoints' ports for headless Services, else the Service's. */
export function servicePorts(world: World, clusterId: string, svc: Service): { name?: string; port: number; protocol: string }[] {
  if (isHeadless(svc)) {
    const eps = world.k8sGet<Endpoints>(clusterId, 'Endpoints', svc.metadata.namespace ?? 'default', svc.metadata.name);
    const ports = eps?.subsets?.[0]?.ports;
    if (ports && ports.length > 0) return ports;
  }
  return svc.spec.ports.map((p) => ({ name: p.name, port: typeof p.targetPort === 'number' && isHeadless(svc) ? p.targetPort : p.port, protocol: p.protocol }));
}
