import { describe, expect, it } from 'vitest';
import { ipConfigInfo } from '../../../sandbox/network/addressing.ts';
import { evaluateAtIpConfig, evaluateNsg, type NsgPacket } from '../../../sandbox/network/nsg.ts';
import { nicEffectiveNsgs } from '../../../sandbox/network/nsg-effective.ts';
import { tagContext } from '../../../sandbox/network/service-tags.ts';
import { testIpFlow } from '../../../sandbox/network/watcher.ts';
import { emptyWorld, nic, nsg, peer, routeTable, subnetId, vnet, type RuleSpec } from './fixtures.ts';
import { NSG, SUBNET, VNET, aksKubenet } from './fixtures-aks.ts';

const inbound = (src: string, dst: string, port: number, protocol: NsgPacket['protocol'] = 'tcp'): NsgPacket => ({ direction: 'Inbound', protocol, srcIp: src, srcPort: 40000, dstIp: dst, dstPort: port });
const outbound = (src: string, dst: string, port: number, protocol: NsgPacket['protocol'] = 'tcp'): NsgPacket => ({ direction: 'Outbound', protocol, srcIp: src, srcPort: 40000, dstIp: dst, dstPort: port });

function single(rules: RuleSpec[]) {
  const world = emptyWorld();
  const group = nsg(world, 'test-nsg', rules);
  routeTable(world, 'rt', [{ name: 'pods', prefix: '10.244.0.0/16', type: 'VirtualAppliance', ip: '10.224.0.4' }]);
  vnet(world, 'v', ['10.224.0.0/12'], [{ name: 's', prefix: '10.224.0.0/16', nsg: 'test-nsg', routeTable: 'rt' }]);
  const ctx = tagContext(world, subnetId('v', 's'));
  return { world, judge: (p: NsgPacket) => evaluateNsg(group, p, ctx) };
}

