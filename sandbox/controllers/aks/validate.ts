// `az aks create` refusals, in the order a learner meets them: az's own argument checks first
// (azure-cli acs managed_cluster_decorator.py), then what the AKS resource provider rejects.
// Messages are the real texts where a source was found; the few marked "assumption" were not.
import { cidrsOverlap, inCidr, isCidr, parseCidr } from '../../core/ip.ts';
import {
  cliError,
  dnsServiceIpOutOfServiceCidr,
  invalidPrivateDnsZoneId,
  networkProfileCidrOverlapsVnet,
  reservedRangeUsed,
  resourceGroupNotFound,
  resourceNotFound,
  serviceCidrOverlapsSubnet,
  type AzureError,
} from '../../model/azure/errors.ts';
import { nameOf, parseArmId, resourceGroupOf } from '../../model/azure/ids.ts';
import type { PrivateDnsZone, VirtualNetwork } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import { checkPodCidrCapacity, checkSubnetCapacity } from './capacity.ts';
import { managedClusterId } from './cluster-resource.ts';
import { isSubnetId } from './context.ts';
import { buildIpamIndex, findSubnet } from './ipam.ts';
import { MANAGED_SUBNET_NAME, MANAGED_SUBNET_PREFIX, MANAGED_VNET_PREFIX } from './naming.ts';
import { resolveCreate, type AksCreateRequest, type ResolvedAksCreate } from './request.ts';

/** Ranges AKS will not use for service, pod or cluster VNet addresses (AKS-docs configure-kubenet.md). */
export const AKS_RESERVED_RANGES = ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'];

const MAX_PODS_LIMIT = 250;

function validateCliArguments(request: AksCreateRequest): AzureError | undefined {
  if (request.networkPlugin === undefined) {
    if (request.podCidr || request.serviceCidr || request.dnsServiceIp || request.networkPolicy) {
      return cliError('RequiredArgumentMissingError', 'Please explicitly specify the network plugin type');
    }
  } else if (request.networkPlugin === 'azure' && request.podCidr && request.networkPluginMode !== 'overlay') {
    return cliError(
      'InvalidArgumentValueError',
      'Please specify network plugin mode `overlay` when using pod_cidr or use network plugin `kubenet`. ' +
        'For more information about Azure CNI Overlay please see https://aka.ms/aksoverlay',
    );
  }
  for (const [flag, value] of [['--pod-cidr', request.podCidr], ['--service-cidr', request.serviceCidr]] as const) {
    // Assumption: az's wording for a malformed CIDR was not found.
    if (value !== undefined && !isCidr(value)) return cliError('InvalidArgumentValueError', `${flag} "${value}" is not a valid CIDR`);
  }

  const outbound = request.outboundType ?? 'loadBalancer';
  if (outbound === 'userDefinedRouting' || outbound === 'managedNATGateway' || outbound === 'userAssignedNATGateway') {
    if (request.loadBalancerSku === 'basic') return cliError('InvalidArgumentValueError', `${outbound} doesn't support basic load balancer sku`);
  }
  if ((outbound === 'userDefinedRouting' || outbound === 'userAssignedNATGateway') && !request.vnetSubnetId) {
    return cliError(
      'RequiredArgumentMissingError',
      '--vnet-subnet-id must be specified for userDefinedRouting and it must be pre-configured with a route table with egress rules',
    );
  }
  if (outbound === 'userDefinedRouting' && request.loadBalancerManagedOutboundIpCount !== undefined) {
    return cliError('MutuallyExclusiveArgumentError', "userDefinedRouting doesn't support customizing a standard load balancer with IP addresses");
  }

  const privateCluster = request.enablePrivateCluster === true;
  if (privateCluster) {
    if (request.apiServerAuthorizedIpRanges && request.apiServerAuthorizedIpRanges.length > 0) {
      return cliError('MutuallyExclusiveArgumentError', '--api-server-authorized-ip-ranges is not supported for private cluster');
    }
    if (request.loadBalancerSku === 'basic') return cliError('InvalidArgumentValueError', 'Please use standard load balancer for private cluster');
  } else {
    if (request.disablePublicFqdn) return cliError('InvalidArgumentValueError', '--disable-public-fqdn should only be used with --enable-private-cluster');
    if (request.privateDnsZone) {
      return cliError('InvalidArgumentValueError', 'Invalid private dns zone for public cluster. It should always be empty for public cluster');
    }
  }
  const zone = request.privateDnsZone?.toLowerCase();
  const customZone = !!zone && zone !== 'system' && zone !== 'none';
  if (customZone && !parseArmId(request.privateDnsZone!)?.namespace) {
    return cliError('InvalidArgumentValueError', `${request.privateDnsZone} is not a valid Azure resource ID.`);
  }
  if (request.fqdnSubdomain) {
    if (!customZone) {
      return cliError('InvalidArgumentValueError', '--fqdn-subdomain should only be used for private cluster with custom private dns zone');
    }
    if (request.dnsNamePrefix) return cliError('MutuallyExclusiveArgumentError', '--dns-name-prefix and --fqdn-subdomain cannot be used at same time');
  }
  if (zone === 'none' && request.disablePublicFqdn) {
    // az checks this on update; on create the service refuses the same combination (assumption: same text).
    return cliError('InvalidArgumentValueError', '--disable-public-fqdn cannot be applied for none mode private dns zone cluster');
  }
  if (request.maxPods !== undefined) {
    const nodes = request.nodeCount ?? 3;
    // azure-cli _validators.validate_max_pods: kube-proxy and system pods need room on every node.
    const minimum = Math.ceil((nodes * 2 + 6 + 1) / nodes);
    if (request.maxPods !== 0 && request.maxPods < minimum) {
      return cliError('InvalidArgumentValueError', `--max-pods must be at least ${minimum} for a managed Kubernetes cluster to function.`);
    }
  }
  return undefined;
}

