// The six default rules every NSG carries and nobody can delete (names, priorities and
// descriptions as `az network nsg show` prints them; learn.microsoft.com
// network-security-groups-overview#default-security-rules).
import type { SecurityRule } from '../model/azure/types.ts';

interface DefaultSpec {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  source: string;
  destination: string;
  description: string;
}

const SPECS: DefaultSpec[] = [
  { name: 'AllowVnetInBound', priority: 65000, direction: 'Inbound', access: 'Allow', source: 'VirtualNetwork', destination: 'VirtualNetwork', description: 'Allow inbound traffic from all VMs in VNET' },
  { name: 'AllowAzureLoadBalancerInBound', priority: 65001, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer', destination: '*', description: 'Allow inbound traffic from azure load balancer' },
  { name: 'DenyAllInBound', priority: 65500, direction: 'Inbound', access: 'Deny', source: '*', destination: '*', description: 'Deny all inbound traffic' },
  { name: 'AllowVnetOutBound', priority: 65000, direction: 'Outbound', access: 'Allow', source: 'VirtualNetwork', destination: 'VirtualNetwork', description: 'Allow outbound traffic from all VMs to all VMs in VNET' },
  { name: 'AllowInternetOutBound', priority: 65001, direction: 'Outbound', access: 'Allow', source: '*', destination: 'Internet', description: 'Allow outbound traffic from all VMs to Internet' },
  { name: 'DenyAllOutBound', priority: 65500, direction: 'Outbound', access: 'Deny', source: '*', destination: '*', description: 'Deny all outbound traffic' },
];

/** The default rules of the NSG with this id, in the order Azure lists them. */
export function defaultSecurityRules(nsgId: string, resourceGroup: string): SecurityRule[] {
  return SPECS.map((spec) => ({
    id: `${nsgId}/defaultSecurityRules/${spec.name}`,
    name: spec.name,
    type: 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules',
    resourceGroup,
    priority: spec.priority,
    direction: spec.direction,
    access: spec.access,
    protocol: '*',
    sourceAddressPrefix: spec.source,
    sourceAddressPrefixes: [],
    destinationAddressPrefix: spec.destination,
    destinationAddressPrefixes: [],
    sourcePortRange: '*',
    sourcePortRanges: [],
    destinationPortRange: '*',
    destinationPortRanges: [],
    description: spec.description,
    provisioningState: 'Succeeded',
  }));
}
