// Where a flow starts, from the endpoint a caller names: a pod (in its node's netns unless it
// uses the host network), a node, a machine outside the cluster, or a bare address (which may be
// a node, a pod, a machine, the API server's private address, or any host on the internet).
import { ipToInt, isIPv4 } from '../../core/ip.ts';
import type { Pod } from '../../model/k8s/types.ts';
import type { ClientMachine, World } from '../../model/world.ts';
import { ownerOf, subnetInfo } from '../addressing.ts';
import type { Endpoint } from '../flow.ts';
import { isPublicAddress } from '../service-tags.ts';
import { clusterEntry, traceIndex, type ClusterEntry, type NodeEntry } from './cluster-index.ts';

export type Source =
  | { kind: 'cluster'; ip: string; label: string; cluster: ClusterEntry; node: NodeEntry; pod?: Pod }
  | { kind: 'machine'; ip: string; label: string; machine: ClientMachine }
  | { kind: 'internet'; ip: string; label: string }
  /** The managed API server, inside its delegated subnet (API Server VNet Integration). */
  | { kind: 'subnet'; ip: string; label: string; subnetId: string }
  | { kind: 'missing'; label: string; reason: string };

function fromPod(world: World, clusterId: string, namespace: string, name: string): Source {
  const label = `pod ${namespace}/${name}`;
  const cluster = clusterEntry(world, clusterId);
  if (!cluster) return { kind: 'missing', label, reason: `There is no cluster ${clusterId}.` };
  const pod = world.k8sGet<Pod>(clusterId, 'Pod', namespace, name);
  if (!pod) return { kind: 'missing', label, reason: `There is no pod ${namespace}/${name} in cluster ${cluster.mc.name}.` };
  const nodeName = pod.spec.nodeName;
  const node = nodeName ? cluster.nodes.get(nodeName) : undefined;
  if (!node) return { kind: 'missing', label, reason: `Pod ${namespace}/${name} is not scheduled on a node yet, so it has no network.` };
  const ip = pod.spec.hostNetwork ? node.ip : pod.status?.podIP;
  if (!ip || pod.status?.phase !== 'Running') {
    return { kind: 'missing', label, reason: `Pod ${namespace}/${name} is ${pod.status?.phase ?? 'Pending'} and has no running sandbox with an address to send from.` };
  }
  return { kind: 'cluster', ip, label, cluster, node, pod };
}

function fromNode(world: World, clusterId: string, name: string): Source {
  const label = `node ${name}`;
  const node = clusterEntry(world, clusterId)?.nodes.get(name);
  if (!node) return { kind: 'missing', label, reason: `There is no node ${name}.` };
  return { kind: 'cluster', ip: node.ip, label, cluster: clusterEntry(world, clusterId)!, node };
}

function fromIp(world: World, ip: string): Source {
  if (!isIPv4(ip)) return { kind: 'missing', label: ip, reason: `${ip} is not an IPv4 address.` };
  const index = traceIndex(world);
  const node = index.nodeByIp.get(ip);
  if (node) return fromNode(world, node.clusterId, node.name);
  for (const cluster of index.clusters.values()) {
    const pod = cluster.podsByIp.get(ip);
    if (pod) return fromPod(world, cluster.id, pod.metadata.namespace ?? 'default', pod.metadata.name);
  }
  const owner = ownerOf(world, ip);
  if (owner?.kind === 'machine') return { kind: 'machine', ip, label: owner.machine.hostname, machine: owner.machine };
  if (owner?.kind === 'control-plane' && owner.subnetId && subnetInfo(world, owner.subnetId)) {
    return { kind: 'subnet', ip, label: `kube-apiserver (${ip})`, subnetId: owner.subnetId };
  }
  if (isPublicAddress(ipToInt(ip)) && !owner) return { kind: 'internet', ip, label: ip };
  return { kind: 'missing', label: ip, reason: `Nothing the sandbox can send from owns ${ip}.` };
}

export function locateSource(world: World, from: Endpoint): Source {
  switch (from.kind) {
    case 'pod':
      return fromPod(world, from.clusterId, from.namespace, from.name);
    case 'node':
      return fromNode(world, from.clusterId, from.name);
    case 'machine': {
      const machine = world.state.machines[from.id];
      if (!machine) return { kind: 'missing', label: from.id, reason: `There is no machine ${from.id}.` };
      const inVnet = !!(machine.subnetId && machine.privateIp && subnetInfo(world, machine.subnetId));
      return { kind: 'machine', ip: inVnet ? machine.privateIp! : machine.publicIp, label: machine.hostname, machine };
    }
    case 'ip':
      return fromIp(world, from.ip);
  }
}
