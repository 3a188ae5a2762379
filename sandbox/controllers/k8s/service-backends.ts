// Which pods back a Service and on which ports, shared by the Endpoints and EndpointSlice
// controllers and by code that traces traffic to a Service.
import type { Pod, Service, ServicePort } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { hasSelector, selectorMatches } from './labels.ts';
import { isPodReady, isTerminal, isTerminating } from './pods.ts';
import { derived, listKind, nsName } from './store.ts';

/** Pods in the Service's namespace its selector picks, not yet finished. */
export function podsForService(world: World, clusterId: string, svc: Service): Pod[] {
  return selectBackends(svc, listKind<Pod>(world, clusterId, 'Pod'));
}

export function selectBackends(svc: Service, podsInNamespace: readonly Pod[]): Pod[] {
  const selector = svc.spec?.selector;
  if (!hasSelector(selector) || svc.spec.type === 'ExternalName') return [];
  const ns = svc.metadata.namespace ?? 'default';
  return podsInNamespace.filter(
    (p) => (p.metadata.namespace ?? 'default') === ns && !isTerminal(p) && selectorMatches(selector, p.metadata.labels),
  );
}

/**
 * For every Service with a selector (`namespace/name`), the pods it selects. Shared by the
 * Endpoints and EndpointSlice controllers and reused until pods or Services change.
 */
export function selectedPodsByService(world: World, clusterId: string): Map<string, Pod[]> {
  return derived(world, clusterId, ['Pod', 'Service'], 'service-backends', () => {
    const byNamespace = new Map<string, Pod[]>();
    for (const p of listKind<Pod>(world, clusterId, 'Pod')) {
      const ns = p.metadata.namespace ?? 'default';
      const list = byNamespace.get(ns);
      if (list) list.push(p);
      else byNamespace.set(ns, [p]);
    }
    const out = new Map<string, Pod[]>();
    for (const svc of listKind<Service>(world, clusterId, 'Service')) {
      if (!svc.spec || !hasSelector(svc.spec.selector)) continue;
      out.set(nsName(svc), selectBackends(svc, byNamespace.get(svc.metadata.namespace ?? 'default') ?? []));
    }
    return out;
  });
}

/**
 * The pod port a Service port reaches (kubernetes `podutil.FindPort`): a number as is, a name
 * looked up among the pod's container ports of the same protocol; undefined when the pod has
 * no such named port (the pod is then left out of the endpoints for that port).
 */
export function resolveTargetPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = servicePort.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

export interface EndpointPort {
  name: string;
  port: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

export interface Backend {
  pod: Pod;
  ip: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  ports: EndpointPort[];
}

/**
 * Every pod with an address, with its readiness and resolved ports. `publishNotReadyAddresses`
 * counts every pod as ready, as kube-proxy and DNS then do.
 */
export function serviceBackends(svc: Service, pods: readonly Pod[]): Backend[] {
  const out: Backend[] = [];
  const publishAll = (svc.spec as { publishNotReadyAddresses?: boolean }).publishNotReadyAddresses === true;
  for (const pod of pods) {
    const ip = pod.status?.podIP;
    if (!ip) continue;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const port = resolveTargetPort(pod, sp);
      if (port !== undefined) ports.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' });
    }
    const terminating = isTerminating(pod);
    const ready = publishAll || (isPodReady(pod) && !terminating);
    out.push({ pod, ip, ready, serving: publishAll || isPodReady(pod), terminating, ports });
  }
  return out;
}

/** Addresses sorted as strings, the order Endpoints subsets use (`RepackSubsets`). */
export function byIp(a: { ip: string }, b: { ip: string }): number {
  return a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0;
}
