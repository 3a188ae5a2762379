import { describe, expect, it } from 'vitest';
import type { LoadBalancer, ManagedCluster, NetworkSecurityGroup, Probe } from '../../../sandbox/model/azure/types.ts';
import type { Node } from '../../../sandbox/model/k8s/types.ts';
import { healthzResponse, kubernetesProbeState, probeState } from '../../../sandbox/controllers/cloud-lb/index.ts';
import { addService, getService, NODE_IPS, NODES, settleLb, setEndpoints, threeNodeCluster, type Fixture } from './fixtures.ts';

const CLUSTER_UID = 'dddddddd-0000-4000-8000-00000000000d';
const LOCAL_UID = 'eeeeeeee-0000-4000-8000-00000000000e';

/** Two Services backed by one pod on node 0: one Cluster, one Local; node 1 hosts nothing. */
function world(): Fixture {
  const f = threeNodeCluster();
  addService(f, 'web', { uid: CLUSTER_UID, clusterIP: '10.0.10.10', ports: [{ port: 80, nodePort: 30396 }] });
  addService(f, 'local', { uid: LOCAL_UID, clusterIP: '10.0.10.11', externalTrafficPolicy: 'Local', healthCheckNodePort: 32649, ports: [{ port: 80, nodePort: 32202 }] });
  setEndpoints(f, 'web', [{ node: 0, ip: '10.244.0.10' }]);
  setEndpoints(f, 'local', [{ node: 0, ip: '10.244.0.11' }]);
  settleLb(f);
  return f;
}

function probeFor(f: Fixture, name: string): { lb: LoadBalancer; probe: Probe } {
  const lb = f.world.resource<LoadBalancer>(f.lbId)!;
  return { lb, probe: lb.probes.find((p) => p.name === name)! };
}

const states = (f: Fixture, name: string) => NODES.map((n) => probeState(f.world, f.clusterId, probeFor(f, name).lb, probeFor(f, name).probe, n));

describe('probe state', () => {
  it('Cluster: the TCP probe on the nodePort is up on every node while the Service has a ready endpoint anywhere', () => {
    const f = world();
    expect(states(f, 'adddddddd00004000800000000000000-TCP-80')).toEqual([
      { state: 'Up', reason: 'Healthy', service: 'default/web' },
      { state: 'Up', reason: 'Healthy', service: 'default/web' },
      { state: 'Up', reason: 'Healthy', service: 'default/web' },
    ]);
  });

  it('Local: the /healthz probe is up only on the node hosting the pod', () => {
    const f = world();
    expect(states(f, 'aeeeeeeee00004000800000000000000-TCP-32649')).toEqual([
      { state: 'Up', reason: 'Healthy', service: 'default/local', httpStatus: 200 },
      { state: 'Down', reason: 'NoLocalEndpoints', service: 'default/local', httpStatus: 503 },
      { state: 'Down', reason: 'NoLocalEndpoints', service: 'default/local', httpStatus: 503 },
    ]);
  });

  it('Cluster with no ready endpoint anywhere: kube-proxy rejects the probe on every node', () => {
    const f = world();
    setEndpoints(f, 'web', [{ node: 0, ip: '10.244.0.10', ready: false }]);
    expect(states(f, 'adddddddd00004000800000000000000-TCP-80').map((s) => `${s.state}/${s.reason}`)).toEqual([
      'Down/NoEndpoints',
      'Down/NoEndpoints',
      'Down/NoEndpoints',
    ]);
  });

  it('a NotReady node fails every probe', () => {
    const f = world();
    const node = structuredClone(f.world.k8sGet<Node>(f.clusterId, 'Node', undefined, NODES[0]!)!);
    node.status.conditions[0]!.status = 'Unknown';
    f.world.k8sPut(f.clusterId, node);
    expect(states(f, 'adddddddd00004000800000000000000-TCP-80')[0]).toEqual({ state: 'Down', reason: 'NodeNotReady' });
  });

  it('an NSG rule denying the probe source takes nodes out of rotation, whatever kube-proxy would answer', () => {
    const f = world();
    const nsg = structuredClone(f.world.resource<NetworkSecurityGroup>(f.nsgId)!);
    nsg.securityRules.push({
      id: `${nsg.id}/securityRules/deny-all-inbound`,
      name: 'deny-all-inbound',
      type: 'Microsoft.Network/networkSecurityGroups/securityRules',
      resourceGroup: nsg.resourceGroup,
      priority: 4000,
      direction: 'Inbound',
      access: 'Deny',
      protocol: '*',
      sourceAddressPrefix: '*',
      sourceAddressPrefixes: [],
      sourcePortRange: '*',
      sourcePortRanges: [],
      destinationAddressPrefix: '*',
      destinationAddressPrefixes: [],
      destinationPortRange: '*',
      destinationPortRanges: [],
      provisioningState: 'Succeeded',
    });
    f.world.putResource(nsg);
    expect(states(f, 'adddddddd00004000800000000000000-TCP-80')[1]).toEqual({ state: 'Down', reason: 'NsgDenied', nsgRule: 'securityRules/deny-all-inbound' });
  });

  it('nothing listening on an arbitrary probe port: down', () => {
    const f = world();
    const { lb, probe } = probeFor(f, 'adddddddd00004000800000000000000-TCP-80');
    expect(probeState(f.world, f.clusterId, lb, { ...probe, port: 31999 }, NODES[0]!)).toEqual({ state: 'Down', reason: 'NothingListening' });
    expect(probeState(f.world, f.clusterId, lb, { ...probe, port: 10256 }, NODES[0]!)).toEqual({ state: 'Up', reason: 'Healthy' });
  });

  it('adapts to the dataplane\'s callback, keyed by backend IP', () => {
    const f = world();
    const cb = kubernetesProbeState(f.world);
    const { lb, probe } = probeFor(f, 'aeeeeeeee00004000800000000000000-TCP-32649');
    expect(NODE_IPS.map((ip) => cb(lb, probe, ip))).toEqual(['Up', 'Down', 'Down']);
    expect(cb(lb, probe, '10.9.9.9')).toBe('Up');
  });
});

