// az network nsg create|show|list|delete and nsg rule create|show|list|update|delete.
import { azureError, inUseNetworkSecurityGroupCannotBeDeleted, type AzureError } from '../../../model/azure/errors.ts';
import { newNetworkSecurityGroup } from '../../../model/azure/factories.ts';
import { childId } from '../../../model/azure/ids.ts';
import type { NetworkSecurityGroup, NsgProtocol, SecurityRule } from '../../../model/azure/types.ts';
import type { ArgSpec, AzInvocation, CommandSpec } from '../spec.ts';
import { LOCATION, list, num, parseTags, RESOURCE_GROUP, RESOURCE_GROUP_ID, str, subscriptionId, TAGS } from './common.ts';
import { childNotFound, deleteCommand, getNetwork, idName, listCommand, locationOf, namesOf, showCommand } from './network-common.ts';

const NSG = { group: 'network nsg', type: 'networkSecurityGroups', noun: 'network security group' };

function joined(single: string | undefined, many: string[]): string {
  return single || many.join(' ');
}

/** azure-cli network _format.transform_nsg_rule_table_output. */
export function nsgRuleRow(r: SecurityRule): Record<string, unknown> {
  return {
    Name: r.name,
    ResourceGroup: r.resourceGroup,
    Priority: r.priority,
    SourcePortRanges: joined(r.sourcePortRange, r.sourcePortRanges),
    SourceAddressPrefixes: joined(r.sourceAddressPrefix, r.sourceAddressPrefixes),
    SourceASG: 'None',
    Access: r.access,
    Protocol: r.protocol,
    Direction: r.direction,
    DestinationPortRanges: joined(r.destinationPortRange, r.destinationPortRanges),
    DestinationAddressPrefixes: joined(r.destinationAddressPrefix, r.destinationAddressPrefixes),
    DestinationASG: 'None',
  };
}

const NSG_NAME: ArgSpec = { dest: 'nsg_name', options: ['--nsg-name'], required: true, help: 'Name of the network security group.', complete: namesOf('Microsoft.Network/networkSecurityGroups') };
const NSG_NAME_ID: ArgSpec = { ...NSG_NAME, idPart: true, group: 'Resource Id' };

const PROTOCOLS = ['*', 'Ah', 'Esp', 'Icmp', 'Tcp', 'Udp'];

function ruleArgs(create: boolean): ArgSpec[] {
  const d = (value: string) => (create ? { default: value } : {});
  return [
    { dest: 'priority', options: ['--priority'], kind: 'int', required: create, help: 'Rule priority, between 100 (highest priority) and 4096 (lowest priority). Must be unique for each rule in the collection.' },
    { dest: 'access', options: ['--access'], choices: ['Allow', 'Deny'], ...d('Allow'), help: 'Allowed or denied.' },
    { dest: 'direction', options: ['--direction'], choices: ['Inbound', 'Outbound'], ...d('Inbound'), help: 'Direction of the rule.' },
    { dest: 'protocol', options: ['--protocol'], choices: PROTOCOLS, ...d('*'), help: 'Network protocol this rule applies to.' },
    { dest: 'description', options: ['--description'], help: 'Rule description.' },
    { dest: 'source_address_prefixes', options: ['--source-address-prefixes'], kind: 'list', group: 'Source', help: "Space-separated list of CIDR prefixes or IP ranges. Alternatively, specify ONE of 'VirtualNetwork', 'AzureLoadBalancer', 'Internet' or '*' to match all IPs." },
    { dest: 'source_port_ranges', options: ['--source-port-ranges'], kind: 'list', group: 'Source', help: "Space-separated list of ports or port ranges between 0-65535. Use '*' to match all ports." },
    { dest: 'destination_address_prefixes', options: ['--destination-address-prefixes'], kind: 'list', group: 'Destination', help: "Space-separated list of CIDR prefixes or IP ranges. Alternatively, specify ONE of 'VirtualNetwork', 'AzureLoadBalancer', 'Internet' or '*' to match all IPs." },
    { dest: 'destination_port_ranges', options: ['--destination-port-ranges'], kind: 'list', group: 'Destination', help: "Space-separated list of ports or port ranges between 0-65535. Use '*' to match all ports." },
  ];
}

const CREATE_DEFAULTS: Record<string, string[]> = {
  source_address_prefixes: ['*'],
  source_port_ranges: ['*'],
  destination_address_prefixes: ['*'],
  destination_port_ranges: ['80'],
};

