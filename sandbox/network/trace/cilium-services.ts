// Azure CNI powered by Cilium replaces kube-proxy: its eBPF programs translate Service addresses
// at the socket / tc layer with the same inputs kube-proxy uses (the cluster view of services and
// ready endpoints). Modelled: ClusterIP, load balancer IPs, external IPs and NodePorts, traffic
// policies, and the answer for a Service without backends.
import type { ClusterProxyView, ProxyEndpoint, ProxyServicePort } from '../kube-proxy/index.ts';
import type { Origin } from '../kube-proxy/index.ts';
import type { Pkt } from './types.ts';

export type CiliumVerdict =
  | { kind: 'none' }
  | { kind: 'dnat'; sp: ProxyServicePort; ep: ProxyEndpoint; masquerade: boolean }
  /** No backend at all: Cilium answers ICMP unreachable (--service-no-backend-response=reject, its default [assumption]). */
  | { kind: 'reject'; sp: ProxyServicePort }
  /** Local traffic policy and no local backend: dropped. */
  | { kind: 'drop'; sp: ProxyServicePort };

function matchesPort(sp: ProxyServicePort, p: Pkt): boolean {
  return p.protocol === sp.protocol && p.dstPort === sp.port;
}

function find(view: ClusterProxyView, p: Pkt, origin: Origin, nodeIp: string): { sp: ProxyServicePort; external: boolean } | undefined {
  for (const sp of view.servicePorts) {
    if (origin !== 'external' && sp.clusterIP === p.dst && matchesPort(sp, p)) return { sp, external: false };
    if ((sp.loadBalancerVIPs.includes(p.dst) || sp.externalIPs.includes(p.dst)) && matchesPort(sp, p)) return { sp, external: true };
    if (sp.nodePort && p.dst === nodeIp && p.protocol === sp.protocol && p.dstPort === sp.nodePort) return { sp, external: true };
  }
  return undefined;
}

export function ciliumTranslate(view: ClusterProxyView, p: Pkt, origin: Origin, nodeName: string, nodeIp: string, hash: number): CiliumVerdict {
  const hit = find(view, p, origin, nodeIp);
  if (!hit) return { kind: 'none' };
  const { sp, external } = hit;
  const local = external ? sp.externalPolicyLocal && origin === 'external' : sp.internalPolicyLocal;
  const pool = local ? sp.endpoints.filter((e) => e.nodeName === nodeName) : sp.endpoints;
  if (pool.length === 0) return sp.endpoints.length === 0 ? { kind: 'reject', sp } : { kind: 'drop', sp };
  const ep = pool[Math.min(pool.length - 1, Math.floor(hash * pool.length))]!;
  // Cluster-policy traffic from outside is SNATed to the node so replies come back through it.
  return { kind: 'dnat', sp, ep, masquerade: external && origin === 'external' && !sp.externalPolicyLocal };
}
