// What answers on a Local Service's healthCheckNodePort: kube-proxy's service health server
// (kubernetes pkg/proxy/healthcheck/service_health.go), or Cilium's compatible one when Cilium
// replaces kube-proxy. 200 while the node hosts a ready endpoint of the Service, else 503.
import type { Node, Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { clusterProxyView, type ClusterProxyView } from '../../network/kube-proxy/index.ts';
import { localEndpoints } from './proxy-index.ts';

export interface HealthzResponse {
  status: 200 | 503;
  statusText: 'OK' | 'Service Unavailable';
  /** In the order Go's net/http writes them: the handler's (sorted), then Date and Content-Length. */
  headers: Record<string, string>;
  body: string;
}

/** Distinct ready endpoint IPs of the Service on the node over all its ports (ready only: the serving-terminating fallback is not modelled, as in the kube-proxy view). */
export function localEndpointCount(view: ClusterProxyView, namespace: string, name: string, nodeName: string): number {
  return localEndpoints(view, namespace, name, nodeName);
}

/** kube-proxy reports itself unhealthy on a node being deleted or drained by the autoscaler (ProxyHealth, k8s ≥ 1.28). */
function proxyHealthy(node: Node | undefined): boolean {
  if (!node || node.metadata.deletionTimestamp) return false;
  const taints = (node.spec.taints ?? []) as { key?: string }[];
  return !taints.some((t) => t.key === 'ToBeDeletedByClusterAutoscaler');
}

export interface HealthVerdict {
  count: number;
  /** kube-proxy's serviceProxyHealthy (Cilium's server has no such notion: always true). */
  healthy: boolean;
  status: 200 | 503;
}

/**
 * What the health server on the node decides for the Service, without building the answer;
 * null when no health server listens (kube-proxy off without Cilium).
 */
export function healthVerdict(world: World, clusterId: string, view: ClusterProxyView, namespace: string, name: string, nodeName: string): HealthVerdict | null {
  if (view.kubeProxyAbsent !== null && view.facts.dataplane !== 'cilium') return null;
  const count = localEndpoints(view, namespace, name, nodeName);
  const healthy = view.kubeProxyAbsent !== null || proxyHealthy(world.k8sGet<Node>(clusterId, 'Node', undefined, nodeName));
  return { count, healthy, status: count > 0 && healthy ? 200 : 503 };
}

function quote(s: string): string {
  return JSON.stringify(s);
}

/**
 * The HTTP answer on `<node>:<healthCheckNodePort>/healthz` (any path: the handler ignores it).
 * null when nothing listens there: the Service is not a Local LoadBalancer, or kube-proxy is off.
 */
export function healthzResponse(world: World, clusterId: string, svc: Service, nodeName: string): HealthzResponse | null {
  if (svc.spec.type !== 'LoadBalancer' || svc.spec.externalTrafficPolicy !== 'Local' || !svc.spec.healthCheckNodePort) return null;
  const view = clusterProxyView(world, clusterId);
  const namespace = svc.metadata.namespace ?? 'default';
  const verdict = healthVerdict(world, clusterId, view, namespace, svc.metadata.name, nodeName);
  if (!verdict) return null;
  const { count, healthy } = verdict;
  // kube-proxy prints a dedented, tab-indented template with no trailing newline; Cilium's
  // server uses json.Encoder (compact, newline-terminated) and has no proxy-health field.
  const body =
    view.kubeProxyAbsent === null
      ? [
          '{',
          '\t"service": {',
          `\t\t"namespace": ${quote(namespace)},`,
          `\t\t"name": ${quote(svc.metadata.name)}`,
          '\t},',
          `\t"localEndpoints": ${count},`,
          `\t"serviceProxyHealthy": ${healthy}`,
          '}',
        ].join('\n')
      : `{"service":{"namespace":${quote(namespace)},"name":${quote(svc.metadata.name)}},"localEndpoints":${count}}\n`;
  const ok = verdict.status === 200;
  return {
    status: ok ? 200 : 503,
    statusText: ok ? 'OK' : 'Service Unavailable',
    headers: {
      'Content-Type': 'application/json',
      'X-Content-Type-Options': 'nosniff',
      'X-Load-Balancing-Endpoint-Weight': String(count),
      Date: new Date(world.now()).toUTCString(),
      'Content-Length': String(body.length),
    },
    body,
  };
}
