// Address prefixes as NSG rules (and firewall rules) write them: CIDRs, single addresses, `*`,
// and service tags, which mean different things depending on where the rule is applied.
//
// VirtualNetwork (learn.microsoft.com service-tags-overview): the VNet's address space, peered
// VNets, connected on-premises spaces, the host virtual IP 168.63.129.16, and the address
// prefixes of the user-defined routes of the subnet's route table ("this tag might also contain
// default routes"). So under kubenet the pod CIDR routes are inside VirtualNetwork, and a UDR
// 0.0.0.0/0 makes the tag cover everything (torivar.com 2019, journeyofthegeek.com 2022).
// Overlay pod ranges of nodes in the VNet are included too [assumption: AKS overlay works with
// the default rules, and azure-cni-overlay.md only asks for extra rules beside custom denies].
import { formatCidr, ipToInt, isIPv4, parseCidr, type Cidr } from '../core/ip.ts';
import type { ManagedCluster, PublicIPAddress, RouteTable } from '../model/azure/types.ts';
import type { World } from '../model/world.ts';
import { AZURE_HOST_IP, IMDS_IP, addressing, type AddressIndex } from './addressing.ts';
import { idKey } from './arm-ids.ts';
import { PrefixTable } from './prefix-table.ts';
import { activePeerings } from './routes.ts';

export interface TagContext {
  /** The VirtualNetwork tag, as prefixes in the order Azure expands them. */
  virtualNetwork: string[];
  virtualNetworkTable: PrefixTable<true>;
  /** Only the VNet and peered address spaces: what `Internet` excludes. */
  ownSpaces: PrefixTable<true>;
  /** Public addresses of Azure resources in the world (the AzureCloud tag), with their region. */
  azurePublic: Map<number, string>;
}

// Not part of the public internet: RFC 1918, RFC 6598, loopback, link-local, multicast, reserved.
const NON_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'].map((p) => parseCidr(p));
const nonPublic = new PrefixTable<true>();
for (const c of NON_PUBLIC) nonPublic.add(c, true);

export function isPublicAddress(ip: number): boolean {
  return nonPublic.lookup(ip) === undefined;
}

const cidrCache = new Map<string, Cidr | null>();
/** A CIDR or bare address as a block; null for anything else (tags, `*`, garbage). Memoised. */
export function cidrOf(text: string): Cidr | null {
  let hit = cidrCache.get(text);
  if (hit === undefined) {
    try {
      hit = text.includes('/') || isIPv4(text) ? parseCidr(text) : null;
    } catch {
      hit = null;
    }
    cidrCache.set(text, hit);
  }
  return hit;
}

const perIndex = new WeakMap<AddressIndex, Map<string, TagContext>>();

/** The tag meanings for rules applied to a subnet (or to a NIC in it). */
export function tagContext(world: World, subnetId: string | undefined): TagContext {
  const index = addressing(world);
  let bySubnet = perIndex.get(index);
  if (!bySubnet) perIndex.set(index, (bySubnet = new Map()));
  const key = subnetId ? idKey(subnetId) : '';
  let ctx = bySubnet.get(key);
  if (!ctx) bySubnet.set(key, (ctx = buildContext(world, index, subnetId)));
  return ctx;
}

function buildContext(world: World, index: AddressIndex, subnetId: string | undefined): TagContext {
  const info = subnetId ? index.subnets.get(idKey(subnetId)) : undefined;
  const virtualNetwork: string[] = [];
  const own: string[] = [];
  if (info) {
    const vnetKeys = new Set([idKey(info.vnet.id)]);
    own.push(...info.vnet.addressSpace.addressPrefixes);
    virtualNetwork.push(...info.vnet.addressSpace.addressPrefixes, `${AZURE_HOST_IP}/32`);
    for (const peering of activePeerings(info.vnet)) {
      vnetKeys.add(idKey(peering.remoteVirtualNetwork.id));
      own.push(...peering.remoteAddressSpace.addressPrefixes);
      virtualNetwork.push(...peering.remoteAddressSpace.addressPrefixes);
    }
    const table = info.subnet.routeTable ? world.resource<RouteTable>(info.subnet.routeTable.id) : undefined;
    for (const route of table?.routes ?? []) if (cidrOf(route.addressPrefix)) virtualNetwork.push(route.addressPrefix);
    for (const range of index.overlayRanges) {
      const home = index.subnets.get(idKey(range.subnetId));
      if (home && vnetKeys.has(idKey(home.vnet.id))) virtualNetwork.push(range.cidr);
    }
  }
  const toTable = (prefixes: string[]) => {
    const table = new PrefixTable<true>();
    for (const p of prefixes) {
      const c = cidrOf(p);
      if (c) table.add(c, true);
    }
    return table;
  };
  return {
    virtualNetwork: [...new Set(virtualNetwork)],
    virtualNetworkTable: toTable(virtualNetwork),
    ownSpaces: toTable(own),
    azurePublic: azurePublicAddresses(world, index),
  };
}

