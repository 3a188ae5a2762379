// AKS's capacity checks before it builds or scales nodes: enough subnet addresses for the new
// nodes (and, under Azure CNI, for every pod slot they pre-allocate), and enough /24 blocks in
// the pod CIDR under kubenet and overlay.
// Formula (emulator-facts §2.3; MS troubleshooting "InsufficientSubnetSize"):
//   Azure CNI node subnet: P = nodes x (maxPods + 1), A = subnet size - 5 - addresses in use
//   kubenet / overlay:     P = nodes,                A = the same (one address per node)
//   pod CIDR:              P = nodes x 256,          A = pod CIDR size (one /24 per node)
import { cidrSize, parseCidr } from '../../core/ip.ts';
import { insufficientSubnetSize, type AzureError } from '../../model/azure/errors.ts';
import type { World } from '../../model/world.ts';
import { buildIpamIndex, findSubnet, freeAddresses, type IpamIndex } from './ipam.ts';
import type { NetworkMode } from './request.ts';

/** Addresses one node takes from its subnet. */
export function addressesPerNode(mode: NetworkMode, maxPods: number): number {
  return mode === 'azure' ? maxPods + 1 : 1;
}

/**
 * Checks that `newNodes` more nodes fit in the subnet. For an AKS-managed subnet that does not
 * exist yet pass its prefix; `reserved` counts addresses AKS will take first (a private endpoint).
 */
export function checkSubnetCapacity(
  world: World,
  args: { subnetId: string; subnetName: string; addressPrefix: string; mode: NetworkMode; maxPods: number; newNodes: number; reserved?: number },
  index: IpamIndex = buildIpamIndex(world),
): AzureError | undefined {
  const required = args.newNodes * addressesPerNode(args.mode, args.maxPods);
  const available = freeAddresses(world, args.subnetId, args.addressPrefix, index) - (args.reserved ?? 0);
  if (required > available) return insufficientSubnetSize(required, Math.max(0, available), args.addressPrefix, args.subnetName);
  return undefined;
}

/** kubenet and overlay give each node a /24 of the pod CIDR. */
export function checkPodCidrCapacity(podCidr: string, totalNodes: number): AzureError | undefined {
  const available = cidrSize(parseCidr(podCidr));
  const required = totalNodes * 256;
  if (required > available) return insufficientSubnetSize(required, available, podCidr, 'networkProfile.podCIDR');
  return undefined;
}

/** Capacity of an existing subnet, looked up by id. */
export function checkExistingSubnet(
  world: World,
  subnetId: string,
  mode: NetworkMode,
  maxPods: number,
  newNodes: number,
  index?: IpamIndex,
): AzureError | undefined {
  const found = findSubnet(world, subnetId);
  if (!found) return undefined;
  return checkSubnetCapacity(
    world,
    { subnetId, subnetName: found.subnet.name, addressPrefix: found.subnet.addressPrefix, mode, maxPods, newNodes },
    index,
  );
}
