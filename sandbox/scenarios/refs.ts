// Turns a scenario's resource references into ARM ids (see the Ref grammar in types.ts).
import { clusterContext } from '../controllers/aks/context.ts';
import { SandboxError } from '../core/errors.ts';
import { armId, childId } from '../model/azure/ids.ts';
import type { ManagedCluster } from '../model/azure/types.ts';
import type { World } from '../model/world.ts';
import type { Ref } from './types.ts';

export type RefType =
  | 'nsg'
  | 'route-table'
  | 'subnet'
  | 'vnet'
  | 'lb'
  | 'public-ip'
  | 'nat-gateway'
  | 'private-dns-zone'
  | 'cluster';

const ARM_TYPES: Record<Exclude<RefType, 'subnet' | 'cluster'>, [string, string]> = {
  nsg: ['Microsoft.Network', 'networkSecurityGroups'],
  'route-table': ['Microsoft.Network', 'routeTables'],
  vnet: ['Microsoft.Network', 'virtualNetworks'],
  lb: ['Microsoft.Network', 'loadBalancers'],
  'public-ip': ['Microsoft.Network', 'publicIPAddresses'],
  'nat-gateway': ['Microsoft.Network', 'natGateways'],
  'private-dns-zone': ['Microsoft.Network', 'privateDnsZones'],
};

/** Cluster parts a `cluster:` reference may name, and the ref type each one is. */
const CLUSTER_PARTS: Record<string, RefType> = {
  nsg: 'nsg',
  'route-table': 'route-table',
  subnet: 'subnet',
  vnet: 'vnet',
  lb: 'lb',
  'outbound-ip': 'public-ip',
  'private-dns-zone': 'private-dns-zone',
};

export function scenarioError(message: string): SandboxError {
  return new SandboxError('ScenarioError', message);
}

/** A cluster by name (`aks1`) or by group and name (`rg-lab/aks1`), or by id. */
export function findCluster(world: World, ref: Ref): ManagedCluster {
  const clusters = world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters');
  const text = ref.startsWith('cluster:') ? ref.slice('cluster:'.length) : ref;
  const [group, name] = text.includes('/') && !text.startsWith('/') ? text.split('/', 2) : [undefined, text];
  const found = clusters.filter((c) =>
    text.startsWith('/')
      ? c.id.toLowerCase() === text.toLowerCase()
      : c.name.toLowerCase() === name!.toLowerCase() && (group === undefined || c.resourceGroup.toLowerCase() === group.toLowerCase()),
  );
  if (found.length !== 1) throw scenarioError(`cluster reference "${ref}" matches ${found.length} clusters`);
  return found[0]!;
}

function clusterPart(world: World, cluster: ManagedCluster, part: RefType): string {
  const ctx = clusterContext(world, cluster);
  switch (part) {
    case 'nsg':
      return ctx.nsgId;
    case 'route-table':
      if (!ctx.routeTableId) throw scenarioError(`cluster ${cluster.name} has no route table (not kubenet)`);
      return ctx.routeTableId;
    case 'subnet':
      return ctx.pools[0]?.subnetId ?? ctx.managedSubnetId;
    case 'vnet':
      return ctx.nodeVnetId;
    case 'lb':
      return ctx.loadBalancerId;
    case 'public-ip': {
      const ip = cluster.networkProfile.loadBalancerProfile?.effectiveOutboundIPs[0]?.id;
      if (!ip) throw scenarioError(`cluster ${cluster.name} has no managed outbound IP`);
      return ip;
    }
    case 'private-dns-zone': {
      const zone = world.state.controlPlanes[cluster.id.toLowerCase()]?.privateDnsZoneId;
      if (!zone) throw scenarioError(`cluster ${cluster.name} has no private DNS zone`);
      return zone;
    }
    case 'cluster':
      return cluster.id;
    default:
      throw scenarioError(`a cluster has no ${part}`);
  }
}

/** The ARM id a reference names, for a field that expects `type`. */
export function resolveRef(world: World, ref: Ref, type: RefType): string {
  if (ref.startsWith('/subscriptions/')) return ref;
  const sub = world.state.subscription.id;
  if (ref.startsWith('cluster:')) {
    const rest = ref.slice('cluster:'.length);
    const colon = rest.indexOf(':');
    const clusterRef = colon < 0 ? rest : rest.slice(0, colon);
    const partName = colon < 0 ? undefined : rest.slice(colon + 1);
    const part = partName === undefined ? type : CLUSTER_PARTS[partName];
    if (!part) throw scenarioError(`unknown cluster part "${partName}" in "${ref}"`);
    return clusterPart(world, findCluster(world, clusterRef), part);
  }
  const parts = ref.split('/');
  if (type === 'cluster') return findCluster(world, ref).id;
  if (type === 'subnet') {
    if (parts.length !== 3) throw scenarioError(`subnet reference "${ref}" is not <group>/<vnet>/<subnet>`);
    return childId(armId(sub, parts[0]!, 'Microsoft.Network', 'virtualNetworks', parts[1]!), 'subnets', parts[2]!);
  }
  if (parts.length !== 2) throw scenarioError(`reference "${ref}" is not <group>/<name>`);
  const [namespace, armType] = ARM_TYPES[type];
  return armId(sub, parts[0]!, namespace, armType, parts[1]!);
}

/** Like resolveRef, for a field that takes any resource: `resourceType` names the type of a `<group>/<name>` ref. */
export function resolveAnyRef(world: World, ref: Ref, resourceType: string | undefined): string {
  if (ref.startsWith('/subscriptions/')) return ref;
  if (ref.startsWith('cluster:')) {
    if (!ref.slice('cluster:'.length).includes(':')) throw scenarioError(`"${ref}" must name a cluster part (e.g. cluster:aks1:outbound-ip)`);
    return resolveRef(world, ref, 'cluster');
  }
  if (!resourceType) throw scenarioError(`reference "${ref}" needs a resourceType`);
  const [group, name] = ref.split('/');
  const slash = resourceType.indexOf('/');
  return armId(world.state.subscription.id, group!, resourceType.slice(0, slash), resourceType.slice(slash + 1), name!);
}
