// Scenario steps that build the learner's own Azure network, as the matching `az network`
// commands would leave it: groups, VNets and subnets, peerings, NSGs and rules, route tables,
// and the association of NSGs and route tables with subnets.
import {
  newNetworkSecurityGroup,
  newResourceGroup,
  newRoute,
  newRouteTable,
  newSubnet,
  newVirtualNetwork,
} from '../model/azure/factories.ts';
import { childId } from '../model/azure/ids.ts';
import type {
  NetworkSecurityGroup,
  RouteTable,
  SecurityRule,
  Subnet,
  VirtualNetwork,
  VnetPeering,
} from '../model/azure/types.ts';
import type { Node } from '../model/k8s/types.ts';
import type { World } from '../model/world.ts';
import { findCluster, resolveRef, scenarioError } from './refs.ts';
import type { NsgRuleSpec, ScenarioStep, SubnetSpec } from './types.ts';

type Step<K extends ScenarioStep['kind']> = Extract<ScenarioStep, { kind: K }>;

export function get<T>(world: World, id: string, what: string): T {
  const found = world.resource(id) as T | undefined;
  if (!found) throw scenarioError(`${what} ${id} does not exist`);
  return found;
}

export function locationOf(world: World, group: string, location?: string): string {
  const rg = world.resourceGroup(group);
  if (!rg) throw scenarioError(`resource group ${group} does not exist`);
  return location ?? rg.location;
}

function vnetOfSubnet(subnetId: string): string {
  return subnetId.slice(0, subnetId.toLowerCase().lastIndexOf('/subnets/'));
}

/** Changes one subnet of its VNet in place of the stored one. */
export function editSubnet(world: World, subnetId: string, change: (s: Subnet) => Subnet): void {
  const vnet = get<VirtualNetwork>(world, vnetOfSubnet(subnetId), 'virtual network');
  const at = vnet.subnets.findIndex((s) => s.id.toLowerCase() === subnetId.toLowerCase());
  if (at < 0) throw scenarioError(`subnet ${subnetId} does not exist`);
  const subnets = vnet.subnets.map((s, i) => (i === at ? change(s) : s));
  world.putResource({ ...vnet, subnets });
}

function subnetFrom(world: World, vnetId: string, group: string, spec: SubnetSpec): Subnet {
  return newSubnet({
    vnetId,
    resourceGroup: group,
    name: spec.name,
    addressPrefix: spec.addressPrefix,
    networkSecurityGroupId: spec.nsg ? resolveRef(world, spec.nsg, 'nsg') : null,
    routeTableId: spec.routeTable ? resolveRef(world, spec.routeTable, 'route-table') : null,
    natGatewayId: spec.natGateway ? resolveRef(world, spec.natGateway, 'nat-gateway') : null,
    delegations: (spec.delegations ?? []).map((serviceName, i) => ({ name: i === 0 ? 'delegation' : `delegation${i}`, serviceName })),
  });
}

export function groupStep(world: World, step: Step<'group'>): void {
  world.putResourceGroup(
    newResourceGroup({ subscriptionId: world.state.subscription.id, name: step.name, location: step.location ?? world.state.defaultLocation, tags: step.tags }),
  );
}

export function vnetStep(world: World, step: Step<'vnet'>): void {
  const location = locationOf(world, step.group, step.location);
  const vnet = newVirtualNetwork({
    subscriptionId: world.state.subscription.id,
    resourceGroup: step.group,
    name: step.name,
    location,
    addressPrefixes: step.addressPrefixes,
    dnsServers: step.dnsServers,
  });
  vnet.subnets = (step.subnets ?? []).map((s) => subnetFrom(world, vnet.id, step.group, s));
  world.putResource(vnet);
}

export function subnetStep(world: World, step: Step<'subnet'>): void {
  const vnetId = resolveRef(world, step.vnet, 'vnet');
  const vnet = get<VirtualNetwork>(world, vnetId, 'virtual network');
  const subnet = subnetFrom(world, vnet.id, vnet.resourceGroup, step);
  const others = vnet.subnets.filter((s) => s.name.toLowerCase() !== step.name.toLowerCase());
  world.putResource({ ...vnet, subnets: [...others, subnet] });
}

function peering(from: VirtualNetwork, to: VirtualNetwork, name: string, forwarded: boolean, connected: boolean): VnetPeering {
  return {
    id: childId(from.id, 'virtualNetworkPeerings', name),
    name,
    type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    resourceGroup: from.resourceGroup,
    remoteVirtualNetwork: { id: to.id },
    remoteAddressSpace: { addressPrefixes: [...to.addressSpace.addressPrefixes] },
    allowVirtualNetworkAccess: true,
    allowForwardedTraffic: forwarded,
    allowGatewayTransit: false,
    useRemoteGateways: false,
    peeringState: connected ? 'Connected' : 'Initiated',
    provisioningState: 'Succeeded',
  };
}

export function peeringStep(world: World, step: Step<'peering'>): void {
  const a = get<VirtualNetwork>(world, resolveRef(world, step.vnet, 'vnet'), 'virtual network');
  const b = get<VirtualNetwork>(world, resolveRef(world, step.remoteVnet, 'vnet'), 'virtual network');
  const both = step.bidirectional ?? true;
  const forwarded = step.allowForwardedTraffic ?? false;
  const add = (from: VirtualNetwork, to: VirtualNetwork, name: string) => {
    const current = world.resource<VirtualNetwork>(from.id)!;
    const others = current.virtualNetworkPeerings.filter((p) => p.name !== name);
    world.putResource({ ...current, virtualNetworkPeerings: [...others, peering(current, to, name, forwarded, both)] });
  };
  add(a, b, step.name ?? `${a.name}-to-${b.name}`);
  if (both) add(b, a, `${b.name}-to-${a.name}`);
}

