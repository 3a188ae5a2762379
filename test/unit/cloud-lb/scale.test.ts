// Large clusters (loose bounds; exact timings belong to benchmarks): the controller's settle, a
// probe verdict and a traced flow through a Local Service's frontend on 1,000 overlay nodes.
import { describe, expect, it } from 'vitest';
import { cloudLoadBalancerController, kubernetesProbeState, probeState } from '../../../sandbox/controllers/cloud-lb/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import type { LoadBalancer } from '../../../sandbox/model/azure/types.ts';
import type { EndpointSlice, Node, Service } from '../../../sandbox/model/k8s/types.ts';
import { traceFromInternet } from '../../../sandbox/network/azure-path.ts';
import { clusterLb, create, newWorld } from '../aks/helpers.ts';

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

function lbService(name: string, uid: string, o: { local?: boolean; internal?: boolean; nodePort: number; health?: number }): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: 'default',
      uid,
      resourceVersion: '',
      creationTimestamp: '',
      annotations: o.internal ? { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' } : undefined,
    },
    spec: {
      type: 'LoadBalancer',
      selector: { app: name },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: o.nodePort }],
      clusterIP: `10.0.50.${o.nodePort % 200}`,
      externalTrafficPolicy: o.local ? 'Local' : 'Cluster',
      ...(o.health ? { healthCheckNodePort: o.health } : {}),
    },
    status: { loadBalancer: {} },
  };
}

describe('1,000-node overlay cluster', () => {
  const world = newWorld('cloud-lb-1000');
  const cluster = create(world, { networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 1000, podCidr: '10.128.0.0/14' });
  const nodes = world.k8sList<Node>(cluster.id, 'Node').map((n) => n.metadata.name);
  world.k8sPut(cluster.id, lbService('web', '9a000000-0000-4000-8000-000000000001', { local: true, nodePort: 30080, health: 32080 }));
  world.k8sPut(cluster.id, lbService('api', '9b000000-0000-4000-8000-000000000002', { internal: true, nodePort: 30081 }));
  // One ready pod of web on each of the first 10 nodes.
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-abcde', namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    endpoints: nodes.slice(0, 10).map((n, i) => ({ addresses: [`10.128.${i}.20`], conditions: { ready: true, serving: true, terminating: false }, nodeName: n })),
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
  world.k8sPut(cluster.id, slice);
  const [result, settleMs] = timed(() => settle(world, [cloudLoadBalancerController]));

  it('settles both Services quickly and puts every node in the internal pool', () => {
    expect(result).toEqual({ rounds: 2, settled: true });
    expect(settleMs).toBeLessThan(2000);
    const ilb = world.resourcesOfType<LoadBalancer>('Microsoft.Network/loadBalancers').find((l) => l.name === 'kubernetes-internal')!;
    expect(ilb.backendAddressPools[0]!.backendIPConfigurations).toHaveLength(1000);
    const [again, idleMs] = timed(() => settle(world, [cloudLoadBalancerController]));
    expect(again.rounds).toBe(1);
    expect(idleMs).toBeLessThan(200);
  });

  it('answers a probe well under a millisecond', () => {
    const lb = clusterLb(world, cluster)!;
    const probe = lb.probes.find((p) => p.port === 32080)!;
    expect(probeState(world, cluster.id, lb, probe, nodes[0]!).state).toBe('Up');
    expect(probeState(world, cluster.id, lb, probe, nodes[999]!).state).toBe('Down');
    const [ups, ms] = timed(() => nodes.filter((n) => probeState(world, cluster.id, lb, probe, n).state === 'Up').length);
    expect(ups).toBe(10);
    expect(ms / nodes.length).toBeLessThan(0.5);
  });

  it('traces a client through the Local frontend, probing 1,000 backends', () => {
    const ip = world.k8sGet<Service>(cluster.id, 'Service', 'default', 'web')!.status.loadBalancer.ingress![0]!.ip!;
    const packet = { srcIp: '45.33.10.10', dstIp: ip, dstPort: 80, protocol: 'tcp' as const };
    const cb = kubernetesProbeState(world);
    expect(traceFromInternet(world, packet, { probeState: cb }).verdict).toBe('delivered');
    const [, ms] = timed(() => {
      for (let i = 0; i < 20; i++) traceFromInternet(world, { ...packet, srcPort: 40000 + i }, { probeState: cb });
    });
    // Most of it is the dataplane's NSG check of the probe path for each of the 1,000 backends.
    expect(ms / 20).toBeLessThan(100);
  });
});
