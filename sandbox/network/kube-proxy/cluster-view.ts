// What kube-proxy watches, digested once per world revision: every service port with its
// ready endpoints (from EndpointSlices), the nodes, and the cluster's address ranges. Node rule
// sets are built from this view on demand, so a 1,000-node cluster pays only for the nodes a
// trace or a printer actually looks at.
import { isIPv4 } from '../../core/ip.ts';
import type { ManagedCluster } from '../../model/azure/types.ts';
import type { EndpointSlice, Node, Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { extChain, fwChain, sepChain, servicePortName, svcChain, svlChain } from './chain-names.ts';
import { clusterNetworkFacts, kubeProxyClusterCidr, type ClusterNetworkFacts } from './cluster-facts.ts';
import { ipMasqConfig, type IpMasqConfig } from './ip-masq.ts';
import type { L4Protocol } from './types.ts';

export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** `ip:port`, the string kube-proxy sorts and hashes endpoints by. */
  key: string;
  nodeName: string | null;
  pod: { namespace: string; name: string } | null;
  sepChain: string;
}

export interface ProxyServicePort {
  /** kube-proxy's ServicePortName string: `<ns>/<svc>:<port>` or `<ns>/<svc>`. */
  name: string;
  namespace: string;
  service: string;
  protocol: L4Protocol;
  clusterIP: string;
  port: number;
  /** 0 when the service has none. */
  nodePort: number;
  healthCheckNodePort: number;
  externalIPs: string[];
  loadBalancerVIPs: string[];
  sourceRanges: string[];
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  externallyAccessible: boolean;
  /** ClientIP session affinity timeout, null without affinity. */
  affinitySeconds: number | null;
  /** Ready endpoints, sorted by `ip:port` as a string (kube-proxy's byEndpoint order). */
  endpoints: ProxyEndpoint[];
  chains: { svc: string; svl: string; ext: string; fw: string };
}

export interface ProxyNode {
  name: string;
  ip: string;
  podCidr: string | null;
}

export interface ClusterProxyView {
  clusterId: string;
  facts: ClusterNetworkFacts;
  /** Why kube-proxy does not run here (Cilium replaces it, or it was disabled), or null. */
  kubeProxyAbsent: string | null;
  clusterCidr: string | null;
  servicePorts: ProxyServicePort[];
  nodes: Map<string, ProxyNode>;
  ipMasq: IpMasqConfig | null;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const DEFAULT_AFFINITY_SECONDS = 10800;

function endpointsOf(
  slices: EndpointSlice[],
  portName: string,
  protocol: string,
  servicePort: string,
  proto: L4Protocol,
): ProxyEndpoint[] {
  const seen = new Map<string, ProxyEndpoint>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    const port = slice.ports?.find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === protocol);
    if (!port) continue;
    for (const ep of slice.endpoints ?? []) {
      // Ready only: terminating endpoints are never ready, and the serving-terminating
      // fallback kube-proxy applies when nothing is ready is not modelled.
      if (!ep.conditions?.ready) continue;
      const ip = ep.addresses[0];
      if (!ip || !isIPv4(ip)) continue;
      const key = `${ip}:${port.port}`;
      if (seen.has(key)) continue;
      const ref = ep.targetRef;
      seen.set(key, {
        ip,
        port: port.port,
        key,
        nodeName: ep.nodeName ?? null,
        pod: ref?.kind === 'Pod' ? { namespace: ref.namespace, name: ref.name } : null,
        sepChain: sepChain(servicePort, proto, key),
      });
    }
  }
  return [...seen.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function servicePortsOf(svc: Service, slices: EndpointSlice[]): ProxyServicePort[] {
  const spec = svc.spec;
  const clusterIP = spec.clusterIP ?? '';
  // Headless and ExternalName services get no rules.
  if (spec.type === 'ExternalName' || !isIPv4(clusterIP)) return [];
  const namespace = svc.metadata.namespace ?? 'default';
  const isLB = spec.type === 'LoadBalancer';
  const loadBalancerVIPs = isLB
    ? (svc.status?.loadBalancer?.ingress ?? [])
        .filter((i) => i.ip && isIPv4(i.ip) && i.ipMode !== 'Proxy')
        .map((i) => i.ip as string)
    : [];
  const externalIPs = (spec.externalIPs ?? []).filter(isIPv4);
  const affinity = spec.sessionAffinity === 'ClientIP'
    ? ((spec as { sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } } }).sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS)
    : null;
  return spec.ports
    .filter((p) => p.protocol === undefined || p.protocol === 'TCP' || p.protocol === 'UDP' || p.protocol === 'SCTP')
    .map((p) => {
      const protocol = p.protocol ?? 'TCP';
      const proto = protocol.toLowerCase() as L4Protocol;
      const name = servicePortName(namespace, svc.metadata.name, p.name ?? '');
      const nodePort = (spec.type === 'NodePort' || isLB) && p.nodePort ? p.nodePort : 0;
      const externallyAccessible = nodePort !== 0 || loadBalancerVIPs.length > 0 || externalIPs.length > 0;
      const externalPolicyLocal = externallyAccessible && spec.externalTrafficPolicy === 'Local';
      return {
        name,
        namespace,
        service: svc.metadata.name,
        protocol: proto,
        clusterIP,
        port: p.port,
        nodePort,
        healthCheckNodePort: externalPolicyLocal && isLB ? (spec.healthCheckNodePort ?? 0) : 0,
        externalIPs,
        loadBalancerVIPs,
        sourceRanges: spec.loadBalancerSourceRanges ?? [],
        externalPolicyLocal,
        internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
        externallyAccessible,
        affinitySeconds: affinity,
        endpoints: endpointsOf(slices, p.name ?? '', protocol, name, proto),
        chains: { svc: svcChain(name, proto), svl: svlChain(name, proto), ext: extChain(name, proto), fw: fwChain(name, proto) },
      };
    });
}

