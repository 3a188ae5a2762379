// The part III troubleshooting cases: the fault is in the state, and the path engine shows the
// symptom the learner will meet.
import { describe, expect, it } from 'vitest';
import type { NetworkSecurityGroup, PublicIPAddress, RouteTable } from '../../../sandbox/model/azure/types.ts';
import type { EndpointSlice, K8sEvent, Node, Service } from '../../../sandbox/model/k8s/types.ts';
import { resolveName } from '../../../sandbox/network/dns/index.ts';
import { reachFor } from '../../../sandbox/network/trace/index.ts';
import { before, built, clusterOf, fromNode, fromPod, nodeIp, nodesOf, podsOf, ready, run } from './helpers.ts';

const nsg = (world: ReturnType<typeof built>['world'], name: string) =>
  world.resourcesOfType<NetworkSecurityGroup>('Microsoft.Network/networkSecurityGroups').find((n) => n.name === name)!;

describe('case-nodes-notready', () => {
  const { world } = built('case-nodes-notready');
  const mc = clusterOf(world);
  const nodes = nodesOf(world, mc);
  const plane = world.state.controlPlanes[mc.id.toLowerCase()]!;

  it('the subnet NSG allows egress from 172.16.5.0/29 only, above a deny-all', () => {
    const rules = nsg(world, 'aks-subnet-nsg').securityRules.map((r) => [r.priority, r.name, r.access, r.sourceAddressPrefix]);
    expect(rules).toEqual([
      [100, 'AllowVnetOutbound', 'Allow', 'VirtualNetwork'],
      [200, 'AllowAzureCloudHttps', 'Allow', '172.16.5.0/29'],
      [210, 'AllowMcrHttps', 'Allow', '172.16.5.0/29'],
      [4000, 'DenyAllOutbound', 'Deny', '*'],
    ]);
  });

  it('exactly the two nodes outside the allowed range are not Ready, after the grace period', () => {
    expect(nodes.map((n) => [nodeIp(n), ready(n)])).toEqual([
      ['172.16.5.4', 'True'],
      ['172.16.5.5', 'True'],
      ['172.16.5.6', 'True'],
      ['172.16.5.7', 'True'],
      ['172.16.5.8', 'Unknown'],
      ['172.16.5.9', 'Unknown'],
    ]);
    const previous = before('case-nodes-notready');
    expect(nodesOf(previous.world, clusterOf(previous.world)).map(ready)).toEqual(['True', 'True', 'True', 'True', 'True', 'True']);
  });

  it('their path to the API server ends at DenyAllOutbound; the others get through', () => {
    const blocked = run(world, fromNode(mc, nodes[4]!), plane.publicIp!, 443);
    expect(blocked.verdict).toBe('dropped');
    expect(blocked.hops.find((h) => h.decision === 'drop')!.reason).toMatch(/^Rule DenyAllOutbound \(priority 4000\) denies TCP 172\.16\.5\.8:\d+ → /);
    expect(run(world, fromNode(mc, nodes[3]!), plane.publicIp!, 443).verdict).toBe('delivered');
  });

  it('their web pods drop out of the Service endpoints', () => {
    const slice = world.k8sList<EndpointSlice>(mc.id, 'EndpointSlice', 'default').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')!;
    const byNode = new Map(slice.endpoints.map((e) => [e.nodeName, e.conditions.ready]));
    expect(nodes.map((n) => byNode.get(n.metadata.name))).toEqual([true, true, true, true, false, false]);
  });
});

describe('case-bumpy-dns', () => {
  const { world } = built('case-bumpy-dns');
  const mc = clusterOf(world);
  const coredns = podsOf(world, mc, 'coredns-', 'kube-system').filter((p) => !p.metadata.name.startsWith('coredns-autoscaler'));
  const clients = [...podsOf(world, mc, 'web-'), ...podsOf(world, mc, 'client')];

  it('the subnet NSG allows only TCP inside the VNet above a deny-all; CoreDNS runs on two of three nodes', () => {
    expect(nsg(world, 'aks-subnet-nsg').securityRules.map((r) => [r.priority, r.name, r.direction, r.access, r.protocol])).toEqual([
      [100, 'AllowVnetTcpInbound', 'Inbound', 'Allow', 'Tcp'],
      [4000, 'DenyAllInbound', 'Inbound', 'Deny', '*'],
    ]);
    expect(new Set(coredns.map((p) => p.spec.nodeName)).size).toBe(2);
  });

  it('a lookup works when kube-proxy picks the CoreDNS pod of the client node and times out otherwise', () => {
    const reach = reachFor(world);
    const outcomes = clients.map((pod) => {
      const path = run(world, fromPod(mc, pod), '10.0.0.10', 53, 'udp');
      const local = path.reached?.kind === 'pod' && path.reached.nodeName === pod.spec.nodeName;
      const answer = resolveName(world, fromPod(mc, pod), 'web.default.svc.cluster.local', { type: 'A', reach });
      return { local, verdict: path.verdict, status: answer.status };
    });
    for (const o of outcomes) expect([o.verdict, o.status]).toEqual(o.local ? ['delivered', 'NOERROR'] : ['dropped', 'TIMEOUT']);
    expect(outcomes.some((o) => o.local)).toBe(true);
    expect(outcomes.some((o) => !o.local)).toBe(true);
  });

  it('the same query over TCP always gets through', () => {
    for (const pod of clients) expect(run(world, fromPod(mc, pod), '10.0.0.10', 53, 'tcp').verdict).toBe('delivered');
  });
});

