// az network private-dns zone create|list|show, private-dns link vnet create|list|show|delete,
// private-dns record-set a add-record|list|show|delete, and private-endpoint list|show.
import { cliError, resourceGroupNotFound, resourceNotFound } from '../../../model/azure/errors.ts';
import { newARecordSet, newPrivateDnsZone, newPrivateDnsZoneVnetLink, withZoneCounts } from '../../../model/azure/factories.ts';
import type { PrivateDnsZone, VirtualNetwork } from '../../../model/azure/types.ts';
import type { ArgSpec, AzInvocation, CommandSpec } from '../spec.ts';
import { confirm, num, parseTags, RESOURCE_GROUP, str, subscriptionId, TAGS, YES } from './common.ts';
import { getNetwork, listCommand, namesOf, refId, showCommand } from './network-common.ts';

/** A zone as az prints it (the record sets and links are separate resources there). */
function zoneView(zone: PrivateDnsZone): Record<string, unknown> {
  const { aRecordSets: _records, virtualNetworkLinks: links, ...rest } = zone;
  return {
    ...rest,
    etag: zone.etag ?? null,
    maxNumberOfRecordSets: 25000,
    maxNumberOfVirtualNetworkLinks: 1000,
    maxNumberOfVirtualNetworkLinksWithRegistration: 100,
    numberOfVirtualNetworkLinksWithRegistration: links.filter((l) => l.registrationEnabled).length,
  };
}

const ZONE = { group: 'network private-dns zone', type: 'privateDnsZones', noun: 'private DNS zone', view: (r: unknown) => zoneView(r as PrivateDnsZone) };
const ZONE_NAME: ArgSpec = { dest: 'zone_name', options: ['--zone-name', '-z'], required: true, help: 'The name of the Private DNS zone.', complete: namesOf('Microsoft.Network/privateDnsZones') };

function findZone(inv: AzInvocation) {
  return getNetwork<PrivateDnsZone>(inv.world, str(inv, 'resource_group_name')!, 'privateDnsZones', str(inv, 'zone_name')!);
}

function saveZone(inv: AzInvocation, zone: PrivateDnsZone): void {
  inv.world.putResource(withZoneCounts(zone));
  inv.sim.settle();
}

const RECORD_NAME: ArgSpec = { dest: 'record_set_name', options: ['--record-set-name', '-n'], required: true, help: 'The name of the record set relative to the zone.' };

