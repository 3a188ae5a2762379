// What answers on a Local Service's healthCheckNodePort: kube-proxy's service health server
// (kubernetes pkg/proxy/healthcheck/service_health.go), or Cilium's compatible one when Cilium
// replaces kube-proxy. 200 while the node hosts a ready endpoint of the Service, else 503.
import type { Node, Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { clusterProxyView, type ClusterProxyView } from '../../network/kube-proxy/index.ts';

export interface HealthzResponse {
  status: 200 | 503;
  statusText: 'OK' | 'Service Unavailable';
  /** In the order Go's net/http writes them: the handler's (sorted), then Date and Content-Length. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Distinct ready endpoint IPs of the Service on the node, over all its ports (the health
 * server's count). Ready only: the serving-terminating fallback is not modelled (as in the
 * kube-proxy view).
 */
export function localEndpointCount(view: ClusterProxyView, namespace: string, name: string, nodeName: string): number {
  const ips = new Set<string>();
  for (const sp of view.servicePorts) {
    if (sp.namespace !== namespace || sp.service !== name) continue;
    for (const ep of sp.endpoints) if (ep.nodeName === nodeName) ips.add(ep.ip);
  }
  return ips.size;
}

/** kube-proxy reports itself unhealthy on a node being deleted or drained by the autoscaler (ProxyHealth, k8s ≥ 1.28). */
function proxyHealthy(node: Node | undefined): boolean {
  if (!node || node.metadata.deletionTimestamp) return false;
  const taints = (node.spec.taints ?? []) as { key?: string }[];
  return !taints.some((t) => t.key === 'ToBeDeletedByClusterAutoscaler');
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
  const count = localEndpointCount(view, namespace, svc.metadata.name, nodeName);
  const node = world.k8sGet<Node>(clusterId, 'Node', undefined, nodeName);
  let body: string;
  let healthy: boolean;
  if (view.kubeProxyAbsent === null) {
    healthy = proxyHealthy(node);
    // kube-proxy prints a dedented, tab-indented template with no trailing newline.
    body = [
      '{',
      '\t"service": {',
      `\t\t"namespace": ${quote(namespace)},`,
      `\t\t"name": ${quote(svc.metadata.name)}`,
      '\t},',
      `\t"localEndpoints": ${count},`,
      `\t"serviceProxyHealthy": ${healthy}`,
      '}',
    ].join('\n');
  } else if (view.facts.dataplane === 'cilium') {
    // Cilium's health server: same headers, json.Encoder output (compact, newline-terminated), no proxy field.
    healthy = true;
    body = `{"service":{"namespace":${quote(namespace)},"name":${quote(svc.metadata.name)}},"localEndpoints":${count}}\n`;
  } else {
    return null;
  }
  const ok = count > 0 && healthy;
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
