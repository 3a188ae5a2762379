// The working clusters: addressing per network model, Services and what the path engine makes
// of flows to them.
import { describe, expect, it } from 'vitest';
import { cidrContains, inCidr, parseCidr, ipToInt } from '../../../sandbox/core/ip.ts';
import type { LoadBalancer, NetworkInterface, RouteTable } from '../../../sandbox/model/azure/types.ts';
import type { Endpoints, Pod, Service } from '../../../sandbox/model/k8s/types.ts';
import { built, clusterOf, fromMachine, fromNode, fromPod, nodeIp, nodesOf, podsOf, ready, run } from './helpers.ts';

describe('kubenet-basic', () => {
  const { world } = built('kubenet-basic');
  const mc = clusterOf(world);
  const nodes = nodesOf(world, mc);

  it('three kubenet nodes in the AKS-managed VNet, one /24 of 10.244.0.0/16 each, one route each', () => {
    expect(mc.networkProfile.networkPlugin).toBe('kubenet');
    expect(nodes.map((n) => [nodeIp(n), n.spec.podCIDR, ready(n)])).toEqual([
      ['10.224.0.4', '10.244.0.0/24', 'True'],
      ['10.224.0.5', '10.244.1.0/24', 'True'],
      ['10.224.0.6', '10.244.2.0/24', 'True'],
    ]);
    const table = world.resourcesOfType<RouteTable>('Microsoft.Network/routeTables')[0]!;
    expect(table.routes.map((r) => [r.name, r.addressPrefix, r.nextHopIpAddress])).toEqual(nodes.map((n) => [n.metadata.name, n.spec.podCIDR, nodeIp(n)]));
  });

  it('runs three web pods, one per node, each in its node pod CIDR, behind the ClusterIP Service web', () => {
    const web = podsOf(world, mc, 'web-');
    expect(web.map((p) => p.status.phase)).toEqual(['Running', 'Running', 'Running']);
    expect(new Set(web.map((p) => p.spec.nodeName)).size).toBe(3);
    for (const p of web) expect(inCidr(nodes.find((n) => n.metadata.name === p.spec.nodeName)!.spec.podCIDR!, p.status.podIP!)).toBe(true);
    const svc = world.k8sGet<Service>(mc.id, 'Service', 'default', 'web')!;
    expect([svc.spec.type, inCidr('10.0.0.0/16', svc.spec.clusterIP!)]).toEqual(['ClusterIP', true]);
    const ep = world.k8sGet<Endpoints>(mc.id, 'Endpoints', 'default', 'web')!;
    expect(ep.subsets![0]!.addresses!.map((a) => a.ip).sort()).toEqual(web.map((p) => p.status.podIP!).sort());
  });

  it('the workstation reaches the public API server; a node reaches the web Service', () => {
    const plane = world.state.controlPlanes[mc.id.toLowerCase()]!;
    const t = run(world, fromMachine('workstation'), mc.fqdn!, 443);
    expect([t.verdict, t.resolvedIp]).toEqual(['delivered', plane.publicIp]);
    const svc = world.k8sGet<Service>(mc.id, 'Service', 'default', 'web')!;
    const s = run(world, fromNode(mc, nodes[0]!), svc.spec.clusterIP!, 80);
    expect([s.verdict, s.reached?.kind]).toEqual(['delivered', 'pod']);
  });
});

describe('azure-cni-basic', () => {
  const { world } = built('azure-cni-basic');
  const mc = clusterOf(world);

  it('nodes 31 addresses apart; pods on their NIC secondary addresses; no route table', () => {
    expect(mc.networkProfile).toMatchObject({ networkPlugin: 'azure', networkPluginMode: null });
    expect(nodesOf(world, mc).map(nodeIp)).toEqual(['10.224.0.4', '10.224.0.35', '10.224.0.66']);
    const nics = world.resourcesOfType<NetworkInterface>('Microsoft.Network/networkInterfaces');
    expect(nics.map((n) => n.ipConfigurations.length)).toEqual([31, 31, 31]);
    const secondary = new Set(nics.flatMap((n) => n.ipConfigurations.filter((c) => !c.primary).map((c) => c.privateIPAddress)));
    const pods = world.k8sList<Pod>(mc.id, 'Pod').filter((p) => !p.spec.hostNetwork);
    expect(pods.length).toBe(10);
    for (const p of pods) expect(secondary.has(p.status.podIP!)).toBe(true);
    expect(world.resourcesOfType('Microsoft.Network/routeTables')).toEqual([]);
  });

  it('a web pod is reachable straight from another node by its VNet address', () => {
    const [a, b] = podsOf(world, mc, 'web-');
    const t = run(world, fromPod(mc, a!), b!.status.podIP!, 80);
    expect([t.verdict, t.sourceSeenAs]).toEqual(['delivered', a!.status.podIP]);
  });
});

