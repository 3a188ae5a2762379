// Hand-built Azure worlds for the network tests, in the shapes of sandbox/model/azure/types.ts.
// A small builder per resource kind plus `aksKubenet`, which lays out what AKS creates for a
// kubenet cluster (VNet, subnet with NSG and route table, VMSS NICs, the `kubernetes` LB).
import { World, type ClientMachine, type WorldState } from '../../../sandbox/model/world.ts';
import type {
  AzureFirewall,
  FirewallApplicationRule,
  FirewallNetworkRule,
  LoadBalancer,
  NatGateway,
  NetworkInterface,
  NetworkSecurityGroup,
  PublicIPAddress,
  Route,
  RouteTable,
  SecurityRule,
  Subnet,
  VirtualMachineScaleSet,
  VirtualNetwork,
} from '../../../sandbox/model/azure/types.ts';
import { defaultSecurityRules } from '../../../sandbox/model/azure/nsg-default-rules.ts';

export const SUB = '00000000-0000-0000-0000-000000000001';
export const RG = 'MC_rg_aks1_westeurope';
export const LOCATION = 'westeurope';

export function id(type: string, name: string, rg = RG): string {
  return `/subscriptions/${SUB}/resourceGroups/${rg}/providers/${type}/${name}`;
}

export function emptyWorld(seed = 'net-test'): World {
  const state: WorldState = {
    version: 1,
    seed,
    clockMs: Date.UTC(2026, 10, 26, 9, 0, 0),
    subscription: { id: SUB, name: 'test', tenantId: SUB, user: 'learner@example.com' },
    defaultLocation: LOCATION,
    resourceGroups: {},
    resources: {},
    clusters: {},
    controlPlanes: {},
    machines: {},
    counters: {},
    conditions: {},
  };
  return new World(state);
}

const base = (type: string, name: string, rg = RG) => ({
  id: id(type, name, rg),
  name,
  location: LOCATION,
  resourceGroup: rg,
  tags: null,
  provisioningState: 'Succeeded',
});

export interface RuleSpec {
  name: string;
  priority: number;
  direction?: 'Inbound' | 'Outbound';
  access?: 'Allow' | 'Deny';
  protocol?: SecurityRule['protocol'];
  source?: string | string[];
  destination?: string | string[];
  sourcePorts?: string | string[];
  ports?: string | string[];
}

export function nsgRule(nsgName: string, spec: RuleSpec): SecurityRule {
  const one = (v: string | string[] | undefined, dflt: string) => (Array.isArray(v) ? undefined : (v ?? dflt));
  const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : []);
  return {
    id: `${id('Microsoft.Network/networkSecurityGroups', nsgName)}/securityRules/${spec.name}`,
    name: spec.name,
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    resourceGroup: RG,
    priority: spec.priority,
    direction: spec.direction ?? 'Inbound',
    access: spec.access ?? 'Allow',
    protocol: spec.protocol ?? '*',
    sourceAddressPrefix: one(spec.source, '*'),
    sourceAddressPrefixes: many(spec.source),
    destinationAddressPrefix: one(spec.destination, '*'),
    destinationAddressPrefixes: many(spec.destination),
    sourcePortRange: one(spec.sourcePorts, '*'),
    sourcePortRanges: many(spec.sourcePorts),
    destinationPortRange: one(spec.ports, '*'),
    destinationPortRanges: many(spec.ports),
    provisioningState: 'Succeeded',
  };
}

export function nsg(world: World, name: string, rules: RuleSpec[] = []): NetworkSecurityGroup {
  const resource: NetworkSecurityGroup = {
    ...base('Microsoft.Network/networkSecurityGroups', name),
    type: 'Microsoft.Network/networkSecurityGroups',
    securityRules: rules.map((r) => nsgRule(name, r)),
    defaultSecurityRules: defaultSecurityRules(id('Microsoft.Network/networkSecurityGroups', name), RG),
  };
  world.putResource(resource);
  return resource;
}

export function routeTable(world: World, name: string, routes: { name: string; prefix: string; type: Route['nextHopType']; ip?: string }[]): RouteTable {
  const tableId = id('Microsoft.Network/routeTables', name);
  const resource: RouteTable = {
    ...base('Microsoft.Network/routeTables', name),
    type: 'Microsoft.Network/routeTables',
    disableBgpRoutePropagation: false,
    routes: routes.map((r) => ({
      id: `${tableId}/routes/${r.name}`,
      name: r.name,
      type: 'Microsoft.Network/routeTables/routes',
      resourceGroup: RG,
      addressPrefix: r.prefix,
      nextHopType: r.type,
      ...(r.ip ? { nextHopIpAddress: r.ip } : {}),
      provisioningState: 'Succeeded',
    })),
  };
  world.putResource(resource);
  return resource;
}

