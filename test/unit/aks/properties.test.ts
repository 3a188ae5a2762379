// Property tests over random clusters and random scale sequences: the address invariants
// Azure and Kubernetes guarantee must hold whatever the learner does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addNodePool, createManagedCluster, scaleNodePool, type AksCreateRequest } from '../../../sandbox/controllers/aks/index.ts';
import { azureFirstUsable, cidrContains, cidrSize, cidrsOverlap, ipToInt, parseCidr } from '../../../sandbox/core/ip.ts';
import { isAzureError } from '../../../sandbox/model/azure/errors.ts';
import type { ManagedCluster, NetworkInterface, PrivateEndpoint, VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import type { Node } from '../../../sandbox/model/k8s/types.ts';
import type { World } from '../../../sandbox/model/world.ts';
import { byoVnet, newWorld, RG, subnetIdOf } from './helpers.ts';

type Plugin = 'kubenet' | 'azure' | 'overlay';

interface Scenario {
  plugin: Plugin;
  subnetPrefix: number;
  podPrefix: number;
  nodes: number;
  privateCluster: boolean;
  steps: { kind: 'scale' | 'add'; count: number }[];
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  plugin: fc.constantFrom<Plugin>('kubenet', 'azure', 'overlay'),
  subnetPrefix: fc.integer({ min: 22, max: 27 }),
  podPrefix: fc.integer({ min: 18, max: 22 }),
  nodes: fc.integer({ min: 1, max: 12 }),
  privateCluster: fc.boolean(),
  steps: fc.array(fc.record({ kind: fc.constantFrom<'scale' | 'add'>('scale', 'add'), count: fc.integer({ min: 0, max: 14 }) }), { maxLength: 5 }),
});

function build(s: Scenario): { world: World; cluster: ManagedCluster } | undefined {
  const world = newWorld('property');
  byoVnet(world, 'spoke', ['10.20.0.0/16'], [{ name: 'nodes', prefix: `10.20.0.0/${s.subnetPrefix}` }]);
  const request: AksCreateRequest = {
    resourceGroup: RG,
    name: 'prop',
    networkPlugin: s.plugin === 'overlay' ? 'azure' : s.plugin,
    networkPluginMode: s.plugin === 'overlay' ? 'overlay' : undefined,
    podCidr: s.plugin === 'azure' ? undefined : `172.20.0.0/${s.podPrefix}`,
    vnetSubnetId: subnetIdOf(world, 'spoke', 'nodes'),
    nodeCount: s.nodes,
    maxPods: s.plugin === 'azure' ? 10 : undefined,
    enablePrivateCluster: s.privateCluster,
  };
  const created = createManagedCluster(world, request);
  if (isAzureError(created)) return undefined;
  let pools = 1;
  for (const step of s.steps) {
    if (step.kind === 'scale') scaleNodePool(world, created.id, 'nodepool1', step.count);
    else addNodePool(world, created.id, { name: `user${pools++}`, nodeCount: step.count, maxPods: s.plugin === 'azure' ? 10 : undefined });
  }
  return { world, cluster: world.resource<ManagedCluster>(created.id)! };
}

function addressesBySubnet(world: World): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (subnetId: string, ip: string) => {
    const list = out.get(subnetId.toLowerCase()) ?? [];
    list.push(ip);
    out.set(subnetId.toLowerCase(), list);
  };
  for (const nic of world.resourcesOfType<NetworkInterface>('Microsoft.Network/networkInterfaces')) {
    for (const config of nic.ipConfigurations) add(config.subnet.id, config.privateIPAddress);
  }
  for (const endpoint of world.resourcesOfType<PrivateEndpoint>('Microsoft.Network/privateEndpoints')) {
    // The endpoint's own NIC already holds its address; count it once.
    if (!endpoint.networkInterfaces.length) add(endpoint.subnet.id, endpoint.privateIPAddress);
  }
  return out;
}

const RUNS = { numRuns: 60, seed: 20261126 };

describe('IPAM properties', () => {
  it('no address is handed out twice in a subnet, and every one is usable (not x.x.x.0-3 or broadcast)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const built = build(s);
        if (!built) return;
        const vnet = built.world.resourcesOfType<VirtualNetwork>('Microsoft.Network/virtualNetworks')[0]!;
        for (const [subnetId, ips] of addressesBySubnet(built.world)) {
          expect(new Set(ips).size).toBe(ips.length);
          const subnet = vnet.subnets.find((x) => x.id.toLowerCase() === subnetId)!;
          const cidr = parseCidr(subnet.addressPrefix);
          for (const ip of ips) {
            const value = ipToInt(ip);
            expect(value >= azureFirstUsable(cidr) && value <= cidr.base + cidrSize(cidr) - 2).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('every node address lies in its pool subnet, and node count matches the pools', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const built = build(s);
        if (!built) return;
        const nodes = built.world.k8sList<Node>(built.cluster.id, 'Node');
        const subnet = parseCidr(`10.20.0.0/${s.subnetPrefix}`);
        for (const node of nodes) {
          const ip = node.status.addresses.find((a) => a.type === 'InternalIP')!.address;
          expect(cidrContains(subnet, ipToInt(ip))).toBe(true);
        }
        expect(nodes.length).toBe(built.cluster.agentPoolProfiles.reduce((sum, p) => sum + p.count, 0));
      }),
      RUNS,
    );
  });

  it('kubenet and overlay podCIDRs are /24s inside the pod CIDR and pairwise disjoint', () => {
    fc.assert(
      fc.property(
        scenario.filter((s) => s.plugin !== 'azure'),
        (s) => {
          const built = build(s);
          if (!built) return;
          const pod = parseCidr(built.cluster.networkProfile.podCidr!);
          const blocks = built.world.k8sList<Node>(built.cluster.id, 'Node').map((n) => parseCidr(n.spec.podCIDR!));
          for (const block of blocks) {
            expect(block.prefix).toBe(24);
            expect(cidrContains(pod, block.base)).toBe(true);
          }
          for (let i = 0; i < blocks.length; i++) {
            for (let j = i + 1; j < blocks.length; j++) expect(cidrsOverlap(blocks[i]!, blocks[j]!)).toBe(false);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('the generator', () => {
  it('builds a cluster in most scenarios (so the properties above are not vacuous)', () => {
    const samples = fc.sample(scenario, { numRuns: 60, seed: RUNS.seed });
    const built = samples.filter((s) => build(s) !== undefined).length;
    expect(built).toBeGreaterThan(30);
  });
});
