// Constructors for the basic network resources, filled the way `az ... show -o json` prints a
// freshly created one. Pure: every value comes from the arguments or is derived from the id, so
// the same call always yields the same object.
import { guidOf } from '../../core/hash.ts';
import { armId, childId } from './ids.ts';
import { defaultSecurityRules } from './nsg-default-rules.ts';
import type {
  Delegation,
  NatGateway,
  NetworkSecurityGroup,
  NextHopType,
  PublicIPAddress,
  ResourceGroup,
  Route,
  RouteTable,
  Subnet,
  VirtualNetwork,
} from './types.ts';

export type Tags = Record<string, string> | null;

/** A resource's resourceGuid: stable for its id, different for every id. */
export function resourceGuidOf(id: string): string {
  return guidOf(`resourceGuid:${id.toLowerCase()}`);
}

interface TopLevel {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags?: Tags;
}

export function newResourceGroup(args: {
  subscriptionId: string;
  name: string;
  location: string;
  managedBy?: string | null;
  tags?: Tags;
}): ResourceGroup {
  return {
    id: `/subscriptions/${args.subscriptionId}/resourceGroups/${args.name}`,
    name: args.name,
    location: args.location,
    managedBy: args.managedBy ?? null,
    properties: { provisioningState: 'Succeeded' },
    tags: args.tags ?? null,
    type: 'Microsoft.Resources/resourceGroups',
  };
}

export function newVirtualNetwork(args: TopLevel & { addressPrefixes: string[]; subnets?: Subnet[]; dnsServers?: string[] }): VirtualNetwork {
  const id = armId(args.subscriptionId, args.resourceGroup, 'Microsoft.Network', 'virtualNetworks', args.name);
  return {
    id,
    name: args.name,
    type: 'Microsoft.Network/virtualNetworks',
    location: args.location,
    resourceGroup: args.resourceGroup,
    tags: args.tags ?? null,
    provisioningState: 'Succeeded',
    addressSpace: { addressPrefixes: [...args.addressPrefixes] },
    dhcpOptions: { dnsServers: [...(args.dnsServers ?? [])] },
    subnets: args.subnets ?? [],
    virtualNetworkPeerings: [],
    enableDdosProtection: false,
    resourceGuid: resourceGuidOf(id),
  };
}

/** Actions Azure fills in for a delegation to the given service. */
function delegationActions(serviceName: string): string[] {
  if (serviceName.toLowerCase() === 'microsoft.containerservice/managedclusters') {
    return ['Microsoft.Network/virtualNetworks/subnets/join/action'];
  }
  return ['Microsoft.Network/virtualNetworks/subnets/action'];
}

export function newDelegation(subnetId: string, name: string, serviceName: string): Delegation {
  return {
    id: childId(subnetId, 'delegations', name),
    name,
    serviceName,
    actions: delegationActions(serviceName),
    type: 'Microsoft.Network/virtualNetworks/subnets/delegations',
  };
}

export function newSubnet(args: {
  vnetId: string;
  resourceGroup: string;
  name: string;
  addressPrefix: string;
  networkSecurityGroupId?: string | null;
  routeTableId?: string | null;
  natGatewayId?: string | null;
  delegations?: { name: string; serviceName: string }[];
}): Subnet {
  const id = childId(args.vnetId, 'subnets', args.name);
  return {
    id,
    name: args.name,
    type: 'Microsoft.Network/virtualNetworks/subnets',
    resourceGroup: args.resourceGroup,
    addressPrefix: args.addressPrefix,
    networkSecurityGroup: args.networkSecurityGroupId ? { id: args.networkSecurityGroupId } : null,
    routeTable: args.routeTableId ? { id: args.routeTableId } : null,
    natGateway: args.natGatewayId ? { id: args.natGatewayId } : null,
    delegations: (args.delegations ?? []).map((d) => newDelegation(id, d.name, d.serviceName)),
    // What a subnet created today gets (AKS-managed VNets show the same two values).
    privateEndpointNetworkPolicies: 'Disabled',
    privateLinkServiceNetworkPolicies: 'Enabled',
    ipConfigurations: [],
    provisioningState: 'Succeeded',
  };
}