export interface SubnetSpec {
  name: string;
  prefix: string;
  nsg?: string;
  routeTable?: string;
  natGateway?: string;
  privateEndpointNetworkPolicies?: string;
}

export function vnet(world: World, name: string, prefixes: string[], subnets: SubnetSpec[], location = LOCATION): VirtualNetwork {
  const vnetId = id('Microsoft.Network/virtualNetworks', name);
  const resource: VirtualNetwork = {
    ...base('Microsoft.Network/virtualNetworks', name),
    location,
    type: 'Microsoft.Network/virtualNetworks',
    addressSpace: { addressPrefixes: prefixes },
    dhcpOptions: { dnsServers: [] },
    subnets: subnets.map(
      (s): Subnet => ({
        id: `${vnetId}/subnets/${s.name}`,
        name: s.name,
        type: 'Microsoft.Network/virtualNetworks/subnets',
        resourceGroup: RG,
        addressPrefix: s.prefix,
        networkSecurityGroup: s.nsg ? { id: id('Microsoft.Network/networkSecurityGroups', s.nsg) } : null,
        routeTable: s.routeTable ? { id: id('Microsoft.Network/routeTables', s.routeTable) } : null,
        natGateway: s.natGateway ? { id: id('Microsoft.Network/natGateways', s.natGateway) } : null,
        delegations: [],
        privateEndpointNetworkPolicies: s.privateEndpointNetworkPolicies ?? 'Disabled',
        privateLinkServiceNetworkPolicies: 'Enabled',
        provisioningState: 'Succeeded',
      }),
    ),
    virtualNetworkPeerings: [],
    enableDdosProtection: false,
    resourceGuid: '11111111-1111-4111-8111-111111111111',
  };
  world.putResource(resource);
  return resource;
}

export function subnetId(vnetName: string, subnet: string): string {
  return `${id('Microsoft.Network/virtualNetworks', vnetName)}/subnets/${subnet}`;
}

/** Peers two VNets both ways (Connected, VNet access allowed unless told otherwise). */
export function peer(world: World, a: VirtualNetwork, b: VirtualNetwork, state: 'Connected' | 'Initiated' = 'Connected'): void {
  for (const [from, to] of [[a, b], [b, a]] as const) {
    from.virtualNetworkPeerings.push({
      id: `${from.id}/virtualNetworkPeerings/${from.name}-to-${to.name}`,
      name: `${from.name}-to-${to.name}`,
      type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
      resourceGroup: RG,
      remoteVirtualNetwork: { id: to.id },
      remoteAddressSpace: { addressPrefixes: [...to.addressSpace.addressPrefixes] },
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: false,
      allowGatewayTransit: false,
      useRemoteGateways: false,
      peeringState: state,
      provisioningState: 'Succeeded',
    });
    world.putResource(from);
  }
}

export function publicIp(world: World, name: string, ip: string): PublicIPAddress {
  const resource: PublicIPAddress = {
    ...base('Microsoft.Network/publicIPAddresses', name),
    type: 'Microsoft.Network/publicIPAddresses',
    ipAddress: ip,
    publicIPAddressVersion: 'IPv4',
    publicIPAllocationMethod: 'Static',
    idleTimeoutInMinutes: 4,
    sku: { name: 'Standard', tier: 'Regional' },
    ipTags: [],
    resourceGuid: '22222222-2222-4222-8222-222222222222',
  };
  world.putResource(resource);
  return resource;
}

export interface NicSpec {
  name: string;
  subnet: string;
  ip: string;
  secondary?: string[];
  forwarding?: boolean;
  nsg?: string;
  publicIp?: string;
  pools?: string[];
}

