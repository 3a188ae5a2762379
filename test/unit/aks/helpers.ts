// Shared setup for the AKS provisioning tests: a fresh world with a resource group, a learner's
// VNet when a test brings its own subnet, and short accessors for what the tests inspect.
import { expect } from 'vitest';
import { createManagedCluster, type AksCreateRequest } from '../../../sandbox/controllers/aks/index.ts';
import { isAzureError, type AzureError } from '../../../sandbox/model/azure/errors.ts';
import {
  newNetworkSecurityGroup,
  newPrivateDnsZone,
  newResourceGroup,
  newRouteTable,
  newSubnet,
  newVirtualNetwork,
} from '../../../sandbox/model/azure/factories.ts';
import { armId } from '../../../sandbox/model/azure/ids.ts';
import type {
  LoadBalancer,
  ManagedCluster,
  NetworkInterface,
  PublicIPAddress,
  RouteTable,
  VirtualMachineScaleSet,
  VirtualNetwork,
} from '../../../sandbox/model/azure/types.ts';
import type { Node } from '../../../sandbox/model/k8s/types.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { World } from '../../../sandbox/model/world.ts';

export const RG = 'rg1';

export function newWorld(seed = 'aks-test'): World {
  const world = new World(createWorldState(seed));
  world.putResourceGroup(newResourceGroup({ subscriptionId: world.state.subscription.id, name: RG, location: 'eastus' }));
  return world;
}

export function sub(world: World): string {
  return world.state.subscription.id;
}

/** A learner's VNet in rg1 with the given subnets (name → prefix). */
export function byoVnet(
  world: World,
  name: string,
  addressPrefixes: string[],
  subnets: { name: string; prefix: string; routeTable?: string; nsg?: string; delegation?: string }[],
): VirtualNetwork {
  const vnetId = armId(sub(world), RG, 'Microsoft.Network', 'virtualNetworks', name);
  const vnet = newVirtualNetwork({
    subscriptionId: sub(world),
    resourceGroup: RG,
    name,
    location: 'eastus',
    addressPrefixes,
    subnets: subnets.map((s) =>
      newSubnet({
        vnetId,
        resourceGroup: RG,
        name: s.name,
        addressPrefix: s.prefix,
        routeTableId: s.routeTable ? armId(sub(world), RG, 'Microsoft.Network', 'routeTables', s.routeTable) : null,
        networkSecurityGroupId: s.nsg ? armId(sub(world), RG, 'Microsoft.Network', 'networkSecurityGroups', s.nsg) : null,
        delegations: s.delegation ? [{ name: 'delegation', serviceName: s.delegation }] : [],
      }),
    ),
  });
  world.putResource(vnet);
  for (const s of subnets) {
    if (s.routeTable && !world.resource(armId(sub(world), RG, 'Microsoft.Network', 'routeTables', s.routeTable))) {
      world.putResource(newRouteTable({ subscriptionId: sub(world), resourceGroup: RG, name: s.routeTable, location: 'eastus' }));
    }
    if (s.nsg && !world.resource(armId(sub(world), RG, 'Microsoft.Network', 'networkSecurityGroups', s.nsg))) {
      world.putResource(newNetworkSecurityGroup({ subscriptionId: sub(world), resourceGroup: RG, name: s.nsg, location: 'eastus' }));
    }
  }
  return vnet;
}

export function subnetIdOf(world: World, vnet: string, subnet: string): string {
  return `${armId(sub(world), RG, 'Microsoft.Network', 'virtualNetworks', vnet)}/subnets/${subnet}`;
}

export function privateZone(world: World, name: string): string {
  const zone = newPrivateDnsZone({ subscriptionId: sub(world), resourceGroup: RG, name });
  world.putResource(zone);
  return zone.id;
}

export function create(world: World, request: Partial<AksCreateRequest> = {}): ManagedCluster {
  const result = createManagedCluster(world, { resourceGroup: RG, name: 'aks1', ...request });
  if (isAzureError(result)) throw new Error(`unexpected ${result.code}: ${result.message}`);
  return result;
}

export function refuse(world: World, request: Partial<AksCreateRequest>): AzureError {
  const result = createManagedCluster(world, { resourceGroup: RG, name: 'aks1', ...request });
  expect(isAzureError(result)).toBe(true);
  return result as AzureError;
}

export function nodes(world: World, cluster: ManagedCluster): Node[] {
  return world.k8sList<Node>(cluster.id, 'Node').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

export function internalIp(node: Node): string {
  return node.status.addresses.find((a) => a.type === 'InternalIP')!.address;
}

export function ofType<T>(world: World, type: string): T[] {
  return world.resourcesOfType(type as never) as T[];
}

export function scaleSet(world: World): VirtualMachineScaleSet {
  return ofType<VirtualMachineScaleSet>(world, 'Microsoft.Compute/virtualMachineScaleSets')[0]!;
}

export function nics(world: World): NetworkInterface[] {
  return ofType<NetworkInterface>(world, 'Microsoft.Network/networkInterfaces');
}

export function clusterLb(world: World, cluster: ManagedCluster): LoadBalancer | undefined {
  return world.resource<LoadBalancer>(armId(sub(world), cluster.nodeResourceGroup, 'Microsoft.Network', 'loadBalancers', 'kubernetes'));
}

export function publicIps(world: World): PublicIPAddress[] {
  return ofType<PublicIPAddress>(world, 'Microsoft.Network/publicIPAddresses');
}

export function routeTables(world: World): RouteTable[] {
  return ofType<RouteTable>(world, 'Microsoft.Network/routeTables');
}

export function current(world: World, cluster: ManagedCluster): ManagedCluster {
  return world.resource<ManagedCluster>(cluster.id)!;
}
