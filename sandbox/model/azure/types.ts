// Azure resources, stored in the shape `az ... show -o json` prints them (the SDK's flattened,
// camelCased properties), so printers can emit them as they are and `--query` sees real paths.

export interface Ref {
  id: string;
}

export interface ArmResource {
  id: string;
  name: string;
  type: string;
  location: string;
  resourceGroup: string;
  tags: Record<string, string> | null;
  provisioningState: string;
  etag?: string;
}

export interface ResourceGroup {
  id: string;
  name: string;
  location: string;
  managedBy: string | null;
  properties: { provisioningState: string };
  tags: Record<string, string> | null;
  type: 'Microsoft.Resources/resourceGroups';
}

export type NsgProtocol = 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | '*';

export interface SecurityRule {
  id: string;
  name: string;
  type: 'Microsoft.Network/networkSecurityGroups/securityRules' | 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules';
  resourceGroup: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: NsgProtocol;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes: string[];
  destinationAddressPrefix?: string;
  destinationAddressPrefixes: string[];
  sourcePortRange?: string;
  sourcePortRanges: string[];
  destinationPortRange?: string;
  destinationPortRanges: string[];
  description?: string;
  provisioningState: string;
}

export interface NetworkSecurityGroup extends ArmResource {
  type: 'Microsoft.Network/networkSecurityGroups';
  securityRules: SecurityRule[];
  defaultSecurityRules: SecurityRule[];
  subnets?: Ref[];
  networkInterfaces?: Ref[];
}

export type NextHopType = 'VirtualAppliance' | 'Internet' | 'None' | 'VnetLocal' | 'VirtualNetworkGateway';

export interface Route {
  id: string;
  name: string;
  type: 'Microsoft.Network/routeTables/routes';
  resourceGroup: string;
  addressPrefix: string;
  nextHopType: NextHopType;
  nextHopIpAddress?: string;
  provisioningState: string;
}

export interface RouteTable extends ArmResource {
  type: 'Microsoft.Network/routeTables';
  routes: Route[];
  disableBgpRoutePropagation: boolean;
  subnets?: Ref[];
}

export interface Delegation {
  id: string;
  name: string;
  serviceName: string;
  actions: string[];
  type: 'Microsoft.Network/virtualNetworks/subnets/delegations';
}

export interface Subnet {
  id: string;
  name: string;
  type: 'Microsoft.Network/virtualNetworks/subnets';
  resourceGroup: string;
  addressPrefix: string;
  networkSecurityGroup?: Ref | null;
  routeTable?: Ref | null;
  natGateway?: Ref | null;
  delegations: Delegation[];
  privateEndpointNetworkPolicies: string;
  privateLinkServiceNetworkPolicies: string;
  ipConfigurations?: Ref[];
  provisioningState: string;
}

export interface VnetPeering {
  id: string;
  name: string;
  type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings';
  resourceGroup: string;
  remoteVirtualNetwork: Ref;
  remoteAddressSpace: { addressPrefixes: string[] };
  allowVirtualNetworkAccess: boolean;
  allowForwardedTraffic: boolean;
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
  peeringState: 'Initiated' | 'Connected' | 'Disconnected';
  provisioningState: string;
}

export interface VirtualNetwork extends ArmResource {
  type: 'Microsoft.Network/virtualNetworks';
  addressSpace: { addressPrefixes: string[] };
  dhcpOptions: { dnsServers: string[] };
  subnets: Subnet[];
  virtualNetworkPeerings: VnetPeering[];
  enableDdosProtection: boolean;
  resourceGuid: string;
}

export interface PublicIPAddress extends ArmResource {
  type: 'Microsoft.Network/publicIPAddresses';
  ipAddress: string;
  publicIPAddressVersion: 'IPv4' | 'IPv6';
  publicIPAllocationMethod: 'Static' | 'Dynamic';
  idleTimeoutInMinutes: number;
  sku: { name: 'Standard' | 'Basic'; tier: 'Regional' | 'Global' };
  ipConfiguration?: Ref | null;
  natGateway?: Ref | null;
  dnsSettings?: { domainNameLabel: string; fqdn: string } | null;
  ipTags: unknown[];
  resourceGuid: string;
  zones?: string[];
}

