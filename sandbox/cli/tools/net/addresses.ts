// The addresses a host itself has: what a socket binds to (`curl -v`'s "from 10.244.1.4 port
// 41234", `hostname -i`, `ip addr`). The workstation sits behind a home router, so its own
// address is a LAN one; the router's NAT gives it the public address the world sees.
import { fnv1a } from '../../../core/hash.ts';
import type { Node } from '../../../model/k8s/types.ts';
import type { World } from '../../../model/world.ts';
import type { Endpoint } from '../../../network/flow.ts';

/** The workstation's address on the home LAN (192.168.1.0/24, the router is .1). */
export function lanAddress(world: World): string {
  return `192.168.1.${20 + (fnv1a(`${world.state.seed}/workstation-lan`) % 200)}`;
}

export function nodeAddress(world: World, clusterId: string, name: string): string | undefined {
  const node = world.k8sGet<Node>(clusterId, 'Node', undefined, name);
  return node?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
}

/** The primary IPv4 address of the place a flow starts from; undefined when it has none. */
export function localAddress(world: World, from: Endpoint): string | undefined {
  switch (from.kind) {
    case 'pod': {
      const pod = world.k8sGet(from.clusterId, 'Pod', from.namespace, from.name) as
        | { spec: { hostNetwork?: boolean; nodeName?: string }; status: { podIP?: string } }
        | undefined;
      if (!pod) return undefined;
      if (pod.spec.hostNetwork && pod.spec.nodeName) return nodeAddress(world, from.clusterId, pod.spec.nodeName);
      return pod.status.podIP;
    }
    case 'node':
      return nodeAddress(world, from.clusterId, from.name);
    case 'machine': {
      const machine = world.state.machines[from.id];
      if (!machine) return undefined;
      if (machine.subnetId && machine.privateIp) return machine.privateIp;
      return machine.kind === 'workstation' ? lanAddress(world) : machine.publicIp;
    }
    case 'ip':
      return from.ip;
  }
}

/** Linux's ephemeral port range (32768–60999); every new socket takes the next one the world hands out. */
export function nextEphemeralPort(world: World, local: string): number {
  const seq = world.next('tools/ephemeral-port');
  return 32768 + (fnv1a(`${world.state.seed}|${local}|${seq}`) % 28232);
}

/** The cluster's network plugin as the node sees it: kubenet, Azure CNI (node subnet or pod subnet), overlay, or Cilium. */
export function pluginOf(world: World, clusterId: string): 'kubenet' | 'azure' | 'overlay' | 'cilium' {
  const mc = world.resource(clusterId) as { networkProfile?: { networkPlugin?: string; networkPluginMode?: string | null; networkDataplane?: string } } | undefined;
  const np = mc?.networkProfile;
  if (np?.networkDataplane === 'cilium') return 'cilium';
  if (np?.networkPlugin === 'kubenet') return 'kubenet';
  if (np?.networkPluginMode === 'overlay') return 'overlay';
  return 'azure';
}

/** A node's pod range (kubenet and overlay give each node one). */
export function nodePodCidr(world: World, clusterId: string, name: string): string | undefined {
  const node = world.k8sGet<Node>(clusterId, 'Node', undefined, name);
  return node?.spec.podCIDR ?? node?.spec.podCIDRs?.[0];
}

/** kubenet's cbr0 address on a node: the first address of its pod range. */
export function bridgeAddress(world: World, clusterId: string, name: string): string | undefined {
  const cidr = nodePodCidr(world, clusterId, name);
  if (pluginOf(world, clusterId) !== 'kubenet' || !cidr) return undefined;
  const [base] = cidr.split('/');
  const parts = base!.split('.').map(Number);
  parts[3] = parts[3]! + 1;
  return parts.join('.');
}

/** The router a pod's packets meet first: cbr0 under kubenet, else the node itself. */
export function podFirstHop(world: World, clusterId: string, nodeName: string): string | undefined {
  return bridgeAddress(world, clusterId, nodeName) ?? nodeAddress(world, clusterId, nodeName);
}
