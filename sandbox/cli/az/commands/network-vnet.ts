// az network vnet create|show|list|update|delete, vnet subnet create|show|list|update|delete and
// vnet peering create|list|show|delete.
import { cidrsOverlap, intToIp, isCidr, parseCidr } from '../../../core/ip.ts';
import { azureError, inUseSubnetCannotBeDeleted, type AzureError } from '../../../model/azure/errors.ts';
import { newSubnet, newVirtualNetwork } from '../../../model/azure/factories.ts';
import { childId, nameOf, resourceGroupOf } from '../../../model/azure/ids.ts';
import type { Subnet, VirtualNetwork, VnetPeering } from '../../../model/azure/types.ts';
import type { World } from '../../../model/world.ts';
import type { ArgSpec, AzInvocation, CommandSpec } from '../spec.ts';
import { LOCATION, list, parseTags, RESOURCE_GROUP, RESOURCE_GROUP_ID, str, subscriptionId, TAGS } from './common.ts';
import { childNotFound, deleteCommand, getNetwork, getSubnet, idName, listCommand, locationOf, namesOf, networkId, refId, showCommand } from './network-common.ts';

const VNET = { group: 'network vnet', type: 'virtualNetworks', noun: 'virtual network' };

function vnetTable(result: unknown): unknown {
  return (result as VirtualNetwork[]).map((r) => ({
    Name: r.name,
    ResourceGroup: r.resourceGroup,
    Location: r.location,
    NumSubnets: r.subnets.length,
    Prefixes: r.addressSpace.addressPrefixes.join(', ') || ' ',
    DnsServers: (r.dhcpOptions?.dnsServers ?? []).join(', ') || ' ',
    DDOSProtection: r.enableDdosProtection,
  }));
}

/** The address checks the network resource provider makes when a subnet is written. */
export function checkSubnetPrefix(vnet: VirtualNetwork, name: string, prefix: string): AzureError | undefined {
  if (!isCidr(prefix)) {
    return azureError('arm', 'InvalidAddressPrefixFormat', `Address prefix ${prefix} of resource ${vnet.id}/subnets/${name} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.`);
  }
  const range = parseCidr(prefix);
  const inside = vnet.addressSpace.addressPrefixes.some((space) => {
    const s = parseCidr(space);
    return s.prefix <= range.prefix && cidrsOverlap(s, range);
  });
  if (!inside) {
    return azureError('arm', 'NetcfgSubnetRangeOutsideVnet', `Subnet '${name}' is not valid because its IP address range is outside the IP address range of virtual network '${vnet.name}'.`);
  }
  const clash = vnet.subnets.find((s) => s.name !== name && isCidr(s.addressPrefix) && cidrsOverlap(parseCidr(s.addressPrefix), range));
  if (clash) {
    return azureError('arm', 'NetcfgSubnetRangesOverlap', `Subnet '${name}' is not valid because its IP address range overlaps with that of an existing subnet in virtual network '${vnet.name}'.`);
  }
  return undefined;
}

function firstUse(subnet: Subnet): string | undefined {
  return subnet.ipConfigurations?.[0]?.id;
}

const SUBNET_REFS: ArgSpec[] = [
  { dest: 'network_security_group', options: ['--network-security-group', '--nsg'], help: 'Name or ID of a network security group (NSG).', complete: namesOf('Microsoft.Network/networkSecurityGroups') },
  { dest: 'route_table', options: ['--route-table'], help: 'Name or ID of a route table to associate with the subnet.', complete: namesOf('Microsoft.Network/routeTables') },
  { dest: 'nat_gateway', options: ['--nat-gateway'], help: 'Name or ID of a NAT gateway to attach.', complete: namesOf('Microsoft.Network/natGateways') },
  { dest: 'delegations', options: ['--delegations'], kind: 'list', help: 'Space-separated list of services to whom the subnet should be delegated, e.g., Microsoft.Sql/servers.' },
];

