// The azure-firewall extension's commands: firewall create|show|list|delete, firewall ip-config
// create, and network-rule / application-rule create|list (collections made on first use).
import { azureFirstUsable, intToIp, parseCidr } from '../../../core/ip.ts';
import { cliError, resourceNotFound, type AzureError } from '../../../model/azure/errors.ts';
import { childId, nameOf } from '../../../model/azure/ids.ts';
import type { AzureFirewall, FirewallApplicationRule, FirewallNetworkRule, FirewallRuleCollection, PublicIPAddress, VirtualNetwork } from '../../../model/azure/types.ts';
import type { ArgSpec, AzInvocation, CommandSpec } from '../spec.ts';
import { list, LOCATION, num, parseTags, RESOURCE_GROUP, str, subscriptionId, TAGS } from './common.ts';
import { deleteCommand, getNetwork, listCommand, locationOf, namesOf, networkId, refId, showCommand } from './network-common.ts';

const FW = { group: 'network firewall', type: 'azureFirewalls', noun: 'Azure Firewall' };
const FW_NAME: ArgSpec = { dest: 'firewall_name', options: ['--firewall-name', '-f'], required: true, help: 'Azure Firewall name.', complete: namesOf('Microsoft.Network/azureFirewalls') };
const COLLECTION: ArgSpec = { dest: 'collection_name', options: ['--collection-name', '-c'], required: true, help: 'Name of the collection to create the rule in. Will create the collection if it does not exist.' };

function findFirewall(inv: AzInvocation) {
  return getNetwork<AzureFirewall>(inv.world, str(inv, 'resource_group_name')!, 'azureFirewalls', str(inv, 'firewall_name')!);
}

/** Puts the firewall's IP configuration in the VNet's AzureFirewallSubnet (first usable address). */
function ipConfiguration(inv: AzInvocation, firewall: AzureFirewall, vnetName: string, pipName: string, configName: string): AzureFirewall | AzureError {
  const rg = firewall.resourceGroup;
  const vnet = getNetwork<VirtualNetwork>(inv.world, rg, 'virtualNetworks', vnetName);
  if ('kind' in vnet) return vnet;
  const subnet = vnet.subnets.find((s) => s.name === 'AzureFirewallSubnet');
  if (!subnet) return resourceNotFound('Microsoft.Network/virtualNetworks/subnets', `${vnet.name}/AzureFirewallSubnet`, rg);
  const pip = inv.world.resource<PublicIPAddress>(refId(inv.world, rg, 'publicIPAddresses', pipName)!);
  if (!pip) return getNetwork(inv.world, rg, 'publicIPAddresses', nameOf(pipName)) as AzureError;
  const id = childId(firewall.id, 'azureFirewallIpConfigurations', configName);
  inv.world.putResource({ ...pip, ipConfiguration: { id } });
  return {
    ...firewall,
    ipConfigurations: [
      ...firewall.ipConfigurations.filter((c) => c.name !== configName),
      { id, name: configName, privateIPAddress: intToIp(azureFirstUsable(parseCidr(subnet.addressPrefix))), publicIPAddress: { id: pip.id }, subnet: { id: subnet.id } },
    ],
  };
}

function upsertRule<R extends { name: string }>(
  inv: AzInvocation,
  field: 'networkRuleCollections' | 'applicationRuleCollections',
  rule: R,
) {
  const firewall = findFirewall(inv);
  if ('kind' in firewall) return firewall;
  const collections = firewall[field] as unknown as FirewallRuleCollection<R>[];
  const name = str(inv, 'collection_name')!;
  const existing = collections.find((c) => c.name === name);
  const priority = num(inv, 'priority');
  const action = str(inv, 'action') as 'Allow' | 'Deny' | undefined;
  if (!existing && (priority === undefined || !action)) {
    return cliError('RequiredArgumentMissingError', 'usage error: --action ACTION --priority PRIORITY. Both are required when creating a new collection.');
  }
  const collection: FirewallRuleCollection<R> = existing
    ? { ...existing, rules: [...existing.rules.filter((r) => r.name !== rule.name), rule] }
    : { id: childId(firewall.id, field, name), name, priority: priority!, action: { type: action! }, rules: [rule], provisioningState: 'Succeeded' };
  const next = [...collections.filter((c) => c.name !== name), collection];
  inv.world.putResource({ ...firewall, [field]: next });
  inv.sim.settle();
  return { result: rule };
}

function listRules(inv: AzInvocation, field: 'networkRuleCollections' | 'applicationRuleCollections') {
  const firewall = findFirewall(inv);
  if ('kind' in firewall) return firewall;
  const collection = (firewall[field] as FirewallRuleCollection<unknown>[]).find((c) => c.name === str(inv, 'collection_name'));
  if (!collection) return cliError('ResourceNotFoundError', `Collection '${str(inv, 'collection_name')}' not found.`);
  return { result: collection.rules };
}

