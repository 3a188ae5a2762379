// Leaving Azure: the Internet next hop needs a public source address (NAT gateway, instance
// public IP, load balancer outbound SNAT with its port budget), and the host address
// 168.63.129.16 / IMDS, which no route or ordinary NSG rule affects.
import type { ClientMachine } from '../model/world.ts';
import { AZURE_HOST_IP, IMDS_IP, type IpConfigInfo } from './addressing.ts';
import { nameOf } from './arm-ids.ts';
import { arriveFromInternet } from './azure-deliver.ts';
import { customRulesByPriority, nsgsOnPath, ruleMatches } from './nsg.ts';
import { tagContext } from './service-tags.ts';
import { chooseSnat, snatPort } from './snat.ts';
import { done, hop, tuple, type AzurePathResult, type Walk } from './walk.ts';

/** Translates the source to a public address and hands the packet to the internet. */
export function egress(walk: Walk, subnetId: string, source: IpConfigInfo | undefined, machine?: ClientMachine): AzurePathResult {
  const p = walk.packet;
  const from = p.srcIp;
  const flowKey = `${p.srcIp}:${p.srcPort}>${p.dstIp}:${p.dstPort ?? 0}/${p.protocol}`;
  const choice = chooseSnat(walk.world, subnetId, source, flowKey);
  // Port-translating SNAT (NAT gateway, load balancer) picks a port from the public IP's range;
  // an instance public IP maps 1:1 and keeps the port.
  const rewrite = (at: string, to: string, reason: string, details: Record<string, string> = {}, keepPort = false) => {
    const before = tuple(p);
    p.srcIp = to;
    if (!keepPort) p.srcPort = snatPort(flowKey);
    hop(walk, { at, action: 'snat', decision: 'rewrite', reason, details: { ...details, before, after: tuple(p) } });
  };
  switch (choice.kind) {
    case 'nat-gateway':
      rewrite(
        `NAT gateway ${choice.natGateway.name}`,
        choice.publicIp.ipAddress,
        `NAT gateway ${choice.natGateway.name} is attached to subnet ${nameOf(subnetId)}, so it translates ${from} to its public IP ${choice.publicIp.ipAddress} (a NAT gateway takes precedence over instance public IPs and load balancer outbound rules).`,
        { publicIp: choice.publicIp.name },
      );
      break;
    case 'instance-public-ip':
      rewrite(
        `public IP ${choice.publicIp.name}`,
        choice.publicIp.ipAddress,
        `Ip configuration ${source!.ipConfig.name} of NIC ${source!.nic.name} has its own public IP ${choice.publicIp.name}, so Azure translates ${from} to ${choice.publicIp.ipAddress}.`,
        {},
        true,
      );
      break;
    case 'lb-outbound-rule':
    case 'lb-rule': {
      const { budget, lb, ruleName, poolName } = choice;
      const at = `load balancer ${lb.name} (${choice.kind === 'lb-outbound-rule' ? 'outbound rule' : 'load-balancing rule'} ${ruleName})`;
      const ports = `${budget.allocated} SNAT ports per instance${budget.automatic ? `, the automatic allocation for a backend pool of ${budget.poolSize}` : ''}`;
      const member = `Ip configuration ${source!.ipConfig.name} of NIC ${source!.nic.name} is in backend pool ${poolName} of load balancer ${lb.name}`;
      if (budget.used >= budget.allocated && !walk.established) {
        hop(walk, {
          at,
          action: 'snat',
          decision: 'drop',
          reason: `${member}, but ${from} already uses ${budget.used} of its ${ports}; the new connection gets no SNAT port and its packets are dropped.`,
          details: { allocated: String(budget.allocated), used: String(budget.used) },
        });
        return done(walk, 'timed-out');
      }
      rewrite(at, choice.publicIp.ipAddress, `${member}; rule ${ruleName} translates ${from} to ${choice.publicIp.ipAddress} (${ports}, ${budget.used} in use).`, {
        allocated: String(budget.allocated),
        used: String(budget.used),
      });
      break;
    }
    case 'none': {
      if (machine && machine.kind === 'vm' && machine.publicIp) {
        rewrite(machine.hostname, machine.publicIp, `${machine.hostname} has the public IP ${machine.publicIp}, so Azure translates ${from} to it.`, {}, true);
        break;
      }
      const why = choice.natGatewayWithoutIp
        ? `NAT gateway ${choice.natGatewayWithoutIp.name} on subnet ${nameOf(subnetId)} has no public IP`
        : `subnet ${nameOf(subnetId)} has no NAT gateway, ${source ? `NIC ${source.nic.name} has no public IP and is in no load balancer pool with outbound SNAT` : 'and the sender has no public IP'}`;
      hop(walk, {
        at: `subnet ${nameOf(subnetId)}`,
        action: 'snat',
        decision: 'drop',
        reason: `The route leads to the internet, but ${why}: nothing translates ${from} to a public address, so the connection times out.`,
      });
      return done(walk, 'timed-out');
    }
  }
  return arriveFromInternet(walk);
}

const PLATFORM_TAGS = ['azureplatformdns', 'azureplatformimds', 'azureplatformlkm'];

/**
 * 168.63.129.16 (DNS, DHCP, health) and 169.254.169.254 (IMDS) are served by the host: routes
 * do not apply and NSGs affect them only through rules naming the AzurePlatformDNS /
 * AzurePlatformIMDS / AzurePlatformLKM tags (network-security-groups-overview, "Azure platform
 * considerations"). Returns the finished walk, or undefined when the destination is elsewhere.
 */
export function platformBypass(walk: Walk, subnetId: string, nicNsgId: string | null | undefined): AzurePathResult | undefined {
  const p = walk.packet;
  if (p.dstIp !== AZURE_HOST_IP && p.dstIp !== IMDS_IP) return undefined;
  const ctx = tagContext(walk.world, subnetId);
  for (const { level, nsg } of nsgsOnPath(walk.world, subnetId, nicNsgId, 'Outbound')) {
    for (const rule of customRulesByPriority(nsg)) {
      const targets = [rule.destinationAddressPrefix ?? '', ...(rule.destinationAddressPrefixes ?? [])];
      if (!targets.some((t) => PLATFORM_TAGS.includes(t.toLowerCase()))) continue;
      if (!ruleMatches(rule, { direction: 'Outbound', ...p }, ctx)) continue;
      if (rule.access === 'Deny') {
        hop(walk, {
          at: `NSG ${nsg.name} (${level === 'subnet' ? `subnet ${nameOf(subnetId)}` : 'NIC'}, outbound)`,
          action: 'nsg',
          decision: 'drop',
          reason: `Rule ${rule.name} (priority ${rule.priority}) denies ${tuple(p)} to the Azure platform address.`,
          details: { rule: `securityRules/${rule.name}`, access: 'Deny' },
        });
        return done(walk, 'dropped');
      }
      break;
    }
  }
  const service = p.dstIp === AZURE_HOST_IP ? 'host' : 'imds';
  hop(walk, {
    at: `Azure ${service === 'host' ? 'host' : 'IMDS'} ${p.dstIp}`,
    action: 'deliver',
    decision: 'deliver',
    reason: `${p.dstIp} is served by the Azure host itself (${service === 'host' ? 'DNS, DHCP and health probes' : 'instance metadata'}); routes and ordinary NSG rules do not apply to it.`,
  });
  return done(walk, 'delivered', { kind: 'platform', service });
}
