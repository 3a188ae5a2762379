// The normalized inputs of `az aks create` / `az aks nodepool add`: what the CLI layer passes
// after parsing flags. An omitted flag stays undefined, because several az checks depend on
// whether the learner gave a flag at all (emulator-facts §2.3), and `resolveCreate` fills the
// defaults current AKS applies.
import type { NetworkPlugin, OutboundType } from '../../model/azure/types.ts';
import { DEFAULT_KUBERNETES_VERSION } from './versions.ts';

export type NetworkPolicy = 'azure' | 'calico' | 'cilium' | 'none';

export interface AksCreateRequest {
  resourceGroup: string;
  name: string;
  location?: string;
  /** `--node-count`, default 3. */
  nodeCount?: number;
  /** `--node-vm-size`, default Standard_DS2_v2. */
  nodeVmSize?: string;
  /** `--nodepool-name`, default nodepool1. */
  nodepoolName?: string;
  /** Omitted → Azure CNI Overlay (today's AKS default). */
  networkPlugin?: NetworkPlugin;
  networkPluginMode?: 'overlay';
  networkPolicy?: NetworkPolicy;
  networkDataplane?: 'azure' | 'cilium';
  podCidr?: string;
  serviceCidr?: string;
  dnsServiceIp?: string;
  maxPods?: number;
  vnetSubnetId?: string;
  outboundType?: OutboundType;
  loadBalancerSku?: 'standard' | 'basic';
  loadBalancerManagedOutboundIpCount?: number;
  /** `--load-balancer-outbound-ports`, 0 = automatic. */
  loadBalancerOutboundPorts?: number;
  /** `--load-balancer-idle-timeout` in minutes. */
  loadBalancerIdleTimeout?: number;
  natGatewayManagedOutboundIpCount?: number;
  natGatewayIdleTimeout?: number;
  apiServerAuthorizedIpRanges?: string[];
  enablePrivateCluster?: boolean;
  /** `system`, `none`, or a private DNS zone resource id. */
  privateDnsZone?: string;
  disablePublicFqdn?: boolean;
  fqdnSubdomain?: string;
  enableApiserverVnetIntegration?: boolean;
  apiserverSubnetId?: string;
  kubernetesVersion?: string;
  dnsNamePrefix?: string;
  nodeResourceGroup?: string;
  tags?: Record<string, string>;
}

export interface AddNodePoolRequest {
  name: string;
  /** default 3 */
  nodeCount?: number;
  nodeVmSize?: string;
  maxPods?: number;
  mode?: 'System' | 'User';
  vnetSubnetId?: string;
  kubernetesVersion?: string;
}

/** The effective networking model, which decides IPAM: where node and pod addresses come from. */
export type NetworkMode = 'kubenet' | 'azure' | 'overlay' | 'none';

export const DEFAULT_NODE_COUNT = 3;
export const DEFAULT_VM_SIZE = 'Standard_DS2_v2';
export const DEFAULT_NODEPOOL_NAME = 'nodepool1';
export const DEFAULT_POD_CIDR = '10.244.0.0/16';
export const DEFAULT_SERVICE_CIDR = '10.0.0.0/16';
export const DEFAULT_DNS_SERVICE_IP = '10.0.0.10';
export const DEFAULT_OUTBOUND_IDLE_TIMEOUT = 30;
export const DEFAULT_NAT_GATEWAY_IDLE_TIMEOUT = 4;

/** Default `--max-pods` per model (AKS-docs concepts-network-ip-address-planning.md). */
export function defaultMaxPods(mode: NetworkMode): number {
  switch (mode) {
    case 'azure':
      return 30;
    case 'kubenet':
      return 110;
    case 'overlay':
    case 'none':
      return 250;
  }
}

export function networkModeOf(plugin: NetworkPlugin, pluginMode: 'overlay' | null | undefined): NetworkMode {
  if (plugin === 'azure') return pluginMode === 'overlay' ? 'overlay' : 'azure';
  return plugin;
}

