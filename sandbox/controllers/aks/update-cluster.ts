// `az aks update` on the model: change what the request names (API server access, the public
// FQDN of a private cluster, the managed outbound load balancer, the outbound type, tags), then
// run an AKS operation, which also re-applies everything else AKS owns (as an update without
// flags does: reconcileManagedCluster).
import { cliError, isAzureError, type AzureError } from '../../model/azure/errors.ts';
import type { ApiServerAccessProfile, ManagedCluster, OutboundType } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import { settle } from '../settle.ts';
import { aksControllers } from './controllers.ts';
import { findManagedCluster } from './create-cluster.ts';
import { fqdnHash, publicFqdn } from './naming.ts';
import { requestOperation } from './operations.ts';

export interface AksUpdateRequest {
  /** Replaces the list; an empty list turns authorized ranges off. */
  apiServerAuthorizedIpRanges?: string[];
  enablePublicFqdn?: boolean;
  disablePublicFqdn?: boolean;
  loadBalancerManagedOutboundIpCount?: number;
  loadBalancerOutboundPorts?: number;
  loadBalancerIdleTimeout?: number;
  outboundType?: OutboundType;
  disableRunCommand?: boolean;
  tags?: Record<string, string>;
}

const EMPTY_ACCESS: ApiServerAccessProfile = {
  authorizedIpRanges: null,
  disableRunCommand: null,
  enablePrivateCluster: null,
  enablePrivateClusterPublicFqdn: null,
  enableVnetIntegration: null,
  privateDnsZone: null,
  subnetId: null,
};

function validate(cluster: ManagedCluster, r: AksUpdateRequest): AzureError | undefined {
  const access = cluster.apiServerAccessProfile;
  const privateCluster = access?.enablePrivateCluster === true;
  if (r.enablePublicFqdn && r.disablePublicFqdn) {
    return cliError('MutuallyExclusiveArgumentError', "Cannot specify '--enable-public-fqdn' and '--disable-public-fqdn' at the same time");
  }
  if ((r.enablePublicFqdn || r.disablePublicFqdn) && !privateCluster) {
    const flag = r.enablePublicFqdn ? '--enable-public-fqdn' : '--disable-public-fqdn';
    return cliError('InvalidArgumentValueError', `${flag} can only be used for private cluster`);
  }
  if (r.disablePublicFqdn && access?.privateDnsZone?.toLowerCase() === 'none') {
    return cliError('InvalidArgumentValueError', '--disable-public-fqdn cannot be applied for none mode private dns zone cluster');
  }
  if (r.apiServerAuthorizedIpRanges && r.apiServerAuthorizedIpRanges.length > 0 && privateCluster && !access?.enableVnetIntegration) {
    return cliError('MutuallyExclusiveArgumentError', '--api-server-authorized-ip-ranges is not supported for private cluster');
  }
  const lbChange = r.loadBalancerManagedOutboundIpCount !== undefined || r.loadBalancerOutboundPorts !== undefined || r.loadBalancerIdleTimeout !== undefined;
  const outbound = r.outboundType ?? cluster.networkProfile.outboundType;
  if (lbChange && outbound !== 'loadBalancer') {
    // Assumption: wording of the refusal to tune a load balancer the cluster does not use for egress.
    return cliError('InvalidArgumentValueError', `Cannot update load balancer profile when outbound type is ${outbound}`);
  }
  if (r.loadBalancerOutboundPorts !== undefined && (r.loadBalancerOutboundPorts < 0 || r.loadBalancerOutboundPorts > 64000 || r.loadBalancerOutboundPorts % 8 !== 0)) {
    // Assumption: wording; the range and the multiple of 8 are from AKS-docs configure-load-balancer-standard.md.
    return cliError('InvalidArgumentValueError', '--load-balancer-outbound-ports must be in the range [0, 64000] and a multiple of 8');
  }
  if (r.loadBalancerIdleTimeout !== undefined && (r.loadBalancerIdleTimeout < 4 || r.loadBalancerIdleTimeout > 100)) {
    return cliError('InvalidArgumentValueError', '--load-balancer-idle-timeout must be in the range [4, 100]');
  }
  if (r.loadBalancerManagedOutboundIpCount !== undefined && (r.loadBalancerManagedOutboundIpCount < 1 || r.loadBalancerManagedOutboundIpCount > 100)) {
    return cliError('InvalidArgumentValueError', '--load-balancer-managed-outbound-ip-count must be in the range [1, 100]');
  }
  return undefined;
}