export const dnsCommands: CommandSpec[] = [
  {
    name: 'network private-dns zone create',
    summary: 'Create a Private DNS zone.',
    args: [RESOURCE_GROUP, { dest: 'name', options: ['--name', '-n'], required: true, help: 'The name of the Private DNS zone.' }, TAGS],
    examples: [{ name: 'Create a Private DNS zone using a fully qualified domain name.', text: 'az network private-dns zone create -g MyResourceGroup -n www.mysite.com' }],
    run(inv) {
      const zone = newPrivateDnsZone({ subscriptionId: subscriptionId(inv), resourceGroup: str(inv, 'resource_group_name')!, name: str(inv, 'name')!, tags: parseTags(inv.args.tags) ?? null });
      if (!inv.world.resourceGroup(zone.resourceGroup)) return resourceGroupNotFound(zone.resourceGroup);
      if (inv.world.resource(zone.id)) {
        return cliError('ResourceExistsError', `The Zone ${zone.name} exists already.`);
      }
      saveZone(inv, zone);
      return { result: zoneView(inv.world.resource<PrivateDnsZone>(zone.id)!) };
    },
  },
  showCommand(ZONE),
  listCommand(ZONE),
  {
    name: 'network private-dns link vnet create',
    summary: 'Create a virtual network link to the specified Private DNS zone.',
    args: [
      RESOURCE_GROUP,
      ZONE_NAME,
      { dest: 'name', options: ['--name', '-n'], required: true, help: 'The name of the virtual network link to the specified Private DNS zone.' },
      { dest: 'virtual_network', options: ['--virtual-network', '-v'], required: true, help: 'Name or ID of the virtual network.', complete: namesOf('Microsoft.Network/virtualNetworks') },
      { dest: 'registration_enabled', options: ['--registration-enabled', '-e'], kind: 'bool', required: true, help: 'Specify if the link is registration enabled.' },
      TAGS,
    ],
    examples: [{ name: 'Create a virtual network link to the specified Private DNS zone.', text: 'az network private-dns link vnet create -g MyResourceGroup -n MyLinkName -z www.mysite.com -v MyVirtualNetworkId -e False' }],
    run(inv) {
      const zone = findZone(inv);
      if ('kind' in zone) return zone;
      const rg = str(inv, 'resource_group_name')!;
      const vnetId = refId(inv.world, rg, 'virtualNetworks', str(inv, 'virtual_network'))!;
      const vnet = inv.world.resource<VirtualNetwork>(vnetId);
      if (!vnet) return resourceNotFound('Microsoft.Network/virtualNetworks', vnetId.split('/').pop()!, rg);
      const name = str(inv, 'name')!;
      if (zone.virtualNetworkLinks.some((l) => l.virtualNetwork.id.toLowerCase() === vnet.id.toLowerCase() && l.name !== name)) {
        // Assumption: wording of the provider's refusal of a second link to the same VNet.
        return cliError('Conflict', `A virtual network cannot be linked to the same Private DNS zone more than once. Zone: ${zone.name}, virtual network: ${vnet.id}.`);
      }
      const link = newPrivateDnsZoneVnetLink({ zoneId: zone.id, resourceGroup: zone.resourceGroup, name, vnetId: vnet.id, registrationEnabled: inv.args.registration_enabled === true, tags: parseTags(inv.args.tags) ?? null });
      saveZone(inv, { ...zone, virtualNetworkLinks: [...zone.virtualNetworkLinks.filter((l) => l.name !== name), link] });
      return { result: link };
    },
  },
  {
    name: 'network private-dns link vnet list',
    summary: 'List the virtual network links to the specified Private DNS zone.',
    args: [RESOURCE_GROUP, ZONE_NAME],
    run(inv) {
      const zone = findZone(inv);
      return 'kind' in zone ? zone : { result: zone.virtualNetworkLinks };
    },
  },
  {
    name: 'network private-dns link vnet show',
    summary: 'Get a virtual network link to the specified Private DNS zone.',
    args: [RESOURCE_GROUP, ZONE_NAME, { dest: 'name', options: ['--name', '-n'], required: true, help: 'The name of the virtual network link.' }],
    run(inv) {
      const zone = findZone(inv);
      if ('kind' in zone) return zone;
      const link = zone.virtualNetworkLinks.find((l) => l.name === str(inv, 'name'));
      return link ? { result: link } : resourceNotFound('Microsoft.Network/privateDnsZones/virtualNetworkLinks', `${zone.name}/${str(inv, 'name')}`, zone.resourceGroup);
    },
  },
  {
    name: 'network private-dns link vnet delete',
    summary: 'Delete a virtual network link to the specified Private DNS zone.',
    args: [RESOURCE_GROUP, ZONE_NAME, { dest: 'name', options: ['--name', '-n'], required: true, help: 'The name of the virtual network link.' }, YES],
    run(inv) {
      const zone = findZone(inv);
      if ('kind' in zone) return zone;
      const answer = confirm(inv);
      if (typeof answer !== 'string') return answer;
      saveZone(inv, { ...zone, virtualNetworkLinks: zone.virtualNetworkLinks.filter((l) => l.name !== str(inv, 'name')) });
      return answer ? { text: answer } : { result: undefined };
    },
  },
  {
    name: 'network private-dns record-set a add-record',
    summary: 'Add an A record.',
    args: [
      RESOURCE_GROUP,
      ZONE_NAME,
      RECORD_NAME,
      { dest: 'ipv4_address', options: ['--ipv4-address', '-a'], required: true, help: 'IPV4 address in string notation.' },
      { dest: 'ttl', options: ['--ttl'], kind: 'int', help: 'Record set TTL (time-to-live).' },
    ],
    examples: [{ name: 'Add an A record.', text: 'az network private-dns record-set a add-record -g MyResourceGroup -z www.mysite.com -n MyRecordSet -a MyIpv4Address' }],
    run(inv) {
      const zone = findZone(inv);
      if ('kind' in zone) return zone;
      const name = str(inv, 'record_set_name')!;
      const existing = zone.aRecordSets.find((r) => r.name === name);
      const ips = [...(existing?.aRecords.map((a) => a.ipv4Address) ?? [])];
      const ip = str(inv, 'ipv4_address')!;
      if (!ips.includes(ip)) ips.push(ip);
      const record = newARecordSet({ zoneId: zone.id, zoneName: zone.name, resourceGroup: zone.resourceGroup, name, ttl: num(inv, 'ttl') ?? existing?.ttl ?? 3600, ips });
      saveZone(inv, { ...zone, aRecordSets: [...zone.aRecordSets.filter((r) => r.name !== name), record] });
      return { result: record };
    },
  },
  {
    name: 'network private-dns record-set a list',
    summary: 'List all A record sets in a zone.',
    args: [RESOURCE_GROUP, ZONE_NAME],
    run(inv) {
      const zone = findZone(inv);
      return 'kind' in zone ? zone : { result: zone.aRecordSets };
    },
  },
  {
    name: 'network private-dns record-set a show',
    summary: 'Get an A record set.',
    args: [RESOURCE_GROUP, ZONE_NAME, { ...RECORD_NAME, options: ['--name', '-n'] }],
    run(inv) {
      const zone = findZone(inv);
      if ('kind' in zone) return zone;
      const record = zone.aRecordSets.find((r) => r.name === str(inv, 'record_set_name'));
      return record ? { result: record } : resourceNotFound('Microsoft.Network/privateDnsZones/A', `${zone.name}/${str(inv, 'record_set_name')}`, zone.resourceGroup);
    },
  },
  {
    name: 'network private-dns record-set a delete',
    summary: 'Delete an A record set.',
    args: [RESOURCE_GROUP, ZONE_NAME, { ...RECORD_NAME, options: ['--name', '-n'] }, YES],
    run(inv) {
      const zone = findZone(inv);
      if ('kind' in zone) return zone;
      const answer = confirm(inv);
      if (typeof answer !== 'string') return answer;
      saveZone(inv, { ...zone, aRecordSets: zone.aRecordSets.filter((r) => r.name !== str(inv, 'record_set_name')) });
      return answer ? { text: answer } : { result: undefined };
    },
  },
  showCommand({ group: 'network private-endpoint', type: 'privateEndpoints', noun: 'private endpoint' }),
  listCommand({ group: 'network private-endpoint', type: 'privateEndpoints', noun: 'private endpoint' }),
];
