// Egress as AKS sets it up for the cluster's outbound type:
// - loadBalancer: the Standard LB `kubernetes` with backend pools `kubernetes` and
//   `aksOutboundBackendPool`, N managed outbound public IPs (GUID names, aks-managed-* tags), one
//   frontend per IP (named like the IP) and the outbound rule `aksOutboundRule`
//   (emulator-facts §3; an exported node resource group shows the same shapes).
// - managedNATGateway: a NAT gateway with managed public IP(s) on aks-subnet, no LB.
// - userDefinedRouting / userAssignedNATGateway / none: nothing; egress is the learner's.
// AKS recognises its outbound IPs by their tags. When the tags were edited or removed, the next
// operation treats the IP as foreign: it creates a new IP (new address), points the frontend and
// effectiveOutboundIPs at it, and deletes the old one (Azure/AKS#2619, part-iii-cases §3).
import { armId, childId } from '../../model/azure/ids.ts';
import {
  newBackendPool,
  newFrontendIpConfig,
  newLoadBalancer,
  newNatGateway,
  newOutboundRule,
  newPublicIp,
  regionHasZones,
} from '../../model/azure/factories.ts';
import type {
  BackendAddressPool,
  FrontendIPConfiguration,
  LoadBalancer,
  LoadBalancerProfile,
  ManagedCluster,
  NatGateway,
  PublicIPAddress,
} from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { clusterContext, type ClusterContext } from './context.ts';
import {
  INBOUND_POOL_NAME,
  MANAGED_NAT_GATEWAY_NAME,
  OUTBOUND_POOL_NAME,
  OUTBOUND_RULE_NAME,
  clusterTags,
  managedOutboundIpTags,
} from './naming.ts';
import { clustersInOperation } from './operations.ts';
import { allocatePublicIp } from './public-ips.ts';

export interface NatGatewayProfile {
  effectiveOutboundIPs: { id: string; resourceGroup: string }[];
  idleTimeoutInMinutes: number;
  managedOutboundIPProfile: { count: number };
}

function hasTags(pip: PublicIPAddress, wanted: Record<string, string>): boolean {
  return Object.entries(wanted).every(([k, v]) => pip.tags?.[k] === v);
}

function createManagedIp(world: World, ctx: ClusterContext, purpose: string, tags: Record<string, string>): PublicIPAddress {
  const name = world.guid(`${purpose}:${ctx.key}`);
  const pip = newPublicIp({
    subscriptionId: ctx.subscriptionId,
    resourceGroup: ctx.nodeResourceGroup,
    name,
    location: ctx.location,
    ipAddress: allocatePublicIp(world, ctx.location, `${purpose}:${ctx.key}:${name}`),
    tags,
    zones: regionHasZones(ctx.location) ? ['1', '2', '3'] : undefined,
  });
  world.putResource(pip);
  return pip;
}

/** Keeps the valid IPs of `current` (in order), replaces the rest, and trims or grows to `count`. */
function settleManagedIps(
  world: World,
  current: string[],
  count: number,
  valid: (pip: PublicIPAddress) => boolean,
  create: () => PublicIPAddress,
): { kept: PublicIPAddress[]; dropped: string[] } {
  const kept: PublicIPAddress[] = [];
  const dropped: string[] = [];
  for (const id of current) {
    const pip = world.resource<PublicIPAddress>(id);
    if (pip && valid(pip) && kept.length < count) kept.push(pip);
    else dropped.push(id);
  }
  while (kept.length < count) kept.push(create());
  return { kept, dropped };
}

function upsertByName<T extends { name: string }>(list: T[], item: T): T[] {
  const at = list.findIndex((x) => x.name.toLowerCase() === item.name.toLowerCase());
  if (at < 0) return [...list, item];
  const next = [...list];
  next[at] = item;
  return next;
}