function reservedOverlap(cidr: string, target: string): AzureError | undefined {
  const parsed = parseCidr(cidr);
  for (const reserved of AKS_RESERVED_RANGES) {
    if (cidrsOverlap(parsed, parseCidr(reserved))) return reservedRangeUsed(cidr, reserved, target);
  }
  return undefined;
}

function validateByoSubnet(world: World, subnetId: string): AzureError | undefined {
  const parts = parseArmId(subnetId);
  if (!isSubnetId(subnetId) || !parts) return cliError('InvalidArgumentValueError', `${subnetId} is not a valid Azure resource ID.`);
  const vnetId = subnetId.slice(0, subnetId.toLowerCase().lastIndexOf('/subnets/'));
  const vnet = world.resource<VirtualNetwork>(vnetId);
  if (!vnet) return resourceNotFound('Microsoft.Network/virtualNetworks', parts.names[0]!, parts.resourceGroup);
  if (!findSubnet(world, subnetId)) {
    // Assumption: the provider surfaces ARM's not-found for the child resource.
    return resourceNotFound('Microsoft.Network/virtualNetworks/subnets', `${parts.names[0]}/${parts.names[1]}`, parts.resourceGroup);
  }
  return undefined;
}

function validateNetworkRanges(world: World, r: ResolvedAksCreate): AzureError | undefined {
  const service = parseCidr(r.serviceCidr);
  const checks: [string, string][] = [[r.serviceCidr, 'networkProfile.serviceCIDR']];
  if (r.podCidr && (r.mode === 'kubenet' || r.mode === 'overlay')) checks.push([r.podCidr, 'networkProfile.podCIDR']);
  for (const [cidr, target] of checks) {
    const error = reservedOverlap(cidr, target);
    if (error) return error;
  }
  if (!inCidr(r.serviceCidr, r.dnsServiceIp)) return dnsServiceIpOutOfServiceCidr(r.dnsServiceIp, r.serviceCidr);

  const vnet = r.vnetSubnetId ? world.resource<VirtualNetwork>(r.vnetSubnetId.slice(0, r.vnetSubnetId.toLowerCase().lastIndexOf('/subnets/'))) : undefined;
  if (vnet) {
    for (const prefix of vnet.addressSpace.addressPrefixes) {
      const error = reservedOverlap(prefix, 'virtualNetwork.addressSpace');
      if (error) return error;
    }
    for (const subnet of vnet.subnets) {
      if (isCidr(subnet.addressPrefix) && cidrsOverlap(service, parseCidr(subnet.addressPrefix))) {
        return serviceCidrOverlapsSubnet(r.serviceCidr, subnet.addressPrefix);
      }
    }
  } else if (cidrsOverlap(service, parseCidr(MANAGED_VNET_PREFIX))) {
    // Assumption: AKS reports its own VNet range the way it reports a pod CIDR clash.
    return networkProfileCidrOverlapsVnet(r.serviceCidr, MANAGED_VNET_PREFIX, 'networkProfile.serviceCIDR');
  }
  if (r.podCidr && (r.mode === 'kubenet' || r.mode === 'overlay')) {
    const pod = parseCidr(r.podCidr);
    const spaces = vnet ? vnet.addressSpace.addressPrefixes : [MANAGED_VNET_PREFIX];
    for (const space of spaces) {
      if (isCidr(space) && cidrsOverlap(pod, parseCidr(space))) return networkProfileCidrOverlapsVnet(r.podCidr, space, 'networkProfile.podCIDR');
    }
  }
  return undefined;
}

