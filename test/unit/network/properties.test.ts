// Properties over random worlds and flows built from the fixtures: every trace ends with a
// verdict, its last hop agrees with that verdict, and the same question gives the same answer.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { traceFromInternet, traceFromNic } from '../../../sandbox/network/azure-path.ts';
import type { AzurePathResult } from '../../../sandbox/network/walk.ts';
import { emptyWorld, firewall, natGateway, nic, publicIp, routeTable, subnetId, vnet, type RuleSpec } from './fixtures.ts';
import { SERVICE_IP, SUBNET, VNET, aksKubenet, nodeIp } from './fixtures-aks.ts';

const VERDICTS = ['delivered', 'dropped', 'timed-out', 'refused', 'no-route', 'unresolved'];

const RULES: RuleSpec[] = [
  { name: 'allow-svc', priority: 500, protocol: 'Tcp', source: 'Internet', destination: SERVICE_IP, ports: '80' },
  { name: 'deny-ssh', priority: 200, access: 'Deny', ports: '22' },
  { name: 'deny-out-all', priority: 4000, direction: 'Outbound', access: 'Deny' },
  { name: 'allow-out-web', priority: 300, direction: 'Outbound', protocol: 'Tcp', ports: ['80', '443'] },
  { name: 'deny-lb', priority: 150, access: 'Deny', source: 'AzureLoadBalancer' },
  { name: 'allow-dns', priority: 250, direction: 'Outbound', protocol: 'Udp', ports: '53', destination: 'VirtualNetwork' },
];

const worldSpec = fc.record({
  nodes: fc.integer({ min: 1, max: 5 }),
  forwarding: fc.boolean(),
  service: fc.boolean(),
  floatingIp: fc.boolean(),
  rules: fc.subarray(RULES),
  natGateway: fc.boolean(),
  snat: fc.integer({ min: 0, max: 2000 }),
});

const address = (nodes: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: 5 }).map((i) => nodeIp(i % nodes)),
    fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 2, max: 250 })).map(([n, h]) => `10.244.${n}.${h}`),
    fc.constantFrom(SERVICE_IP, '20.50.0.10', '168.63.129.16', '169.254.169.254', '93.184.216.34', '10.224.9.9', '172.16.0.1', '192.168.1.1', '100.64.0.1'),
    fc.tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })).map((o) => o.join('.')),
  );

function consistent(r: AzurePathResult): void {
  expect(VERDICTS).toContain(r.verdict);
  expect(r.hops.length).toBeGreaterThan(0);
  for (const h of r.hops) expect(h.reason).toMatch(/\S.*[.)]$/);
  const last = r.hops[r.hops.length - 1]!;
  if (r.verdict === 'delivered') {
    expect(last.decision).toBe('deliver');
    expect(r.delivery).toBeDefined();
    expect(r.finalDestination?.ip).toBeTruthy();
  } else {
    expect(last.decision).toBe('drop');
    expect(r.delivery).toBeUndefined();
  }
}

describe('every trace terminates with a consistent verdict', () => {
  it('from a node NIC, for random AKS-like worlds and flows', () => {
    fc.assert(
      fc.property(
        worldSpec.chain((spec) =>
          fc.tuple(
            fc.constant(spec),
            fc.integer({ min: 0, max: spec.nodes - 1 }),
            fc.boolean(),
            address(spec.nodes),
            fc.constantFrom('tcp' as const, 'udp' as const, 'icmp' as const),
            fc.constantFrom(22, 53, 80, 443, 31852),
          ),
        ),
        ([spec, from, podSource, dst, protocol, port]) => {
          const world = emptyWorld();
          world.state.conditions['snatUsage'] = { [nodeIp(0)]: spec.snat };
          if (spec.natGateway) {
            publicIp(world, 'nat-ip', '20.90.0.7');
            natGateway(world, 'gw', ['nat-ip'], [subnetId(VNET, SUBNET)]);
          }
          const { nics } = aksKubenet(world, { nodes: spec.nodes, forwarding: spec.forwarding, nsgRules: spec.rules, service: spec.service ? { floatingIp: spec.floatingIp } : undefined });
          const packet = { srcIp: podSource ? `10.244.${from}.9` : nodeIp(from), dstIp: dst, dstPort: port, protocol };
          const r = traceFromNic(world, nics[from]!.id, packet);
          consistent(r);
          expect(traceFromNic(world, nics[from]!.id, packet)).toEqual(r);
          consistent(traceFromInternet(world, { srcIp: '203.0.113.7', dstIp: dst, dstPort: port, protocol }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops a routing loop between a firewall and its own subnet routes', () => {
    const world = emptyWorld();
    // A 0.0.0.0/0 UDR alone would lose to the system 10.0.0.0/8 None route for 10.50.0.9.
    routeTable(world, 'spoke', [{ name: 'other-spoke', prefix: '10.50.0.0/16', type: 'VirtualAppliance', ip: '10.42.0.4' }]);
    routeTable(world, 'fw-subnet', [{ name: 'back-to-fw', prefix: '10.50.0.0/16', type: 'VirtualAppliance', ip: '10.42.0.4' }]);
    vnet(world, 'v', ['10.42.0.0/16'], [
      { name: 'AzureFirewallSubnet', prefix: '10.42.0.0/26', routeTable: 'fw-subnet' },
      { name: 's', prefix: '10.42.1.0/24', routeTable: 'spoke' },
    ]);
    publicIp(world, 'fw-ip', '20.60.0.1');
    firewall(world, 'fw', {
      privateIp: '10.42.0.4',
      publicIp: 'fw-ip',
      subnet: subnetId('v', 'AzureFirewallSubnet'),
      network: [{ name: 'all', priority: 100, action: 'Allow', rules: [{ name: 'any', protocols: ['Any'], sourceAddresses: ['*'], destinationAddresses: ['*'], destinationFqdns: [], destinationPorts: ['*'] }] }],
    });
    const vm = nic(world, { name: 'vm', subnet: subnetId('v', 's'), ip: '10.42.1.4' });
    const r = traceFromNic(world, vm.id, { srcIp: '10.42.1.4', dstIp: '10.50.0.9', dstPort: 80, protocol: 'tcp' });
    expect(r.verdict).toBe('dropped');
    expect(r.hops.at(-1)).toMatchObject({ decision: 'drop', reason: 'The packet has been forwarded 8 times: the routes form a loop, and it is lost.' });
  });
});
