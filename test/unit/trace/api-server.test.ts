// Flows to the API server: its public endpoint (with and without authorized IP ranges), a
// private cluster's endpoint (unresolvable or unreachable from the workstation, reachable from
// the nodes), and the API Server VNet Integration load balancer address.
import { describe, expect, it } from 'vitest';
import { clusterEgressIps } from '../../../sandbox/network/trace/index.ts';
import { actions, fromNode, fromPod, lab, pod, run, settleAll, workstation } from './fixtures.ts';

describe('public endpoint', () => {
  it('takes the workstation on 443 and nothing on other ports', () => {
    const { world, mc, id } = lab({ networkPlugin: 'kubenet', nodeCount: 1 }, 'api-public');
    const plane = world.state.controlPlanes[id.toLowerCase()]!;
    const t = run(world, workstation, mc.fqdn!, 443);
    expect([t.verdict, t.resolvedIp, t.finalDestination, t.sourceSeenAs]).toEqual(['delivered', plane.publicIp, { ip: plane.publicIp, port: 443 }, world.state.machines['workstation']!.publicIp]);
    expect(t.reached).toEqual({ kind: 'control-plane', clusterId: id, public: true });
    expect(actions(t).slice(-3)).toEqual(['send:pass', 'deliver:deliver', 'deliver:deliver']);
    const ssh = run(world, workstation, plane.publicIp!, 22);
    expect([ssh.verdict, ssh.hops.at(-1)!.reason]).toEqual(['timed-out', 'The API server endpoint only takes TCP 443; TCP 22 gets no answer.']);
  });

  it('with authorized IP ranges: the workstation outside them times out, the nodes (own outbound IP) get through', () => {
    const { world, mc, id, nodes } = lab({ networkPlugin: 'kubenet', nodeCount: 2, apiServerAuthorizedIpRanges: ['203.0.113.0/24'] }, 'api-ranges');
    const ws = world.state.machines['workstation']!.publicIp;
    const t = run(world, workstation, mc.fqdn!, 443);
    expect(t.verdict).toBe('timed-out');
    const last = t.hops.at(-1)!;
    expect([last.action, last.decision]).toEqual(['filter', 'drop']);
    const [egress] = clusterEgressIps(world, mc);
    expect(last.reason).toBe(
      `The API server accepts connections only from its authorized IP ranges (203.0.113.0/24) and the cluster's own outbound IPs (${egress}); ${ws} is in none of them, so the connection gets no answer.`,
    );
    const node = run(world, fromNode(id, nodes[0]!.metadata.name), world.state.controlPlanes[id.toLowerCase()]!.publicIp!, 443);
    expect([node.verdict, node.sourceSeenAs]).toEqual(['delivered', egress]);
    expect(node.hops.at(-2)!.reason).toBe(`${egress} is one of the cluster's own outbound IPs, which AKS always lets through.`);
    // Adding the workstation's address lets it in.
    world.putResource({ ...mc, apiServerAccessProfile: { ...mc.apiServerAccessProfile!, authorizedIpRanges: ['203.0.113.0/24', `${ws}/32`] } });
    const again = run(world, workstation, mc.fqdn!, 443);
    expect([again.verdict, again.hops.at(-2)!.reason]).toEqual(['delivered', `${ws} is inside the authorized IP range ${ws}/32.`]);
  });
});

describe('private cluster', () => {
  const { world, mc, id, nodes } = lab({ networkPlugin: 'azure', nodeCount: 2, enablePrivateCluster: true }, 'api-private');
  const plane = world.state.controlPlanes[id.toLowerCase()]!;

  it('the private FQDN does not resolve from the workstation', () => {
    const t = run(world, workstation, mc.privateFqdn!, 443);
    expect(t.verdict).toBe('unresolved');
    expect(t.hops.at(-1)!.reason).toBe(`${mc.privateFqdn} does not resolve: the answer is NXDOMAIN, so the connection is never attempted.`);
  });

  it('the public FQDN resolves to the private address, which the workstation cannot reach', () => {
    const t = run(world, workstation, mc.fqdn!, 443);
    expect([t.verdict, t.resolvedIp]).toEqual(['timed-out', plane.privateIp]);
    expect(t.hops.at(-1)!.reason).toBe(`workstation is outside Azure; the private address ${plane.privateIp} is not reachable from there.`);
  });

  it('nodes and pods reach it through the private endpoint in their VNet', () => {
    const node = run(world, fromNode(id, nodes[1]!.metadata.name), mc.privateFqdn!, 443);
    expect([node.verdict, node.resolvedIp, node.reached]).toEqual(['delivered', plane.privateIp, { kind: 'control-plane', clusterId: id, public: false }]);
    expect(node.hops.find((h) => h.at === 'private endpoint kube-apiserver')!.decision).toBe('deliver');
    pod(world, id, 'client', nodes[0]!.metadata.name, { image: 'busybox' });
    settleAll(world);
    const fromClient = run(world, fromPod(id, 'client'), plane.privateIp!, 443);
    expect(fromClient.verdict).toBe('delivered');
  });
});

describe('API Server VNet Integration', () => {
  it('nodes reach the internal load balancer address directly', () => {
    const { world, id, nodes } = lab({ networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 2, enableApiserverVnetIntegration: true }, 'api-vnet');
    const plane = world.state.controlPlanes[id.toLowerCase()]!;
    const t = run(world, fromNode(id, nodes[0]!.metadata.name), plane.privateIp!, 443);
    expect([t.verdict, t.reached]).toEqual(['delivered', { kind: 'control-plane', clusterId: id, public: false }]);
    expect(t.hops.find((h) => h.action === 'route')!.details).toMatchObject({ nextHopType: 'VnetLocal' });
  });
});
