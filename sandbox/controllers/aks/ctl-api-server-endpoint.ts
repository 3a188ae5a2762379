// Where the API server answers inside the learner's network, for clusters that have such a place:
// - private cluster: a private endpoint `kube-apiserver` in the first pool's subnet (with its own
//   NIC and address), and an A record for the private FQDN: in the zone AKS creates for
//   `--private-dns-zone system` (a GUID subzone of privatelink.<region>.azmk8s.io, linked to the
//   cluster VNet) or in the learner's zone; `none` creates no zone (AKS-docs private-clusters.md).
// - API Server VNet Integration: no endpoint and no tunnel; an internal LB `kube-apiserver` with
//   frontend `kube-apiserver-frontend` in the delegated API server subnet (captured subnet
//   ipConfigurations), whose address the nodes use directly.
// The result goes on the ControlPlane record: privateIp, and what public DNS answers for the
// public FQDN (the private address for a private cluster that keeps one).
import { guidOf } from '../../core/hash.ts';
import {
  newARecordSet,
  newFrontendIpConfig,
  newLoadBalancer,
  newNetworkInterface,
  newNicIpConfig,
  newPrivateDnsZone,
  newPrivateDnsZoneVnetLink,
  newPrivateEndpoint,
  withZoneCounts,
  internalDomainNameSuffixFor,
} from '../../model/azure/factories.ts';
import { armId, childId, nameOf, resourceGroupOf } from '../../model/azure/ids.ts';
import type { LoadBalancer, NetworkInterface, PrivateDnsZone, PrivateEndpoint } from '../../model/azure/types.ts';
import type { ControlPlane, World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { clusterContext, type ClusterContext } from './context.ts';
import { buildIpamIndex, findSubnet, type IpamIndex } from './ipam.ts';
import { APISERVER_ENDPOINT_NAME, APISERVER_FRONTEND_NAME, APISERVER_LB_NAME, APISERVER_SUBNET_NAME, clusterTags } from './naming.ts';
import { clustersInOperation } from './operations.ts';
import { allocatePublicIp } from './public-ips.ts';

/** TTL of the A record AKS writes (assumption: not captured). */
const PRIVATE_RECORD_TTL = 300;

function allocate(world: World, ipam: IpamIndex, subnetId: string): string | undefined {
  const found = findSubnet(world, subnetId);
  return found ? ipam.allocator(subnetId, found.subnet.addressPrefix).next() : undefined;
}

function ensurePrivateEndpoint(world: World, ctx: ClusterContext, ipam: IpamIndex): string | null {
  const subnetId = ctx.pools[0]?.subnetId;
  if (!subnetId) return null;
  const seed = world.state.seed;
  const id = armId(ctx.subscriptionId, ctx.nodeResourceGroup, 'Microsoft.Network', 'privateEndpoints', APISERVER_ENDPOINT_NAME);
  const nicName = `${APISERVER_ENDPOINT_NAME}.nic.${guidOf(`${seed}/aks-pe-nic/${ctx.key}`)}`;
  const nicId = armId(ctx.subscriptionId, ctx.nodeResourceGroup, 'Microsoft.Network', 'networkInterfaces', nicName);
  const existingNic = world.resource<NetworkInterface>(nicId);
  const existing = world.resource<PrivateEndpoint>(id);
  const ip = existingNic?.ipConfigurations[0]?.privateIPAddress ?? existing?.privateIPAddress ?? allocate(world, ipam, subnetId);
  if (!ip) return null;
  const config = newNicIpConfig({
    nicId,
    resourceGroup: ctx.nodeResourceGroup,
    name: `privateEndpointIpConfig.${guidOf(`${seed}/aks-pe-ipconfig/${ctx.key}`)}`,
    primary: true,
    privateIp: ip,
    subnetId,
  });
  world.applyResource(
    newNetworkInterface({
      id: nicId,
      name: nicName,
      resourceGroup: ctx.nodeResourceGroup,
      location: ctx.location,
      ipConfigurations: [config],
      internalDomainNameSuffix: internalDomainNameSuffixFor(ctx.nodeVnetId),
    }),
  );
  world.applyResource(
    newPrivateEndpoint({
      subscriptionId: ctx.subscriptionId,
      resourceGroup: ctx.nodeResourceGroup,
      name: APISERVER_ENDPOINT_NAME,
      location: ctx.location,
      subnetId,
      nicId,
      privateIp: ip,
      targetId: ctx.cluster.id,
      groupIds: ['management'],
      connectionName: APISERVER_ENDPOINT_NAME,
    }),
  );
  return ip;
}

function apiServerSubnetId(ctx: ClusterContext): string {
  return ctx.cluster.apiServerAccessProfile?.subnetId || childId(ctx.managedVnetId, 'subnets', APISERVER_SUBNET_NAME);
}

function ensureApiServerLoadBalancer(world: World, ctx: ClusterContext, ipam: IpamIndex): string | null {
  const subnetId = apiServerSubnetId(ctx);
  const id = armId(ctx.subscriptionId, ctx.nodeResourceGroup, 'Microsoft.Network', 'loadBalancers', APISERVER_LB_NAME);
  const existing = world.resource<LoadBalancer>(id);
  const current = existing?.frontendIPConfigurations.find((f) => f.name === APISERVER_FRONTEND_NAME);
  const ip = current?.privateIPAddress ?? allocate(world, ipam, subnetId);
  if (!ip) return null;
  const lb = existing ?? newLoadBalancer({
    subscriptionId: ctx.subscriptionId,
    resourceGroup: ctx.nodeResourceGroup,
    name: APISERVER_LB_NAME,
    location: ctx.location,
    tags: clusterTags(ctx.cluster.name, ctx.cluster.resourceGroup),
  });
  const frontend = newFrontendIpConfig({ loadBalancerId: id, resourceGroup: ctx.nodeResourceGroup, name: APISERVER_FRONTEND_NAME, subnetId, privateIp: ip });
  const others = lb.frontendIPConfigurations.filter((f) => f.name !== APISERVER_FRONTEND_NAME);
  world.applyResource({ ...lb, frontendIPConfigurations: [frontend, ...others] });
  return ip;
}

function ensurePrivateRecord(world: World, ctx: ClusterContext, plane: ControlPlane, ip: string): void {
  const zoneId = plane.privateDnsZoneId;
  const fqdn = plane.privateFqdn;
  if (!zoneId || !fqdn) return;
  const zoneName = nameOf(zoneId);
  const systemZone = (resourceGroupOf(zoneId) ?? '').toLowerCase() === ctx.nodeResourceGroup.toLowerCase();
  let zone = world.resource<PrivateDnsZone>(zoneId);
  if (!zone) {
    // A deleted custom zone is the learner's to recreate; AKS only rebuilds its own.
    if (!systemZone) return;
    zone = newPrivateDnsZone({ subscriptionId: ctx.subscriptionId, resourceGroup: ctx.nodeResourceGroup, name: zoneName });
  }
  const zoneGroup = resourceGroupOf(zoneId) ?? ctx.nodeResourceGroup;
  const recordName = fqdn.slice(0, fqdn.length - zoneName.length - 1);
  const record = newARecordSet({ zoneId: zone.id, zoneName, resourceGroup: zoneGroup, name: recordName, ttl: PRIVATE_RECORD_TTL, ips: [ip] });
  const records = zone.aRecordSets.filter((r) => r.name.toLowerCase() !== recordName.toLowerCase());
  const linked = zone.virtualNetworkLinks.some((l) => l.virtualNetwork.id.toLowerCase() === ctx.nodeVnetId.toLowerCase());
  const links = linked
    ? zone.virtualNetworkLinks
    : [
        ...zone.virtualNetworkLinks,
        // Link name: assumption (AKS's own naming was not captured).
        newPrivateDnsZoneVnetLink({ zoneId: zone.id, resourceGroup: zoneGroup, name: guidOf(`${world.state.seed}/aks-zone-link/${ctx.key}`), vnetId: ctx.nodeVnetId }),
      ];
  world.applyResource(withZoneCounts({ ...zone, aRecordSets: [...records, record], virtualNetworkLinks: links }));
}

/** The control plane record for a cluster written straight into the store (scenarios). */
function ensureControlPlane(world: World, ctx: ClusterContext): ControlPlane {
  const existing = world.state.controlPlanes[ctx.key];
  if (existing) return existing;
  const access = ctx.cluster.apiServerAccessProfile;
  const privateCluster = access?.enablePrivateCluster === true;
  const publicIp = privateCluster ? null : allocatePublicIp(world, ctx.location, `hcp:${ctx.key}`);
  // The zone follows from the private FQDN: `<record>.<zone>`; AKS's own zone sits in the node RG.
  const zoneSetting = access?.privateDnsZone ?? null;
  const privateFqdn = ctx.cluster.privateFqdn;
  let privateDnsZoneId: string | null = null;
  if (privateCluster && privateFqdn && zoneSetting && zoneSetting.toLowerCase() !== 'none') {
    privateDnsZoneId =
      zoneSetting.toLowerCase() === 'system'
        ? armId(ctx.subscriptionId, ctx.nodeResourceGroup, 'Microsoft.Network', 'privateDnsZones', privateFqdn.slice(privateFqdn.indexOf('.') + 1))
        : zoneSetting;
  }
  const plane: ControlPlane = {
    publicIp,
    privateIp: null,
    tunnel: access?.enableVnetIntegration ? 'direct' : 'konnectivity',
    fqdn: ctx.cluster.fqdn,
    fqdnAddress: privateCluster ? null : ctx.cluster.fqdn ? publicIp : null,
    privateFqdn,
    privateDnsZoneId,
  };
  world.state.controlPlanes[ctx.key] = plane;
  world.touch();
  return plane;
}

function updatePlane(world: World, plane: ControlPlane, change: Partial<ControlPlane>): void {
  let changed = false;
  for (const [k, v] of Object.entries(change) as [keyof ControlPlane, ControlPlane[keyof ControlPlane]][]) {
    if (plane[k] !== v) {
      (plane as unknown as Record<string, unknown>)[k] = v;
      changed = true;
    }
  }
  if (changed) world.touch();
}

export const apiServerEndpointController: Controller = {
  name: 'aks-api-server-endpoint',
  reconcile(world: World): void {
    let ipam: IpamIndex | undefined;
    for (const cluster of clustersInOperation(world)) {
      const ctx = clusterContext(world, cluster);
      const plane = ensureControlPlane(world, ctx);
      const access = cluster.apiServerAccessProfile;
      const vnetIntegration = access?.enableVnetIntegration === true;
      const privateCluster = access?.enablePrivateCluster === true;
      if (!vnetIntegration && !privateCluster) continue;
      ipam ??= buildIpamIndex(world);
      const privateIp = vnetIntegration ? ensureApiServerLoadBalancer(world, ctx, ipam) : ensurePrivateEndpoint(world, ctx, ipam);
      if (privateIp && privateCluster) ensurePrivateRecord(world, ctx, plane, privateIp);
      updatePlane(world, plane, {
        privateIp,
        tunnel: vnetIntegration ? 'direct' : 'konnectivity',
        fqdnAddress: plane.fqdn ? (privateCluster ? privateIp : plane.publicIp) : null,
      });
    }
  },
};