function applyAccess(world: World, cluster: ManagedCluster, r: AksUpdateRequest): ManagedCluster {
  let access = cluster.apiServerAccessProfile;
  let fqdn = cluster.fqdn;
  if (r.apiServerAuthorizedIpRanges !== undefined) {
    access = { ...(access ?? EMPTY_ACCESS), authorizedIpRanges: r.apiServerAuthorizedIpRanges.length > 0 ? [...r.apiServerAuthorizedIpRanges] : null };
  }
  if (r.disableRunCommand !== undefined) access = { ...(access ?? EMPTY_ACCESS), disableRunCommand: r.disableRunCommand };
  if (r.enablePublicFqdn || r.disablePublicFqdn) {
    access = { ...(access ?? EMPTY_ACCESS), enablePrivateClusterPublicFqdn: r.enablePublicFqdn === true };
    const label = cluster.fqdnSubdomain ?? cluster.dnsPrefix;
    fqdn = r.enablePublicFqdn ? publicFqdn(label, fqdnHash(world.state.seed, cluster.id.toLowerCase()), cluster.location) : null;
    const plane = world.state.controlPlanes[cluster.id.toLowerCase()];
    if (plane) {
      plane.fqdn = fqdn;
      plane.fqdnAddress = fqdn ? plane.privateIp : null;
    }
  }
  if (access && Object.values(access).every((v) => v === null)) access = null;
  return { ...cluster, apiServerAccessProfile: access, fqdn };
}

function applyOutbound(cluster: ManagedCluster, r: AksUpdateRequest): ManagedCluster {
  const network = { ...cluster.networkProfile };
  if (r.outboundType !== undefined) network.outboundType = r.outboundType;
  if (network.outboundType === 'loadBalancer') {
    const profile = network.loadBalancerProfile ?? {
      allocatedOutboundPorts: 0,
      backendPoolType: 'nodeIPConfiguration' as const,
      effectiveOutboundIPs: [],
      idleTimeoutInMinutes: 30,
      managedOutboundIPs: { count: 1, countIpv6: null },
      outboundIPs: null,
      outboundIpPrefixes: null,
      enableMultipleStandardLoadBalancers: null,
    };
    network.loadBalancerProfile = {
      ...profile,
      ...(r.loadBalancerManagedOutboundIpCount !== undefined ? { managedOutboundIPs: { count: r.loadBalancerManagedOutboundIpCount, countIpv6: null }, outboundIPs: null, outboundIpPrefixes: null } : {}),
      ...(r.loadBalancerOutboundPorts !== undefined ? { allocatedOutboundPorts: r.loadBalancerOutboundPorts } : {}),
      ...(r.loadBalancerIdleTimeout !== undefined ? { idleTimeoutInMinutes: r.loadBalancerIdleTimeout } : {}),
    };
  } else if (r.outboundType !== undefined) {
    network.loadBalancerProfile = null;
  }
  return { ...cluster, networkProfile: network };
}

export function updateManagedCluster(world: World, clusterId: string, request: AksUpdateRequest): ManagedCluster | AzureError {
  const cluster = findManagedCluster(world, clusterId);
  if (isAzureError(cluster)) return cluster;
  const problem = validate(cluster, request);
  if (problem) return problem;
  let next = applyAccess(world, cluster, request);
  next = applyOutbound(next, request);
  if (request.tags !== undefined) next = { ...next, tags: request.tags };
  world.putResource(next);
  requestOperation(world, cluster.id);
  settle(world, aksControllers());
  return world.resource<ManagedCluster>(cluster.id)!;
}
