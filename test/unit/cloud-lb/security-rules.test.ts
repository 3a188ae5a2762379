import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NetworkSecurityGroup, SecurityRule } from '../../../sandbox/model/azure/types.ts';
import { allowRuleName, DENY_ALL_RULE_NAME } from '../../../sandbox/controllers/cloud-lb/index.ts';
import { md5Hex } from '../../../sandbox/controllers/cloud-lb/md5.ts';
import { aggregateRanges } from '../../../sandbox/controllers/cloud-lb/security-group.ts';
import { addService, eventsOf, getService, settleLb, threeNodeCluster, type Fixture } from './fixtures.ts';

function rules(f: Fixture): SecurityRule[] {
  return f.world.resource<NetworkSecurityGroup>(f.nsgId)!.securityRules;
}

function ipOf(f: Fixture, name: string): string {
  return getService(f, name)!.status.loadBalancer.ingress![0]!.ip!;
}

describe('rule names', () => {
  it('hash protocol, sorted sources and sorted port strings with MD5', () => {
    expect(allowRuleName('Tcp', ['Internet'], [80])).toBe(`k8s-azure-lb_allow_IPv4_${createHash('md5').update('Tcp_Internet_80').digest('hex')}`);
    expect(allowRuleName('Udp', ['203.0.113.0/24', '198.51.100.0/24'], [53, 1000])).toBe(
      `k8s-azure-lb_allow_IPv4_${createHash('md5').update('Udp_198.51.100.0/24,203.0.113.0/24_1000,53').digest('hex')}`,
    );
    expect(DENY_ALL_RULE_NAME).toBe('k8s-azure-lb_deny-all_IPv4');
  });

  it('MD5 matches Node for arbitrary text', () => {
    for (const s of ['', 'a', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'héllo ✓ 😀', 'Tcp_10.0.0.0/8,Internet_443,80']) {
      expect(md5Hex(s)).toBe(createHash('md5').update(s).digest('hex'));
    }
  });

  it('aggregates overlapping and adjacent ranges as CPA does', () => {
    expect(aggregateRanges(['10.0.0.0/24', '10.0.1.0/24', '10.0.0.128/25', '192.168.0.0/16'])).toEqual(['10.0.0.0/23', '192.168.0.0/16']);
    expect(aggregateRanges(['10.0.1.0/24', '10.0.2.0/24'])).toEqual(['10.0.1.0/24', '10.0.2.0/24']);
  });
});