describe('case-outbound-ip-changed', () => {
  const { world } = built('case-outbound-ip-changed');
  const mc = clusterOf(world);
  const earlier = before('case-outbound-ip-changed', 3);
  const oldMc = clusterOf(earlier.world);
  const ipOf = (w: typeof world, id: string) => w.resource<PublicIPAddress>(id)!;
  const oldIp = ipOf(earlier.world, oldMc.networkProfile.loadBalancerProfile!.effectiveOutboundIPs[0]!.id);
  const newIp = ipOf(world, mc.networkProfile.loadBalancerProfile!.effectiveOutboundIPs[0]!.id);

  it('the retagged managed outbound IP was replaced by a new one, with a new address', () => {
    expect(newIp.id).not.toBe(oldIp.id);
    expect(newIp.ipAddress).not.toBe(oldIp.ipAddress);
    expect(world.resource(oldIp.id)).toBeUndefined();
    expect(newIp.tags?.['aks-managed-type']).toBe('aks-slb-managed-outbound-ip');
    expect(world.resourcesOfType<PublicIPAddress>('Microsoft.Network/publicIPAddresses').length).toBe(1);
  });

  it('pods now reach the internet from the new address', () => {
    const pod = podsOf(world, mc, 'web-')[0]!;
    const partner = world.state.machines['internet']!.publicIp;
    expect(run(world, fromPod(mc, pod), partner, 443).sourceSeenAs).toBe(newIp.ipAddress);
    const oldPod = podsOf(earlier.world, oldMc, 'web-')[0]!;
    expect(run(earlier.world, fromPod(oldMc, oldPod), partner, 443).sourceSeenAs).toBe(oldIp.ipAddress);
  });
});

describe('case-udr-dns-blackhole', () => {
  const { world } = built('case-udr-dns-blackhole');
  const mc = clusterOf(world);
  const table = world.resourcesOfType<RouteTable>('Microsoft.Network/routeTables').find((t) => t.name === 'rt-aks')!;
  const pod = podsOf(world, mc, 'web-')[0]!;

  it('AKS uses the learner route table for kubenet; the new route sends dns-subnet to a missing appliance', () => {
    expect(world.resourcesOfType('Microsoft.Network/routeTables').length).toBe(1);
    expect(table.routes.map((r) => [r.addressPrefix, r.nextHopType, r.nextHopIpAddress])).toEqual([
      ['10.244.0.0/24', 'VirtualAppliance', '10.60.0.4'],
      ['10.244.1.0/24', 'VirtualAppliance', '10.60.0.5'],
      ['10.244.2.0/24', 'VirtualAppliance', '10.60.0.6'],
      ['10.60.1.0/24', 'VirtualAppliance', '10.60.2.4'],
    ]);
  });

  it('cluster names resolve, external names do not; the node loses its packets to dns1', () => {
    const reach = reachFor(world);
    expect(resolveName(world, fromPod(mc, pod), 'web.default.svc.cluster.local', { type: 'A', reach }).status).toBe('NOERROR');
    expect(resolveName(world, fromPod(mc, pod), 'mcr.microsoft.com', { type: 'A', reach }).status).not.toBe('NOERROR');
    const node = nodesOf(world, mc)[0]!;
    const t = run(world, fromNode(mc, node), '10.60.1.4', 53, 'udp');
    expect(t.verdict).toBe('timed-out');
    expect(t.hops.at(-1)!.reason).toBe("The route's next hop 10.60.2.4 is not an address of any NIC or firewall, so Azure has nowhere to send the packet.");
    const earlier = before('case-udr-dns-blackhole');
    const oldMc = clusterOf(earlier.world);
    const oldPod = podsOf(earlier.world, oldMc, 'web-')[0]!;
    expect(resolveName(earlier.world, fromPod(oldMc, oldPod), 'mcr.microsoft.com', { type: 'A', reach: reachFor(earlier.world) }).status).toBe('NOERROR');
  });
});

