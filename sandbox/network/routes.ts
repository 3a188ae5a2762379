// Azure effective routes of a subnet: system routes, overridden by the UDRs of the subnet's route
// table, chosen by longest prefix match with ties going UDR > BGP > system
// (learn.microsoft.com virtual-networks-udr-overview, "How Azure selects a route").
// The table is returned in the shape `az network nic show-effective-route-table` prints.
import { formatCidr, ipToInt, isIPv4, parseCidr, type Cidr } from '../core/ip.ts';
import type { NetworkInterface, RouteTable, VirtualNetwork } from '../model/azure/types.ts';
import type { World } from '../model/world.ts';
import { addressing, type AddressIndex } from './addressing.ts';
import { idKey } from './arm-ids.ts';
import { PrefixTable } from './prefix-table.ts';

export type EffectiveNextHopType =
  | 'VnetLocal'
  | 'VNetPeering'
  | 'VNetGlobalPeering'
  | 'Internet'
  | 'None'
  | 'VirtualAppliance'
  | 'VirtualNetworkGateway'
  | 'InterfaceEndpoint';

/** One row of `az network nic show-effective-route-table -o json` (keys as az prints them). */
export interface EffectiveRoute {
  addressPrefix: string[];
  destinationServiceTags: string[];
  disableBgpRoutePropagation: boolean;
  hasBgpOverride: boolean;
  name: string | null;
  nextHopIpAddress: string[];
  nextHopType: EffectiveNextHopType;
  source: 'Default' | 'User' | 'VirtualNetworkGateway';
  state: 'Active' | 'Invalid';
  tagMap: Record<string, string[]>;
}

export interface EffectiveRouteTable {
  nextLink: null;
  value: EffectiveRoute[];
}

/** The route a destination matched, with what Network Watcher and the trace need to name it. */
export interface RouteMatch {
  route: EffectiveRoute;
  /** The matched prefix (a route row can carry several). */
  prefix: string;
  nextHopType: EffectiveNextHopType;
  nextHopIp?: string;
  /** The route table holding a User route; absent for system routes. */
  routeTableId?: string;
  routeTableName?: string;
}

interface SubnetRoutes {
  table: EffectiveRouteTable;
  lookup: PrefixTable<RouteMatch>;
  routeTable?: RouteTable;
}

/*
 * Prefixes Azure sends to None by default. The documentation lists 10/8, 172.16/12, 192.168/16
 * and 100.64/10, but every current `show-effective-route-table` output we found (2021–2024,
 * several independent tenants) shows 10/8, 100.64/10, 192.168/16, 25.33.80.0/20 and
 * 25.41.3.0/25 and no 172.16/12 row; we follow what Azure prints today.
 */
export const DEFAULT_NONE_PREFIXES = ['10.0.0.0/8', '100.64.0.0/10', '192.168.0.0/16', '25.33.80.0/20', '25.41.3.0/25'];

const perIndex = new WeakMap<AddressIndex, Map<string, SubnetRoutes>>();

function row(
  prefix: string,
  nextHopType: EffectiveNextHopType,
  source: EffectiveRoute['source'],
  disableBgp: boolean,
  name: string | null = null,
  nextHopIp?: string,
): EffectiveRoute {
  return {
    addressPrefix: [prefix],
    destinationServiceTags: [],
    disableBgpRoutePropagation: disableBgp,
    hasBgpOverride: false,
    name,
    nextHopIpAddress: nextHopIp ? [nextHopIp] : [],
    nextHopType,
    source,
    state: 'Active',
    tagMap: {},
  };
}

function tryCidr(text: string): Cidr | undefined {
  try {
    return parseCidr(text);
  } catch {
    return undefined; // service-tag prefixes in UDRs are not modelled
  }
}

/** Peerings whose routes exist: Connected and allowing VNet access. */
export function activePeerings(vnet: VirtualNetwork) {
  return vnet.virtualNetworkPeerings.filter((p) => p.peeringState === 'Connected' && p.allowVirtualNetworkAccess);
}