describe('who may reach the frontend', () => {
  it('two Services on port 80 share one rule listing both addresses; another port gets the next priority', () => {
    const f = threeNodeCluster();
    addService(f, 'a', { uid: 'aaaaaaaa-0000-4000-8000-00000000000a' });
    addService(f, 'b', { uid: 'bbbbbbbb-0000-4000-8000-00000000000b' });
    addService(f, 'c', { uid: 'cccccccc-0000-4000-8000-00000000000c', ports: [{ port: 443 }] });
    settleLb(f);
    expect(rules(f).map((r) => [r.name, r.priority, r.destinationAddressPrefix ?? null, r.destinationAddressPrefixes, r.destinationPortRanges])).toEqual([
      [allowRuleName('Tcp', ['Internet'], [80]), 500, null, [ipOf(f, 'a'), ipOf(f, 'b')].sort(), ['80']],
      [allowRuleName('Tcp', ['Internet'], [443]), 501, ipOf(f, 'c'), [], ['443']],
    ]);
    // Deleting one keeps the shared rule for the other, back to a single destination.
    f.world.k8sDelete(f.clusterId, 'Service', 'default', 'a');
    settleLb(f);
    expect(rules(f).map((r) => [r.priority, r.destinationAddressPrefix, r.destinationAddressPrefixes])).toEqual([
      [500, ipOf(f, 'b'), []],
      [501, ipOf(f, 'c'), []],
    ]);
  });

  it('loadBalancerSourceRanges replace Internet with the ranges; the deny-all rule comes with the annotation', () => {
    const f = threeNodeCluster();
    addService(f, 'web', {
      uid: 'aaaaaaaa-0000-4000-8000-00000000000a',
      loadBalancerSourceRanges: ['203.0.113.0/24', '198.51.100.7/32'],
      annotations: { 'service.beta.kubernetes.io/azure-deny-all-except-load-balancer-source-ranges': 'true' },
    });
    settleLb(f);
    const ip = ipOf(f, 'web');
    expect(rules(f).map((r) => [r.name, r.priority, r.access, r.protocol, r.sourceAddressPrefix ?? null, r.sourceAddressPrefixes, r.destinationAddressPrefix, r.destinationPortRange ?? null, r.destinationPortRanges])).toEqual([
      [allowRuleName('Tcp', ['198.51.100.7/32', '203.0.113.0/24'], [80]), 500, 'Allow', 'Tcp', null, ['198.51.100.7/32', '203.0.113.0/24'], ip, null, ['80']],
      ['k8s-azure-lb_deny-all_IPv4', 4095, 'Deny', '*', '*', [], ip, '*', []],
    ]);
  });

  it('without the annotation, source ranges give the allow rule only', () => {
    const f = threeNodeCluster();
    addService(f, 'web', { uid: 'aaaaaaaa-0000-4000-8000-00000000000a', loadBalancerSourceRanges: ['203.0.113.0/24'] });
    settleLb(f);
    expect(rules(f).map((r) => [r.priority, r.sourceAddressPrefix])).toEqual([[500, '203.0.113.0/24']]);
  });

  it('allowed service tags replace Internet; both source-range kinds at once is refused', () => {
    const f = threeNodeCluster();
    addService(f, 'web', { uid: 'aaaaaaaa-0000-4000-8000-00000000000a', annotations: { 'service.beta.kubernetes.io/azure-allowed-service-tags': 'AzureFrontDoor.Backend' } });
    addService(f, 'both', {
      uid: 'bbbbbbbb-0000-4000-8000-00000000000b',
      loadBalancerSourceRanges: ['10.0.0.0/8'],
      annotations: { 'service.beta.kubernetes.io/azure-allowed-ip-ranges': '192.168.0.0/16' },
    });
    settleLb(f);
    expect(rules(f).map((r) => r.sourceAddressPrefix)).toEqual(['AzureFrontDoor.Backend']);
    expect(eventsOf(f, 'both')[1]).toBe(
      'Warning SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: cannot set both spec.LoadBalancerSourceRanges and service annotation service.beta.kubernetes.io/azure-allowed-ip-ranges',
    );
  });

  it('priorities skip those the learner\'s own rules hold, and user rules are left alone', () => {
    const f = threeNodeCluster();
    const nsg = structuredClone(f.world.resource<NetworkSecurityGroup>(f.nsgId)!);
    nsg.securityRules.push({
      id: `${nsg.id}/securityRules/allow-ssh`,
      name: 'allow-ssh',
      type: 'Microsoft.Network/networkSecurityGroups/securityRules',
      resourceGroup: nsg.resourceGroup,
      priority: 500,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefix: '*',
      sourceAddressPrefixes: [],
      sourcePortRange: '*',
      sourcePortRanges: [],
      destinationAddressPrefix: '*',
      destinationAddressPrefixes: [],
      destinationPortRange: '22',
      destinationPortRanges: [],
      provisioningState: 'Succeeded',
    });
    f.world.putResource(nsg);
    addService(f, 'web', { uid: 'aaaaaaaa-0000-4000-8000-00000000000a' });
    settleLb(f);
    expect(rules(f).map((r) => [r.name, r.priority])).toEqual([
      ['allow-ssh', 500],
      [allowRuleName('Tcp', ['Internet'], [80]), 501],
    ]);
  });
});