const publicPerIndex = new WeakMap<AddressIndex, Map<number, string>>();
function azurePublicAddresses(world: World, index: AddressIndex): Map<number, string> {
  let map = publicPerIndex.get(index);
  if (map) return map;
  map = new Map();
  for (const pip of index.publicIps.values() as Iterable<PublicIPAddress>) {
    if (pip.ipAddress && isIPv4(pip.ipAddress)) map.set(ipToInt(pip.ipAddress), pip.location.toLowerCase());
  }
  for (const [key, plane] of Object.entries(world.state.controlPlanes)) {
    const location = world.resource<ManagedCluster>(key)?.location.toLowerCase() ?? '';
    if (plane.publicIp && isIPv4(plane.publicIp)) map.set(ipToInt(plane.publicIp), location);
  }
  publicPerIndex.set(index, map);
  return map;
}

function isAny(prefix: string): boolean {
  return prefix === '*' || prefix.toLowerCase() === 'any' || prefix === '0.0.0.0/0';
}

/** Whether an address falls in a rule's address prefix, as Azure reads it where the rule applies. */
export function addressMatches(prefix: string, ip: number, ctx: TagContext, port?: number): boolean {
  if (isAny(prefix)) return true;
  const cidr = cidrOf(prefix);
  if (cidr) return cidr.prefix === 0 || ((ip & ((0xffffffff << (32 - cidr.prefix)) >>> 0)) >>> 0) === cidr.base;
  const [tag, region] = prefix.split('.', 2) as [string, string | undefined];
  switch (tag.toLowerCase()) {
    case 'virtualnetwork':
    case 'virtual_network':
      return ctx.virtualNetworkTable.lookup(ip) !== undefined;
    case 'azureloadbalancer':
    case 'azure_loadbalancer':
      return ip === HOST;
    case 'internet':
      return isPublicAddress(ip) && ctx.ownSpaces.lookup(ip) === undefined;
    case 'azurecloud': {
      const location = ctx.azurePublic.get(ip);
      return location !== undefined && (!region || region.toLowerCase() === location);
    }
    case 'azureplatformdns':
      return ip === HOST && (port === undefined || port === 53);
    case 'azureplatformimds':
      return ip === IMDS;
    case 'azureplatformlkm':
      return ip === HOST && (port === undefined || port === 1688);
    default:
      return false; // other service tags (Storage, AzureMonitor, ...) are not modelled
  }
}

const HOST = ipToInt(AZURE_HOST_IP);
const IMDS = ipToInt(IMDS_IP);

/** Tags whose expansion we know; others print no expansion. */
export function isServiceTag(prefix: string): boolean {
  return !isAny(prefix) && cidrOf(prefix) === null;
}

/** The prefixes a tag stands for where the rule applies (what list-effective-nsg calls expanded). */
export function expandTag(prefix: string, ctx: TagContext): string[] {
  switch (prefix.split('.', 1)[0]!.toLowerCase()) {
    case 'virtualnetwork':
      return ctx.virtualNetwork;
    case 'azureloadbalancer':
      return [`${AZURE_HOST_IP}/32`];
    case 'azureplatformdns':
    case 'azureplatformlkm':
      return [`${AZURE_HOST_IP}/32`];
    case 'azureplatformimds':
      return [`${IMDS_IP}/32`];
    case 'internet':
      return internetPrefixes();
    case 'azurecloud':
      return [...ctx.azurePublic.keys()].sort((a, b) => a - b).map((ip) => formatCidr({ base: ip, prefix: 32 }));
    default:
      return [];
  }
}

let internetCache: string[] | undefined;
/** The public IPv4 space as the fewest CIDR blocks: 0.0.0.0/0 minus the non-public ranges. */
export function internetPrefixes(): string[] {
  if (internetCache) return internetCache;
  const out: string[] = [];
  const walk = (block: Cidr) => {
    const overlapping = NON_PUBLIC.filter((n) => overlaps(n, block));
    if (overlapping.length === 0) return void out.push(formatCidr(block));
    if (overlapping.some((n) => n.prefix <= block.prefix)) return; // wholly excluded
    const half = 2 ** (31 - block.prefix);
    walk({ base: block.base, prefix: block.prefix + 1 });
    walk({ base: (block.base + half) >>> 0, prefix: block.prefix + 1 });
  };
  walk({ base: 0, prefix: 0 });
  return (internetCache = out);
}

function overlaps(a: Cidr, b: Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return ((a.base & mask) >>> 0) === ((b.base & mask) >>> 0);
}