type Single = 'sourceAddressPrefix' | 'destinationAddressPrefix' | 'sourcePortRange' | 'destinationPortRange';
type Plural = 'sourceAddressPrefixes' | 'destinationAddressPrefixes' | 'sourcePortRanges' | 'destinationPortRanges';
const FIELDS: [string, Single, Plural][] = [
  ['source_address_prefixes', 'sourceAddressPrefix', 'sourceAddressPrefixes'],
  ['source_port_ranges', 'sourcePortRange', 'sourcePortRanges'],
  ['destination_address_prefixes', 'destinationAddressPrefix', 'destinationAddressPrefixes'],
  ['destination_port_ranges', 'destinationPortRange', 'destinationPortRanges'],
];

function applyRuleArgs(inv: AzInvocation, rule: SecurityRule, create: boolean): SecurityRule {
  const next: SecurityRule = { ...rule };
  const priority = num(inv, 'priority');
  if (priority !== undefined) next.priority = priority;
  if (str(inv, 'access')) next.access = str(inv, 'access') as SecurityRule['access'];
  if (str(inv, 'direction')) next.direction = str(inv, 'direction') as SecurityRule['direction'];
  if (str(inv, 'protocol')) next.protocol = str(inv, 'protocol') as NsgProtocol;
  if (str(inv, 'description') !== undefined) next.description = str(inv, 'description')!;
  for (const [dest, single, plural] of FIELDS) {
    const values = list(inv, dest) ?? (create ? CREATE_DEFAULTS[dest] : undefined);
    if (!values) continue;
    delete next[single];
    next[plural] = [];
    if (values.length === 1) next[single] = values[0]!;
    else next[plural] = [...values];
  }
  return next;
}

function checkRule(nsg: NetworkSecurityGroup, rule: SecurityRule): AzureError | undefined {
  if (rule.priority < 100 || rule.priority > 4096) {
    return azureError('arm', 'SecurityRuleInvalidPriority', `Security rule has invalid Priority. Value provided: ${rule.priority} Allowed range 100-4096.`);
  }
  const clash = nsg.securityRules.find((r) => r.name !== rule.name && r.priority === rule.priority && r.direction === rule.direction);
  if (clash) {
    // Assumption: wording of the service's duplicate-priority refusal.
    return azureError('arm', 'SecurityRuleConflict', `Security rule ${rule.name} conflicts with rule ${clash.name}. Rules cannot have the same Priority and Direction. To learn more, see aka.ms/nsgrules.`);
  }
  return undefined;
}

function writeRule(inv: AzInvocation, nsg: NetworkSecurityGroup, rule: SecurityRule) {
  const problem = checkRule(nsg, rule);
  if (problem) return problem;
  const rules = nsg.securityRules.some((r) => r.name === rule.name) ? nsg.securityRules.map((r) => (r.name === rule.name ? rule : r)) : [...nsg.securityRules, rule];
  inv.world.putResource({ ...nsg, securityRules: rules });
  inv.sim.settle();
  return { result: rule };
}

function findNsg(inv: AzInvocation) {
  return getNetwork<NetworkSecurityGroup>(inv.world, str(inv, 'resource_group_name')!, 'networkSecurityGroups', str(inv, 'nsg_name')!);
}

function ruleTable(result: unknown): unknown {
  return (Array.isArray(result) ? result : [result]).map((r) => nsgRuleRow(r as SecurityRule));
}

