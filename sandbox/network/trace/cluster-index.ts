// What the trace looks up again and again, indexed once per world revision: every cluster's
// nodes (by name, address and NIC), its pods by address (cluster-scoped: two overlay clusters may
// reuse the same pod range), host-network pods per node, Service addresses, NetworkPolicies and
// namespace labels. One pass over each cluster's objects; lookups are Map gets.
import { ipToInt, isIPv4 } from '../../core/ip.ts';
import type { ManagedCluster } from '../../model/azure/types.ts';
import type { K8sObject, NetworkPolicy, Node, Pod, Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { addressing } from '../addressing.ts';
import { idKey } from '../arm-ids.ts';

export interface NodeEntry {
  clusterId: string;
  name: string;
  node: Node;
  ip: string;
  /** The NIC whose primary address is the node's InternalIP. */
  nicId?: string;
  podCidr?: string;
}

export interface ClusterEntry {
  id: string;
  mc: ManagedCluster;
  nodes: Map<string, NodeEntry>;
  podsByIp: Map<string, Pod>;
  hostPods: Map<string, Pod[]>;
  /** ClusterIPs, external IPs and load balancer ingress IPs: the addresses kube-proxy translates. */
  serviceIps: Set<string>;
  policies: NetworkPolicy[];
  namespaceLabels: Map<string, Record<string, string>>;
}

export interface TraceIndex {
  clusters: Map<string, ClusterEntry>;
  nodeByIp: Map<string, NodeEntry>;
  nodeByNic: Map<string, NodeEntry>;
}

const cache = new WeakMap<World, { revision: number; index: TraceIndex }>();

export function traceIndex(world: World): TraceIndex {
  const hit = cache.get(world);
  if (hit && hit.revision === world.revision) return hit.index;
  const index = build(world);
  cache.set(world, { revision: world.revision, index });
  return index;
}

export function clusterEntry(world: World, clusterId: string): ClusterEntry | undefined {
  return traceIndex(world).clusters.get(idKey(clusterId));
}

export function nodeEntry(world: World, clusterId: string, nodeName: string): NodeEntry | undefined {
  return clusterEntry(world, clusterId)?.nodes.get(nodeName);
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

// Two pods can briefly share an address (one terminating): the live one owns it.
function better(a: Pod | undefined, b: Pod): boolean {
  if (!a) return true;
  if (a.metadata.deletionTimestamp && !b.metadata.deletionTimestamp) return true;
  return false;
}

function build(world: World): TraceIndex {
  const index: TraceIndex = { clusters: new Map(), nodeByIp: new Map(), nodeByNic: new Map() };
  const owners = addressing(world).owners;
  for (const r of Object.values(world.state.resources)) {
    if (r.type.toLowerCase() !== 'microsoft.containerservice/managedclusters') continue;
    const mc = r as ManagedCluster;
    const entry: ClusterEntry = {
      id: mc.id,
      mc,
      nodes: new Map(),
      podsByIp: new Map(),
      hostPods: new Map(),
      serviceIps: new Set(),
      policies: [],
      namespaceLabels: new Map(),
    };
    index.clusters.set(idKey(mc.id), entry);
    const objects = world.state.clusters[idKey(mc.id)]?.objects ?? {};
    for (const key in objects) {
      const kind = key.slice(0, key.indexOf('/'));
      const obj = objects[key]!;
      switch (kind) {
        case 'Node':
          addNode(entry, obj as Node, owners, index);
          break;
        case 'Pod':
          addPod(entry, obj as Pod);
          break;
        case 'Service':
          addService(entry, obj as Service);
          break;
        case 'NetworkPolicy':
          entry.policies.push(obj as NetworkPolicy);
          break;
        case 'Namespace':
          entry.namespaceLabels.set(obj.metadata.name, namespaceLabels(obj));
          break;
      }
    }
    entry.policies.sort((a, b) => policyKey(a).localeCompare(policyKey(b)));
  }
  return index;
}

function policyKey(p: NetworkPolicy): string {
  return `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
}

// The API server sets kubernetes.io/metadata.name on every namespace (since 1.22).
function namespaceLabels(obj: K8sObject): Record<string, string> {
  return { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
}

function addNode(entry: ClusterEntry, node: Node, owners: ReturnType<typeof addressing>['owners'], index: TraceIndex): void {
  const ip = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  if (!ip || !isIPv4(ip)) return;
  const ne: NodeEntry = { clusterId: entry.id, name: node.metadata.name, node, ip };
  const podCidr = node.spec?.podCIDR ?? node.spec?.podCIDRs?.[0];
  if (podCidr) ne.podCidr = podCidr;
  const owner = owners.get(ipToInt(ip));
  if (owner?.kind === 'nic') {
    ne.nicId = owner.nic.id;
    index.nodeByNic.set(idKey(owner.nic.id), ne);
  }
  entry.nodes.set(ne.name, ne);
  index.nodeByIp.set(ip, ne);
}

function addPod(entry: ClusterEntry, pod: Pod): void {
  if (!pod.spec?.nodeName || isTerminal(pod)) return;
  if (pod.spec.hostNetwork) {
    const list = entry.hostPods.get(pod.spec.nodeName);
    if (list) list.push(pod);
    else entry.hostPods.set(pod.spec.nodeName, [pod]);
    return;
  }
  const ip = pod.status?.podIP;
  if (!ip) return;
  if (better(entry.podsByIp.get(ip), pod)) entry.podsByIp.set(ip, pod);
}

function addService(entry: ClusterEntry, svc: Service): void {
  const spec = svc.spec;
  if (!spec || spec.type === 'ExternalName') return;
  for (const ip of [spec.clusterIP, ...(spec.clusterIPs ?? []), ...(spec.externalIPs ?? [])]) if (ip && isIPv4(ip)) entry.serviceIps.add(ip);
  for (const ingress of svc.status?.loadBalancer?.ingress ?? []) if (ingress.ip && isIPv4(ingress.ip)) entry.serviceIps.add(ingress.ip);
}