const COLLECTION_ARGS: ArgSpec[] = [
  { dest: 'priority', options: ['--priority'], kind: 'int', help: 'Priority of the rule collection from 100 (high) to 65000 (low). Supply only if you want to create the collection.', group: 'Collection' },
  { dest: 'action', options: ['--action'], choices: ['Allow', 'Deny'], help: 'The action to apply for the rule collection. Supply only if you want to create the collection.', group: 'Collection' },
];

export const firewallCommands: CommandSpec[] = [
  {
    name: 'network firewall create',
    summary: 'Create an Azure Firewall.',
    args: [
      RESOURCE_GROUP,
      { dest: 'name', options: ['--name', '-n'], required: true, help: 'Azure Firewall name.' },
      LOCATION,
      { dest: 'sku', options: ['--sku'], choices: ['AZFW_Hub', 'AZFW_VNet'], default: 'AZFW_VNet', help: 'SKU of Azure firewall.' },
      { dest: 'tier', options: ['--tier'], choices: ['Basic', 'Premium', 'Standard'], default: 'Standard', help: 'Tier of an azure firewall.' },
      { dest: 'threat_intel_mode', options: ['--threat-intel-mode'], choices: ['Alert', 'Deny', 'Off'], default: 'Alert', help: 'The operation mode for Threat Intelligence.' },
      { dest: 'private_ranges', options: ['--private-ranges'], kind: 'list', help: 'Space-separated list of SNAT private range. Validate values are single Ip, Ip prefixes or a single special value "IANAPrivateRanges".' },
      { dest: 'vnet_name', options: ['--vnet-name'], help: 'The virtual network (VNet) name. It should contain one subnet called "AzureFirewallSubnet".', group: 'Data Traffic IP Configuration' },
      { dest: 'public_ip', options: ['--public-ip'], help: 'Name or ID of the public IP to use.', group: 'Data Traffic IP Configuration' },
      { dest: 'conf_name', options: ['--conf-name'], help: 'Name of the IP configuration.', group: 'Data Traffic IP Configuration' },
      TAGS,
    ],
    examples: [{ name: 'Create a Azure firewall with private ranges', text: 'az network firewall create -g MyResourceGroup -n MyFirewall --private-ranges 10.0.0.0 10.0.0.0/16 IANAPrivateRanges' }],
    run(inv) {
      const location = locationOf(inv);
      if (typeof location !== 'string') return location;
      const rg = str(inv, 'resource_group_name')!;
      const name = str(inv, 'name')!;
      let firewall: AzureFirewall = {
        id: networkId(inv.world, rg, 'azureFirewalls', name),
        name,
        type: 'Microsoft.Network/azureFirewalls',
        location,
        resourceGroup: rg,
        tags: parseTags(inv.args.tags) ?? null,
        provisioningState: 'Succeeded',
        ipConfigurations: [],
        networkRuleCollections: [],
        applicationRuleCollections: [],
        natRuleCollections: [],
        sku: { name: 'AZFW_VNet', tier: str(inv, 'tier') as 'Standard' | 'Premium' | 'Basic' },
        threatIntelMode: str(inv, 'threat_intel_mode') as 'Alert' | 'Deny' | 'Off',
      };
      void subscriptionId(inv);
      const vnet = str(inv, 'vnet_name');
      const pip = str(inv, 'public_ip');
      if (vnet && pip) {
        const configured = ipConfiguration(inv, firewall, vnet, pip, str(inv, 'conf_name') ?? nameOf(pip));
        if ('kind' in configured) return configured;
        firewall = configured;
      }
      inv.world.putResource(firewall);
      inv.sim.settle();
      inv.sim.advance(300);
      return { result: inv.world.resource(firewall.id) };
    },
  },
  showCommand(FW),
  listCommand(FW),
  deleteCommand(FW),
  {
    name: 'network firewall ip-config create',
    summary: 'Create an Azure Firewall IP configuration.',
    args: [
      RESOURCE_GROUP,
      FW_NAME,
      { dest: 'name', options: ['--name', '-n'], required: true, help: 'Name of the IP configuration.' },
      { dest: 'public_ip_address', options: ['--public-ip-address'], required: true, help: 'Name or ID of the existing public IP address to associate with the configuration.' },
      { dest: 'vnet_name', options: ['--vnet-name'], required: true, help: 'The virtual network (VNet) name. It should contain one subnet called "AzureFirewallSubnet".' },
    ],
    run(inv) {
      const firewall = findFirewall(inv);
      if ('kind' in firewall) return firewall;
      const configured = ipConfiguration(inv, firewall, str(inv, 'vnet_name')!, str(inv, 'public_ip_address')!, str(inv, 'name')!);
      if ('kind' in configured) return configured;
      inv.world.putResource(configured);
      inv.sim.settle();
      return { result: configured.ipConfigurations.find((c) => c.name === str(inv, 'name')) };
    },
  },
  {
    name: 'network firewall network-rule create',
    summary: 'Create an Azure Firewall network rule.',
    args: [
      RESOURCE_GROUP,
      FW_NAME,
      COLLECTION,
      { dest: 'item_name', options: ['--name', '-n'], required: true, help: 'The name of the network rule.' },
      { dest: 'protocols', options: ['--protocols'], kind: 'list', required: true, choices: ['Any', 'ICMP', 'TCP', 'UDP'], help: 'Space-separated list of protocols.' },
      { dest: 'source_addresses', options: ['--source-addresses'], kind: 'list', help: 'Space-separated list of source IP ddresses. Use \'*\' to match all.' },
      { dest: 'destination_addresses', options: ['--destination-addresses'], kind: 'list', help: 'Space-separated list of destination IP addresses. Use \'*\' to match all.' },
      { dest: 'destination_fqdns', options: ['--destination-fqdns'], kind: 'list', help: 'Space-separated list of destination FQDNs.' },
      { dest: 'destination_ports', options: ['--destination-ports'], kind: 'list', required: true, help: 'Space-separated list of destination ports. Use \'*\' to match all.' },
      ...COLLECTION_ARGS,
    ],
    examples: [{ name: 'Create a network rule to allow the AKS API server.', text: 'az network firewall network-rule create -g MyResourceGroup -f MyFirewall --collection-name aksfwnr -n apiudp --protocols UDP --source-addresses \'*\' --destination-addresses "AzureCloud.eastus" --destination-ports 1194 --action allow --priority 100' }],
    run(inv) {
      const rule: FirewallNetworkRule = {
        name: str(inv, 'item_name')!,
        protocols: list(inv, 'protocols') as FirewallNetworkRule['protocols'],
        sourceAddresses: list(inv, 'source_addresses') ?? [],
        destinationAddresses: list(inv, 'destination_addresses') ?? [],
        destinationFqdns: list(inv, 'destination_fqdns') ?? [],
        destinationPorts: list(inv, 'destination_ports')!,
      };
      return upsertRule(inv, 'networkRuleCollections', rule);
    },
  },
  {
    name: 'network firewall network-rule list',
    summary: 'List Azure Firewall network rules.',
    args: [RESOURCE_GROUP, FW_NAME, COLLECTION],
    run: (inv) => listRules(inv, 'networkRuleCollections'),
  },
  {
    name: 'network firewall application-rule create',
    summary: 'Create an Azure Firewall application rule.',
    args: [
      RESOURCE_GROUP,
      FW_NAME,
      COLLECTION,
      { dest: 'item_name', options: ['--name', '-n'], required: true, help: 'The name of the application rule.' },
      { dest: 'protocols', options: ['--protocols'], kind: 'list', help: 'Space-separated list of protocols and port numbers to use, in PROTOCOL=PORT format. Valid protocols are Http, Https.' },
      { dest: 'source_addresses', options: ['--source-addresses'], kind: 'list', help: 'Space-separated list of source IP addresses. Use \'*\' to match all.' },
      { dest: 'target_fqdns', options: ['--target-fqdns'], kind: 'list', help: 'Space-separated list of fully qualified domain names (FDQN).' },
      { dest: 'fqdn_tags', options: ['--fqdn-tags'], kind: 'list', help: 'Space-separated list of FQDN tags.' },
      ...COLLECTION_ARGS,
    ],
    examples: [{ name: 'Allow the AKS FQDN tag.', text: 'az network firewall application-rule create -g MyResourceGroup -f MyFirewall --collection-name aksfwar -n fqdn --source-addresses \'*\' --protocols http=80 https=443 --fqdn-tags AzureKubernetesService --action allow --priority 100' }],
    run(inv) {
      const protocols: FirewallApplicationRule['protocols'] = [];
      for (const p of list(inv, 'protocols') ?? []) {
        const m = /^(https?)=(\d+)$/i.exec(p);
        if (!m) return cliError('InvalidArgumentValueError', `usage error: --protocols PROTOCOL=PORT [PROTOCOL=PORT ...]`);
        protocols.push({ protocolType: m[1]!.toLowerCase() === 'https' ? 'Https' : 'Http', port: Number(m[2]) });
      }
      const rule: FirewallApplicationRule = {
        name: str(inv, 'item_name')!,
        sourceAddresses: list(inv, 'source_addresses') ?? [],
        targetFqdns: list(inv, 'target_fqdns') ?? [],
        fqdnTags: list(inv, 'fqdn_tags') ?? [],
        protocols,
      };
      return upsertRule(inv, 'applicationRuleCollections', rule);
    },
  },
  {
    name: 'network firewall application-rule list',
    summary: 'List Azure Firewall application rules.',
    args: [RESOURCE_GROUP, FW_NAME, COLLECTION],
    run: (inv) => listRules(inv, 'applicationRuleCollections'),
  },
];