export interface FrontendIPConfiguration {
  id: string;
  name: string;
  type: 'Microsoft.Network/loadBalancers/frontendIPConfigurations';
  resourceGroup: string;
  publicIPAddress?: Ref | null;
  privateIPAddress?: string | null;
  privateIPAllocationMethod?: 'Static' | 'Dynamic';
  subnet?: Ref | null;
  loadBalancingRules?: Ref[];
  outboundRules?: Ref[];
  provisioningState: string;
}

export interface BackendAddressPool {
  id: string;
  name: string;
  type: 'Microsoft.Network/loadBalancers/backendAddressPools';
  resourceGroup: string;
  /** NIC ip configurations in the pool (backendPoolType nodeIPConfiguration, the AKS default). */
  backendIPConfigurations: Ref[];
  loadBalancingRules?: Ref[];
  outboundRules?: Ref[];
  provisioningState: string;
}

export interface Probe {
  id: string;
  name: string;
  type: 'Microsoft.Network/loadBalancers/probes';
  resourceGroup: string;
  protocol: 'Tcp' | 'Http' | 'Https';
  port: number;
  requestPath?: string;
  intervalInSeconds: number;
  numberOfProbes: number;
  probeThreshold?: number;
  loadBalancingRules?: Ref[];
  provisioningState: string;
}

export interface LoadBalancingRule {
  id: string;
  name: string;
  type: 'Microsoft.Network/loadBalancers/loadBalancingRules';
  resourceGroup: string;
  frontendIPConfiguration: Ref;
  backendAddressPool: Ref;
  backendAddressPools: Ref[];
  probe?: Ref | null;
  protocol: 'Tcp' | 'Udp' | 'All';
  frontendPort: number;
  backendPort: number;
  enableFloatingIP: boolean;
  enableTcpReset: boolean;
  idleTimeoutInMinutes: number;
  loadDistribution: 'Default' | 'SourceIP' | 'SourceIPProtocol';
  disableOutboundSnat: boolean;
  provisioningState: string;
}

export interface OutboundRule {
  id: string;
  name: string;
  type: 'Microsoft.Network/loadBalancers/outboundRules';
  resourceGroup: string;
  frontendIPConfigurations: Ref[];
  backendAddressPool: Ref;
  protocol: 'All' | 'Tcp' | 'Udp';
  allocatedOutboundPorts: number;
  idleTimeoutInMinutes: number;
  enableTcpReset: boolean;
  provisioningState: string;
}

export interface LoadBalancer extends ArmResource {
  type: 'Microsoft.Network/loadBalancers';
  sku: { name: 'Standard' | 'Basic'; tier: 'Regional' };
  frontendIPConfigurations: FrontendIPConfiguration[];
  backendAddressPools: BackendAddressPool[];
  loadBalancingRules: LoadBalancingRule[];
  probes: Probe[];
  outboundRules: OutboundRule[];
  inboundNatRules: unknown[];
  inboundNatPools: unknown[];
  resourceGuid: string;
}

export interface NatGateway extends ArmResource {
  type: 'Microsoft.Network/natGateways';
  idleTimeoutInMinutes: number;
  publicIpAddresses: Ref[];
  publicIpPrefixes: Ref[];
  subnets?: Ref[];
  sku: { name: 'Standard' };
  resourceGuid: string;
}

export interface FirewallNetworkRule {
  name: string;
  protocols: ('TCP' | 'UDP' | 'ICMP' | 'Any')[];
  sourceAddresses: string[];
  destinationAddresses: string[];
  destinationFqdns: string[];
  destinationPorts: string[];
}

export interface FirewallApplicationRule {
  name: string;
  sourceAddresses: string[];
  targetFqdns: string[];
  fqdnTags: string[];
  protocols: { protocolType: 'Http' | 'Https'; port: number }[];
}