function build(world: World, index: AddressIndex, subnetId: string): SubnetRoutes | undefined {
  const info = index.subnets.get(idKey(subnetId));
  if (!info) return undefined;
  const { vnet, subnet } = info;
  const routeTable = subnet.routeTable ? world.resource<RouteTable>(subnet.routeTable.id) : undefined;
  const disableBgp = routeTable?.disableBgpRoutePropagation ?? false;

  const defaults: { cidr: Cidr; entry: EffectiveRoute }[] = [];
  const addDefault = (prefix: string, type: EffectiveNextHopType) => {
    const cidr = tryCidr(prefix);
    if (cidr) defaults.push({ cidr, entry: row(formatCidr(cidr), type, 'Default', disableBgp) });
  };
  const spaces: Cidr[] = [];
  for (const prefix of vnet.addressSpace.addressPrefixes) {
    addDefault(prefix, 'VnetLocal');
    const cidr = tryCidr(prefix);
    if (cidr) spaces.push(cidr);
  }
  const peered: VirtualNetwork[] = [vnet];
  for (const peering of activePeerings(vnet)) {
    const remote = index.vnets.get(idKey(peering.remoteVirtualNetwork.id));
    if (remote) peered.push(remote);
    const global = remote !== undefined && remote.location.toLowerCase() !== vnet.location.toLowerCase();
    for (const prefix of peering.remoteAddressSpace.addressPrefixes) {
      addDefault(prefix, global ? 'VNetGlobalPeering' : 'VNetPeering');
      const cidr = tryCidr(prefix);
      if (cidr) spaces.push(cidr);
    }
  }
  addDefault('0.0.0.0/0', 'Internet');
  // A reserved range that is (or sits inside) an address space of the VNet or its peers loses
  // its None route: the VnetLocal/peering route takes over (virtual-networks-udr-overview).
  for (const prefix of DEFAULT_NONE_PREFIXES) {
    const reserved = parseCidr(prefix);
    if (!spaces.some((s) => s.prefix <= reserved.prefix && sameNetwork(s, reserved))) {
      addDefault(prefix, 'None');
    }
  }
  // Private endpoints add a /32 InterfaceEndpoint route in their VNet and in peered VNets.
  for (const owner of index.privateEndpoints) {
    const home = index.subnets.get(idKey(owner.subnetId))?.vnet;
    if (home && peered.includes(home)) addDefault(`${owner.ip}/32`, 'InterfaceEndpoint');
  }

  const users: RouteMatch[] = [];
  for (const route of routeTable?.routes ?? []) {
    const cidr = tryCidr(route.addressPrefix);
    if (!cidr) continue;
    const entry = row(route.addressPrefix, route.nextHopType, 'User', disableBgp, route.name, route.nextHopIpAddress);
    users.push({
      route: entry,
      prefix: route.addressPrefix,
      nextHopType: route.nextHopType,
      nextHopIp: route.nextHopType === 'VirtualAppliance' ? route.nextHopIpAddress : undefined,
      routeTableId: routeTable!.id,
      routeTableName: routeTable!.name,
    });
  }

  const lookup = new PrefixTable<RouteMatch>();
  const userPrefixes = new Set<string>();
  for (const match of users) {
    const cidr = parseCidr(match.prefix);
    userPrefixes.add(formatCidr(cidr));
    lookup.add(cidr, match);
  }
  for (const { cidr, entry } of defaults) {
    if (userPrefixes.has(formatCidr(cidr))) {
      entry.state = 'Invalid';
      continue;
    }
    lookup.add(cidr, { route: entry, prefix: formatCidr(cidr), nextHopType: entry.nextHopType });
  }
  return {
    table: { nextLink: null, value: [...defaults.map((d) => d.entry), ...users.map((u) => u.route)] },
    lookup,
    routeTable,
  };
}

function sameNetwork(outer: Cidr, inner: Cidr): boolean {
  const mask = outer.prefix === 0 ? 0 : (0xffffffff << (32 - outer.prefix)) >>> 0;
  return ((inner.base & mask) >>> 0) === outer.base;
}

function routesOf(world: World, subnetId: string): SubnetRoutes | undefined {
  const index = addressing(world);
  let bySubnet = perIndex.get(index);
  if (!bySubnet) perIndex.set(index, (bySubnet = new Map()));
  const key = idKey(subnetId);
  if (!bySubnet.has(key)) {
    const built = build(world, index, subnetId);
    if (!built) return undefined;
    bySubnet.set(key, built);
  }
  return bySubnet.get(key);
}

/** The effective route table of a subnet (what every NIC in it gets). */
export function effectiveRoutes(world: World, subnetId: string): EffectiveRouteTable | undefined {
  return routesOf(world, subnetId)?.table;
}

/** `az network nic show-effective-route-table`: the routes of the subnet of the NIC's primary ip configuration. */
export function nicEffectiveRoutes(world: World, nic: NetworkInterface): EffectiveRouteTable | undefined {
  const primary = nic.ipConfigurations.find((c) => c.primary) ?? nic.ipConfigurations[0];
  return primary ? effectiveRoutes(world, primary.subnet.id) : undefined;
}

/** The route Azure uses for a destination leaving the subnet; undefined when nothing matches. */
export function lookupRoute(world: World, subnetId: string, destination: string): RouteMatch | undefined {
  if (!isIPv4(destination)) return undefined;
  return routesOf(world, subnetId)?.lookup.lookup(ipToInt(destination));
}

/** The route table associated with a subnet, if any. */
export function routeTableOf(world: World, subnetId: string): RouteTable | undefined {
  return routesOf(world, subnetId)?.routeTable;
}