describe('NSG evaluation', () => {
  it('lets the lowest priority number win, then falls through to the default rules', () => {
    const { judge } = single([
      { name: 'deny-web', priority: 200, access: 'Deny', ports: '80' },
      { name: 'allow-web', priority: 100, ports: '80', source: 'Internet' },
    ]);
    expect(judge(inbound('203.0.113.9', '10.224.0.4', 80))).toMatchObject({ ruleName: 'securityRules/allow-web', access: 'Allow', isDefault: false });
    expect(judge(inbound('10.224.0.5', '10.224.0.4', 80))).toMatchObject({ ruleName: 'securityRules/deny-web', access: 'Deny' });
    expect(judge(inbound('203.0.113.9', '10.224.0.4', 22))).toMatchObject({ ruleName: 'defaultSecurityRules/DenyAllInBound', access: 'Deny', isDefault: true });
    expect(judge(inbound('10.224.0.5', '10.224.0.4', 22))).toMatchObject({ ruleName: 'defaultSecurityRules/AllowVnetInBound', access: 'Allow' });
    expect(judge(outbound('10.224.0.4', '93.184.216.34', 443))).toMatchObject({ ruleName: 'defaultSecurityRules/AllowInternetOutBound' });
    expect(judge(inbound('168.63.129.16', '10.224.0.4', 31852))).toMatchObject({ ruleName: 'defaultSecurityRules/AllowVnetInBound' });
  });

  it('reads port lists, ranges, address lists, single IPs and protocols', () => {
    const { judge } = single([
      { name: 'lb-ports', priority: 500, protocol: 'Tcp', source: ['203.0.113.0/24', '198.51.100.7'], destination: '20.50.0.20', ports: ['80', '443', '30000-32767'] },
      { name: 'deny-rest', priority: 4096, access: 'Deny' },
    ]);
    expect(judge(inbound('203.0.113.9', '20.50.0.20', 31852)).ruleName).toBe('securityRules/lb-ports');
    expect(judge(inbound('198.51.100.7', '20.50.0.20', 443)).ruleName).toBe('securityRules/lb-ports');
    expect(judge(inbound('198.51.100.8', '20.50.0.20', 443)).ruleName).toBe('securityRules/deny-rest');
    expect(judge(inbound('203.0.113.9', '20.50.0.20', 8080)).ruleName).toBe('securityRules/deny-rest');
    expect(judge(inbound('203.0.113.9', '20.50.0.20', 80, 'udp')).ruleName).toBe('securityRules/deny-rest');
    // ICMP has no ports: a port-specific rule never matches it, an any-port rule does.
    expect(judge(inbound('203.0.113.9', '20.50.0.20', 0, 'icmp')).ruleName).toBe('securityRules/deny-rest');
  });

  it('expands VirtualNetwork to the VNet, peered VNets, 168.63.129.16 and the subnet route table prefixes', () => {
    const world = emptyWorld();
    routeTable(world, 'rt', [{ name: 'pods', prefix: '10.244.0.0/16', type: 'VirtualAppliance', ip: '10.224.0.4' }]);
    const a = vnet(world, 'v', ['10.224.0.0/12'], [{ name: 's', prefix: '10.224.0.0/16', routeTable: 'rt' }]);
    const b = vnet(world, 'hub', ['10.10.0.0/16'], [{ name: 's', prefix: '10.10.0.0/24' }]);
    peer(world, a, b);
    const ctx = tagContext(world, subnetId('v', 's'));
    expect(ctx.virtualNetwork).toEqual(['10.224.0.0/12', '168.63.129.16/32', '10.10.0.0/16', '10.244.0.0/16']);
    const group = nsg(world, 'n', []);
    const allow = (src: string) => evaluateNsg(group, inbound(src, '10.224.0.4', 80), ctx).ruleName;
    expect(allow('10.244.3.9')).toBe('defaultSecurityRules/AllowVnetInBound'); // kubenet pod from another node
    expect(allow('10.10.0.4')).toBe('defaultSecurityRules/AllowVnetInBound');
    expect(allow('10.99.0.4')).toBe('defaultSecurityRules/DenyAllInBound');
    expect(allow('168.63.129.16')).toBe('defaultSecurityRules/AllowVnetInBound');
  });

  it('a UDR 0.0.0.0/0 puts everything inside VirtualNetwork, so AllowVnetInBound admits the internet', () => {
    const world = emptyWorld();
    routeTable(world, 'rt', [{ name: 'fw', prefix: '0.0.0.0/0', type: 'VirtualAppliance', ip: '10.0.1.4' }]);
    vnet(world, 'v', ['10.224.0.0/12'], [{ name: 's', prefix: '10.224.0.0/16', routeTable: 'rt' }]);
    const group = nsg(world, 'n', []);
    const d = evaluateNsg(group, inbound('203.0.113.9', '10.224.0.4', 22), tagContext(world, subnetId('v', 's')));
    expect(d.ruleName).toBe('defaultSecurityRules/AllowVnetInBound');
  });

  it('Internet excludes the VNet and private ranges; AzureLoadBalancer is only 168.63.129.16', () => {
    const { judge } = single([
      { name: 'from-internet', priority: 100, source: 'Internet', ports: '80' },
      { name: 'from-lb', priority: 110, source: 'AzureLoadBalancer', ports: '31852' },
      { name: 'deny', priority: 4000, access: 'Deny' },
    ]);
    expect(judge(inbound('20.1.2.3', '10.224.0.4', 80)).ruleName).toBe('securityRules/from-internet');
    expect(judge(inbound('10.224.0.9', '10.224.0.4', 80)).ruleName).toBe('securityRules/deny');
    expect(judge(inbound('172.20.0.9', '10.224.0.4', 80)).ruleName).toBe('securityRules/deny');
    expect(judge(inbound('168.63.129.16', '10.224.0.4', 31852)).ruleName).toBe('securityRules/from-lb');
    expect(judge(inbound('20.1.2.3', '10.224.0.4', 31852)).ruleName).toBe('securityRules/deny');
  });
});