export function newNetworkSecurityGroup(args: TopLevel): NetworkSecurityGroup {
  const id = armId(args.subscriptionId, args.resourceGroup, 'Microsoft.Network', 'networkSecurityGroups', args.name);
  return {
    id,
    name: args.name,
    type: 'Microsoft.Network/networkSecurityGroups',
    location: args.location,
    resourceGroup: args.resourceGroup,
    tags: args.tags ?? null,
    provisioningState: 'Succeeded',
    securityRules: [],
    defaultSecurityRules: defaultSecurityRules(id, args.resourceGroup),
  };
}

export function newRouteTable(args: TopLevel & { routes?: Route[]; disableBgpRoutePropagation?: boolean }): RouteTable {
  const id = armId(args.subscriptionId, args.resourceGroup, 'Microsoft.Network', 'routeTables', args.name);
  return {
    id,
    name: args.name,
    type: 'Microsoft.Network/routeTables',
    location: args.location,
    resourceGroup: args.resourceGroup,
    tags: args.tags ?? null,
    provisioningState: 'Succeeded',
    routes: args.routes ?? [],
    disableBgpRoutePropagation: args.disableBgpRoutePropagation ?? false,
  };
}

export function newRoute(args: {
  routeTableId: string;
  resourceGroup: string;
  name: string;
  addressPrefix: string;
  nextHopType: NextHopType;
  nextHopIpAddress?: string;
}): Route {
  const route: Route = {
    id: childId(args.routeTableId, 'routes', args.name),
    name: args.name,
    type: 'Microsoft.Network/routeTables/routes',
    resourceGroup: args.resourceGroup,
    addressPrefix: args.addressPrefix,
    nextHopType: args.nextHopType,
    provisioningState: 'Succeeded',
  };
  if (args.nextHopIpAddress !== undefined) route.nextHopIpAddress = args.nextHopIpAddress;
  return route;
}

export function newPublicIp(args: TopLevel & { ipAddress: string; zones?: string[]; idleTimeoutInMinutes?: number }): PublicIPAddress {
  const id = armId(args.subscriptionId, args.resourceGroup, 'Microsoft.Network', 'publicIPAddresses', args.name);
  const pip: PublicIPAddress = {
    id,
    name: args.name,
    type: 'Microsoft.Network/publicIPAddresses',
    location: args.location,
    resourceGroup: args.resourceGroup,
    tags: args.tags ?? null,
    provisioningState: 'Succeeded',
    ipAddress: args.ipAddress,
    publicIPAddressVersion: 'IPv4',
    publicIPAllocationMethod: 'Static',
    idleTimeoutInMinutes: args.idleTimeoutInMinutes ?? 4,
    sku: { name: 'Standard', tier: 'Regional' },
    ipConfiguration: null,
    natGateway: null,
    dnsSettings: null,
    ipTags: [],
    resourceGuid: resourceGuidOf(id),
  };
  if (args.zones && args.zones.length > 0) pip.zones = [...args.zones];
  return pip;
}

export function newNatGateway(
  args: TopLevel & { publicIpIds: string[]; subnetIds?: string[]; idleTimeoutInMinutes?: number },
): NatGateway {
  const id = armId(args.subscriptionId, args.resourceGroup, 'Microsoft.Network', 'natGateways', args.name);
  return {
    id,
    name: args.name,
    type: 'Microsoft.Network/natGateways',
    location: args.location,
    resourceGroup: args.resourceGroup,
    tags: args.tags ?? null,
    provisioningState: 'Succeeded',
    idleTimeoutInMinutes: args.idleTimeoutInMinutes ?? 4,
    publicIpAddresses: args.publicIpIds.map((pipId) => ({ id: pipId })),
    publicIpPrefixes: [],
    subnets: (args.subnetIds ?? []).map((subnetId) => ({ id: subnetId })),
    sku: { name: 'Standard' },
    resourceGuid: resourceGuidOf(id),
  };
}