function reconcileLoadBalancer(world: World, ctx: ClusterContext, profile: LoadBalancerProfile): void {
  const cluster = ctx.cluster;
  const tags = managedOutboundIpTags(cluster.name, cluster.resourceGroup);
  const { kept, dropped } = settleManagedIps(
    world,
    profile.effectiveOutboundIPs.map((r) => r.id),
    profile.managedOutboundIPs?.count ?? 1,
    (pip) => hasTags(pip, tags),
    () => createManagedIp(world, ctx, 'aks-outbound-ip', tags),
  );
  const droppedKeys = new Set(dropped.map((id) => id.toLowerCase()));
  const keptKeys = new Set(kept.map((p) => p.id.toLowerCase()));

  const lb: LoadBalancer =
    world.resource<LoadBalancer>(ctx.loadBalancerId) ??
    newLoadBalancer({
      subscriptionId: ctx.subscriptionId,
      resourceGroup: ctx.nodeResourceGroup,
      name: ctx.config.loadBalancerName,
      location: ctx.location,
      tags: clusterTags(cluster.name, cluster.resourceGroup),
    });
  // Frontends of services (cloud-provider-azure's) stay; AKS's own are rebuilt from the kept IPs.
  const isOurs = (f: FrontendIPConfiguration) => {
    const key = f.publicIPAddress?.id.toLowerCase();
    return !!key && (droppedKeys.has(key) || keptKeys.has(key));
  };
  const frontends = lb.frontendIPConfigurations.filter((f) => !isOurs(f));
  const managedFrontends = kept.map((pip) => {
    const previous = lb.frontendIPConfigurations.find((f) => f.publicIPAddress?.id.toLowerCase() === pip.id.toLowerCase());
    return newFrontendIpConfig({
      loadBalancerId: lb.id,
      resourceGroup: ctx.nodeResourceGroup,
      name: pip.name,
      publicIpId: pip.id,
      outboundRuleIds: [ctx.outboundRuleId],
      loadBalancingRuleIds: previous?.loadBalancingRules?.map((r) => r.id),
    });
  });
  const pool = (name: string, outbound: boolean): BackendAddressPool => {
    const existing = lb.backendAddressPools.find((p) => p.name === name);
    const base = existing ?? newBackendPool({ loadBalancerId: lb.id, resourceGroup: ctx.nodeResourceGroup, name });
    return outbound ? { ...base, outboundRules: [{ id: ctx.outboundRuleId }] } : base;
  };
  let pools = upsertByName(lb.backendAddressPools, pool(INBOUND_POOL_NAME, false));
  pools = upsertByName(pools, pool(OUTBOUND_POOL_NAME, true));
  const rule = newOutboundRule({
    loadBalancerId: lb.id,
    resourceGroup: ctx.nodeResourceGroup,
    name: OUTBOUND_RULE_NAME,
    frontendIds: managedFrontends.map((f) => f.id),
    backendPoolId: ctx.outboundPoolId,
    allocatedOutboundPorts: profile.allocatedOutboundPorts,
    idleTimeoutInMinutes: profile.idleTimeoutInMinutes,
  });
  world.applyResource({
    ...lb,
    frontendIPConfigurations: [...managedFrontends, ...frontends],
    backendAddressPools: pools,
    outboundRules: upsertByName(lb.outboundRules, rule),
  });

  for (const pip of kept) {
    const frontendId = childId(lb.id, 'frontendIPConfigurations', pip.name);
    world.applyResource({ ...pip, ipConfiguration: { id: frontendId } });
  }
  for (const id of dropped) world.deleteResource(id);

  const effective = kept.map((p) => ({ id: p.id, resourceGroup: ctx.nodeResourceGroup }));
  writeNetworkProfile(world, cluster, { loadBalancerProfile: { ...profile, effectiveOutboundIPs: effective } });
}

function reconcileNatGateway(world: World, ctx: ClusterContext, profile: NatGatewayProfile): void {
  const cluster = ctx.cluster;
  const tags = clusterTags(cluster.name, cluster.resourceGroup);
  const { kept, dropped } = settleManagedIps(
    world,
    profile.effectiveOutboundIPs.map((r) => r.id),
    profile.managedOutboundIPProfile.count,
    () => true,
    () => createManagedIp(world, ctx, 'aks-nat-gateway-ip', tags),
  );
  const id = armId(ctx.subscriptionId, ctx.nodeResourceGroup, 'Microsoft.Network', 'natGateways', MANAGED_NAT_GATEWAY_NAME);
  const existing = world.resource<NatGateway>(id);
  const gateway = newNatGateway({
    subscriptionId: ctx.subscriptionId,
    resourceGroup: ctx.nodeResourceGroup,
    name: MANAGED_NAT_GATEWAY_NAME,
    location: ctx.location,
    tags,
    publicIpIds: kept.map((p) => p.id),
    subnetIds: existing?.subnets?.map((s) => s.id) ?? [ctx.managedSubnetId],
    idleTimeoutInMinutes: profile.idleTimeoutInMinutes,
  });
  world.applyResource(existing ? { ...existing, publicIpAddresses: gateway.publicIpAddresses, idleTimeoutInMinutes: gateway.idleTimeoutInMinutes } : gateway);
  for (const pip of kept) world.applyResource({ ...pip, natGateway: { id } });
  for (const old of dropped) world.deleteResource(old);
  const effective = kept.map((p) => ({ id: p.id, resourceGroup: ctx.nodeResourceGroup }));
  writeNetworkProfile(world, cluster, { natGatewayProfile: { ...profile, effectiveOutboundIPs: effective } });
}

function writeNetworkProfile(world: World, cluster: ManagedCluster, change: Partial<ManagedCluster['networkProfile']>): void {
  const current = world.resource<ManagedCluster>(cluster.id) ?? cluster;
  world.applyResource({ ...current, networkProfile: { ...current.networkProfile, ...change } });
}

export const outboundController: Controller = {
  name: 'aks-outbound',
  reconcile(world: World): void {
    for (const cluster of clustersInOperation(world)) {
      const ctx = clusterContext(world, cluster);
      const network = cluster.networkProfile;
      if (network.outboundType === 'loadBalancer' && network.loadBalancerProfile) {
        reconcileLoadBalancer(world, ctx, network.loadBalancerProfile);
      } else if (network.outboundType === 'managedNATGateway' && network.natGatewayProfile) {
        reconcileNatGateway(world, ctx, network.natGatewayProfile as NatGatewayProfile);
      }
    }
  },
};
