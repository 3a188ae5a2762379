// A node's complete iptables state as structured rules: the node bootstrap's and kubelet's
// chains, kube-proxy's service chains for this node (local endpoints differ per node), and
// azure-ip-masq-agent's chain. Built on demand per node and cached with the cluster view, so
// unchanged worlds never rebuild and big clusters only pay for the nodes someone looks at.
import { intToIp, parseCidr } from '../../core/ip.ts';
import type { World } from '../../model/world.ts';
import { finishKubeProxyTables, nodeBaseTables, writeKubeProxyBase } from './base-chains.ts';
import { clusterProxyView, type ClusterProxyView } from './cluster-view.ts';
import { writeIpMasqRules } from './ip-masq.ts';
import { writeServicePortRules } from './service-rules.ts';
import type { EndpointRef, HealthCheckRef, NodeRuleSet } from './types.ts';

// kube-proxy's largeClusterEndpointsThreshold: above it, per-endpoint comments are left out.
const LARGE_CLUSTER_ENDPOINTS = 1000;

export function buildNodeRules(view: ClusterProxyView, nodeName: string): NodeRuleSet {
  const node = view.nodes.get(nodeName);
  if (!node) throw new Error(`node ${nodeName} is not in cluster ${view.clusterId}`);
  const tables = nodeBaseTables();
  const endpoints = new Map<string, EndpointRef>();

  if (!view.kubeProxyAbsent) {
    writeKubeProxyBase(tables);
    let total = 0;
    for (const sp of view.servicePorts) total += sp.endpoints.length;
    const ctx = { nodeName, nodeIp: node.ip, clusterCidr: view.clusterCidr, largeClusterMode: total > LARGE_CLUSTER_ENDPOINTS };
    for (const sp of view.servicePorts) writeServicePortRules(tables, sp, ctx, endpoints);
    finishKubeProxyTables(tables);
  }
  if (view.ipMasq) writeIpMasqRules(tables.nat, view.ipMasq);

  // kube-proxy's health server counts a service's distinct local ready endpoint IPs (all ports).
  const healthChecks = new Map<number, HealthCheckRef>();
  const localIps = new Map<number, Set<string>>();
  if (!view.kubeProxyAbsent) {
    for (const sp of view.servicePorts) {
      if (!sp.healthCheckNodePort) continue;
      let ips = localIps.get(sp.healthCheckNodePort);
      if (!ips) localIps.set(sp.healthCheckNodePort, (ips = new Set()));
      for (const ep of sp.endpoints) if (ep.nodeName === nodeName) ips.add(ep.ip);
      healthChecks.set(sp.healthCheckNodePort, { namespace: sp.namespace, name: sp.service, localEndpoints: ips.size });
    }
  }

  // kubenet pods hang off the cbr0 bridge, whose address is the first of the node's pod range
  // (bridge CNI with isGateway). Azure CNI and overlay give the host no address on the pod side.
  const kubenet = view.facts.plugin === 'kubenet';
  const podCidr = node.podCidr;
  const bridgeIp = kubenet && podCidr ? intToIp(parseCidr(podCidr).base + 1) : null;
  return {
    clusterId: view.clusterId,
    nodeName,
    nodeIp: node.ip,
    localAddresses: bridgeIp ? [node.ip, bridgeIp] : [node.ip],
    bridgeIp,
    podCidr,
    tables,
    endpoints,
    healthChecks,
    kubeProxyAbsent: view.kubeProxyAbsent,
  };
}

const nodeCache = new WeakMap<ClusterProxyView, Map<string, NodeRuleSet>>();

/** The node's rule set for the world as it is now (cached until the world changes); null for an unknown cluster or node. */
export function nodeRules(world: World, clusterId: string, nodeName: string): NodeRuleSet | null {
  if (!world.resource(clusterId)) return null;
  const view = clusterProxyView(world, clusterId);
  if (!view.nodes.has(nodeName)) return null;
  let perView = nodeCache.get(view);
  if (!perView) {
    perView = new Map();
    nodeCache.set(view, perView);
  }
  let rules = perView.get(nodeName);
  if (!rules) {
    rules = buildNodeRules(view, nodeName);
    perView.set(nodeName, rules);
  }
  return rules;
}
