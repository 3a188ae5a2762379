// The cluster's network plumbing in Azure: the node NSG, kubenet's route table, the AKS-managed
// VNet and its subnets, and their associations.
// - AKS-managed VNet: `aks-vnet-<n>` 10.224.0.0/12 with `aks-subnet` 10.224.0.0/16; the NSG and
//   (kubenet) the route table are associated with aks-subnet (exported node resource groups).
// - A learner's subnet (BYO): AKS leaves the subnet's own NSG alone and puts its NSG on the node
//   NICs instead (see ctl-node-pools); under kubenet it uses the subnet's route table if it has
//   one, else it creates one and associates it (AKS-docs configure-kubenet.md).
// - API Server VNet Integration in a managed VNet adds `aks-apiserver-subnet` 10.226.0.0/28
//   delegated to Microsoft.ContainerService/managedClusters, with the node NSG (captured
//   `az network vnet subnet show`); a BYO API server subnet gets the delegation if it lacks it.
import { armId } from '../../model/azure/ids.ts';
import { newNetworkSecurityGroup, newRouteTable, newSubnet, newVirtualNetwork } from '../../model/azure/factories.ts';
import { newDelegation } from '../../model/azure/network-factories.ts';
import type { RouteTable, Subnet, VirtualNetwork } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { clusterContext, type ClusterContext } from './context.ts';
import { findSubnet } from './ipam.ts';
import {
  APISERVER_DELEGATION_NAME,
  APISERVER_SUBNET_NAME,
  APISERVER_SUBNET_PREFIX,
  MANAGED_CLUSTERS_SERVICE,
  MANAGED_NAT_GATEWAY_NAME,
  MANAGED_SUBNET_NAME,
  MANAGED_SUBNET_PREFIX,
  MANAGED_VNET_PREFIX,
  managedVnetName,
} from './naming.ts';
import { clustersInOperation } from './operations.ts';

function ensureNsg(world: World, ctx: ClusterContext): void {
  if (world.resource(ctx.nsgId)) return;
  world.putResource(
    newNetworkSecurityGroup({
      subscriptionId: ctx.subscriptionId,
      resourceGroup: ctx.nodeResourceGroup,
      name: ctx.config.securityGroupName,
      location: ctx.location,
    }),
  );
}

/** Only the route table AKS made itself (in the node resource group) is AKS's to create. */
function ownsRouteTable(ctx: ClusterContext): boolean {
  return !!ctx.routeTableId && ctx.config.routeTableResourceGroup.toLowerCase() === ctx.nodeResourceGroup.toLowerCase();
}

function ensureRouteTable(world: World, ctx: ClusterContext): void {
  if (!ownsRouteTable(ctx) || world.resource<RouteTable>(ctx.routeTableId!)) return;
  world.putResource(
    newRouteTable({
      subscriptionId: ctx.subscriptionId,
      resourceGroup: ctx.nodeResourceGroup,
      name: ctx.config.routeTableName,
      location: ctx.location,
    }),
  );
}

function natGatewayId(ctx: ClusterContext): string {
  return armId(ctx.subscriptionId, ctx.nodeResourceGroup, 'Microsoft.Network', 'natGateways', MANAGED_NAT_GATEWAY_NAME);
}

function desiredNodeSubnet(ctx: ClusterContext, existing: Subnet | undefined): Subnet {
  const base =
    existing ??
    newSubnet({ vnetId: ctx.managedVnetId, resourceGroup: ctx.nodeResourceGroup, name: MANAGED_SUBNET_NAME, addressPrefix: MANAGED_SUBNET_PREFIX });
  const subnet: Subnet = { ...base, networkSecurityGroup: { id: ctx.nsgId } };
  if (ctx.mode === 'kubenet' && ctx.routeTableId) subnet.routeTable = { id: ctx.routeTableId };
  if (ctx.cluster.networkProfile.outboundType === 'managedNATGateway') subnet.natGateway = { id: natGatewayId(ctx) };
  return subnet;
}

