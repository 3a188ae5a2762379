// NSG evaluation: the first rule by priority that matches the 5-tuple decides (custom rules
// 100–4096, then the default rules 65000–65500). Where a NIC has both, Azure evaluates inbound
// traffic against the subnet NSG then the NIC NSG, outbound against the NIC NSG then the subnet
// NSG, and both must allow (network-security-groups-overview, "How NSGs filter traffic").
// NSGs are stateful: these functions judge the first packet of a flow; its replies are allowed.
import { ipToInt } from '../core/ip.ts';
import type { NetworkSecurityGroup, SecurityRule } from '../model/azure/types.ts';
import type { World } from '../model/world.ts';
import { subnetInfo, type IpConfigInfo } from './addressing.ts';
import type { Protocol } from './flow.ts';
import { defaultSecurityRules } from '../model/azure/nsg-default-rules.ts';
import { addressMatches, tagContext, type TagContext } from './service-tags.ts';

export type Direction = 'Inbound' | 'Outbound';

export interface NsgPacket {
  direction: Direction;
  protocol: Protocol;
  srcIp: string;
  srcPort: number;
  dstIp: string;
  /** Undefined for ICMP. */
  dstPort?: number;
}

export interface NsgDecision {
  nsg: NetworkSecurityGroup;
  rule: SecurityRule;
  access: 'Allow' | 'Deny';
  /** As Network Watcher names it: `securityRules/<name>` or `defaultSecurityRules/<name>`. */
  ruleName: string;
  isDefault: boolean;
}

/** One NSG on the way, and what it decided. */
export interface NsgStep {
  level: 'subnet' | 'nic';
  decision: NsgDecision;
}

export interface NsgOutcome {
  allowed: boolean;
  /** The NSGs evaluated, in order; evaluation stops at the first deny. */
  steps: NsgStep[];
}

function listOf(single: string | undefined, many: string[] | undefined): string[] {
  if (many && many.length > 0) return many;
  return single === undefined || single === '' ? ['*'] : [single];
}

function portMatches(range: string, port: number | undefined): boolean {
  if (range === '*' || range === '0-65535') return true;
  if (port === undefined) return false; // ICMP has no ports: only "any port" rules match it
  const dash = range.indexOf('-');
  if (dash < 0) return Number(range) === port;
  return port >= Number(range.slice(0, dash)) && port <= Number(range.slice(dash + 1));
}

function protocolMatches(rule: SecurityRule, protocol: Protocol): boolean {
  return rule.protocol === '*' || rule.protocol.toLowerCase() === protocol;
}

/** Whether one rule matches the packet, with service tags read in the given context. */
export function ruleMatches(rule: SecurityRule, packet: NsgPacket, ctx: TagContext): boolean {
  if (rule.direction !== packet.direction || !protocolMatches(rule, packet.protocol)) return false;
  const src = ipToInt(packet.srcIp);
  const dst = ipToInt(packet.dstIp);
  const srcPort = packet.protocol === 'icmp' ? undefined : packet.srcPort;
  return (
    listOf(rule.sourceAddressPrefix, rule.sourceAddressPrefixes).some((p) => addressMatches(p, src, ctx)) &&
    listOf(rule.destinationAddressPrefix, rule.destinationAddressPrefixes).some((p) => addressMatches(p, dst, ctx, packet.dstPort)) &&
    listOf(rule.sourcePortRange, rule.sourcePortRanges).some((r) => portMatches(r, srcPort)) &&
    listOf(rule.destinationPortRange, rule.destinationPortRanges).some((r) => portMatches(r, packet.dstPort))
  );
}

/** Default rules as stored, or Azure's six when a hand-built NSG has none (they always exist). */
export function defaultRulesOf(nsg: NetworkSecurityGroup): SecurityRule[] {
  return nsg.defaultSecurityRules?.length ? nsg.defaultSecurityRules : defaultSecurityRules(nsg.id, nsg.resourceGroup);
}

