// Constructors for private endpoints and private DNS zones (zone, A record sets, VNet links),
// shaped like `az network private-endpoint show` and `az network private-dns ...` output.
import { armId, childId } from './ids.ts';
import type { Tags } from './network-factories.ts';
import type { DnsARecordSet, PrivateDnsZone, PrivateDnsZoneVnetLink, PrivateEndpoint } from './types.ts';

export function newPrivateEndpoint(args: {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  subnetId: string;
  nicId: string;
  privateIp: string;
  /** The resource the endpoint connects to (for AKS: the managed cluster). */
  targetId: string;
  groupIds: string[];
  connectionName: string;
  tags?: Tags;
}): PrivateEndpoint {
  const id = armId(args.subscriptionId, args.resourceGroup, 'Microsoft.Network', 'privateEndpoints', args.name);
  return {
    id,
    name: args.name,
    type: 'Microsoft.Network/privateEndpoints',
    location: args.location,
    resourceGroup: args.resourceGroup,
    tags: args.tags ?? null,
    provisioningState: 'Succeeded',
    subnet: { id: args.subnetId },
    networkInterfaces: [{ id: args.nicId }],
    privateLinkServiceConnections: [
      {
        id: childId(id, 'privateLinkServiceConnections', args.connectionName),
        name: args.connectionName,
        privateLinkServiceId: args.targetId,
        groupIds: [...args.groupIds],
        privateLinkServiceConnectionState: { status: 'Approved', description: 'Auto Approved', actionsRequired: 'None' },
      },
    ],
    customDnsConfigs: [],
    privateIPAddress: args.privateIp,
  };
}

export function newPrivateDnsZone(args: { subscriptionId: string; resourceGroup: string; name: string; tags?: Tags }): PrivateDnsZone {
  const id = armId(args.subscriptionId, args.resourceGroup, 'Microsoft.Network', 'privateDnsZones', args.name);
  return {
    id,
    name: args.name,
    type: 'Microsoft.Network/privateDnsZones',
    location: 'global',
    resourceGroup: args.resourceGroup,
    tags: args.tags ?? null,
    provisioningState: 'Succeeded',
    // The SOA record every zone starts with counts as a record set.
    numberOfRecordSets: 1,
    numberOfVirtualNetworkLinks: 0,
    aRecordSets: [],
    virtualNetworkLinks: [],
  };
}

export function newARecordSet(args: {
  zoneId: string;
  zoneName: string;
  resourceGroup: string;
  name: string;
  ttl: number;
  ips: string[];
}): DnsARecordSet {
  return {
    id: childId(args.zoneId, 'A', args.name),
    name: args.name,
    type: 'Microsoft.Network/privateDnsZones/A',
    resourceGroup: args.resourceGroup,
    fqdn: `${args.name}.${args.zoneName}.`,
    ttl: args.ttl,
    aRecords: args.ips.map((ip) => ({ ipv4Address: ip })),
    isAutoRegistered: false,
  };
}

export function newPrivateDnsZoneVnetLink(args: {
  zoneId: string;
  resourceGroup: string;
  name: string;
  vnetId: string;
  registrationEnabled?: boolean;
  tags?: Tags;
}): PrivateDnsZoneVnetLink {
  return {
    id: childId(args.zoneId, 'virtualNetworkLinks', args.name),
    name: args.name,
    type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    resourceGroup: args.resourceGroup,
    location: 'global',
    virtualNetwork: { id: args.vnetId },
    registrationEnabled: args.registrationEnabled ?? false,
    virtualNetworkLinkState: 'Completed',
    provisioningState: 'Succeeded',
    tags: args.tags ?? null,
  };
}

/** Keeps the zone's counters in step with its record sets (plus SOA) and links. */
export function withZoneCounts(zone: PrivateDnsZone): PrivateDnsZone {
  return { ...zone, numberOfRecordSets: 1 + zone.aRecordSets.length, numberOfVirtualNetworkLinks: zone.virtualNetworkLinks.length };
}
