// Pod IP allocators, pure functions over integer addresses. Each mimics the IPAM AKS uses for
// the network plugin, so addresses look like the ones a real cluster hands out.
import { cidrSize, type Cidr } from '../../core/ip.ts';

/**
 * CNI host-local, as kubenet uses it: the node's podCIDR minus the network address, the bridge
 * gateway (.1, cbr0) and the broadcast address, so pods get .2 upward; it resumes after the last
 * address it reserved and wraps, so a freed address is not reused at once (containernetworking
 * plugins `ipam/host-local`; a public AKS kubenet dump shows kube-system pods on .2, .3, .4, .5).
 */
export function hostLocalRange(cidr: Cidr): { first: number; last: number } {
  return { first: cidr.base + 2, last: cidr.base + cidrSize(cidr) - 2 };
}

export function hostLocalAllocate(cidr: Cidr, used: ReadonlySet<number>, lastReserved: number | undefined): number | null {
  const { first, last } = hostLocalRange(cidr);
  const span = last - first + 1;
  if (span <= 0) return null;
  const start = lastReserved !== undefined && lastReserved >= first && lastReserved <= last ? lastReserved + 1 - first : 0;
  for (let i = 0; i < span; i++) {
    const ip = first + ((start + i) % span);
    if (!used.has(ip)) return ip;
  }
  return null;
}

/**
 * Azure CNS for CNI Overlay: the node's whole podCIDR block is its pool (azure-container-
 * networking `cns/.../nodenetworkconfig`), and CNS hands out whichever free address its map
 * iteration meets first, so addresses look random within the block. We start at a seeded
 * offset and probe upward; the network and broadcast addresses are left out [assumption].
 */
export function blockAllocate(cidr: Cidr, used: ReadonlySet<number>, seed: number): number | null {
  const first = cidr.base + 1;
  const span = cidrSize(cidr) - 2;
  if (span <= 0) return null;
  const start = seed % span;
  for (let i = 0; i < span; i++) {
    const ip = first + ((start + i) % span);
    if (!used.has(ip)) return ip;
  }
  return null;
}

/**
 * Azure CNI node-subnet: the node NIC's secondary IP configurations are the pool, reserved up
 * front (max pods per node); azure-vnet-ipam takes a free one (map order, so effectively any).
 */
export function poolAllocate(pool: readonly number[], used: ReadonlySet<number>, seed: number): number | null {
  if (pool.length === 0) return null;
  const start = seed % pool.length;
  for (let i = 0; i < pool.length; i++) {
    const ip = pool[(start + i) % pool.length]!;
    if (!used.has(ip)) return ip;
  }
  return null;
}
