// API server access modes as the learner meets them from the workstation, a jump box and the
// nodes.
import { describe, expect, it } from 'vitest';
import { inCidr } from '../../../sandbox/core/ip.ts';
import type { PrivateDnsZone } from '../../../sandbox/model/azure/types.ts';
import { resolveName } from '../../../sandbox/network/dns/index.ts';
import { clusterEgressIps, reachFor } from '../../../sandbox/network/trace/index.ts';
import { before, built, clusterOf, fromMachine, fromNode, nodesOf, ready, run } from './helpers.ts';

describe('authorized-ip', () => {
  const { world } = built('authorized-ip');
  const mc = clusterOf(world);

  it('trusts only the office range; the workstation is outside it', () => {
    expect(mc.apiServerAccessProfile!.authorizedIpRanges).toEqual(['203.0.113.0/24']);
    expect(inCidr('203.0.113.0/24', world.state.machines['workstation']!.publicIp)).toBe(false);
  });

  it('kubectl from the workstation times out; nodes get through with the cluster egress IP', () => {
    const t = run(world, fromMachine('workstation'), mc.fqdn!, 443);
    expect([t.verdict, t.hops.at(-1)!.action, t.hops.at(-1)!.decision]).toEqual(['timed-out', 'filter', 'drop']);
    const node = run(world, fromNode(mc, nodesOf(world, mc)[0]!), mc.fqdn!, 443);
    expect([node.verdict, node.sourceSeenAs]).toEqual(['delivered', clusterEgressIps(world, mc)[0]]);
    expect(nodesOf(world, mc).map(ready)).toEqual(['True', 'True', 'True']);
  });
});

describe('private-cluster-system', () => {
  const { world, files } = built('private-cluster-system');
  const mc = clusterOf(world);
  const plane = world.state.controlPlanes[mc.id.toLowerCase()]!;

  it('has a private endpoint in the node subnet and an AKS-made zone linked to the cluster VNet', () => {
    expect(plane).toMatchObject({ publicIp: null, privateIp: '10.10.0.4', tunnel: 'konnectivity' });
    const zone = world.resource<PrivateDnsZone>(plane.privateDnsZoneId!)!;
    expect(zone.resourceGroup).toBe('MC_rg-lab_aks1_eastus');
    expect(zone.name).toMatch(/^[0-9a-f-]{36}\.privatelink\.eastus\.azmk8s\.io$/);
    expect(zone.aRecordSets.map((r) => r.aRecords[0]!.ipv4Address)).toEqual(['10.10.0.4']);
    expect(zone.virtualNetworkLinks.map((l) => l.virtualNetwork.id.split('/').pop())).toEqual(['vnet-lab']);
    expect(files['.kube/config']).toContain(`server: https://${mc.privateFqdn}:443`);
  });

  it('the workstation cannot resolve the private FQDN; the jump box in the VNet reaches the API server', () => {
    expect(run(world, fromMachine('workstation'), mc.privateFqdn!, 443).verdict).toBe('unresolved');
    const jump = run(world, fromMachine('jumpbox'), mc.privateFqdn!, 443);
    expect([jump.verdict, jump.resolvedIp, jump.reached]).toEqual(['delivered', '10.10.0.4', { kind: 'control-plane', clusterId: mc.id, public: false }]);
  });
});

describe('private-cluster-byo-dns', () => {
  const { world } = built('private-cluster-byo-dns');
  const mc = clusterOf(world);
  const node = nodesOf(world, mc)[0]!;
  const plane = world.state.controlPlanes[mc.id.toLowerCase()]!;

  it('uses the learner zone, linked to the hub (by the learner) and to the spoke (by AKS); dns1 lost its forwarder', () => {
    const zone = world.resource<PrivateDnsZone>(plane.privateDnsZoneId!)!;
    expect([zone.resourceGroup, zone.name]).toEqual(['rg-lab', 'privatelink.eastus.azmk8s.io']);
    expect(zone.virtualNetworkLinks.map((l) => l.virtualNetwork.id.split('/').pop())).toEqual(['vnet-hub', 'vnet-spoke']);
    expect(mc.privateFqdn).toMatch(/^aks1-rg-lab-[0-9a-f]{6}-[0-9a-f]{8}\.privatelink\.eastus\.azmk8s\.io$/);
    expect(world.state.machines['dns1']!.dnsServer).toEqual({ forwarders: ['8.8.8.8'] });
  });

  it('before the cleanup the nodes resolved the API server; now dns1 sends the name to 8.8.8.8 and it is NXDOMAIN', () => {
    const old = before('private-cluster-byo-dns');
    const oldMc = clusterOf(old.world);
    const then = resolveName(old.world, fromNode(oldMc, nodesOf(old.world, oldMc)[0]!), oldMc.privateFqdn!, { type: 'A', reach: reachFor(old.world) });
    expect([then.status, then.answers.map((a) => a.data)]).toEqual(['NOERROR', [plane.privateIp]]);
    const now = resolveName(world, fromNode(mc, node), mc.privateFqdn!, { type: 'A', reach: reachFor(world) });
    expect(now.status).toBe('NXDOMAIN');
  });

  it('kubectl from the jump box in the spoke fails to resolve; running kubelets stay Ready', () => {
    expect(run(world, fromMachine('jumpbox'), mc.privateFqdn!, 443).verdict).toBe('unresolved');
    expect(nodesOf(world, mc).map(ready)).toEqual(['True', 'True', 'True']);
  });
});

describe('private-cluster-public-fqdn', () => {
  const { world, files } = built('private-cluster-public-fqdn');
  const mc = clusterOf(world);
  const plane = world.state.controlPlanes[mc.id.toLowerCase()]!;

  it('has no private zone and no private FQDN; the kubeconfig uses the public FQDN', () => {
    expect(mc.apiServerAccessProfile).toMatchObject({ enablePrivateCluster: true, privateDnsZone: 'none' });
    expect([mc.privateFqdn, plane.privateDnsZoneId ?? null]).toEqual([null, null]);
    expect(world.resourcesOfType('Microsoft.Network/privateDnsZones')).toEqual([]);
    expect(files['.kube/config']).toContain(`server: https://${mc.fqdn}:443`);
  });

  it('the workstation resolves the name to the private address and times out', () => {
    const t = run(world, fromMachine('workstation'), mc.fqdn!, 443);
    expect([t.verdict, t.resolvedIp]).toEqual(['timed-out', '10.224.0.4']);
  });
});
