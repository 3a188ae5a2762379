// Lookups over the kube-proxy cluster view that probe verdicts repeat for every backend node:
// which Service port owns a node port or health-check port, and each Service's ready endpoint
// IPs per node. Built once per view (the view itself is rebuilt only when the world changes).
import type { ClusterProxyView, ProxyServicePort } from '../../network/kube-proxy/index.ts';

export interface ProxyIndex {
  byHealthPort: Map<number, ProxyServicePort>;
  /** TCP node ports only: probes are TCP or HTTP(S). */
  byNodePort: Map<number, ProxyServicePort>;
  /** `<namespace>/<name>` → node name → distinct ready endpoint IPs. */
  localIps: Map<string, Map<string, Set<string>>>;
}

const cache = new WeakMap<ClusterProxyView, ProxyIndex>();

export function proxyIndex(view: ClusterProxyView): ProxyIndex {
  const hit = cache.get(view);
  if (hit) return hit;
  const index: ProxyIndex = { byHealthPort: new Map(), byNodePort: new Map(), localIps: new Map() };
  for (const sp of view.servicePorts) {
    if (sp.healthCheckNodePort && !index.byHealthPort.has(sp.healthCheckNodePort)) index.byHealthPort.set(sp.healthCheckNodePort, sp);
    if (sp.nodePort && sp.protocol === 'tcp' && !index.byNodePort.has(sp.nodePort)) index.byNodePort.set(sp.nodePort, sp);
    const key = `${sp.namespace}/${sp.service}`;
    let perNode = index.localIps.get(key);
    if (!perNode) index.localIps.set(key, (perNode = new Map()));
    for (const ep of sp.endpoints) {
      if (!ep.nodeName) continue;
      let ips = perNode.get(ep.nodeName);
      if (!ips) perNode.set(ep.nodeName, (ips = new Set()));
      ips.add(ep.ip);
    }
  }
  cache.set(view, index);
  return index;
}

/** Distinct ready endpoint IPs of the Service on the node, over all its ports (kube-proxy's health-server count). */
export function localEndpoints(view: ClusterProxyView, namespace: string, name: string, nodeName: string): number {
  return proxyIndex(view).localIps.get(`${namespace}/${name}`)?.get(nodeName)?.size ?? 0;
}
