// `az network nic list-effective-nsg`: each NSG that applies to a NIC (its own, its subnet's)
// with rules normalised the way the effective view prints them: `*` ports as `0-65535`, single
// ports as `80-80`, `*` addresses as `0.0.0.0/0`, protocol `*` as `All`, names prefixed with
// `securityRules/` or `defaultSecurityRules/`, service tags with their expansion where the NIC
// sits (REST NetworkInterfaces_ListEffectiveNetworkSecurityGroups; sample outputs in
// Azure docs and public labs). The NIC's NSG is listed before the subnet's [assumption, as in
// the Get-AzEffectiveNetworkSecurityGroup sample].
import type { NetworkInterface, NetworkSecurityGroup, SecurityRule } from '../model/azure/types.ts';
import type { World } from '../model/world.ts';
import { subnetInfo } from './addressing.ts';
import { customRulesByPriority, defaultRulesOf } from './nsg.ts';
import { cidrOf, expandTag, isServiceTag, tagContext, type TagContext } from './service-tags.ts';

export interface EffectiveSecurityRule {
  access: 'Allow' | 'Deny';
  destinationAddressPrefix: string;
  destinationAddressPrefixes: string[];
  destinationPortRange: string;
  destinationPortRanges: string[];
  direction: 'Inbound' | 'Outbound';
  expandedDestinationAddressPrefix: string[] | null;
  expandedSourceAddressPrefix: string[] | null;
  name: string;
  priority: number;
  protocol: 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | 'All';
  sourceAddressPrefix: string;
  sourceAddressPrefixes: string[];
  sourcePortRange: string;
  sourcePortRanges: string[];
}

export interface EffectiveNetworkSecurityGroup {
  association: { networkInterface: { id: string } | null; subnet: { id: string } | null };
  effectiveSecurityRules: EffectiveSecurityRule[];
  networkSecurityGroup: { id: string };
  tagMap: Record<string, string[]>;
}

export interface EffectiveNsgList {
  value: EffectiveNetworkSecurityGroup[];
}

function ports(single: string | undefined, many: string[]): string[] {
  const list = many.length > 0 ? many : [single ?? '*'];
  return list.map((p) => (p === '*' ? '0-65535' : p.includes('-') ? p : `${p}-${p}`));
}

function addresses(single: string | undefined, many: string[]): string[] {
  const list = many.length > 0 ? many : [single ?? '*'];
  return list.map((a) => {
    if (a === '*' || a.toLowerCase() === 'any') return '0.0.0.0/0';
    const cidr = cidrOf(a);
    return cidr && !a.includes('/') ? `${a}/32` : a;
  });
}

function expansion(list: string[], ctx: TagContext, tagMap: Record<string, string[]>): string[] | null {
  const tags = list.filter(isServiceTag);
  if (tags.length === 0) return null;
  const out: string[] = [];
  for (const tag of tags) {
    const expanded = expandTag(tag, ctx);
    tagMap[tag] = expanded;
    out.push(...expanded);
  }
  return out;
}

function effectiveRule(rule: SecurityRule, isDefault: boolean, ctx: TagContext, tagMap: Record<string, string[]>): EffectiveSecurityRule {
  const src = addresses(rule.sourceAddressPrefix, rule.sourceAddressPrefixes);
  const dst = addresses(rule.destinationAddressPrefix, rule.destinationAddressPrefixes);
  const srcPorts = ports(rule.sourcePortRange, rule.sourcePortRanges);
  const dstPorts = ports(rule.destinationPortRange, rule.destinationPortRanges);
  return {
    access: rule.access,
    destinationAddressPrefix: dst[0]!,
    destinationAddressPrefixes: dst,
    destinationPortRange: dstPorts[0]!,
    destinationPortRanges: dstPorts,
    direction: rule.direction,
    expandedDestinationAddressPrefix: expansion(dst, ctx, tagMap),
    expandedSourceAddressPrefix: expansion(src, ctx, tagMap),
    name: `${isDefault ? 'defaultSecurityRules' : 'securityRules'}/${rule.name}`,
    priority: rule.priority,
    protocol: rule.protocol === '*' ? 'All' : rule.protocol,
    sourceAddressPrefix: src[0]!,
    sourceAddressPrefixes: src,
    sourcePortRange: srcPorts[0]!,
    sourcePortRanges: srcPorts,
  };
}

/** One NSG's effective view, with tags read in the given subnet. */
export function effectiveNsg(
  world: World,
  nsg: NetworkSecurityGroup,
  subnetId: string,
  association: EffectiveNetworkSecurityGroup['association'],
): EffectiveNetworkSecurityGroup {
  const ctx = tagContext(world, subnetId);
  const tagMap: Record<string, string[]> = {};
  const rules = [
    ...customRulesByPriority(nsg).map((r) => effectiveRule(r, false, ctx, tagMap)),
    ...defaultRulesOf(nsg).map((r) => effectiveRule(r, true, ctx, tagMap)),
  ];
  return { association, effectiveSecurityRules: rules, networkSecurityGroup: { id: nsg.id }, tagMap };
}

export function nicEffectiveNsgs(world: World, nic: NetworkInterface): EffectiveNsgList {
  const primary = nic.ipConfigurations.find((c) => c.primary) ?? nic.ipConfigurations[0];
  if (!primary) return { value: [] };
  const subnetId = primary.subnet.id;
  const value: EffectiveNetworkSecurityGroup[] = [];
  const nicNsg = nic.networkSecurityGroup ? world.resource<NetworkSecurityGroup>(nic.networkSecurityGroup.id) : undefined;
  if (nicNsg) value.push(effectiveNsg(world, nicNsg, subnetId, { networkInterface: { id: nic.id }, subnet: null }));
  const subnet = subnetInfo(world, subnetId)?.subnet;
  const subnetNsg = subnet?.networkSecurityGroup ? world.resource<NetworkSecurityGroup>(subnet.networkSecurityGroup.id) : undefined;
  if (subnetNsg) value.push(effectiveNsg(world, subnetNsg, subnetId, { networkInterface: null, subnet: { id: subnet!.id } }));
  return { value };
}
