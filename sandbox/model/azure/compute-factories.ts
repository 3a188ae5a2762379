// Constructors for network interfaces and VM scale sets as `az network nic show` and
// `az vmss show` print them (trimmed to what the sandbox models).
import { hexOf } from '../../core/hash.ts';
import { childId } from './ids.ts';
import type { Tags } from './network-factories.ts';
import type { NetworkInterface, NicIpConfiguration, VirtualMachineScaleSet, VmssInstance } from './types.ts';

/** Azure's MAC prefix is 00-0D-3A; the rest is derived from the NIC id so it never changes. */
export function macAddressFor(nicId: string): string {
  const h = hexOf(`mac:${nicId.toLowerCase()}`, 6).toUpperCase();
  return `00-0D-3A-${h.slice(0, 2)}-${h.slice(2, 4)}-${h.slice(4, 6)}`;
}

/** The per-VNet DNS suffix Azure DNS gives VMs: `<random>.<region letters>.internal.cloudapp.net`. */
export function internalDomainNameSuffixFor(vnetId: string): string {
  return `${hexOf(`dns-suffix:${vnetId.toLowerCase()}`, 26).replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!)}.bx.internal.cloudapp.net`;
}

export function newNicIpConfig(args: {
  nicId: string;
  resourceGroup: string;
  name: string;
  primary: boolean;
  privateIp: string;
  subnetId: string;
  backendPoolIds?: string[];
}): NicIpConfiguration {
  const config: NicIpConfiguration = {
    id: childId(args.nicId, 'ipConfigurations', args.name),
    name: args.name,
    type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
    resourceGroup: args.resourceGroup,
    primary: args.primary,
    privateIPAddress: args.privateIp,
    privateIPAddressVersion: 'IPv4',
    privateIPAllocationMethod: 'Dynamic',
    subnet: { id: args.subnetId },
    publicIPAddress: null,
    provisioningState: 'Succeeded',
  };
  if (args.backendPoolIds && args.backendPoolIds.length > 0) {
    config.loadBalancerBackendAddressPools = args.backendPoolIds.map((id) => ({ id }));
  }
  return config;
}

export function newNetworkInterface(args: {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  ipConfigurations: NicIpConfiguration[];
  networkSecurityGroupId?: string | null;
  virtualMachineId?: string | null;
  enableIPForwarding?: boolean;
  enableAcceleratedNetworking?: boolean;
  internalDomainNameSuffix: string;
  tags?: Tags;
}): NetworkInterface {
  return {
    id: args.id,
    name: args.name,
    type: 'Microsoft.Network/networkInterfaces',
    location: args.location,
    resourceGroup: args.resourceGroup,
    tags: args.tags ?? null,
    provisioningState: 'Succeeded',
    ipConfigurations: args.ipConfigurations,
    networkSecurityGroup: args.networkSecurityGroupId ? { id: args.networkSecurityGroupId } : null,
    enableIPForwarding: args.enableIPForwarding ?? false,
    enableAcceleratedNetworking: args.enableAcceleratedNetworking ?? false,
    macAddress: macAddressFor(args.id),
    primary: true,
    virtualMachine: args.virtualMachineId ? { id: args.virtualMachineId } : null,
    dnsSettings: { dnsServers: [], appliedDnsServers: [], internalDomainNameSuffix: args.internalDomainNameSuffix },
  };
}

export function newVirtualMachineScaleSet(args: {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  vmSize: string;
  agentPool: string;
  instances: VmssInstance[];
  nextInstanceId: number;
  tags?: Tags;
}): VirtualMachineScaleSet {
  return {
    id: args.id,
    name: args.name,
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    location: args.location,
    resourceGroup: args.resourceGroup,
    tags: args.tags ?? null,
    provisioningState: 'Succeeded',
    sku: { name: args.vmSize, tier: 'Standard', capacity: args.instances.length },
    agentPool: args.agentPool,
    instances: args.instances,
    nextInstanceId: args.nextInstanceId,
  };
}