export function nsgStep(world: World, step: Step<'nsg'>): void {
  const location = locationOf(world, step.group, step.location);
  world.putResource(newNetworkSecurityGroup({ subscriptionId: world.state.subscription.id, resourceGroup: step.group, name: step.name, location }));
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? ['*'] : Array.isArray(v) ? v : [v]);

/** A rule as `az network nsg rule create` stores it: one value in the singular field, several in the plural. */
export function securityRule(nsg: NetworkSecurityGroup, spec: NsgRuleSpec): SecurityRule {
  const rule: SecurityRule = {
    id: childId(nsg.id, 'securityRules', spec.name),
    name: spec.name,
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    resourceGroup: nsg.resourceGroup,
    priority: spec.priority,
    direction: spec.direction,
    access: spec.access,
    protocol: spec.protocol,
    sourceAddressPrefixes: [],
    destinationAddressPrefixes: [],
    sourcePortRanges: [],
    destinationPortRanges: [],
    provisioningState: 'Succeeded',
  };
  type Single = 'sourceAddressPrefix' | 'destinationAddressPrefix' | 'sourcePortRange' | 'destinationPortRange';
  type Plural = 'sourceAddressPrefixes' | 'destinationAddressPrefixes' | 'sourcePortRanges' | 'destinationPortRanges';
  const fields: [string[], Single, Plural][] = [
    [list(spec.source), 'sourceAddressPrefix', 'sourceAddressPrefixes'],
    [list(spec.destination), 'destinationAddressPrefix', 'destinationAddressPrefixes'],
    [list(spec.sourcePorts), 'sourcePortRange', 'sourcePortRanges'],
    [list(spec.destinationPorts), 'destinationPortRange', 'destinationPortRanges'],
  ];
  for (const [values, single, plural] of fields) {
    if (values.length === 1) rule[single] = values[0];
    else rule[plural] = values;
  }
  if (spec.description) rule.description = spec.description;
  return rule;
}

export function nsgRuleStep(world: World, step: Step<'nsgRule'>): void {
  const nsg = get<NetworkSecurityGroup>(world, resolveRef(world, step.nsg, 'nsg'), 'network security group');
  const others = nsg.securityRules.filter((r) => r.name !== step.rule.name);
  world.putResource({ ...nsg, securityRules: [...others, securityRule(nsg, step.rule)] });
}

export function subnetNsgStep(world: World, step: Step<'subnetNsg'>): void {
  const nsgId = step.nsg === null ? null : resolveRef(world, step.nsg, 'nsg');
  editSubnet(world, resolveRef(world, step.subnet, 'subnet'), (s) => ({ ...s, networkSecurityGroup: nsgId ? { id: nsgId } : null }));
}

export function routeTableStep(world: World, step: Step<'routeTable'>): void {
  const location = locationOf(world, step.group, step.location);
  world.putResource(
    newRouteTable({
      subscriptionId: world.state.subscription.id,
      resourceGroup: step.group,
      name: step.name,
      location,
      disableBgpRoutePropagation: step.disableBgpRoutePropagation,
    }),
  );
}

/**
 * `node:<i>` in a route step: the i-th node (by name) of the cluster whose route table it is —
 * its name for a route name, its address for a next hop. kubenet route names are node names,
 * whose digits a scenario cannot know in advance.
 */
function nodeValue(world: World, tableRef: string, value: string, want: 'name' | 'ip'): string {
  if (!value.startsWith('node:')) return value;
  if (!tableRef.startsWith('cluster:')) throw scenarioError(`"${value}" needs a cluster: route table reference`);
  const cluster = findCluster(world, tableRef.slice('cluster:'.length).split(':')[0]!);
  const nodes = world.k8sList<Node>(cluster.id, 'Node').sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const node = nodes[Number(value.slice('node:'.length))];
  if (!node) throw scenarioError(`cluster ${cluster.name} has no ${value}`);
  if (want === 'name') return node.metadata.name;
  return node.status.addresses.find((a) => a.type === 'InternalIP')!.address;
}

export function routeStep(world: World, step: Step<'route'>): void {
  const table = get<RouteTable>(world, resolveRef(world, step.routeTable, 'route-table'), 'route table');
  const name = nodeValue(world, step.routeTable, step.name, 'name');
  const route = newRoute({
    routeTableId: table.id,
    resourceGroup: table.resourceGroup,
    name,
    addressPrefix: step.addressPrefix,
    nextHopType: step.nextHopType,
    nextHopIpAddress: step.nextHopIpAddress === undefined ? undefined : nodeValue(world, step.routeTable, step.nextHopIpAddress, 'ip'),
  });
  // Updating a route keeps its place in the table; a new one goes last.
  const at = table.routes.findIndex((r) => r.name.toLowerCase() === name.toLowerCase());
  const routes = at < 0 ? [...table.routes, route] : table.routes.map((r, i) => (i === at ? route : r));
  world.putResource({ ...table, routes });
}

export function subnetRouteTableStep(world: World, step: Step<'subnetRouteTable'>): void {
  const tableId = step.routeTable === null ? null : resolveRef(world, step.routeTable, 'route-table');
  editSubnet(world, resolveRef(world, step.subnet, 'subnet'), (s) => ({ ...s, routeTable: tableId ? { id: tableId } : null }));
}