/** Applies --network-security-group/--route-table/--nat-gateway/--delegations ("" detaches). */
function applySubnetRefs(inv: AzInvocation, rg: string, subnet: Subnet): Subnet | AzureError {
  const next: Subnet = { ...subnet };
  const refs: [string, string, 'networkSecurityGroup' | 'routeTable' | 'natGateway'][] = [
    ['network_security_group', 'networkSecurityGroups', 'networkSecurityGroup'],
    ['route_table', 'routeTables', 'routeTable'],
    ['nat_gateway', 'natGateways', 'natGateway'],
  ];
  for (const [dest, type, field] of refs) {
    const value = str(inv, dest);
    if (value === undefined) continue;
    if (value === '') {
      next[field] = null;
      continue;
    }
    const id = refId(inv.world, rg, type, value)!;
    if (!inv.world.resource(id)) return getNetwork(inv.world, resourceGroupOf(id) ?? rg, type, nameOf(id)) as AzureError;
    next[field] = { id };
  }
  const delegations = list(inv, 'delegations');
  if (delegations) {
    next.delegations = newSubnet({ vnetId: subnet.id.slice(0, subnet.id.lastIndexOf('/subnets/')), resourceGroup: rg, name: subnet.name, addressPrefix: subnet.addressPrefix, delegations: delegations.map((serviceName, i) => ({ name: String(i), serviceName })) }).delegations;
  }
  for (const field of list(inv, 'remove') ?? []) {
    if (field === 'networkSecurityGroup' || field === 'routeTable' || field === 'natGateway') next[field] = null;
    else if (field === 'delegations') next.delegations = [];
  }
  return next;
}

function writeSubnet(inv: AzInvocation, vnet: VirtualNetwork, subnet: Subnet): { result: unknown } {
  const subnets = vnet.subnets.some((s) => s.name === subnet.name) ? vnet.subnets.map((s) => (s.name === subnet.name ? subnet : s)) : [...vnet.subnets, subnet];
  inv.world.putResource({ ...vnet, subnets });
  inv.sim.settle();
  const now = inv.world.resource<VirtualNetwork>(vnet.id)!;
  return { result: now.subnets.find((s) => s.name === subnet.name) };
}

const VNET_NAME: ArgSpec = { dest: 'vnet_name', options: ['--vnet-name'], required: true, help: 'The virtual network (VNet) name.', complete: namesOf('Microsoft.Network/virtualNetworks') };
const VNET_NAME_ID: ArgSpec = { ...VNET_NAME, idPart: true, group: 'Resource Id' };

function peeringState(world: World, vnet: VirtualNetwork, remoteId: string): 'Initiated' | 'Connected' {
  const remote = world.resource<VirtualNetwork>(remoteId);
  const back = remote?.virtualNetworkPeerings.some((p) => p.remoteVirtualNetwork.id.toLowerCase() === vnet.id.toLowerCase());
  return back ? 'Connected' : 'Initiated';
}

