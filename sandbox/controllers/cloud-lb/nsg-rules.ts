// The cloud provider's edits to rules of the cluster NSG (CPA pkg/provider/securitygroup
// RuleHelper). Rules are shared between Services: one allow rule per (protocol, sources, ports)
// named k8s-azure-lb_allow_IPv4_<md5>, listing every frontend IP that needs it; priorities from
// 500 up for allow rules, from 4095 down for the deny-all rule.
import type { NetworkSecurityGroup, SecurityRule } from '../../model/azure/types.ts';
import { md5Hex } from './md5.ts';

export type NsgProtocol = 'Tcp' | 'Udp' | '*';

const PREFIX = 'k8s-azure-lb';
const MIN_PRIORITY = 500;
const MAX_PRIORITY = 4096;

export function allowRuleName(protocol: NsgProtocol, sources: string[], ports: number[]): string {
  const src = sources.slice().sort();
  const dst = ports.map(String).sort();
  return [PREFIX, 'allow', 'IPv4', md5Hex([protocol, src.join(','), dst.join(',')].join('_'))].join('_');
}

export const DENY_ALL_RULE_NAME = [PREFIX, 'deny-all', 'IPv4'].join('_');

export function isManagedRule(rule: SecurityRule): boolean {
  return rule.name.startsWith(PREFIX) && rule.priority >= MIN_PRIORITY && rule.priority <= MAX_PRIORITY;
}

export function destinations(rule: SecurityRule): string[] {
  const out: string[] = [];
  if (rule.destinationAddressPrefix) out.push(rule.destinationAddressPrefix);
  return out.concat(rule.destinationAddressPrefixes ?? []);
}

function setDestinations(rule: SecurityRule, prefixes: string[]): void {
  const list = [...new Set(prefixes)].sort();
  if (list.length === 1) {
    rule.destinationAddressPrefix = list[0];
    rule.destinationAddressPrefixes = [];
  } else {
    delete rule.destinationAddressPrefix;
    rule.destinationAddressPrefixes = list;
  }
}

/** Rules CPA writes list ports one by one; a range or "*" makes it leave the rule alone. */
function ports(rule: SecurityRule): number[] | undefined {
  const values = (rule.destinationPortRange ? [rule.destinationPortRange] : []).concat(rule.destinationPortRanges ?? []);
  if (values.some((v) => !/^\d+$/.test(v))) return undefined;
  return values.map(Number);
}

/** A working set of one NSG's rules (RuleHelper). Mutates the NSG copy it is given. */
export class NsgRuleEditor {
  private readonly nsg: NetworkSecurityGroup;
  private readonly rules = new Map<string, SecurityRule>();
  private readonly priorities = new Set<number>();

  constructor(nsg: NetworkSecurityGroup) {
    this.nsg = nsg;
    for (const r of nsg.securityRules) {
      this.rules.set(r.name, r);
      this.priorities.add(r.priority);
    }
  }

  private nextPriority(fromEnd: boolean): number {
    if (fromEnd) {
      for (let p = MAX_PRIORITY - 1; p >= MIN_PRIORITY; p--) if (!this.priorities.has(p)) return p;
    } else {
      for (let p = MIN_PRIORITY; p < MAX_PRIORITY; p++) if (!this.priorities.has(p)) return p;
    }
    throw new Error('security rule priority exhausted');
  }

  private getOrCreate(name: string, fromEnd: boolean): SecurityRule {
    const existing = this.rules.get(name);
    if (existing) return existing;
    const priority = this.nextPriority(fromEnd);
    const rule: SecurityRule = {
      id: `${this.nsg.id}/securityRules/${name}`,
      name,
      type: 'Microsoft.Network/networkSecurityGroups/securityRules',
      resourceGroup: this.nsg.resourceGroup,
      priority,
      direction: 'Inbound',
      access: 'Allow',
      protocol: '*',
      sourceAddressPrefixes: [],
      destinationAddressPrefixes: [],
      sourcePortRanges: [],
      destinationPortRanges: [],
      provisioningState: 'Succeeded',
    };
    this.rules.set(name, rule);
    this.priorities.add(priority);
    return rule;
  }

  addAllow(protocol: NsgProtocol, sources: string[], dst: string[], dstPorts: number[]): void {
    const rule = this.getOrCreate(allowRuleName(protocol, sources, dstPorts), false);
    const src = sources.slice().sort();
    rule.protocol = protocol;
    rule.access = 'Allow';
    rule.direction = 'Inbound';
    if (src.length === 1) {
      rule.sourceAddressPrefix = src[0];
      rule.sourceAddressPrefixes = [];
    } else {
      delete rule.sourceAddressPrefix;
      rule.sourceAddressPrefixes = src;
    }
    rule.sourcePortRange = '*';
    setDestinations(rule, destinations(rule).concat(dst));
    delete rule.destinationPortRange;
    rule.destinationPortRanges = dstPorts.map(String).sort();
  }

  addDenyAll(dst: string[]): void {
    const rule = this.getOrCreate(DENY_ALL_RULE_NAME, true);
    rule.protocol = '*';
    rule.access = 'Deny';
    rule.direction = 'Inbound';
    rule.sourceAddressPrefix = '*';
    rule.sourceAddressPrefixes = [];
    rule.sourcePortRange = '*';
    setDestinations(rule, dst.concat(destinations(rule)));
    rule.destinationPortRange = '*';
    rule.destinationPortRanges = [];
  }

  /** RemoveDestinationFromRules: take addresses out of rules, keeping ports other Services on the same IP still use. */
  removeDestinations(protocol: NsgProtocol, dst: string[], retainPorts: number[]): void {
    const gone = new Set(dst);
    for (const rule of [...this.rules.values()]) {
      if (!isManagedRule(rule) || rule.protocol !== protocol) continue;
      const current = destinations(rule);
      const keep = current.filter((d) => !gone.has(d));
      const hit = current.filter((d) => gone.has(d));
      if (rule.access === 'Deny' && retainPorts.length === 0) {
        setDestinations(rule, keep);
        continue;
      }
      const currentPorts = ports(rule);
      if (!currentPorts) continue;
      const retained = currentPorts.filter((p) => retainPorts.includes(p));
      if (hit.length === 0 || retained.length === currentPorts.length) continue;
      setDestinations(rule, keep);
      if (retained.length > 0) {
        const sources = rule.sourceAddressPrefix ? [rule.sourceAddressPrefix] : rule.sourceAddressPrefixes;
        this.addAllow(protocol, sources.concat(), dst, retained);
      }
    }
  }

  /** RetainDestinationFromRules: managed rules keep only addresses some Service or node still has. */
  retainDestinations(keep: Set<string>): void {
    for (const rule of this.rules.values()) {
      if (!isManagedRule(rule)) continue;
      const current = destinations(rule);
      const kept = current.filter((d) => keep.has(d));
      if (kept.length !== current.length) setDestinations(rule, kept);
    }
  }

  /** Writes the rules back: rules left without destinations disappear; order by priority, as CPA sends them. */
  finish(): void {
    this.nsg.securityRules = [...this.rules.values()]
      .filter((r) => destinations(r).length > 0)
      .sort((a, b) => a.priority - b.priority);
  }
}
