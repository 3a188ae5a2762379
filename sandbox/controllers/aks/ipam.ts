// Azure's address management inside subnets: which private addresses are taken, and the next
// free one. Azure hands out the lowest free address after the five it reserves (network,
// x.x.x.1-3 and broadcast), so the first NIC in a /24 gets x.x.x.4.
// The index is built in one pass over the resources; allocation then walks a cursor, so
// building a 1,000-node cluster stays linear.
import { azureFirstUsable, cidrSize, intToIp, ipToInt, isIPv4, parseCidr, type Cidr } from '../../core/ip.ts';
import type {
  AzureFirewall,
  LoadBalancer,
  NetworkInterface,
  PrivateEndpoint,
  VirtualNetwork,
} from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';

export class IpamIndex {
  /** Subnet id (lower-cased) → taken addresses as integers. */
  private readonly used = new Map<string, Set<number>>();

  take(subnetId: string, ip: string | null | undefined): void {
    if (!ip || !isIPv4(ip)) return;
    this.usedIn(subnetId).add(ipToInt(ip));
  }

  usedIn(subnetId: string): Set<number> {
    const key = subnetId.toLowerCase();
    let set = this.used.get(key);
    if (!set) {
      set = new Set();
      this.used.set(key, set);
    }
    return set;
  }

  /** An allocator over one subnet; what it hands out is recorded here as taken. */
  allocator(subnetId: string, addressPrefix: string): SubnetAllocator {
    return new SubnetAllocator(parseCidr(addressPrefix), this.usedIn(subnetId));
  }
}

/** Walks a subnet from x.x.x.4 upwards, skipping taken addresses. */
export class SubnetAllocator {
  readonly cidr: Cidr;
  private readonly used: Set<number>;
  private cursor: number;
  private readonly last: number;
  /** Taken addresses at or after the cursor, so free() needs no scan. */
  private takenAhead: number;

  constructor(cidr: Cidr, used: Set<number>) {
    this.cidr = cidr;
    this.used = used;
    this.cursor = azureFirstUsable(cidr);
    // The broadcast address is reserved too.
    this.last = cidr.base + cidrSize(cidr) - 2;
    this.takenAhead = 0;
    for (const ip of used) if (ip >= this.cursor && ip <= this.last) this.takenAhead++;
  }

  /** The lowest free address, or undefined when the subnet is full. */
  next(): string | undefined {
    while (this.cursor <= this.last) {
      const candidate = this.cursor++ >>> 0;
      if (this.used.has(candidate)) {
        this.takenAhead--;
        continue;
      }
      this.used.add(candidate);
      return intToIp(candidate);
    }
    return undefined;
  }

  /** `count` addresses at once, or undefined (and nothing taken) when fewer are free. */
  take(count: number): string[] | undefined {
    if (this.free() < count) return undefined;
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.next()!);
    return out;
  }

  /** Addresses still free from the cursor on. */
  free(): number {
    return Math.max(0, this.last - this.cursor + 1 - this.takenAhead);
  }
}

/** Every private address taken in every subnet: NIC ip configurations, private endpoints, internal LB frontends, firewalls. */
export function buildIpamIndex(world: World): IpamIndex {
  const index = new IpamIndex();
  for (const r of Object.values(world.state.resources)) {
    switch (r.type.toLowerCase()) {
      case 'microsoft.network/networkinterfaces':
        for (const config of (r as NetworkInterface).ipConfigurations) index.take(config.subnet.id, config.privateIPAddress);
        break;
      case 'microsoft.network/privateendpoints': {
        const endpoint = r as PrivateEndpoint;
        index.take(endpoint.subnet.id, endpoint.privateIPAddress);
        break;
      }
      case 'microsoft.network/loadbalancers':
        for (const frontend of (r as LoadBalancer).frontendIPConfigurations) {
          if (frontend.subnet && frontend.privateIPAddress) index.take(frontend.subnet.id, frontend.privateIPAddress);
        }
        break;
      case 'microsoft.network/azurefirewalls':
        for (const config of (r as AzureFirewall).ipConfigurations) index.take(config.subnet.id, config.privateIPAddress);
        break;
    }
  }
  return index;
}

/** Addresses Azure can still hand out in a subnet: size − 5 reserved − taken. */
export function freeAddresses(world: World, subnetId: string, addressPrefix: string, index = buildIpamIndex(world)): number {
  const cidr = parseCidr(addressPrefix);
  const first = azureFirstUsable(cidr);
  const last = cidr.base + cidrSize(cidr) - 2;
  let taken = 0;
  for (const ip of index.usedIn(subnetId)) if (ip >= first && ip <= last) taken++;
  return Math.max(0, last - first + 1 - taken);
}

/** The subnet object behind a subnet id, with its VNet, looked up through the VNet resource. */
export function findSubnet(world: World, subnetId: string): { vnet: VirtualNetwork; subnet: VirtualNetwork['subnets'][number] } | undefined {
  const at = subnetId.toLowerCase().lastIndexOf('/subnets/');
  if (at < 0) return undefined;
  const vnet = world.resource<VirtualNetwork>(subnetId.slice(0, at));
  if (!vnet || vnet.type.toLowerCase() !== 'microsoft.network/virtualnetworks') return undefined;
  const subnet = vnet.subnets.find((s) => s.id.toLowerCase() === subnetId.toLowerCase());
  return subnet ? { vnet, subnet } : undefined;
}