export const vnetCommands: CommandSpec[] = [
  {
    name: 'network vnet create',
    summary: 'Create a virtual network.',
    long: 'You may also create a subnet at the same time by specifying a subnet name and (optionally) an address prefix.',
    args: [
      RESOURCE_GROUP,
      { dest: 'name', options: ['--name', '-n'], required: true, help: 'The virtual network (VNet) name.' },
      LOCATION,
      { dest: 'address_prefixes', options: ['--address-prefixes'], kind: 'list', help: 'Space-separated list of IP address prefixes for the VNet.', default: undefined },
      { dest: 'subnet_name', options: ['--subnet-name'], help: 'Name of a new subnet to create within the VNet.', group: 'Subnet' },
      { dest: 'subnet_prefixes', options: ['--subnet-prefixes'], kind: 'list', help: 'Space-separated list of address prefixes in CIDR format for the new subnet. If omitted, automatically reserves a /24 (or as large as available) block within the VNet address space.', group: 'Subnet' },
      { dest: 'dns_servers', options: ['--dns-servers'], kind: 'list', help: 'Space-separated list of DNS server IP addresses.' },
      TAGS,
    ],
    examples: [
      { name: 'Create a virtual network.', text: 'az network vnet create -g MyResourceGroup -n MyVnet' },
      { name: 'Create a virtual network with a specific address prefix and one subnet.', text: 'az network vnet create -g MyResourceGroup -n MyVnet --address-prefix 10.0.0.0/16 --subnet-name MySubnet --subnet-prefixes 10.0.0.0/24' },
    ],
    run(inv) {
      const rg = str(inv, 'resource_group_name')!;
      const location = locationOf(inv);
      if (typeof location !== 'string') return location;
      const prefixes = list(inv, 'address_prefixes') ?? ['10.0.0.0/16'];
      const vnet = newVirtualNetwork({ subscriptionId: subscriptionId(inv), resourceGroup: rg, name: str(inv, 'name')!, location, addressPrefixes: prefixes, dnsServers: list(inv, 'dns_servers') ?? [], tags: parseTags(inv.args.tags) ?? {} });
      const bad = prefixes.find((p) => !isCidr(p));
      if (bad) return azureError('arm', 'InvalidAddressPrefixFormat', `Address prefix ${bad} of resource ${vnet.id} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.`);
      const subnetName = str(inv, 'subnet_name');
      if (subnetName) {
        const first = parseCidr(prefixes[0]!);
        const prefix = list(inv, 'subnet_prefixes')?.[0] ?? `${intToIp(first.base)}/${Math.max(first.prefix, 24)}`;
        const problem = checkSubnetPrefix(vnet, subnetName, prefix);
        if (problem) return problem;
        vnet.subnets = [newSubnet({ vnetId: vnet.id, resourceGroup: rg, name: subnetName, addressPrefix: prefix })];
      }
      inv.world.putResource(vnet);
      inv.sim.settle();
      return { result: { newVNet: inv.world.resource(vnet.id) } };
    },
  },
  showCommand(VNET, { table: (r) => vnetTable([r]) }),
  listCommand(VNET, { table: vnetTable }),
  {
    name: 'network vnet update',
    summary: 'Update a virtual network.',
    args: [
      RESOURCE_GROUP_ID,
      idName('The virtual network (VNet) name.', 'Microsoft.Network/virtualNetworks'),
      { dest: 'address_prefixes', options: ['--address-prefixes'], kind: 'list', help: 'Space-separated list of IP address prefixes for the VNet.' },
      { dest: 'dns_servers', options: ['--dns-servers'], kind: 'list*', help: 'Space-separated list of DNS server IP addresses. Use "" to revert to default Azure servers.' },
      TAGS,
    ],
    ids: true,
    examples: [{ name: 'Update a virtual network to use custom DNS servers.', text: 'az network vnet update -g MyResourceGroup -n MyVNet --dns-servers 10.2.0.8' }],
    run(inv) {
      const vnet = getNetwork<VirtualNetwork>(inv.world, str(inv, 'resource_group_name')!, 'virtualNetworks', str(inv, 'name')!);
      if ('kind' in vnet) return vnet;
      const next: VirtualNetwork = { ...vnet };
      const prefixes = list(inv, 'address_prefixes');
      if (prefixes) next.addressSpace = { addressPrefixes: prefixes };
      const dns = list(inv, 'dns_servers');
      if (dns) next.dhcpOptions = { dnsServers: dns.filter((d) => d !== '') };
      const tags = parseTags(inv.args.tags);
      if (tags) next.tags = tags;
      inv.world.putResource(next);
      inv.sim.settle();
      return { result: inv.world.resource(vnet.id) };
    },
  },
  deleteCommand(VNET, (resource) => {
    const vnet = resource as VirtualNetwork;
    const used = vnet.subnets.find((s) => firstUse(s));
    return used ? inUseSubnetCannotBeDeleted(used.name, firstUse(used)!) : undefined;
  }),

  {
    name: 'network vnet subnet create',
    summary: 'Create a subnet and associate an existing NSG and route table.',
    args: [
      RESOURCE_GROUP,
      VNET_NAME,
      { dest: 'name', options: ['--name', '-n'], required: true, help: 'The subnet name.' },
      { dest: 'address_prefixes', options: ['--address-prefixes', '--address-prefix'], kind: 'list', required: true, help: 'Space-separated list of address prefixes in CIDR format.' },
      ...SUBNET_REFS,
    ],
    examples: [
      { name: 'Create new subnet attached to an NSG with a custom route table.', text: 'az network vnet subnet create -g MyResourceGroup --vnet-name MyVnet -n MySubnet --address-prefixes 10.0.0.0/24 --network-security-group MyNsg --route-table MyRouteTable' },
      { name: 'Create new subnet attached to a NAT gateway.', text: 'az network vnet subnet create -n MySubnet --vnet-name MyVnet -g MyResourceGroup --nat-gateway MyNatGateway --address-prefixes "10.0.0.0/21"' },
    ],
    run(inv) {
      const rg = str(inv, 'resource_group_name')!;
      const vnet = getNetwork<VirtualNetwork>(inv.world, rg, 'virtualNetworks', str(inv, 'vnet_name')!);
      if ('kind' in vnet) return vnet;
      const name = str(inv, 'name')!;
      const prefix = list(inv, 'address_prefixes')![0]!;
      const problem = checkSubnetPrefix(vnet, name, prefix);
      if (problem) return problem;
      const subnet = applySubnetRefs(inv, rg, newSubnet({ vnetId: vnet.id, resourceGroup: rg, name, addressPrefix: prefix }));
      if ('kind' in subnet) return subnet;
      return writeSubnet(inv, vnet, subnet);
    },
  },
  {
    name: 'network vnet subnet show',
    summary: 'Show details of a subnet.',
    args: [RESOURCE_GROUP_ID, VNET_NAME_ID, idName('The subnet name.')],
    ids: true,
    examples: [{ name: 'Show the details of a subnet associated with a virtual network.', text: 'az network vnet subnet show -g MyResourceGroup -n MySubnet --vnet-name MyVNet' }],
    run(inv) {
      const found = getSubnet(inv.world, str(inv, 'resource_group_name')!, str(inv, 'vnet_name')!, str(inv, 'name')!);
      return 'kind' in found ? found : { result: found.subnet };
    },
  },
  {
    name: 'network vnet subnet list',
    summary: 'List the subnets in a virtual network.',
    args: [RESOURCE_GROUP, VNET_NAME],
    examples: [{ name: 'List the subnets in a virtual network.', text: 'az network vnet subnet list -g MyResourceGroup --vnet-name MyVNet' }],
    run(inv) {
      const vnet = getNetwork<VirtualNetwork>(inv.world, str(inv, 'resource_group_name')!, 'virtualNetworks', str(inv, 'vnet_name')!);
      return 'kind' in vnet ? vnet : { result: vnet.subnets };
    },
  },
  {
    name: 'network vnet subnet update',
    summary: 'Update a subnet.',
    args: [
      RESOURCE_GROUP_ID,
      VNET_NAME_ID,
      idName('The subnet name.'),
      { dest: 'address_prefixes', options: ['--address-prefixes', '--address-prefix'], kind: 'list', help: 'Space-separated list of address prefixes in CIDR format.' },
      ...SUBNET_REFS,
      { dest: 'remove', options: ['--remove'], kind: 'list', help: 'Remove a property or an element from a list.  Example: --remove property.list <indexToRemove> OR --remove propertyToRemove.', group: 'Generic Update' },
    ],
    ids: true,
    examples: [
      { name: 'Associate a network security group to a subnet.', text: 'az network vnet subnet update -g MyResourceGroup -n MySubnet --vnet-name MyVNet --network-security-group MyNsg' },
      { name: 'Update subnet with NAT gateway.', text: 'az network vnet subnet update -n MySubnet --vnet-name MyVnet -g MyResourceGroup --nat-gateway MyNatGateway' },
    ],
    run(inv) {
      const rg = str(inv, 'resource_group_name')!;
      const found = getSubnet(inv.world, rg, str(inv, 'vnet_name')!, str(inv, 'name')!);
      if ('kind' in found) return found;
      let subnet = found.subnet;
      const prefix = list(inv, 'address_prefixes')?.[0];
      if (prefix) {
        const problem = checkSubnetPrefix(found.vnet, subnet.name, prefix);
        if (problem) return problem;
        subnet = { ...subnet, addressPrefix: prefix };
      }
      const next = applySubnetRefs(inv, rg, subnet);
      if ('kind' in next) return next;
      return writeSubnet(inv, found.vnet, next);
    },
  },
  {
    name: 'network vnet subnet delete',
    summary: 'Delete a subnet.',
    args: [RESOURCE_GROUP_ID, VNET_NAME_ID, idName('The subnet name.')],
    ids: true,
    examples: [{ name: 'Delete a subnet.', text: 'az network vnet subnet delete -g MyResourceGroup -n MySubnet --vnet-name MyVNet' }],
    run(inv) {
      const found = getSubnet(inv.world, str(inv, 'resource_group_name')!, str(inv, 'vnet_name')!, str(inv, 'name')!);
      if ('kind' in found) return found.code === 'ResourceNotFound' ? { result: undefined } : found;
      const used = firstUse(found.subnet);
      if (used) return inUseSubnetCannotBeDeleted(found.subnet.name, used);
      inv.world.putResource({ ...found.vnet, subnets: found.vnet.subnets.filter((s) => s.name !== found.subnet.name) });
      inv.sim.settle();
      return { result: undefined };
    },
  },

  {
    name: 'network vnet peering create',
    summary: 'Create a virtual network peering connection.',
    long: 'To successfully peer two virtual networks this command must be called twice with the values for --vnet-name and --remote-vnet reversed.',
    args: [
      RESOURCE_GROUP,
      { dest: 'name', options: ['--name', '-n'], required: true, help: 'The name of the VNet peering.' },
      VNET_NAME,
      { dest: 'remote_vnet', options: ['--remote-vnet'], required: true, help: 'Resource ID or name of the remote VNet.', complete: namesOf('Microsoft.Network/virtualNetworks') },
      { dest: 'allow_vnet_access', options: ['--allow-vnet-access'], kind: 'bool', help: 'Allows access from the local VNet to the remote VNet.' },
      { dest: 'allow_forwarded_traffic', options: ['--allow-forwarded-traffic'], kind: 'bool', help: 'Allows forwarded traffic from the local VNet to the remote VNet.' },
      { dest: 'allow_gateway_transit', options: ['--allow-gateway-transit'], kind: 'bool', help: 'Allows gateway link to be used in the remote VNet.' },
      { dest: 'use_remote_gateways', options: ['--use-remote-gateways'], kind: 'bool', help: 'Allows VNet to use the remote VNet\'s gateway. Remote VNet gateway must have --allow-gateway-transit enabled for remote peering. Only 1 peering can have this flag enabled. Cannot be set if the VNet already has a gateway.' },
    ],
    examples: [{ name: 'Create a peering connection between two virtual networks.', text: 'az network vnet peering create -g MyResourceGroup -n MyVnet1ToMyVnet2 --vnet-name MyVnet1 --remote-vnet MyVnet2Id --allow-vnet-access' }],
    run(inv) {
      const rg = str(inv, 'resource_group_name')!;
      const vnet = getNetwork<VirtualNetwork>(inv.world, rg, 'virtualNetworks', str(inv, 'vnet_name')!);
      if ('kind' in vnet) return vnet;
      const remoteId = refId(inv.world, rg, 'virtualNetworks', str(inv, 'remote_vnet'))!;
      const remote = inv.world.resource<VirtualNetwork>(remoteId);
      if (!remote) return getNetwork(inv.world, rg, 'virtualNetworks', nameOf(remoteId)) as AzureError;
      const overlap = vnet.addressSpace.addressPrefixes.find((a) => remote.addressSpace.addressPrefixes.some((b) => isCidr(a) && isCidr(b) && cidrsOverlap(parseCidr(a), parseCidr(b))));
      if (overlap) {
        return azureError('arm', 'VnetAddressSpacesOverlap', `Cannot create or update peering ${vnet.id}/virtualNetworkPeerings/${str(inv, 'name')}. Virtual networks ${vnet.id} and ${remote.id} cannot be peered because their address spaces overlap. Overlapping address prefixes: ${overlap}`);
      }
      const name = str(inv, 'name')!;
      const flagOr = (dest: string, fallback: boolean) => (typeof inv.args[dest] === 'boolean' ? (inv.args[dest] as boolean) : fallback);
      const peering: VnetPeering = {
        id: childId(vnet.id, 'virtualNetworkPeerings', name),
        name,
        type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
        resourceGroup: rg,
        remoteVirtualNetwork: { id: remote.id },
        remoteAddressSpace: { addressPrefixes: [...remote.addressSpace.addressPrefixes] },
        allowVirtualNetworkAccess: flagOr('allow_vnet_access', false),
        allowForwardedTraffic: flagOr('allow_forwarded_traffic', false),
        allowGatewayTransit: flagOr('allow_gateway_transit', false),
        useRemoteGateways: flagOr('use_remote_gateways', false),
        peeringState: peeringState(inv.world, vnet, remote.id),
        provisioningState: 'Succeeded',
      };
      inv.world.putResource({ ...vnet, virtualNetworkPeerings: [...vnet.virtualNetworkPeerings.filter((p) => p.name !== name), peering] });
      if (peering.peeringState === 'Connected') {
        const back = inv.world.resource<VirtualNetwork>(remote.id)!;
        inv.world.putResource({
          ...back,
          virtualNetworkPeerings: back.virtualNetworkPeerings.map((p) => (p.remoteVirtualNetwork.id.toLowerCase() === vnet.id.toLowerCase() ? { ...p, peeringState: 'Connected' } : p)),
        });
      }
      inv.sim.settle();
      return { result: inv.world.resource<VirtualNetwork>(vnet.id)!.virtualNetworkPeerings.find((p) => p.name === name) };
    },
  },
  {
    name: 'network vnet peering list',
    summary: 'List peerings.',
    args: [RESOURCE_GROUP, VNET_NAME],
    examples: [{ name: 'List all peerings of a specified virtual network.', text: 'az network vnet peering list -g MyResourceGroup --vnet-name MyVnet1' }],
    run(inv) {
      const vnet = getNetwork<VirtualNetwork>(inv.world, str(inv, 'resource_group_name')!, 'virtualNetworks', str(inv, 'vnet_name')!);
      return 'kind' in vnet ? vnet : { result: vnet.virtualNetworkPeerings };
    },
  },
  {
    name: 'network vnet peering show',
    summary: 'Show details of a peering.',
    args: [RESOURCE_GROUP_ID, VNET_NAME_ID, idName('The name of the VNet peering.')],
    ids: true,
    run(inv) {
      const rg = str(inv, 'resource_group_name')!;
      const vnet = getNetwork<VirtualNetwork>(inv.world, rg, 'virtualNetworks', str(inv, 'vnet_name')!);
      if ('kind' in vnet) return vnet;
      const peering = vnet.virtualNetworkPeerings.find((p) => p.name === str(inv, 'name'));
      return peering ? { result: peering } : childNotFound('virtualNetworks', vnet.name, 'virtualNetworkPeerings', str(inv, 'name')!, rg);
    },
  },
  {
    name: 'network vnet peering delete',
    summary: 'Delete a peering.',
    args: [RESOURCE_GROUP_ID, VNET_NAME_ID, idName('The name of the VNet peering.')],
    ids: true,
    run(inv) {
      const vnet = getNetwork<VirtualNetwork>(inv.world, str(inv, 'resource_group_name')!, 'virtualNetworks', str(inv, 'vnet_name')!);
      if ('kind' in vnet) return vnet;
      const peering = vnet.virtualNetworkPeerings.find((p) => p.name === str(inv, 'name'));
      if (!peering) return { result: undefined };
      inv.world.putResource({ ...vnet, virtualNetworkPeerings: vnet.virtualNetworkPeerings.filter((p) => p !== peering) });
      const remote = inv.world.resource<VirtualNetwork>(peering.remoteVirtualNetwork.id);
      if (remote) {
        inv.world.putResource({
          ...remote,
          virtualNetworkPeerings: remote.virtualNetworkPeerings.map((p) => (p.remoteVirtualNetwork.id.toLowerCase() === vnet.id.toLowerCase() ? { ...p, peeringState: 'Disconnected' } : p)),
        });
      }
      inv.sim.settle();
      return { result: undefined };
    },
  },
];

export { networkId };
