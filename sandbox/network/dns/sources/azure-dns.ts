// Azure-provided DNS (168.63.129.16) answering a query that came from a given VNet: first the
// private DNS zones linked to that VNet (the most specific matching zone is authoritative: a
// missing record is NXDOMAIN, no fallback to public DNS), then the VNet's own host names
// (`<host>.<vnet suffix>` and `<host>.internal.cloudapp.net`, PTR for VM addresses), then public DNS.
import type { PrivateDnsZone, VirtualNetwork } from '../../../model/azure/types.ts';
import type { World, WorldState } from '../../../model/world.ts';
import { idKey } from '../../arm-ids.ts';
import { fqdn, inZone, ipOfReverseName, normalizeName, relativeTo } from '../names.ts';
import type { DnsRecord, Question } from '../types.ts';
import { internalSuffix, vmAddress, vmHostname } from '../vnet-dns.ts';
import { noData, nxdomain, positive, soaRecord, type SourceAnswer } from './answer.ts';
import { publicDns } from './public-dns.ts';

const INTERNAL_ZONE = 'internal.cloudapp.net';

const cache = new WeakMap<WorldState, { revision: number; byVnet: Map<string, PrivateDnsZone[]> }>();

/** Private DNS zones with a completed link to the VNet. */
export function zonesLinkedTo(world: World, vnetId: string): PrivateDnsZone[] {
  let hit = cache.get(world.state);
  if (!hit || hit.revision !== world.revision) {
    const byVnet = new Map<string, PrivateDnsZone[]>();
    for (const r of Object.values(world.state.resources)) {
      if (r.type.toLowerCase() !== 'microsoft.network/privatednszones') continue;
      const zone = r as PrivateDnsZone;
      for (const link of zone.virtualNetworkLinks ?? []) {
        if (link.virtualNetworkLinkState === 'InProgress') continue;
        const key = idKey(link.virtualNetwork.id);
        byVnet.set(key, [...(byVnet.get(key) ?? []), zone]);
      }
    }
    hit = { revision: world.revision, byVnet };
    cache.set(world.state, hit);
  }
  return hit.byVnet.get(idKey(vnetId)) ?? [];
}

function zoneSoa(zone: string): DnsRecord {
  return soaRecord(zone, 10, 'azureprivatedns.net', 'azureprivatedns-host.microsoft.com', 1, [3600, 300, 2419200, 10]);
}

export function azureDns(world: World, vnet: VirtualNetwork, q: Question): SourceAnswer {
  const zones = zonesLinkedTo(world, vnet.id);
  let best: PrivateDnsZone | undefined;
  for (const zone of zones) {
    const name = normalizeName(zone.name);
    if (inZone(q.name, name) && (!best || name.length > normalizeName(best.name).length)) best = zone;
  }
  if (best) return privateZoneAnswer(best, vnet, q);

  const reverseIp = ipOfReverseName(q.name);
  if (reverseIp) {
    const host = vmHostname(world, vnet.id, reverseIp);
    if (host && q.type === 'PTR') {
      return positive([{ name: q.name, type: 'PTR', ttl: 3600, data: fqdn(`${host}.${INTERNAL_ZONE}`) }], `${reverseIp} is VM ${host} in VNet ${vnet.name}`);
    }
    if (isPrivate(reverseIp)) return nxdomain(`no VM in VNet ${vnet.name} has ${reverseIp}`);
    return publicDns(world, q);
  }

  if (inZone(q.name, INTERNAL_ZONE)) return internalName(world, vnet, q);
  return publicDns(world, q);
}

function privateZoneAnswer(zone: PrivateDnsZone, vnet: VirtualNetwork, q: Question): SourceAnswer {
  const zoneName = normalizeName(zone.name);
  const rel = relativeTo(q.name, zoneName);
  const set = zone.aRecordSets?.find((s) => s.name.toLowerCase() === rel);
  const why = `private DNS zone ${zone.name} is linked to VNet ${vnet.name}`;
  if (!set) return nxdomain(`${why}, and has no record "${rel}" (a linked zone answers for its whole namespace)`, zoneSoa(zoneName));
  if (q.type !== 'A') return noData(`${why}; "${rel}" has only an A record`, zoneSoa(zoneName));
  return positive(
    set.aRecords.map((r) => ({ name: q.name, type: 'A' as const, ttl: set.ttl, data: r.ipv4Address })),
    `${why}: A record "${rel}" → ${set.aRecords.map((r) => r.ipv4Address).join(', ')}`,
  );
}

function internalName(world: World, vnet: VirtualNetwork, q: Question): SourceAnswer {
  const suffix = internalSuffix(world, vnet);
  let host: string | undefined;
  if (inZone(q.name, suffix) && q.name !== suffix) host = relativeTo(q.name, suffix);
  else if (q.name.split('.').length === 4) host = q.name.split('.')[0];
  if (host && !host.includes('.')) {
    const ip = vmAddress(world, vnet.id, host);
    if (ip) {
      if (q.type !== 'A') return noData(`VM ${host} has only an IPv4 address`);
      return positive([{ name: q.name, type: 'A', ttl: 10, data: ip }], `VM ${host} in VNet ${vnet.name} (Azure DNS registers every VM's host name)`);
    }
  }
  return nxdomain(`no VM named "${host ?? q.name}" in VNet ${vnet.name} (Azure DNS resolves host names only within the asking VNet)`);
}

function isPrivate(ip: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/.test(ip);
}