export interface FirewallRuleCollection<R> {
  id: string;
  name: string;
  priority: number;
  action: { type: 'Allow' | 'Deny' };
  rules: R[];
  provisioningState: string;
}

export interface AzureFirewall extends ArmResource {
  type: 'Microsoft.Network/azureFirewalls';
  ipConfigurations: {
    id: string;
    name: string;
    privateIPAddress: string;
    publicIPAddress: Ref;
    subnet: Ref;
  }[];
  networkRuleCollections: FirewallRuleCollection<FirewallNetworkRule>[];
  applicationRuleCollections: FirewallRuleCollection<FirewallApplicationRule>[];
  natRuleCollections: unknown[];
  sku: { name: 'AZFW_VNet'; tier: 'Standard' | 'Premium' | 'Basic' };
  threatIntelMode: 'Alert' | 'Deny' | 'Off';
}

export interface NicIpConfiguration {
  id: string;
  name: string;
  type: 'Microsoft.Network/networkInterfaces/ipConfigurations';
  resourceGroup: string;
  primary: boolean;
  privateIPAddress: string;
  privateIPAddressVersion: 'IPv4';
  privateIPAllocationMethod: 'Dynamic' | 'Static';
  subnet: Ref;
  publicIPAddress?: Ref | null;
  loadBalancerBackendAddressPools?: Ref[];
  provisioningState: string;
}

export interface NetworkInterface extends ArmResource {
  type: 'Microsoft.Network/networkInterfaces';
  ipConfigurations: NicIpConfiguration[];
  networkSecurityGroup?: Ref | null;
  enableIPForwarding: boolean;
  enableAcceleratedNetworking: boolean;
  macAddress: string;
  primary: boolean;
  virtualMachine?: Ref | null;
  dnsSettings: { dnsServers: string[]; appliedDnsServers: string[]; internalDomainNameSuffix: string };
}

export interface PrivateEndpoint extends ArmResource {
  type: 'Microsoft.Network/privateEndpoints';
  subnet: Ref;
  networkInterfaces: Ref[];
  privateLinkServiceConnections: {
    id: string;
    name: string;
    privateLinkServiceId: string;
    groupIds: string[];
    privateLinkServiceConnectionState: { status: string; description: string; actionsRequired: string };
  }[];
  customDnsConfigs: { fqdn: string; ipAddresses: string[] }[];
  /** The private IP the endpoint answers on (also on its NIC). */
  privateIPAddress: string;
}

export interface DnsARecordSet {
  id: string;
  name: string;
  type: 'Microsoft.Network/privateDnsZones/A';
  resourceGroup: string;
  fqdn: string;
  ttl: number;
  aRecords: { ipv4Address: string }[];
  isAutoRegistered: boolean;
}

export interface PrivateDnsZoneVnetLink {
  id: string;
  name: string;
  type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks';
  resourceGroup: string;
  location: 'global';
  virtualNetwork: Ref;
  registrationEnabled: boolean;
  virtualNetworkLinkState: 'Completed' | 'InProgress';
  provisioningState: string;
  tags: Record<string, string> | null;
}

export interface PrivateDnsZone extends ArmResource {
  type: 'Microsoft.Network/privateDnsZones';
  location: 'global';
  numberOfRecordSets: number;
  numberOfVirtualNetworkLinks: number;
  aRecordSets: DnsARecordSet[];
  virtualNetworkLinks: PrivateDnsZoneVnetLink[];
}

export interface VmssInstance {
  /** Instance id as a string ("0", "1", ...); the node name ends with its base-36 form. */
  instanceId: string;
  name: string;
  computerName: string;
  /** The primary NIC's resource id. */
  networkInterface: string;
}

export interface VirtualMachineScaleSet extends ArmResource {
  type: 'Microsoft.Compute/virtualMachineScaleSets';
  sku: { name: string; tier: 'Standard'; capacity: number };
  /** The agent pool this scale set backs. */
  agentPool: string;
  instances: VmssInstance[];
  nextInstanceId: number;
}

