// Constructors for Azure Load Balancer parts (the resource, frontends, backend pools, outbound
// rules) in the shape `az network lb show` prints them.
import { armId, childId } from './ids.ts';
import { resourceGuidOf, type Tags } from './network-factories.ts';
import type { BackendAddressPool, FrontendIPConfiguration, LoadBalancer, OutboundRule } from './types.ts';

export function newLoadBalancer(args: {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags?: Tags;
}): LoadBalancer {
  const id = armId(args.subscriptionId, args.resourceGroup, 'Microsoft.Network', 'loadBalancers', args.name);
  return {
    id,
    name: args.name,
    type: 'Microsoft.Network/loadBalancers',
    location: args.location,
    resourceGroup: args.resourceGroup,
    tags: args.tags ?? null,
    provisioningState: 'Succeeded',
    sku: { name: 'Standard', tier: 'Regional' },
    frontendIPConfigurations: [],
    backendAddressPools: [],
    loadBalancingRules: [],
    probes: [],
    outboundRules: [],
    inboundNatRules: [],
    inboundNatPools: [],
    resourceGuid: resourceGuidOf(id),
  };
}

/** A public frontend (publicIpId) or an internal one (subnetId + privateIp). */
export function newFrontendIpConfig(args: {
  loadBalancerId: string;
  resourceGroup: string;
  name: string;
  publicIpId?: string;
  subnetId?: string;
  privateIp?: string;
  outboundRuleIds?: string[];
  loadBalancingRuleIds?: string[];
}): FrontendIPConfiguration {
  const frontend: FrontendIPConfiguration = {
    id: childId(args.loadBalancerId, 'frontendIPConfigurations', args.name),
    name: args.name,
    type: 'Microsoft.Network/loadBalancers/frontendIPConfigurations',
    resourceGroup: args.resourceGroup,
    provisioningState: 'Succeeded',
  };
  if (args.publicIpId) {
    frontend.publicIPAddress = { id: args.publicIpId };
    frontend.privateIPAllocationMethod = 'Dynamic';
  } else {
    frontend.privateIPAddress = args.privateIp ?? null;
    frontend.privateIPAllocationMethod = 'Dynamic';
    frontend.subnet = args.subnetId ? { id: args.subnetId } : null;
  }
  if (args.loadBalancingRuleIds && args.loadBalancingRuleIds.length > 0) {
    frontend.loadBalancingRules = args.loadBalancingRuleIds.map((id) => ({ id }));
  }
  if (args.outboundRuleIds && args.outboundRuleIds.length > 0) frontend.outboundRules = args.outboundRuleIds.map((id) => ({ id }));
  return frontend;
}

export function newBackendPool(args: {
  loadBalancerId: string;
  resourceGroup: string;
  name: string;
  memberIpConfigIds?: string[];
  outboundRuleIds?: string[];
  loadBalancingRuleIds?: string[];
}): BackendAddressPool {
  const pool: BackendAddressPool = {
    id: childId(args.loadBalancerId, 'backendAddressPools', args.name),
    name: args.name,
    type: 'Microsoft.Network/loadBalancers/backendAddressPools',
    resourceGroup: args.resourceGroup,
    backendIPConfigurations: (args.memberIpConfigIds ?? []).map((id) => ({ id })),
    provisioningState: 'Succeeded',
  };
  if (args.loadBalancingRuleIds && args.loadBalancingRuleIds.length > 0) {
    pool.loadBalancingRules = args.loadBalancingRuleIds.map((id) => ({ id }));
  }
  if (args.outboundRuleIds && args.outboundRuleIds.length > 0) pool.outboundRules = args.outboundRuleIds.map((id) => ({ id }));
  return pool;
}

export function newOutboundRule(args: {
  loadBalancerId: string;
  resourceGroup: string;
  name: string;
  frontendIds: string[];
  backendPoolId: string;
  allocatedOutboundPorts: number;
  idleTimeoutInMinutes: number;
  protocol?: 'All' | 'Tcp' | 'Udp';
  enableTcpReset?: boolean;
}): OutboundRule {
  return {
    id: childId(args.loadBalancerId, 'outboundRules', args.name),
    name: args.name,
    type: 'Microsoft.Network/loadBalancers/outboundRules',
    resourceGroup: args.resourceGroup,
    frontendIPConfigurations: args.frontendIds.map((id) => ({ id })),
    backendAddressPool: { id: args.backendPoolId },
    protocol: args.protocol ?? 'All',
    allocatedOutboundPorts: args.allocatedOutboundPorts,
    idleTimeoutInMinutes: args.idleTimeoutInMinutes,
    enableTcpReset: args.enableTcpReset ?? true,
    provisioningState: 'Succeeded',
  };
}