function validatePrivateDnsZone(world: World, r: ResolvedAksCreate): AzureError | undefined {
  const zoneId = r.privateDnsZone;
  if (!r.privateCluster || !zoneId || ['system', 'none'].includes(zoneId.toLowerCase())) return undefined;
  const zoneName = nameOf(zoneId).toLowerCase();
  const region = r.location.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const allowed = new RegExp(`^([a-z0-9-]{1,32}\\.)?(private|privatelink)\\.${region}\\.azmk8s\\.io$`);
  if (!allowed.test(zoneName)) return invalidPrivateDnsZoneId(zoneId);
  if (!world.resource<PrivateDnsZone>(zoneId)) {
    // Assumption: the provider passes on ARM's not-found for the zone.
    return resourceNotFound('Microsoft.Network/privateDnsZones', nameOf(zoneId), resourceGroupOf(zoneId) ?? '');
  }
  return undefined;
}

function validateApiServerSubnet(world: World, r: ResolvedAksCreate): AzureError | undefined {
  if (!r.vnetIntegration) return undefined;
  if (!r.apiserverSubnetId) {
    if (r.vnetSubnetId) {
      // Assumption: wording of the "BYO VNet needs --apiserver-subnet-id" refusal.
      return cliError('RequiredArgumentMissingError', '--apiserver-subnet-id must be specified when using --vnet-subnet-id with --enable-apiserver-vnet-integration');
    }
    return undefined;
  }
  const error = validateByoSubnet(world, r.apiserverSubnetId);
  if (error) return error;
  const { subnet } = findSubnet(world, r.apiserverSubnetId)!;
  if (parseCidr(subnet.addressPrefix).prefix > 28) {
    // Assumption: wording; the /28 minimum is from AKS-docs api-server-vnet-integration.md.
    return cliError('InvalidArgumentValueError', `The API server subnet ${subnet.name} (${subnet.addressPrefix}) must be at least /28.`);
  }
  return undefined;
}

function validateCapacity(world: World, r: ResolvedAksCreate): AzureError | undefined {
  if (r.mode === 'kubenet' || r.mode === 'overlay') {
    const error = checkPodCidrCapacity(r.podCidr!, r.nodeCount);
    if (error) return error;
  }
  const index = buildIpamIndex(world);
  // A private cluster's endpoint takes one address of the node subnet before any node.
  const reserved = r.privateCluster && !r.vnetIntegration ? 1 : 0;
  if (r.vnetSubnetId) {
    const { subnet } = findSubnet(world, r.vnetSubnetId)!;
    return checkSubnetCapacity(
      world,
      { subnetId: r.vnetSubnetId, subnetName: subnet.name, addressPrefix: subnet.addressPrefix, mode: r.mode, maxPods: r.maxPods, newNodes: r.nodeCount, reserved },
      index,
    );
  }
  return checkSubnetCapacity(
    world,
    { subnetId: `(managed)/${MANAGED_SUBNET_NAME}`, subnetName: MANAGED_SUBNET_NAME, addressPrefix: MANAGED_SUBNET_PREFIX, mode: r.mode, maxPods: r.maxPods, newNodes: r.nodeCount, reserved },
    index,
  );
}

/** Why `az aks create` with this request would fail, or undefined when AKS would build it. */
export function validateAksCreate(world: World, request: AksCreateRequest): AzureError | undefined {
  // azure-cli aks_create looks the cluster up before anything else.
  if (world.resource(managedClusterId(world.state.subscription.id, request.resourceGroup, request.name))) {
    return cliError(
      'ClientRequestError',
      `The cluster '${request.name}' under resource group '${request.resourceGroup}' already exists. ` +
        "Please use command 'az aks update' to update the existing cluster, or select a different cluster name to create a new cluster.",
    );
  }
  const group = world.resourceGroup(request.resourceGroup);
  if (!group) return resourceGroupNotFound(request.resourceGroup);
  const cliProblem = validateCliArguments(request);
  if (cliProblem) return cliProblem;
  const r = resolveCreate(request, request.location ?? group.location);
  if (r.maxPods > MAX_PODS_LIMIT) {
    // Assumption: wording; the 250 ceiling is from AKS-docs.
    return cliError('InvalidArgumentValueError', `--max-pods must be at most ${MAX_PODS_LIMIT}.`);
  }
  if (r.vnetSubnetId) {
    const error = validateByoSubnet(world, r.vnetSubnetId);
    if (error) return error;
  }
  return validateNetworkRanges(world, r) ?? validatePrivateDnsZone(world, r) ?? validateApiServerSubnet(world, r) ?? validateCapacity(world, r);
}