describe('kube-proxy health check answers', () => {
  const f = world();
  const svc = () => getService(f, 'local')!;

  it('200 with the local endpoint count on the pod\'s node', () => {
    const answer = healthzResponse(f.world, f.clusterId, svc(), NODES[0]!)!;
    // Go writes the handler's headers sorted, then Date and Content-Length.
    expect(Object.keys(answer.headers)).toEqual(['Content-Type', 'X-Content-Type-Options', 'X-Load-Balancing-Endpoint-Weight', 'Date', 'Content-Length']);
    expect(answer).toEqual({
      status: 200,
      statusText: 'OK',
      headers: {
        'Content-Type': 'application/json',
        'X-Content-Type-Options': 'nosniff',
        'X-Load-Balancing-Endpoint-Weight': '1',
        Date: 'Thu, 26 Nov 2026 09:00:00 GMT',
        'Content-Length': '116',
      },
      body: '{\n\t"service": {\n\t\t"namespace": "default",\n\t\t"name": "local"\n\t},\n\t"localEndpoints": 1,\n\t"serviceProxyHealthy": true\n}',
    });
  });

  it('503 with 0 elsewhere', () => {
    const answer = healthzResponse(f.world, f.clusterId, svc(), NODES[2]!)!;
    expect(answer.status).toBe(503);
    expect(answer.statusText).toBe('Service Unavailable');
    expect(answer.headers['X-Load-Balancing-Endpoint-Weight']).toBe('0');
    expect(answer.body).toBe('{\n\t"service": {\n\t\t"namespace": "default",\n\t\t"name": "local"\n\t},\n\t"localEndpoints": 0,\n\t"serviceProxyHealthy": true\n}');
  });

  it('counts distinct ready pods on the node', () => {
    setEndpoints(f, 'local', [
      { node: 1, ip: '10.244.1.5' },
      { node: 1, ip: '10.244.1.6' },
      { node: 1, ip: '10.244.1.7', ready: false },
    ]);
    const answer = healthzResponse(f.world, f.clusterId, svc(), NODES[1]!)!;
    expect([answer.status, answer.headers['X-Load-Balancing-Endpoint-Weight']]).toEqual([200, '2']);
    expect(JSON.parse(answer.body)).toEqual({ service: { namespace: 'default', name: 'local' }, localEndpoints: 2, serviceProxyHealthy: true });
  });

  it('nothing listens for a Cluster Service', () => {
    expect(healthzResponse(f.world, f.clusterId, getService(f, 'web')!, NODES[0]!)).toBeNull();
  });

  it('with Cilium replacing kube-proxy, Cilium\'s compact answer', () => {
    const g = world();
    const mc = structuredClone(g.world.resource<ManagedCluster>(g.clusterId)!);
    mc.networkProfile.networkDataplane = 'cilium';
    g.world.putResource(mc);
    const answer = healthzResponse(g.world, g.clusterId, getService(g, 'local')!, NODES[0]!)!;
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('{"service":{"namespace":"default","name":"local"},"localEndpoints":1}\n');
  });
});
