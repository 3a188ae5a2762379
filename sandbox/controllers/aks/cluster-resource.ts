// The ManagedCluster resource as `az aks show -o json` prints it right after `az aks create`,
// and the Microsoft-side control plane record that goes with it.
import { armId, childId } from '../../model/azure/ids.ts';
import type {
  AgentPoolProfile,
  ApiServerAccessProfile,
  ManagedCluster,
  NetworkProfile,
} from '../../model/azure/types.ts';
import type { ControlPlane, World } from '../../model/world.ts';
import {
  defaultDnsPrefix,
  defaultNodeResourceGroup,
  fqdnHash,
  portalFqdn,
  privateRecordName,
  publicFqdn,
  systemPrivateDnsZoneName,
} from './naming.ts';
import { allocatePublicIp } from './public-ips.ts';
import type { ResolvedAksCreate } from './request.ts';
import { NODE_IMAGE_VERSION, currentVersionOf } from './versions.ts';

/** AKS reports its own ids with `resourcegroups` in lower case. */
export function managedClusterId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourcegroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`;
}

export function agentPoolProfile(args: {
  name: string;
  count: number;
  vmSize: string;
  maxPods: number;
  mode: 'System' | 'User';
  vnetSubnetId: string | null;
  kubernetesVersion: string;
}): AgentPoolProfile {
  return {
    name: args.name,
    count: args.count,
    vmSize: args.vmSize,
    maxPods: args.maxPods,
    mode: args.mode,
    osType: 'Linux',
    osSKU: 'Ubuntu',
    osDiskSizeGb: 128,
    type: 'VirtualMachineScaleSets',
    vnetSubnetId: args.vnetSubnetId,
    podSubnetId: null,
    orchestratorVersion: args.kubernetesVersion,
    currentOrchestratorVersion: currentVersionOf(args.kubernetesVersion),
    nodeImageVersion: NODE_IMAGE_VERSION,
    provisioningState: 'Succeeded',
    powerState: { code: 'Running' },
    nodeLabels: null,
    nodeTaints: null,
    enableAutoScaling: false,
    minCount: null,
    maxCount: null,
  };
}

function networkProfile(r: ResolvedAksCreate): NetworkProfile {
  return {
    networkPlugin: r.networkPlugin,
    networkPluginMode: r.networkPluginMode,
    // Recent API versions report an unset policy as "none" rather than null.
    networkPolicy: r.networkPolicy,
    networkDataplane: r.networkDataplane,
    networkMode: null,
    podCidr: r.podCidr,
    podCidrs: r.podCidr ? [r.podCidr] : null,
    serviceCidr: r.serviceCidr,
    serviceCidrs: [r.serviceCidr],
    dnsServiceIp: r.dnsServiceIp,
    outboundType: r.outboundType,
    loadBalancerSku: r.loadBalancerSku,
    // effectiveOutboundIPs are filled by the outbound controller once the IPs exist.
    loadBalancerProfile:
      r.outboundType === 'loadBalancer'
        ? {
            allocatedOutboundPorts: r.allocatedOutboundPorts,
            backendPoolType: 'nodeIPConfiguration',
            effectiveOutboundIPs: [],
            idleTimeoutInMinutes: r.outboundIdleTimeout,
            managedOutboundIPs: { count: r.managedOutboundIpCount, countIpv6: null },
            outboundIPs: null,
            outboundIpPrefixes: null,
            enableMultipleStandardLoadBalancers: null,
          }
        : null,
    natGatewayProfile:
      r.outboundType === 'managedNATGateway'
        ? { effectiveOutboundIPs: [], idleTimeoutInMinutes: r.natGatewayIdleTimeout, managedOutboundIPProfile: { count: r.natGatewayManagedOutboundIpCount } }
        : null,
    ipFamilies: ['IPv4'],
    kubeProxyConfig: null,
    advancedNetworking: null,
    staticEgressGatewayProfile: null,
  };
}

// null for a plain public cluster (seed 004 shows the all-null-but-ranges shape for
// authorized ranges, and the private cluster shape; a captured VNet-integration cluster shows
// enablePrivateCluster false and subnetId "" for an AKS-managed VNet).
function apiServerAccessProfile(r: ResolvedAksCreate): ApiServerAccessProfile | null {
  if (!r.privateCluster && !r.vnetIntegration && !r.authorizedIpRanges) return null;
  return {
    authorizedIpRanges: r.authorizedIpRanges,
    disableRunCommand: null,
    enablePrivateCluster: r.privateCluster ? true : r.vnetIntegration ? false : null,
    enablePrivateClusterPublicFqdn: r.privateCluster ? r.publicFqdn : null,
    enableVnetIntegration: r.vnetIntegration ? true : null,
    privateDnsZone: r.privateDnsZone,
    subnetId: r.vnetIntegration ? (r.apiserverSubnetId ?? '') : null,
  };
}

export interface ClusterRecords {
  cluster: ManagedCluster;
  controlPlane: ControlPlane;
}

export function buildClusterRecords(world: World, r: ResolvedAksCreate): ClusterRecords {
  const sub = world.state.subscription;
  const id = managedClusterId(sub.id, r.resourceGroup, r.name);
  const key = id.toLowerCase();
  const seed = world.state.seed;
  const dnsPrefix = r.fqdnSubdomain ? '' : (r.dnsNamePrefix ?? defaultDnsPrefix(r.name, r.resourceGroup, sub.id));
  const label = r.fqdnSubdomain ?? dnsPrefix;
  const hash = fqdnHash(seed, key);
  const nodeResourceGroup = r.nodeResourceGroup ?? defaultNodeResourceGroup(r.resourceGroup, r.name, r.location);
  const fqdn = r.publicFqdn ? publicFqdn(label, hash, r.location) : null;

  let privateFqdn: string | null = null;
  let privateDnsZoneId: string | null = null;
  if (r.privateCluster && r.privateDnsZone && r.privateDnsZone.toLowerCase() !== 'none') {
    const zoneName =
      r.privateDnsZone.toLowerCase() === 'system'
        ? systemPrivateDnsZoneName(seed, key, r.location)
        : r.privateDnsZone.slice(r.privateDnsZone.lastIndexOf('/') + 1);
    privateDnsZoneId =
      r.privateDnsZone.toLowerCase() === 'system'
        ? armId(sub.id, nodeResourceGroup, 'Microsoft.Network', 'privateDnsZones', zoneName)
        : r.privateDnsZone;
    privateFqdn = `${privateRecordName(label, hash)}.${zoneName}`;
  }

  const cluster: ManagedCluster = {
    id,
    name: r.name,
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: r.location,
    resourceGroup: r.resourceGroup,
    tags: r.tags,
    provisioningState: 'Succeeded',
    kubernetesVersion: r.kubernetesVersion,
    currentKubernetesVersion: currentVersionOf(r.kubernetesVersion),
    dnsPrefix,
    fqdn,
    fqdnSubdomain: r.fqdnSubdomain,
    privateFqdn,
    azurePortalFqdn: portalFqdn(label, hash, r.location, r.privateCluster, seed, key),
    nodeResourceGroup,
    agentPoolProfiles: [
      agentPoolProfile({
        name: r.nodepoolName,
        count: r.nodeCount,
        vmSize: r.nodeVmSize,
        maxPods: r.maxPods,
        mode: 'System',
        vnetSubnetId: r.vnetSubnetId,
        kubernetesVersion: r.kubernetesVersion,
      }),
    ],
    networkProfile: networkProfile(r),
    apiServerAccessProfile: apiServerAccessProfile(r),
    addonProfiles: null,
    powerState: { code: 'Running' },
    sku: { name: 'Base', tier: 'Free' },
    identity: { type: 'SystemAssigned', principalId: world.guid(`aks-identity:${key}`), tenantId: sub.tenantId },
    enableRbac: true,
    maxAgentPools: 100,
    supportPlan: 'KubernetesOfficial',
  };

  // A private cluster keeps no public endpoint; its public FQDN (when kept) points at the
  // private address, which the endpoint controller fills in.
  const publicIp = r.privateCluster ? null : allocatePublicIp(world, r.location, `hcp:${key}`);
  const controlPlane: ControlPlane = {
    publicIp,
    privateIp: null,
    tunnel: r.vnetIntegration ? 'direct' : 'konnectivity',
    fqdn,
    fqdnAddress: r.privateCluster ? null : fqdn ? publicIp : null,
    privateFqdn,
    privateDnsZoneId,
  };
  return { cluster, controlPlane };
}

/** Where an agent pool lives in ARM (`az aks nodepool show` ids). */
export function agentPoolId(clusterId: string, pool: string): string {
  return childId(clusterId, 'agentPools', pool);
}
