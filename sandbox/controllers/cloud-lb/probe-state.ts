// Whether an Azure LB health probe succeeds against one node, from mechanics: the node must be
// up, the NSGs on its subnet and NIC must let 168.63.129.16 (AzureLoadBalancer) reach the probe
// port, and something on the node must answer there: kube-proxy's health server on a
// healthCheckNodePort, kube-proxy's NodePort rules (which reject or drop when the Service has no
// usable endpoint), or kube-proxy's own /healthz on 10256.
import type { LoadBalancer, ManagedCluster, Probe } from '../../model/azure/types.ts';
import type { Node } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { AZURE_HOST_IP } from '../../network/addressing.ts';
import { clusterProxyView, type ClusterProxyView } from '../../network/kube-proxy/index.ts';
import type { ProbeState as DataplaneProbeState } from '../../network/load-balancer.ts';
import { evaluatePath } from '../../network/nsg.ts';
import { clusterContext } from './context.ts';
import { listKind } from '../k8s/store.ts';
import { healthVerdict } from './healthz.ts';
import { localEndpoints, proxyIndex } from './proxy-index.ts';
import { isNodeReady, nodeNicIndex } from './node-index.ts';

export type ProbeReason =
  | 'Healthy'
  | 'NodeNotFound'
  | 'NodeNotReady'
  | 'NsgDenied'
  | 'NoLocalEndpoints'
  | 'NoEndpoints'
  | 'NothingListening';

export interface ProbeResult {
  state: 'Up' | 'Down';
  reason: ProbeReason;
  /** With NsgDenied: the deciding rule as Network Watcher names it (`securityRules/<name>`). */
  nsgRule?: string;
  /** With an HTTP(S) probe that got an answer: its status code. */
  httpStatus?: number;
  /** The Service whose port the probe reached, as `<namespace>/<name>`. */
  service?: string;
}

/** kube-proxy's own health endpoint (--healthz-bind-address default). */
export const KUBE_PROXY_HEALTHZ_PORT = 10256;

const up = (extra: Omit<ProbeResult, 'state' | 'reason'> = {}): ProbeResult => ({ state: 'Up', reason: 'Healthy', ...extra });
const down = (reason: ProbeReason, extra: Omit<ProbeResult, 'state' | 'reason'> = {}): ProbeResult => ({ state: 'Down', reason, ...extra });

/** What the node answers on the probe port, NSGs and node health aside. */
export function listenerAnswer(world: World, clusterId: string, view: ClusterProxyView, probe: Probe, nodeName: string): ProbeResult {
  const http = probe.protocol !== 'Tcp';
  const index = proxyIndex(view);
  const hc = index.byHealthPort.get(probe.port);
  if (hc) {
    const service = `${hc.namespace}/${hc.service}`;
    const verdict = healthVerdict(world, clusterId, view, hc.namespace, hc.service, nodeName);
    if (!verdict) return down('NothingListening', { service });
    // A TCP probe only needs the health server to accept the connection.
    if (!http) return up({ service });
    return verdict.status === 200 ? up({ service, httpStatus: 200 }) : down('NoLocalEndpoints', { service, httpStatus: verdict.status });
  }
  const sp = index.byNodePort.get(probe.port);
  if (sp) {
    const service = `${sp.namespace}/${sp.service}`;
    if (view.kubeProxyAbsent !== null && view.facts.dataplane !== 'cilium') return down('NothingListening', { service });
    if (sp.externalPolicyLocal) {
      // Local policy: kube-proxy drops NodePort traffic on a node without a local endpoint.
      if (localEndpoints(view, sp.namespace, sp.service, nodeName) === 0) return down('NoLocalEndpoints', { service });
    } else if (sp.endpoints.length === 0) {
      // No endpoint anywhere: kube-proxy rejects NodePort connections.
      return down('NoEndpoints', { service });
    }
    // Assumption: an HTTP(S) probe through a NodePort reaches the app, which answers 200 on the probe path.
    return up(http ? { service, httpStatus: 200 } : { service });
  }
  if (probe.port === KUBE_PROXY_HEALTHZ_PORT && view.kubeProxyAbsent === null) return up(http ? { httpStatus: 200 } : {});
  return down('NothingListening');
}

/**
 * The probe's verdict for one backend node of a cluster LB: node readiness, NSGs, then the
 * listener. Pure read of the world.
 */
export function probeState(world: World, clusterId: string, lb: LoadBalancer, probe: Probe, backendNodeName: string): ProbeResult {
  void lb; // the probe carries everything; the LB is part of the signature the path engine calls with
  const node = world.k8sGet<Node>(clusterId, 'Node', undefined, backendNodeName);
  if (!node) return down('NodeNotFound');
  if (!isNodeReady(node)) return down('NodeNotReady');
  const cluster = world.resource<ManagedCluster>(clusterId);
  const nodeRg = cluster ? clusterContext(world, cluster).nodeResourceGroup : '';
  const nic = nodeNicIndex(world, nodeRg).get(backendNodeName);
  if (nic) {
    const outcome = evaluatePath(world, nic.ipConfig.subnet.id, nic.nic.networkSecurityGroup?.id, {
      direction: 'Inbound',
      protocol: 'tcp',
      srcIp: AZURE_HOST_IP,
      srcPort: 49152,
      dstIp: nic.ipConfig.privateIPAddress,
      dstPort: probe.port,
    });
    if (!outcome.allowed) {
      const last = outcome.steps[outcome.steps.length - 1]!;
      return down('NsgDenied', { nsgRule: last.decision.ruleName });
    }
  }
  return listenerAnswer(world, clusterId, clusterProxyView(world, clusterId), probe, backendNodeName);
}

interface NodeByIp {
  revision: number;
  byIp: Map<string, { clusterId: string; nodeName: string }>;
}
const nodeIpCache = new WeakMap<World, NodeByIp>();

function nodeOfIp(world: World, ip: string): { clusterId: string; nodeName: string } | undefined {
  let cached = nodeIpCache.get(world);
  if (!cached || cached.revision !== world.revision) {
    const byIp = new Map<string, { clusterId: string; nodeName: string }>();
    for (const cluster of world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters')) {
      for (const node of listKind<Node>(world, cluster.id, 'Node')) {
        for (const a of node.status.addresses) if (a.type === 'InternalIP') byIp.set(a.address, { clusterId: cluster.id, nodeName: node.metadata.name });
      }
    }
    cached = { revision: world.revision, byIp };
    nodeIpCache.set(world, cached);
  }
  return cached.byIp.get(ip);
}

/**
 * The Kubernetes side of probe health in the shape the dataplane's LB model asks for
 * (sandbox/network/load-balancer.ts). It checks NSGs itself, so this answers node readiness and
 * the listener only. Backends that are not cluster nodes count as Up.
 */
export function kubernetesProbeState(world: World): DataplaneProbeState {
  return (_lb, probe, backendIp) => {
    const owner = nodeOfIp(world, backendIp);
    if (!owner) return 'Up';
    const node = world.k8sGet<Node>(owner.clusterId, 'Node', undefined, owner.nodeName);
    if (!node || !isNodeReady(node)) return 'Down';
    return listenerAnswer(world, owner.clusterId, clusterProxyView(world, owner.clusterId), probe, owner.nodeName).state;
  };
}
