// Public DNS, as any recursive resolver on the internet sees it: every cluster's public API FQDN
// (its public IP; for a private cluster with a public FQDN, the private endpoint IP — AKS-docs
// private-clusters.md), DNS labels of public IPs (`<label>.<region>.cloudapp.azure.com`), and the
// built-in table of well-known names. Private zones (privatelink.*) do not exist publicly.
import type { ManagedCluster, PublicIPAddress } from '../../../model/azure/types.ts';
import type { World, WorldState } from '../../../model/world.ts';
import { fqdn, inZone, ipOfReverseName, normalizeName } from '../names.ts';
import type { DnsRecord, Question } from '../types.ts';
import { noData, nxdomain, positive, soaRecord, type SourceAnswer } from './answer.ts';
import { AZURE_PUBLIC_ZONES, PUBLIC_NAMES, PUBLIC_PTR } from './public-table.ts';

interface PublicName {
  ip: string;
  ttl: number;
  reason: string;
}

const cache = new WeakMap<WorldState, { revision: number; names: Map<string, PublicName> }>();

function worldNames(world: World): Map<string, PublicName> {
  const hit = cache.get(world.state);
  if (hit && hit.revision === world.revision) return hit.names;
  const names = new Map<string, PublicName>();
  for (const r of Object.values(world.state.resources)) {
    const type = r.type.toLowerCase();
    if (type === 'microsoft.containerservice/managedclusters') addCluster(world, r as ManagedCluster, names);
    else if (type === 'microsoft.network/publicipaddresses') {
      const pip = r as PublicIPAddress;
      const label = pip.dnsSettings?.fqdn;
      if (label && pip.ipAddress) names.set(normalizeName(label), { ip: pip.ipAddress, ttl: 10, reason: `DNS label of public IP ${pip.name}` });
    }
  }
  cache.set(world.state, { revision: world.revision, names });
  return names;
}

function addCluster(world: World, mc: ManagedCluster, names: Map<string, PublicName>): void {
  const cp = world.state.controlPlanes[mc.id.toLowerCase()];
  const name = cp?.fqdn ?? mc.fqdn;
  if (!name) return;
  const isPrivate = Boolean(mc.apiServerAccessProfile?.enablePrivateCluster);
  const address = cp?.fqdnAddress ?? (isPrivate ? cp?.privateIp : cp?.publicIp);
  if (!address) return;
  const reason = isPrivate
    ? `public FQDN of private cluster ${mc.name}: public DNS returns its private endpoint IP`
    : `public FQDN of cluster ${mc.name}: its API server's public IP`;
  names.set(normalizeName(name), { ip: address, ttl: 30, reason });
}

function negativeSoa(name: string, now: number): DnsRecord {
  const zone = AZURE_PUBLIC_ZONES.find((z) => inZone(name, z));
  if (zone) return soaRecord(zone, 300, 'ns1-01.azure-dns.com', 'azuredns-hostmaster.microsoft.com', 1, [3600, 300, 2419200, 300]);
  const serial = Number(new Date(now).toISOString().slice(0, 10).replace(/-/g, '')) * 100;
  return soaRecord('', 86400, 'a.root-servers.net', 'nstld.verisign-grs.com', serial, [1800, 900, 604800, 86400]);
}

/** The full answer a recursive resolver returns (CNAME chains followed). */
export function publicDns(world: World, q: Question): SourceAnswer {
  return { ...lookupPublic(world, q), fromInternet: true };
}

function lookupPublic(world: World, q: Question): SourceAnswer {
  const reverseIp = ipOfReverseName(q.name);
  const ptr = reverseIp ? PUBLIC_PTR[reverseIp] : undefined;
  if (ptr) {
    if (q.type !== 'PTR') return noData(`${q.name} has only a PTR record`, negativeSoa(q.name, world.now()));
    return positive([{ name: q.name, type: 'PTR', ttl: 3600, data: fqdn(ptr) }], `public reverse record of ${reverseIp}`);
  }
  const names = worldNames(world);
  const chain: DnsRecord[] = [];
  let current = q.name;
  const reasons: string[] = [];
  for (let depth = 0; depth < 8; depth++) {
    const own = names.get(current);
    if (own) {
      if (q.type !== 'A') return { ...noData(`${current} has only an A record`, negativeSoa(current, world.now())), answers: chain };
      chain.push({ name: current, type: 'A', ttl: own.ttl, data: own.ip });
      reasons.push(own.reason);
      return positive(chain, reasons.join('; '));
    }
    const entry = PUBLIC_NAMES[current];
    if (!entry) break;
    if (entry.cname) {
      chain.push({ name: current, type: 'CNAME', ttl: entry.ttl, data: fqdn(entry.cname) });
      if (q.type === 'CNAME') return positive(chain, `${current} is an alias of ${entry.cname}`);
      current = entry.cname;
      continue;
    }
    if (q.type !== 'A' || !entry.a) return { ...noData(`${current} has no ${q.type} record in public DNS`, negativeSoa(current, world.now())), answers: chain };
    for (const ip of entry.a) chain.push({ name: current, type: 'A', ttl: entry.ttl, data: ip });
    return positive(chain, chain.length > entry.a.length ? `public DNS: ${q.name} is an alias chain ending at ${current}` : `public DNS record of ${current}`);
  }
  if (chain.length > 0) return { ...nxdomain(`the alias target ${current} does not exist`, negativeSoa(current, world.now())), answers: chain };
  const why = /(^|\.)privatelink\./.test(q.name)
    ? `${q.name} lives in a private DNS zone: public DNS has no such name`
    : `no such name in public DNS`;
  return nxdomain(why, negativeSoa(q.name, world.now()));
}
