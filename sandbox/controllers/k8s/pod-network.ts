// Where a node's pods take their addresses from, per network plugin: the node's podCIDR
// (kubenet, overlay) or the secondary IP configurations of the node's NIC (Azure CNI
// node-subnet), found through the VMSS instance named in the node's providerID.
import { formatCidr, intToIp, ipToInt, isCidr, isIPv4, parseCidr, type Cidr } from '../../core/ip.ts';
import type { NetworkInterface, VirtualMachineScaleSet } from '../../model/azure/types.ts';
import type { Node } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { PodNetworkMode } from './cluster.ts';
import { nodeInternalIp } from './pods.ts';

export type AddressSource =
  | { kind: 'host-local'; cidr: Cidr }
  | { kind: 'block'; cidr: Cidr }
  | { kind: 'nic'; pool: number[] }
  /** The node has no usable address source: its CNI cannot set up pod networking at all. */
  | { kind: 'not-ready' };

/** Kubelet's event when the CNI has no configuration (kubelet `NetworkNotReady`). */
export const NETWORK_NOT_READY =
  'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

export function nodePodCidr(node: Node): Cidr | undefined {
  const text = node.spec?.podCIDR ?? node.spec?.podCIDRs?.[0];
  return text && isCidr(text) ? parseCidr(text) : undefined;
}

/** Looks up NICs for Azure CNI nodes; builds its by-IP index only if a providerID lookup misses. */
export class NicFinder {
  private byIp: Map<string, NetworkInterface> | undefined;
  private readonly world: World;

  constructor(world: World) {
    this.world = world;
  }

  find(node: Node): NetworkInterface | undefined {
    const viaVmss = this.viaProviderId(node.spec?.providerID ?? '');
    if (viaVmss) return viaVmss;
    const ip = nodeInternalIp(node);
    if (!ip) return undefined;
    if (!this.byIp) {
      this.byIp = new Map();
      for (const nic of this.world.resourcesOfType<NetworkInterface>('Microsoft.Network/networkInterfaces')) {
        const primary = nic.ipConfigurations?.find((c) => c.primary) ?? nic.ipConfigurations?.[0];
        if (primary) this.byIp.set(primary.privateIPAddress, nic);
      }
    }
    return this.byIp.get(ip);
  }

  /** `azure:///subscriptions/…/virtualMachineScaleSets/<vmss>/virtualMachines/<n>` → the NIC. */
  private viaProviderId(providerId: string): NetworkInterface | undefined {
    const match = /^azure:\/\/(\/subscriptions\/.+\/virtualMachineScaleSets\/[^/]+)\/virtualMachines\/([^/]+)$/i.exec(providerId);
    if (!match) return undefined;
    const vmss = this.world.resource<VirtualMachineScaleSet>(match[1]!);
    const instance = vmss?.instances?.find((i) => i.instanceId === match[2]);
    return instance ? this.world.resource<NetworkInterface>(instance.networkInterface) : undefined;
  }
}

export function addressSource(mode: PodNetworkMode, node: Node, nics: NicFinder): AddressSource {
  if (mode === 'kubenet' || mode === 'overlay') {
    const cidr = nodePodCidr(node);
    if (!cidr) return { kind: 'not-ready' };
    return mode === 'kubenet' ? { kind: 'host-local', cidr } : { kind: 'block', cidr };
  }
  if (mode === 'azure-cni') {
    // Without NIC data there is nothing to hand out: treat the CNI as not ready [sandbox fallback].
    const nic = nics.find(node);
    const pool = (nic?.ipConfigurations ?? [])
      .filter((c) => !c.primary && isIPv4(c.privateIPAddress))
      .map((c) => ipToInt(c.privateIPAddress));
    return pool.length ? { kind: 'nic', pool } : { kind: 'not-ready' };
  }
  // Network plugin `none`: no CNI until the learner installs one.
  return { kind: 'not-ready' };
}

/** The sandbox-creation error the kubelet reports when the pool has no free address. */
export function exhaustedMessage(source: AddressSource, sandboxId: string): string {
  const prefix = `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sandboxId}": `;
  if (source.kind === 'host-local') {
    const first = source.cidr.base + 1;
    const last = source.cidr.base + 2 ** (32 - source.cidr.prefix) - 2;
    return `${prefix}plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${intToIp(first)}-${intToIp(last)}`;
  }
  if (source.kind === 'block') {
    // [assumption] wording of azure-cns when an overlay block is full.
    return `${prefix}plugin type="azure-vnet" failed (add): IPAM Invoker Add failed with error: Failed to get IP address from CNS: no IPs available in pool ${formatCidr(source.cidr)}`;
  }
  // [assumption] wording of azure-vnet-ipam when every secondary IP is taken.
  return `${prefix}plugin type="azure-vnet" failed (add): Failed to allocate pool: Failed to delegate: Failed to allocate address: No available addresses`;
}
