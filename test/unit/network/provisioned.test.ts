// The path engine on worlds built by the AKS provisioning controllers (not hand fixtures): what
// `az aks create` lays out must route, NAT and filter as it would in Azure. Also guards against
// O(n²) work on large clusters with loose bounds (exact timing belongs to benchmarks).
import { describe, expect, it } from 'vitest';
import type { NetworkInterface } from '../../../sandbox/model/azure/types.ts';
import { addressing } from '../../../sandbox/network/addressing.ts';
import { traceFromNic } from '../../../sandbox/network/azure-path.ts';
import { create, internalIp, newWorld, nics, nodes, publicIps } from '../aks/helpers.ts';

function nicOf(all: NetworkInterface[], ip: string): NetworkInterface {
  return all.find((n) => n.ipConfigurations.some((c) => c.privateIPAddress === ip))!;
}

describe('a provisioned kubenet cluster', () => {
  const world = newWorld('net-provisioned');
  const cluster = create(world, { networkPlugin: 'kubenet' });
  const [n0, n1] = nodes(world, cluster);
  const all = nics(world);

  it('routes pod → pod across nodes through the node route and IP forwarding', () => {
    const r = traceFromNic(world, nicOf(all, internalIp(n0!)).id, { srcIp: '10.244.0.9', srcPort: 40000, dstIp: '10.244.1.12', dstPort: 8080, protocol: 'tcp' });
    expect(r.hops.map((h) => [h.action, h.decision])).toEqual([
      ['nsg', 'pass'],
      ['route', 'pass'],
      ['nsg', 'pass'],
      ['deliver', 'deliver'],
    ]);
    expect(r.hops[1]!.reason).toBe(`Route ${n1!.metadata.name} (10.244.1.0/24) is the longest prefix matching 10.244.1.12: it sends the packet to the virtual appliance ${internalIp(n1!)}.`);
    expect(r.delivery).toMatchObject({ kind: 'nic', host: n1!.metadata.name, forwarded: true });
  });

  it('leaves for the internet from the managed outbound IP', () => {
    const r = traceFromNic(world, nicOf(all, internalIp(n0!)).id, { srcIp: internalIp(n0!), dstIp: '93.184.216.34', dstPort: 443, protocol: 'tcp' });
    expect([r.verdict, r.sourceSeenAs]).toEqual(['delivered', publicIps(world)[0]!.ipAddress]);
    expect(r.hops[2]!.at).toBe('load balancer kubernetes (outbound rule aksOutboundRule)');
  });

  it('reaches its own API server on the public endpoint', () => {
    const plane = world.state.controlPlanes[cluster.id.toLowerCase()]!;
    const r = traceFromNic(world, nicOf(all, internalIp(n0!)).id, { srcIp: internalIp(n0!), dstIp: plane.publicIp!, dstPort: 443, protocol: 'tcp' });
    expect(r.delivery).toEqual({ kind: 'control-plane', clusterId: cluster.id, public: true });
  });
});

describe('a provisioned overlay cluster', () => {
  it('delivers pod → pod across nodes through the overlay', () => {
    const world = newWorld('net-overlay');
    const cluster = create(world, { networkPlugin: 'azure', networkPluginMode: 'overlay' });
    const [n0, n1] = nodes(world, cluster);
    const podIp = n1!.spec.podCIDR!.replace(/0\/24$/, '7');
    const r = traceFromNic(world, nicOf(nics(world), internalIp(n0!)).id, { srcIp: n0!.spec.podCIDR!.replace(/0\/24$/, '5'), dstIp: podIp, dstPort: 80, protocol: 'tcp' });
    expect([r.verdict, r.hops[1]!.action, r.delivery?.kind === 'nic' && r.delivery.host]).toEqual(['delivered', 'route', n1!.metadata.name]);
  });
});

describe('scale (loose bounds; exact timings belong to benchmarks)', () => {
  function timed<T>(fn: () => T): [T, number] {
    const start = performance.now();
    const value = fn();
    return [value, performance.now() - start];
  }

  it('indexes a 400-node kubenet cluster and traces well under a millisecond', () => {
    const world = newWorld('net-400');
    const cluster = create(world, { networkPlugin: 'kubenet', nodeCount: 400, maxPods: 110, podCidr: '10.128.0.0/14' });
    const [index, build] = timed(() => addressing(world));
    expect(index.ipConfigs.size).toBe(400);
    expect(build).toBeLessThan(1000);
    const all = nics(world);
    const list = nodes(world, cluster);
    const from = nicOf(all, internalIp(list[0]!)).id;
    const podIp = (n: number) => list[n]!.spec.podCIDR!.replace(/0\/24$/, '9');
    expect(traceFromNic(world, from, { srcIp: podIp(0), dstIp: podIp(399), dstPort: 80, protocol: 'tcp' }).verdict).toBe('delivered');
    const [, total] = timed(() => {
      for (let i = 0; i < 1000; i++) {
        traceFromNic(world, from, { srcIp: podIp(0), dstIp: podIp(1 + (i % 399)), dstPort: 80, protocol: 'tcp' });
        traceFromNic(world, from, { srcIp: internalIp(list[0]!), dstIp: '93.184.216.34', dstPort: 443, protocol: 'tcp' });
      }
    });
    expect(total / 2000).toBeLessThan(1);
  });

  it('indexes a 1,000-node overlay cluster', () => {
    const world = newWorld('net-1000');
    create(world, { networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 1000, podCidr: '10.128.0.0/14' });
    const [index, build] = timed(() => addressing(world));
    expect([index.ipConfigs.size, index.overlayRanges.length]).toEqual([1000, 1000]);
    expect(build).toBeLessThan(1500);
  });
});