describe('cni-overlay', () => {
  const { world } = built('cni-overlay');
  const mc = clusterOf(world);

  it('nodes on consecutive VNet addresses, pods in each node /24 of the overlay CIDR, no route table', () => {
    expect(mc.networkProfile).toMatchObject({ networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: '10.244.0.0/16' });
    const nodes = nodesOf(world, mc);
    expect(nodes.map((n) => [nodeIp(n), n.spec.podCIDR])).toEqual([
      ['10.224.0.4', '10.244.0.0/24'],
      ['10.224.0.5', '10.244.1.0/24'],
      ['10.224.0.6', '10.244.2.0/24'],
    ]);
    for (const p of podsOf(world, mc, 'web-')) {
      expect(cidrContains(parseCidr(nodes.find((n) => n.metadata.name === p.spec.nodeName)!.spec.podCIDR!), ipToInt(p.status.podIP!))).toBe(true);
    }
    expect(world.resourcesOfType('Microsoft.Network/routeTables')).toEqual([]);
  });

  it('a pod reaches a pod on another node through the overlay; the internet sees the cluster egress IP', () => {
    const [a, b] = podsOf(world, mc, 'web-');
    expect(run(world, fromPod(mc, a!), b!.status.podIP!, 80).verdict).toBe('delivered');
    const out = run(world, fromPod(mc, a!), world.state.machines['internet']!.publicIp, 443);
    const egress = world.resource<{ ipAddress: string }>(mc.networkProfile.loadBalancerProfile!.effectiveOutboundIPs[0]!.id)!.ipAddress;
    expect(out.sourceSeenAs).toBe(egress);
  });
});

describe('lb-service', () => {
  const { world } = built('lb-service');
  const mc = clusterOf(world);
  const nodes = nodesOf(world, mc);
  const web = podsOf(world, mc, 'web-');
  const cluster = world.k8sGet<Service>(mc.id, 'Service', 'default', 'web-cluster')!;
  const local = world.k8sGet<Service>(mc.id, 'Service', 'default', 'web-local')!;

  it('two web pods on two of the three nodes; two LoadBalancer Services with their own public IPs', () => {
    expect(web.length).toBe(2);
    const withPods = new Set(web.map((p) => p.spec.nodeName));
    expect(nodes.filter((n) => !withPods.has(n.metadata.name)).length).toBe(1);
    expect([cluster.spec.externalTrafficPolicy, local.spec.externalTrafficPolicy]).toEqual(['Cluster', 'Local']);
    expect(local.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(cluster.spec.healthCheckNodePort).toBeUndefined();
    const ips = [cluster, local].map((s) => s.status.loadBalancer.ingress?.[0]?.ip);
    expect(ips.every((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip ?? ''))).toBe(true);
    expect(new Set(ips).size).toBe(2);
    const lb = world.resourcesOfType<LoadBalancer>('Microsoft.Network/loadBalancers').find((l) => l.name === 'kubernetes')!;
    expect(lb.loadBalancingRules.length).toBe(2);
    const localProbe = lb.probes.find((p) => p.port === local.spec.healthCheckNodePort)!;
    expect([localProbe.protocol, localProbe.requestPath]).toEqual(['Http', '/healthz']);
  });

  it('from the internet: Local keeps the client address, Cluster hides it behind a node', () => {
    const client = world.state.machines['internet']!.publicIp;
    const l = run(world, fromMachine('internet'), local.status.loadBalancer.ingress![0]!.ip!, 80);
    expect([l.verdict, l.reached?.kind, l.sourceSeenAs]).toEqual(['delivered', 'pod', client]);
    const c = run(world, fromMachine('internet'), cluster.status.loadBalancer.ingress![0]!.ip!, 80);
    expect([c.verdict, c.reached?.kind]).toEqual(['delivered', 'pod']);
  });
});

describe('apiserver-vnet-integration', () => {
  const { world } = built('apiserver-vnet-integration');
  const mc = clusterOf(world);
  const plane = world.state.controlPlanes[mc.id.toLowerCase()]!;

  it('the API server has an internal load balancer address in the delegated subnet; no tunnel', () => {
    expect(mc.apiServerAccessProfile).toMatchObject({ enableVnetIntegration: true });
    expect([plane.privateIp, plane.tunnel, plane.publicIp !== null]).toEqual(['10.30.4.4', 'direct', true]);
    const lb = world.resourcesOfType<LoadBalancer>('Microsoft.Network/loadBalancers').find((l) => l.name === 'kube-apiserver')!;
    expect(lb.frontendIPConfigurations[0]!.privateIPAddress).toBe('10.30.4.4');
    expect(podsOf(world, mc, 'konnectivity-agent', 'kube-system')).toEqual([]);
    expect(nodesOf(world, mc).map(nodeIp)).toEqual(['10.30.0.4', '10.30.0.5', '10.30.0.6']);
  });

  it('nodes reach the API server on its VNet address; the workstation on the public FQDN', () => {
    const node = nodesOf(world, mc)[0]!;
    const t = run(world, fromNode(mc, node), '10.30.4.4', 443);
    expect([t.verdict, t.reached]).toEqual(['delivered', { kind: 'control-plane', clusterId: mc.id, public: false }]);
    expect(run(world, fromMachine('workstation'), mc.fqdn!, 443).verdict).toBe('delivered');
  });
});