export function nic(world: World, spec: NicSpec): NetworkInterface {
  const nicId = id('Microsoft.Network/networkInterfaces', spec.name);
  const config = (name: string, ip: string, primary: boolean) => ({
    id: `${nicId}/ipConfigurations/${name}`,
    name,
    type: 'Microsoft.Network/networkInterfaces/ipConfigurations' as const,
    resourceGroup: RG,
    primary,
    privateIPAddress: ip,
    privateIPAddressVersion: 'IPv4' as const,
    privateIPAllocationMethod: 'Dynamic' as const,
    subnet: { id: spec.subnet },
    publicIPAddress: primary && spec.publicIp ? { id: id('Microsoft.Network/publicIPAddresses', spec.publicIp) } : null,
    loadBalancerBackendAddressPools: primary ? (spec.pools ?? []).map((p) => ({ id: p })) : [],
    provisioningState: 'Succeeded',
  });
  const resource: NetworkInterface = {
    ...base('Microsoft.Network/networkInterfaces', spec.name),
    type: 'Microsoft.Network/networkInterfaces',
    ipConfigurations: [config('ipconfig1', spec.ip, true), ...(spec.secondary ?? []).map((ip, i) => config(`ipconfig${i + 2}`, ip, false))],
    networkSecurityGroup: spec.nsg ? { id: id('Microsoft.Network/networkSecurityGroups', spec.nsg) } : null,
    enableIPForwarding: spec.forwarding ?? false,
    enableAcceleratedNetworking: true,
    macAddress: '00-0D-3A-00-00-01',
    primary: true,
    dnsSettings: { dnsServers: [], appliedDnsServers: [], internalDomainNameSuffix: 'x.ax.internal.cloudapp.net' },
  };
  world.putResource(resource);
  return resource;
}

export function vmss(world: World, name: string, nics: NetworkInterface[]): VirtualMachineScaleSet {
  const resource: VirtualMachineScaleSet = {
    ...base('Microsoft.Compute/virtualMachineScaleSets', name),
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    sku: { name: 'Standard_DS2_v2', tier: 'Standard', capacity: nics.length },
    agentPool: 'nodepool1',
    instances: nics.map((n, i) => ({ instanceId: String(i), name: `${name}_${i}`, computerName: `${name}${i.toString(36).padStart(6, '0')}`, networkInterface: n.id })),
    nextInstanceId: nics.length,
  };
  world.putResource(resource);
  return resource;
}

export function natGateway(world: World, name: string, publicIps: string[], subnets: string[]): NatGateway {
  const resource: NatGateway = {
    ...base('Microsoft.Network/natGateways', name),
    type: 'Microsoft.Network/natGateways',
    idleTimeoutInMinutes: 4,
    publicIpAddresses: publicIps.map((p) => ({ id: id('Microsoft.Network/publicIPAddresses', p) })),
    publicIpPrefixes: [],
    subnets: subnets.map((s) => ({ id: s })),
    sku: { name: 'Standard' },
    resourceGuid: '33333333-3333-4333-8333-333333333333',
  };
  world.putResource(resource);
  return resource;
}

export function firewall(
  world: World,
  name: string,
  spec: {
    privateIp: string;
    publicIp: string;
    subnet: string;
    network?: { name: string; priority: number; action: 'Allow' | 'Deny'; rules: FirewallNetworkRule[] }[];
    application?: { name: string; priority: number; action: 'Allow' | 'Deny'; rules: FirewallApplicationRule[] }[];
  },
): AzureFirewall {
  const fwId = id('Microsoft.Network/azureFirewalls', name);
  const collection = <R>(kind: string, c: { name: string; priority: number; action: 'Allow' | 'Deny'; rules: R[] }) => ({
    id: `${fwId}/${kind}/${c.name}`,
    name: c.name,
    priority: c.priority,
    action: { type: c.action },
    rules: c.rules,
    provisioningState: 'Succeeded',
  });
  const resource: AzureFirewall = {
    ...base('Microsoft.Network/azureFirewalls', name),
    type: 'Microsoft.Network/azureFirewalls',
    ipConfigurations: [
      { id: `${fwId}/azureFirewallIpConfigurations/config`, name: 'config', privateIPAddress: spec.privateIp, publicIPAddress: { id: id('Microsoft.Network/publicIPAddresses', spec.publicIp) }, subnet: { id: spec.subnet } },
    ],
    networkRuleCollections: (spec.network ?? []).map((c) => collection('networkRuleCollections', c)),
    applicationRuleCollections: (spec.application ?? []).map((c) => collection('applicationRuleCollections', c)),
    natRuleCollections: [],
    sku: { name: 'AZFW_VNet', tier: 'Standard' },
    threatIntelMode: 'Alert',
  };
  world.putResource(resource);
  return resource;
}

export function machine(world: World, m: Partial<ClientMachine> & { id: string; publicIp: string }): ClientMachine {
  const full: ClientMachine = { kind: 'internet', hostname: m.id, dnsServers: [], ...m };
  world.state.machines[m.id] = full;
  world.touch();
  return full;
}