export type AzureResource =
  | NetworkSecurityGroup
  | RouteTable
  | VirtualNetwork
  | PublicIPAddress
  | LoadBalancer
  | NatGateway
  | AzureFirewall
  | NetworkInterface
  | PrivateEndpoint
  | PrivateDnsZone
  | VirtualMachineScaleSet
  | ManagedCluster;

// ---- AKS ----

export type NetworkPlugin = 'azure' | 'kubenet' | 'none';
export type OutboundType = 'loadBalancer' | 'userDefinedRouting' | 'managedNATGateway' | 'userAssignedNATGateway' | 'none';

export interface AgentPoolProfile {
  name: string;
  count: number;
  vmSize: string;
  maxPods: number;
  mode: 'System' | 'User';
  osType: 'Linux';
  osSKU: string;
  osDiskSizeGb: number;
  type: 'VirtualMachineScaleSets';
  vnetSubnetId: string | null;
  podSubnetId: string | null;
  orchestratorVersion: string;
  currentOrchestratorVersion: string;
  nodeImageVersion: string;
  provisioningState: string;
  powerState: { code: 'Running' | 'Stopped' };
  nodeLabels: Record<string, string> | null;
  nodeTaints: string[] | null;
  enableAutoScaling: boolean;
  minCount: number | null;
  maxCount: number | null;
}

export interface LoadBalancerProfile {
  allocatedOutboundPorts: number;
  backendPoolType: 'nodeIPConfiguration' | 'nodeIP';
  effectiveOutboundIPs: { id: string; resourceGroup: string }[];
  idleTimeoutInMinutes: number;
  managedOutboundIPs: { count: number; countIpv6: number | null } | null;
  outboundIPs: { publicIPs: Ref[] } | null;
  outboundIpPrefixes: { publicIPPrefixes: Ref[] } | null;
  enableMultipleStandardLoadBalancers: boolean | null;
}

export interface NetworkProfile {
  networkPlugin: NetworkPlugin;
  networkPluginMode: 'overlay' | null;
  networkPolicy: 'azure' | 'calico' | 'cilium' | 'none' | null;
  networkDataplane: 'azure' | 'cilium';
  networkMode: string | null;
  podCidr: string | null;
  podCidrs: string[] | null;
  serviceCidr: string;
  serviceCidrs: string[];
  dnsServiceIp: string;
  outboundType: OutboundType;
  loadBalancerSku: 'standard' | 'basic';
  loadBalancerProfile: LoadBalancerProfile | null;
  natGatewayProfile: unknown | null;
  ipFamilies: string[];
  kubeProxyConfig: unknown | null;
  advancedNetworking: unknown | null;
  staticEgressGatewayProfile: unknown | null;
}

export interface ApiServerAccessProfile {
  authorizedIpRanges: string[] | null;
  disableRunCommand: boolean | null;
  enablePrivateCluster: boolean | null;
  enablePrivateClusterPublicFqdn: boolean | null;
  enableVnetIntegration: boolean | null;
  privateDnsZone: string | null;
  subnetId: string | null;
}

export interface ManagedCluster extends ArmResource {
  type: 'Microsoft.ContainerService/ManagedClusters';
  kubernetesVersion: string;
  currentKubernetesVersion: string;
  dnsPrefix: string;
  fqdn: string | null;
  fqdnSubdomain: string | null;
  privateFqdn: string | null;
  azurePortalFqdn: string | null;
  nodeResourceGroup: string;
  agentPoolProfiles: AgentPoolProfile[];
  networkProfile: NetworkProfile;
  apiServerAccessProfile: ApiServerAccessProfile | null;
  addonProfiles: Record<string, { enabled: boolean; config: Record<string, string> | null }> | null;
  powerState: { code: 'Running' | 'Stopped' };
  sku: { name: 'Base'; tier: 'Free' | 'Standard' | 'Premium' };
  identity: { type: 'SystemAssigned' | 'UserAssigned'; principalId: string; tenantId: string } | null;
  enableRbac: boolean;
  maxAgentPools: number;
  supportPlan: string;
}