describe('case-snat-exhaustion', () => {
  const { world } = built('case-snat-exhaustion');
  const mc = clusterOf(world);
  const nodes = nodesOf(world, mc);
  const partner = world.state.machines['internet']!.publicIp;

  it('the first node has used all 1,024 ports of its automatic allocation', () => {
    expect(world.state.conditions['snatUsage']).toEqual({ '10.224.0.4': 1024 });
    expect(nodeIp(nodes[0]!)).toBe('10.224.0.4');
    expect(mc.networkProfile.loadBalancerProfile!.allocatedOutboundPorts).toBe(0);
  });

  it('new outbound flows from pods on that node fail, from other nodes they work', () => {
    const web = podsOf(world, mc, 'web-');
    for (const pod of web) {
      const t = run(world, fromPod(mc, pod), partner, 443);
      expect([pod.spec.nodeName, t.verdict]).toEqual([pod.spec.nodeName, pod.spec.nodeName === nodes[0]!.metadata.name ? 'timed-out' : 'delivered']);
    }
    const stuck = run(world, fromNode(mc, nodes[0]!), partner, 443);
    expect(stuck.verdict).toBe('timed-out');
    expect(stuck.hops.at(-1)!.reason).toMatch(/^Ip configuration ipconfig1 of NIC aks-nodepool1-\d+-vmss is in backend pool aksOutboundBackendPool of load balancer kubernetes, but 10\.224\.0\.4 already uses 1024 of its 1024 SNAT ports per instance/);
    expect(run(world, fromNode(mc, nodes[1]!), partner, 443).verdict).toBe('delivered');
  });

  it('the kubelet keeps its open connection to the API server, so every node stays Ready', () => {
    expect(nodes.map(ready)).toEqual(['True', 'True', 'True']);
  });
});

describe('case-stale-route', () => {
  const { world } = built('case-stale-route');
  const mc = clusterOf(world);
  const nodes = nodesOf(world, mc);
  const table = world.resourcesOfType<RouteTable>('Microsoft.Network/routeTables')[0]!;
  const onNode = (i: number) => podsOf(world, mc, 'web-').find((p) => p.spec.nodeName === nodes[i]!.metadata.name)!;

  it("node 1's route points at node 2, and nothing repairs it: the node stays Ready", () => {
    const route = table.routes.find((r) => r.name === nodes[1]!.metadata.name)!;
    expect([route.addressPrefix, route.nextHopIpAddress]).toEqual(['10.244.1.0/24', '10.224.0.6']);
    expect(nodes.map(ready)).toEqual(['True', 'True', 'True']);
    const network = world.k8sGet<Node>(mc.id, 'Node', undefined, nodes[1]!.metadata.name)!.status.conditions.find((c) => c.type === 'NetworkUnavailable')!;
    expect(network.status).toBe('False');
  });

  it('pods on node 1 are unreachable from other nodes; node 2 is fine', () => {
    const t = run(world, fromPod(mc, onNode(0)), onNode(1).status.podIP!, 80);
    expect(t.verdict).toBe('timed-out');
    expect(t.hops.at(-1)!.reason).toMatch(/the routes send it round in a circle until its TTL runs out, and the client times out\.$/);
    expect(run(world, fromPod(mc, onNode(0)), onNode(2).status.podIP!, 80).verdict).toBe('delivered');
    const earlier = before('case-stale-route');
    const oldMc = clusterOf(earlier.world);
    const oldNodes = nodesOf(earlier.world, oldMc);
    const oldOn = (i: number) => podsOf(earlier.world, oldMc, 'web-').find((p) => p.spec.nodeName === oldNodes[i]!.metadata.name)!;
    expect(run(earlier.world, fromPod(oldMc, oldOn(0)), oldOn(1).status.podIP!, 80).verdict).toBe('delivered');
  });
});

describe('case-lb-pending', () => {
  const { world } = built('case-lb-pending');
  const mc = clusterOf(world);
  const svc = world.k8sGet<Service>(mc.id, 'Service', 'default', 'web-public')!;

  it('the Service asks for an address no public IP has, and stays pending', () => {
    expect(svc.spec.loadBalancerIP).toBe('52.170.10.20');
    expect(svc.status.loadBalancer).toEqual({});
    expect(world.resourcesOfType<PublicIPAddress>('Microsoft.Network/publicIPAddresses').some((p) => p.ipAddress === '52.170.10.20')).toBe(false);
  });

  it('its events say why, and the retries count up', () => {
    const events = world.k8sList<K8sEvent>(mc.id, 'Event', 'default').filter((e) => e.involvedObject.name === 'web-public');
    const failed = events.find((e) => e.reason === 'SyncLoadBalancerFailed')!;
    expect([failed.type, failed.source.component]).toEqual(['Warning', 'service-controller']);
    expect(failed.message).toBe(
      'Error syncing load balancer: failed to ensure load balancer: findMatchedPIPByLoadBalancerIP: cannot find public IP with IP address 52.170.10.20 in resource group MC_rg-lab_aks1_eastus: getExpectedPIPFromListByIPAddress: cannot find public IP with IP address 52.170.10.20',
    );
    expect(failed.count).toBeGreaterThan(1);
    expect(events.some((e) => e.reason === 'EnsuringLoadBalancer' && e.type === 'Normal')).toBe(true);
  });
});