describe('NSG order on a NIC', () => {
  function world2() {
    const world = emptyWorld();
    nsg(world, 'subnet-nsg', [
      { name: 'deny-ssh-in', priority: 100, access: 'Deny', ports: '22' },
      { name: 'deny-smtp-out', priority: 100, direction: 'Outbound', access: 'Deny', ports: '25' },
    ]);
    nsg(world, 'nic-nsg', [
      { name: 'deny-ssh-in-nic', priority: 100, access: 'Deny', ports: '22' },
      { name: 'deny-smtp-out-nic', priority: 100, direction: 'Outbound', access: 'Deny', ports: '25' },
      { name: 'deny-web-in-nic', priority: 110, access: 'Deny', ports: '80' },
    ]);
    vnet(world, 'v', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24', nsg: 'subnet-nsg' }]);
    const n = nic(world, { name: 'vm1-nic', subnet: subnetId('v', 's'), ip: '10.1.0.4', nsg: 'nic-nsg' });
    return { world, n, info: ipConfigInfo(world, n.ipConfigurations[0]!.id)! };
  }

  it('inbound: subnet NSG first, then the NIC NSG; both must allow', () => {
    const { world, info } = world2();
    const ssh = evaluateAtIpConfig(world, info, inbound('10.1.0.9', '10.1.0.4', 22));
    expect(ssh.allowed).toBe(false);
    expect(ssh.steps.map((s) => [s.level, s.decision.ruleName])).toEqual([['subnet', 'securityRules/deny-ssh-in']]);
    const web = evaluateAtIpConfig(world, info, inbound('10.1.0.9', '10.1.0.4', 80));
    expect(web.steps.map((s) => [s.level, s.decision.ruleName])).toEqual([
      ['subnet', 'defaultSecurityRules/AllowVnetInBound'],
      ['nic', 'securityRules/deny-web-in-nic'],
    ]);
    expect(web.allowed).toBe(false);
  });

  it('outbound: NIC NSG first, then the subnet NSG', () => {
    const { world, info } = world2();
    const smtp = evaluateAtIpConfig(world, info, outbound('10.1.0.4', '20.1.2.3', 25));
    expect(smtp.steps.map((s) => [s.level, s.decision.ruleName])).toEqual([['nic', 'securityRules/deny-smtp-out-nic']]);
    const web = evaluateAtIpConfig(world, info, outbound('10.1.0.4', '20.1.2.3', 443));
    expect(web.allowed).toBe(true);
    expect(web.steps.map((s) => s.level)).toEqual(['nic', 'subnet']);
  });

  it('test-ip-flow names the deciding rule', () => {
    const { world, n } = world2();
    expect(testIpFlow(world, n, { direction: 'Inbound', protocol: 'TCP', local: '10.1.0.4:22', remote: '10.1.0.9:50000' })).toEqual({ access: 'Deny', ruleName: 'securityRules/deny-ssh-in' });
    expect(testIpFlow(world, n, { direction: 'Outbound', protocol: 'TCP', local: '10.1.0.4:50000', remote: '20.1.2.3:443' })).toEqual({ access: 'Allow', ruleName: 'defaultSecurityRules/AllowInternetOutBound' });
    expect(testIpFlow(world, n, { direction: 'Inbound', protocol: 'TCP', local: '10.1.0.99:22', remote: '10.1.0.9:50000' })).toBeUndefined();
  });
});

describe('list-effective-nsg', () => {
  it('prints the subnet NSG of an AKS node with normalised ports, prefixes and expansions', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 1, nsgRules: [{ name: 'allow-web', priority: 500, protocol: 'Tcp', source: 'Internet', destination: '20.50.0.20', ports: '80' }] });
    const list = nicEffectiveNsgs(world, nics[0]!);
    expect(list.value).toHaveLength(1);
    const group = list.value[0]!;
    expect(group.association).toEqual({ networkInterface: null, subnet: { id: subnetId(VNET, SUBNET) } });
    expect(group.effectiveSecurityRules.map((r) => `${r.name} ${r.priority} ${r.direction} ${r.protocol}`)).toEqual([
      'securityRules/allow-web 500 Inbound Tcp',
      'defaultSecurityRules/AllowVnetInBound 65000 Inbound All',
      'defaultSecurityRules/AllowAzureLoadBalancerInBound 65001 Inbound All',
      'defaultSecurityRules/DenyAllInBound 65500 Inbound All',
      'defaultSecurityRules/AllowVnetOutBound 65000 Outbound All',
      'defaultSecurityRules/AllowInternetOutBound 65001 Outbound All',
      'defaultSecurityRules/DenyAllOutBound 65500 Outbound All',
    ]);
    const web = group.effectiveSecurityRules[0]!;
    expect(web).toMatchObject({
      destinationAddressPrefix: '20.50.0.20/32',
      destinationPortRange: '80-80',
      destinationPortRanges: ['80-80'],
      sourcePortRange: '0-65535',
      sourceAddressPrefix: 'Internet',
      expandedDestinationAddressPrefix: null,
    });
    expect(web.expandedSourceAddressPrefix).toContain('16.0.0.0/4');
    expect(web.expandedSourceAddressPrefix).not.toContain('10.0.0.0/8');
    const vnetRule = group.effectiveSecurityRules[1]!;
    expect(vnetRule.expandedSourceAddressPrefix).toEqual(['10.224.0.0/12', '168.63.129.16/32', '10.244.0.0/24']);
    expect(group.tagMap['VirtualNetwork']).toEqual(['10.224.0.0/12', '168.63.129.16/32', '10.244.0.0/24']);
    expect(group.networkSecurityGroup.id).toContain(`/networkSecurityGroups/${NSG}`);
    const deny = group.effectiveSecurityRules[3]!;
    expect([deny.sourceAddressPrefix, deny.expandedSourceAddressPrefix]).toEqual(['0.0.0.0/0', null]);
  });
});
