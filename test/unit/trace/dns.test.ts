// DNS through the real path: reachFor hands the DNS engine full traces, so an NSG, a route table
// or kube-proxy's choice of CoreDNS pod decides whether each query gets through. Bumpy DNS
// (part III case 2): UDP 53 denied between nodes breaks only the queries kube-proxy sends to a
// CoreDNS pod on another node. A 0.0.0.0/0 → None route blackholes CoreDNS's upstream.
import { describe, expect, it } from 'vitest';
import { newRoute } from '../../../sandbox/model/azure/factories.ts';
import type { Pod } from '../../../sandbox/model/k8s/types.ts';
import { resolveName } from '../../../sandbox/network/dns/index.ts';
import { reachFor, trace } from '../../../sandbox/network/trace/index.ts';
import { addNsgRule, agentNsg, clusterVnet, fromPod, lab, pod, routeTable, run, service, settleAll } from './fixtures.ts';

describe('reachFor', () => {
  it('answers the DNS engine with the CoreDNS pod kube-proxy picked', () => {
    const { world, id, nodes } = lab({ networkPlugin: 'kubenet' }, 'reach');
    pod(world, id, 'client', nodes[0]!.metadata.name, { image: 'busybox' });
    settleAll(world);
    const reach = reachFor(world);
    const r = reach(fromPod(id, 'client'), '10.0.0.10', 53, 'udp');
    expect(r.ok).toBe(true);
    expect(r.verdict).toBe('delivered');
    const coredns = world.k8sGet<Pod>(id, 'Pod', 'kube-system', r.via!.podName!)!;
    expect(coredns.metadata.labels!['k8s-app']).toBe('kube-dns');
    expect(r.via!.nodeName).toBe(coredns.spec.nodeName);
    expect(r.hops.at(-1)!.reason).toMatch(/^container coredns \(oss\/v2\/kubernetes\/coredns\) listens on UDP 53: it accepts UDP /);
    // Nothing answers DNS on a web pod.
    pod(world, id, 'web', nodes[1]!.metadata.name);
    settleAll(world);
    const webIp = world.k8sGet<Pod>(id, 'Pod', 'default', 'web')!.status.podIP!;
    expect(reach(fromPod(id, 'client'), webIp, 53, 'udp')).toMatchObject({ ok: false, verdict: 'refused' });
  });
});

describe('bumpy DNS: UDP 53 denied between nodes', () => {
  const { world, id, nodes, mc } = lab({ networkPlugin: 'kubenet', nodeCount: 3 }, 'bumpy');
  const clients: string[] = [];
  nodes.forEach((n, i) => {
    for (let k = 0; k < 4; k++) {
      pod(world, id, `client-${i}-${k}`, n.metadata.name, { image: 'busybox' });
      clients.push(`client-${i}-${k}`);
    }
  });
  service(world, id, 'web');
  settleAll(world);
  addNsgRule(world, agentNsg(world, mc), { name: 'deny-dns', priority: 100, direction: 'Inbound', access: 'Deny', protocol: 'Udp', destinationPortRange: '53' });

  it('works when kube-proxy picks a CoreDNS pod on the client node and times out when it picks another node', () => {
    const outcomes = clients.map((name) => {
      const client = world.k8sGet<Pod>(id, 'Pod', 'default', name)!;
      const path = trace(world, { from: fromPod(id, name), to: { ip: '10.0.0.10', port: 53 }, protocol: 'udp' });
      const local = path.reached?.kind === 'pod' && path.reached.nodeName === client.spec.nodeName;
      const answer = resolveName(world, fromPod(id, name), 'web.default.svc.cluster.local', { type: 'A', reach: reachFor(world) });
      return { name, local, path: path.verdict, status: answer.status };
    });
    for (const o of outcomes) {
      expect([o.name, o.path, o.status]).toEqual(o.local ? [o.name, 'delivered', 'NOERROR'] : [o.name, 'dropped', 'TIMEOUT']);
    }
    expect(outcomes.some((o) => o.local)).toBe(true);
    expect(outcomes.some((o) => !o.local)).toBe(true);
  });

  it('a connection by name fails as unresolved, with the NSG drop in its DNS hops', () => {
    const remote = clients.find((name) => {
      const client = world.k8sGet<Pod>(id, 'Pod', 'default', name)!;
      const path = trace(world, { from: fromPod(id, name), to: { ip: '10.0.0.10', port: 53 }, protocol: 'udp' });
      return path.reached === undefined && client.spec.nodeName;
    })!;
    const t = run(world, fromPod(id, remote), 'web', 80);
    expect(t.verdict).toBe('unresolved');
    const lost = t.hops.find((h) => h.action === 'dns' && h.at === 'network' && h.decision === 'drop')!;
    expect(lost.reason).toMatch(/^pod default\/client-\d-\d → 10\.0\.0\.10:53\/udp: lost \(dropped\) \(NSG aks-agentpool-\d+-nsg \(subnet aks-subnet, inbound\): Rule deny-dns \(priority 100\) denies UDP /);
    expect(t.hops.at(-1)!.reason).toBe('web does not resolve: no DNS server answered in time, so the connection is never attempted.');
  });
});

describe('a 0.0.0.0/0 → None route blackholes upstream DNS', () => {
  it('cluster names still resolve, internet names do not', () => {
    const { world, id, nodes, mc } = lab({ networkPlugin: 'kubenet', nodeCount: 2 }, 'blackhole');
    pod(world, id, 'client', nodes[0]!.metadata.name, { image: 'busybox' });
    service(world, id, 'web');
    // The VNet's DNS server is a public resolver, so CoreDNS's upstream goes through the routes.
    const vnet = clusterVnet(world, mc);
    world.putResource({ ...vnet, dhcpOptions: { dnsServers: ['1.1.1.1'] } });
    settleAll(world);
    expect(run(world, fromPod(id, 'client'), 'example.com', 443).verdict).toBe('delivered');
    const table = routeTable(world, mc)!;
    world.putResource({ ...table, routes: [...table.routes, newRoute({ routeTableId: table.id, resourceGroup: table.resourceGroup, name: 'blackhole', addressPrefix: '0.0.0.0/0', nextHopType: 'None' })] });
    const ext = run(world, fromPod(id, 'client'), 'example.com', 443);
    expect(ext.verdict).toBe('unresolved');
    expect(ext.hops.some((h) => h.action === 'dns' && /1\.1\.1\.1:53\/udp: lost \(dropped\) \(route table aks-agentpool-\d+-routetable \(subnet aks-subnet\): Route blackhole \(0\.0\.0\.0\/0\)/.test(h.reason))).toBe(true);
    // CoreDNS gives up on its upstream after 6 s, later than the client's 5 s timeout.
    expect(ext.hops.at(-1)!.reason).toBe('example.com does not resolve: no DNS server answered in time, so the connection is never attempted.');
    const svc = run(world, fromPod(id, 'client'), 'web', 80);
    expect(svc.hops.find((h) => h.action === 'resolve')!.decision).toBe('pass');
  });
});