export interface ResolvedAksCreate {
  resourceGroup: string;
  name: string;
  location: string;
  nodeCount: number;
  nodeVmSize: string;
  nodepoolName: string;
  networkPlugin: NetworkPlugin;
  networkPluginMode: 'overlay' | null;
  mode: NetworkMode;
  networkPolicy: NetworkPolicy;
  networkDataplane: 'azure' | 'cilium';
  podCidr: string | null;
  serviceCidr: string;
  dnsServiceIp: string;
  maxPods: number;
  vnetSubnetId: string | null;
  outboundType: OutboundType;
  loadBalancerSku: 'standard' | 'basic';
  managedOutboundIpCount: number;
  allocatedOutboundPorts: number;
  outboundIdleTimeout: number;
  natGatewayManagedOutboundIpCount: number;
  natGatewayIdleTimeout: number;
  authorizedIpRanges: string[] | null;
  privateCluster: boolean;
  /** `system` | `none` | zone id; null for public clusters. */
  privateDnsZone: string | null;
  publicFqdn: boolean;
  fqdnSubdomain: string | null;
  vnetIntegration: boolean;
  apiserverSubnetId: string | null;
  kubernetesVersion: string;
  dnsNamePrefix: string | null;
  nodeResourceGroup: string | null;
  tags: Record<string, string> | null;
}

/** Fills in what AKS uses when a flag is omitted. Assumes the request passed validation. */
export function resolveCreate(request: AksCreateRequest, location: string): ResolvedAksCreate {
  // No --network-plugin: today's AKS builds Azure CNI Overlay (AKS-docs azure-cni-overlay.md).
  const networkPlugin: NetworkPlugin = request.networkPlugin ?? 'azure';
  const networkPluginMode = request.networkPlugin === undefined ? 'overlay' : (request.networkPluginMode ?? null);
  const mode = networkModeOf(networkPlugin, networkPluginMode);
  const usesPodCidr = mode === 'kubenet' || mode === 'overlay';
  const privateCluster = request.enablePrivateCluster === true;
  return {
    resourceGroup: request.resourceGroup,
    name: request.name,
    location,
    nodeCount: request.nodeCount ?? DEFAULT_NODE_COUNT,
    nodeVmSize: request.nodeVmSize ?? DEFAULT_VM_SIZE,
    nodepoolName: request.nodepoolName ?? DEFAULT_NODEPOOL_NAME,
    networkPlugin,
    networkPluginMode,
    mode,
    networkPolicy: request.networkPolicy ?? 'none',
    networkDataplane: request.networkDataplane ?? 'azure',
    podCidr: usesPodCidr ? (request.podCidr ?? DEFAULT_POD_CIDR) : (request.podCidr ?? null),
    serviceCidr: request.serviceCidr ?? DEFAULT_SERVICE_CIDR,
    dnsServiceIp: request.dnsServiceIp ?? DEFAULT_DNS_SERVICE_IP,
    maxPods: request.maxPods ?? defaultMaxPods(mode),
    vnetSubnetId: request.vnetSubnetId ?? null,
    outboundType: request.outboundType ?? 'loadBalancer',
    loadBalancerSku: request.loadBalancerSku ?? 'standard',
    managedOutboundIpCount: request.loadBalancerManagedOutboundIpCount ?? 1,
    allocatedOutboundPorts: request.loadBalancerOutboundPorts ?? 0,
    outboundIdleTimeout: request.loadBalancerIdleTimeout ?? DEFAULT_OUTBOUND_IDLE_TIMEOUT,
    natGatewayManagedOutboundIpCount: request.natGatewayManagedOutboundIpCount ?? 1,
    natGatewayIdleTimeout: request.natGatewayIdleTimeout ?? DEFAULT_NAT_GATEWAY_IDLE_TIMEOUT,
    authorizedIpRanges: request.apiServerAuthorizedIpRanges && request.apiServerAuthorizedIpRanges.length > 0 ? [...request.apiServerAuthorizedIpRanges] : null,
    privateCluster,
    privateDnsZone: privateCluster ? (request.privateDnsZone ?? 'system') : null,
    publicFqdn: !(privateCluster && request.disablePublicFqdn === true),
    fqdnSubdomain: request.fqdnSubdomain ?? null,
    vnetIntegration: request.enableApiserverVnetIntegration === true,
    apiserverSubnetId: request.apiserverSubnetId ?? null,
    kubernetesVersion: request.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    dnsNamePrefix: request.dnsNamePrefix ?? null,
    nodeResourceGroup: request.nodeResourceGroup ?? null,
    tags: request.tags ?? null,
  };
}