export function buildClusterProxyView(world: World, clusterId: string): ClusterProxyView {
  const mc = world.resource<ManagedCluster>(clusterId);
  if (!mc) throw new Error(`no managed cluster ${clusterId}`);
  const facts = clusterNetworkFacts(world, mc);

  const slicesByService = new Map<string, EndpointSlice[]>();
  for (const slice of world.k8sList<EndpointSlice>(clusterId, 'EndpointSlice')) {
    const owner = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!owner) continue;
    const key = `${slice.metadata.namespace ?? 'default'}/${owner}`;
    const list = slicesByService.get(key);
    if (list) list.push(slice);
    else slicesByService.set(key, [slice]);
  }

  const servicePorts: ProxyServicePort[] = [];
  for (const svc of world.k8sList<Service>(clusterId, 'Service')) {
    const key = `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
    servicePorts.push(...servicePortsOf(svc, slicesByService.get(key) ?? []));
  }
  // kube-proxy walks a Go map (random order); sorting by name keeps dumps reproducible.
  servicePorts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : 1));

  const nodes = new Map<string, ProxyNode>();
  for (const node of world.k8sList<Node>(clusterId, 'Node')) {
    const ip = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (!ip) continue;
    nodes.set(node.metadata.name, { name: node.metadata.name, ip, podCidr: node.spec?.podCIDR ?? null });
  }

  let kubeProxyAbsent: string | null = null;
  if (facts.dataplane === 'cilium') kubeProxyAbsent = 'Azure CNI powered by Cilium replaces kube-proxy with eBPF';
  else if (facts.kubeProxyDisabled) kubeProxyAbsent = 'kube-proxy is disabled in the cluster kubeProxyConfig';

  return {
    clusterId,
    facts,
    kubeProxyAbsent,
    clusterCidr: kubeProxyClusterCidr(facts),
    servicePorts,
    nodes,
    ipMasq: ipMasqConfig(world, clusterId, facts),
  };
}

const viewCache = new WeakMap<World, Map<string, { revision: number; view: ClusterProxyView }>>();

/** The view for the world as it is now, rebuilt only when the world changed since last time. */
export function clusterProxyView(world: World, clusterId: string): ClusterProxyView {
  let perWorld = viewCache.get(world);
  if (!perWorld) {
    perWorld = new Map();
    viewCache.set(world, perWorld);
  }
  const key = clusterId.toLowerCase();
  const cached = perWorld.get(key);
  if (cached && cached.revision === world.revision) return cached.view;
  const view = buildClusterProxyView(world, clusterId);
  perWorld.set(key, { revision: world.revision, view });
  return view;
}