export const nsgCommands: CommandSpec[] = [
  {
    name: 'network nsg create',
    summary: 'Create a network security group.',
    args: [RESOURCE_GROUP, { dest: 'name', options: ['--name', '-n'], required: true, help: 'Name of the network security group.' }, LOCATION, TAGS],
    examples: [{ name: 'Create an NSG in a resource group within a region with tags.', text: 'az network nsg create -g MyResourceGroup -n MyNsg --tags super_secure no_80 no_22' }],
    run(inv) {
      const location = locationOf(inv);
      if (typeof location !== 'string') return location;
      const nsg = newNetworkSecurityGroup({ subscriptionId: subscriptionId(inv), resourceGroup: str(inv, 'resource_group_name')!, name: str(inv, 'name')!, location, tags: parseTags(inv.args.tags) ?? {} });
      const existing = inv.world.resource<NetworkSecurityGroup>(nsg.id);
      const written = existing ? { ...existing, tags: nsg.tags } : nsg;
      inv.world.putResource(written);
      inv.sim.settle();
      return { result: { NewNSG: inv.world.resource(nsg.id) } };
    },
  },
  showCommand(NSG),
  listCommand(NSG),
  deleteCommand(NSG, (resource) => {
    const nsg = resource as NetworkSecurityGroup;
    const users = [...(nsg.subnets ?? []), ...(nsg.networkInterfaces ?? [])].map((r) => r.id);
    return users.length > 0 ? inUseNetworkSecurityGroupCannotBeDeleted(nsg.id, users) : undefined;
  }),
  {
    name: 'network nsg rule create',
    summary: 'Create a network security group rule.',
    args: [RESOURCE_GROUP, NSG_NAME, { dest: 'name', options: ['--name', '-n'], required: true, help: 'Name of the network security group rule.' }, ...ruleArgs(true)],
    table: ruleTable,
    examples: [
      { name: 'Create a basic "Allow" NSG rule with the highest priority.', text: 'az network nsg rule create -g MyResourceGroup --nsg-name MyNsg -n MyNsgRule --priority 100' },
      { name: 'Create a "Deny" rule over TCP for a specific IP address range with the lowest priority.', text: 'az network nsg rule create -g MyResourceGroup --nsg-name MyNsg -n MyNsgRule --priority 4096 --source-address-prefixes 208.130.28/24 --source-port-ranges 80 --destination-address-prefixes \'*\' --destination-port-ranges 80 8080 --access Deny --protocol Tcp --description "Deny from specific IP address ranges on 80 and 8080."' },
    ],
    run(inv) {
      const nsg = findNsg(inv);
      if ('kind' in nsg) return nsg;
      const name = str(inv, 'name')!;
      const base: SecurityRule = {
        id: childId(nsg.id, 'securityRules', name),
        name,
        type: 'Microsoft.Network/networkSecurityGroups/securityRules',
        resourceGroup: nsg.resourceGroup,
        priority: 0,
        direction: 'Inbound',
        access: 'Allow',
        protocol: '*',
        sourceAddressPrefixes: [],
        destinationAddressPrefixes: [],
        sourcePortRanges: [],
        destinationPortRanges: [],
        provisioningState: 'Succeeded',
      };
      return writeRule(inv, nsg, applyRuleArgs(inv, base, true));
    },
  },
  {
    name: 'network nsg rule update',
    summary: 'Update a network security group rule.',
    args: [RESOURCE_GROUP_ID, NSG_NAME_ID, idName('Name of the network security group rule.'), ...ruleArgs(false)],
    ids: true,
    table: ruleTable,
    examples: [{ name: 'Update an NSG rule with a new wildcard destination address prefix.', text: 'az network nsg rule update -g MyResourceGroup --nsg-name MyNsg -n MyNsgRule --destination-address-prefix \'*\'' }],
    run(inv) {
      const nsg = findNsg(inv);
      if ('kind' in nsg) return nsg;
      const rule = nsg.securityRules.find((r) => r.name === str(inv, 'name'));
      if (!rule) return childNotFound('networkSecurityGroups', nsg.name, 'securityRules', str(inv, 'name')!, nsg.resourceGroup);
      return writeRule(inv, nsg, applyRuleArgs(inv, rule, false));
    },
  },
  {
    name: 'network nsg rule show',
    summary: 'Get the details of a network security group rule.',
    args: [RESOURCE_GROUP_ID, NSG_NAME_ID, idName('Name of the network security group rule.')],
    ids: true,
    table: ruleTable,
    run(inv) {
      const nsg = findNsg(inv);
      if ('kind' in nsg) return nsg;
      const rule = nsg.securityRules.find((r) => r.name === str(inv, 'name'));
      return rule ? { result: rule } : childNotFound('networkSecurityGroups', nsg.name, 'securityRules', str(inv, 'name')!, nsg.resourceGroup);
    },
  },
  {
    name: 'network nsg rule list',
    summary: 'List all rules in a network security group.',
    args: [RESOURCE_GROUP, NSG_NAME, { dest: 'include_default', options: ['--include-default'], kind: 'flag', help: 'Include default security rules in the output.' }],
    table: ruleTable,
    examples: [{ name: 'List all rules in a network security group.', text: 'az network nsg rule list -g MyResourceGroup --nsg-name MyNsg' }],
    run(inv) {
      const nsg = findNsg(inv);
      if ('kind' in nsg) return nsg;
      return { result: inv.args.include_default === true ? [...nsg.securityRules, ...nsg.defaultSecurityRules] : nsg.securityRules };
    },
  },
  {
    name: 'network nsg rule delete',
    summary: 'Delete a network security group rule.',
    args: [RESOURCE_GROUP_ID, NSG_NAME_ID, idName('Name of the network security group rule.')],
    ids: true,
    run(inv) {
      const nsg = findNsg(inv);
      if ('kind' in nsg) return nsg;
      inv.world.putResource({ ...nsg, securityRules: nsg.securityRules.filter((r) => r.name !== str(inv, 'name')) });
      inv.sim.settle();
      return { result: undefined };
    },
  },
];