function withApiServerDelegation(subnet: Subnet): Subnet {
  const delegated = subnet.delegations.some((d) => d.serviceName.toLowerCase() === MANAGED_CLUSTERS_SERVICE.toLowerCase());
  if (delegated) return subnet;
  return { ...subnet, delegations: [...subnet.delegations, newDelegation(subnet.id, APISERVER_DELEGATION_NAME, MANAGED_CLUSTERS_SERVICE)] };
}

function desiredApiServerSubnet(ctx: ClusterContext, existing: Subnet | undefined): Subnet {
  const base =
    existing ??
    newSubnet({
      vnetId: ctx.managedVnetId,
      resourceGroup: ctx.nodeResourceGroup,
      name: APISERVER_SUBNET_NAME,
      addressPrefix: APISERVER_SUBNET_PREFIX,
      delegations: [{ name: APISERVER_DELEGATION_NAME, serviceName: MANAGED_CLUSTERS_SERVICE }],
    });
  return withApiServerDelegation({ ...base, networkSecurityGroup: { id: ctx.nsgId } });
}

function needsManagedApiServerSubnet(ctx: ClusterContext): boolean {
  const profile = ctx.cluster.apiServerAccessProfile;
  return profile?.enableVnetIntegration === true && !profile.subnetId;
}

function ensureManagedVnet(world: World, ctx: ClusterContext): void {
  const existing = world.resource<VirtualNetwork>(ctx.managedVnetId);
  const vnet =
    existing ??
    newVirtualNetwork({
      subscriptionId: ctx.subscriptionId,
      resourceGroup: ctx.nodeResourceGroup,
      name: managedVnetName(ctx.suffix),
      location: ctx.location,
      addressPrefixes: [MANAGED_VNET_PREFIX],
    });
  const subnets = [...vnet.subnets];
  const upsert = (name: string, build: (current: Subnet | undefined) => Subnet) => {
    const at = subnets.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
    const next = build(at >= 0 ? subnets[at] : undefined);
    if (at >= 0) subnets[at] = next;
    else subnets.push(next);
  };
  upsert(MANAGED_SUBNET_NAME, (current) => desiredNodeSubnet(ctx, current));
  if (needsManagedApiServerSubnet(ctx)) upsert(APISERVER_SUBNET_NAME, (current) => desiredApiServerSubnet(ctx, current));
  world.applyResource({ ...vnet, subnets });
}

/** Changes one subnet of a learner's VNet in place (through a new VNet object). */
function updateSubnet(world: World, subnetId: string, change: (subnet: Subnet) => Subnet): void {
  const found = findSubnet(world, subnetId);
  if (!found) return;
  const next = change(found.subnet);
  if (next === found.subnet) return;
  world.applyResource({ ...found.vnet, subnets: found.vnet.subnets.map((s) => (s === found.subnet ? next : s)) });
}

function ensureByoAssociations(world: World, ctx: ClusterContext): void {
  if (ctx.mode === 'kubenet' && ownsRouteTable(ctx)) {
    for (const pool of ctx.pools.filter((p) => p.profile.vnetSubnetId)) {
      updateSubnet(world, pool.subnetId, (subnet) => (subnet.routeTable ? subnet : { ...subnet, routeTable: { id: ctx.routeTableId! } }));
    }
  }
  const apiSubnetId = ctx.cluster.apiServerAccessProfile?.enableVnetIntegration ? ctx.cluster.apiServerAccessProfile.subnetId : null;
  if (apiSubnetId) updateSubnet(world, apiSubnetId, withApiServerDelegation);
}

export const clusterNetworkController: Controller = {
  name: 'aks-cluster-network',
  reconcile(world: World): void {
    for (const cluster of clustersInOperation(world)) {
      const ctx = clusterContext(world, cluster);
      ensureNsg(world, ctx);
      if (ctx.mode === 'kubenet') ensureRouteTable(world, ctx);
      if (ctx.managedVnet) ensureManagedVnet(world, ctx);
      ensureByoAssociations(world, ctx);
    }
  },
};