/** Custom rules by priority (Azure forbids equal priorities per direction; ties keep list order). */
export function customRulesByPriority(nsg: NetworkSecurityGroup): SecurityRule[] {
  return [...(nsg.securityRules ?? [])].sort((a, b) => a.priority - b.priority);
}

/** The first matching rule decides. The default DenyAll rules guarantee one always matches. */
export function evaluateNsg(nsg: NetworkSecurityGroup, packet: NsgPacket, ctx: TagContext): NsgDecision {
  for (const rule of customRulesByPriority(nsg)) {
    if (ruleMatches(rule, packet, ctx)) return decided(nsg, rule, false);
  }
  const defaults = [...defaultRulesOf(nsg)].sort((a, b) => a.priority - b.priority);
  for (const rule of defaults) {
    if (ruleMatches(rule, packet, ctx)) return decided(nsg, rule, true);
  }
  // Only reachable when stored default rules were edited away; Azure's implicit deny applies.
  const deny = defaultSecurityRules(nsg.id, nsg.resourceGroup).find((r) => r.direction === packet.direction && r.access === 'Deny')!;
  return decided(nsg, deny, true);
}

function decided(nsg: NetworkSecurityGroup, rule: SecurityRule, isDefault: boolean): NsgDecision {
  return {
    nsg,
    rule,
    access: rule.access,
    ruleName: `${isDefault ? 'defaultSecurityRules' : 'securityRules'}/${rule.name}`,
    isDefault,
  };
}

/** The NSGs that apply to an ip configuration, in Azure's order for the direction. */
export function nsgsOnPath(
  world: World,
  subnetId: string,
  nicNsgId: string | null | undefined,
  direction: Direction,
): { level: 'subnet' | 'nic'; nsg: NetworkSecurityGroup }[] {
  const subnetNsgId = subnetInfo(world, subnetId)?.subnet.networkSecurityGroup?.id;
  const subnetNsg = subnetNsgId ? world.resource<NetworkSecurityGroup>(subnetNsgId) : undefined;
  const nicNsg = nicNsgId ? world.resource<NetworkSecurityGroup>(nicNsgId) : undefined;
  const subnet = subnetNsg ? [{ level: 'subnet' as const, nsg: subnetNsg }] : [];
  const nic = nicNsg ? [{ level: 'nic' as const, nsg: nicNsg }] : [];
  return direction === 'Inbound' ? [...subnet, ...nic] : [...nic, ...subnet];
}

/** Evaluates every NSG between a subnet/NIC and the wire, stopping at the first deny. */
export function evaluatePath(world: World, subnetId: string, nicNsgId: string | null | undefined, packet: NsgPacket): NsgOutcome {
  const ctx = tagContext(world, subnetId);
  const steps: NsgStep[] = [];
  for (const { level, nsg } of nsgsOnPath(world, subnetId, nicNsgId, packet.direction)) {
    const decision = evaluateNsg(nsg, packet, ctx);
    steps.push({ level, decision });
    if (decision.access === 'Deny') return { allowed: false, steps };
  }
  return { allowed: true, steps };
}

/** Evaluates a flow at a NIC ip configuration (its subnet NSG and its NIC NSG). */
export function evaluateAtIpConfig(world: World, info: IpConfigInfo, packet: NsgPacket): NsgOutcome {
  return evaluatePath(world, info.ipConfig.subnet.id, info.nic.networkSecurityGroup?.id, packet);
}

/**
 * `az network watcher test-ip-flow`: the rule that decided. When every NSG allows, the rule of
 * the last NSG evaluated is named [assumption: Network Watcher reports the final deciding rule].
 * With no NSG at all, Azure allows everything; we report it with an empty rule name [assumption].
 */
export function ipFlowVerdict(outcome: NsgOutcome): { access: 'Allow' | 'Deny'; ruleName: string } {
  const last = outcome.steps[outcome.steps.length - 1];
  if (!last) return { access: 'Allow', ruleName: '' };
  return { access: last.decision.access, ruleName: last.decision.ruleName };
}
