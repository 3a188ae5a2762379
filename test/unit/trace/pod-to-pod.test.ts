// Pod → Service → pod on clusters built by the controllers: kubenet (the node's pod-range UDR),
// Azure CNI Overlay (the overlay fabric), Azure CNI (pod addresses in the VNet), the same node
// (no Azure hop at all), a Service without endpoints, a port nobody listens on, a stale route.
import { describe, expect, it } from 'vitest';
import { actions, fromPod, getPod, lab, nodeIp, pod, routeTable, run, service, settleAll, svc, type Lab } from './fixtures.ts';
import type { RouteTable } from '../../../sandbox/model/azure/types.ts';

/** client on node 0, `echo` (nginx) on node 1, `near` on node 0, Services for both and an empty one. */
function workloads(l: Lab): { clientIp: string; echoIp: string; nearIp: string } {
  const { world, id, nodes } = l;
  pod(world, id, 'client', nodes[0]!.metadata.name, { image: 'busybox' });
  pod(world, id, 'echo', nodes[1]!.metadata.name, { labels: { app: 'echo' } });
  pod(world, id, 'near', nodes[0]!.metadata.name, { labels: { app: 'near' } });
  service(world, id, 'echo');
  service(world, id, 'near');
  service(world, id, 'empty');
  settleAll(world);
  return { clientIp: getPod(world, id, 'client').status.podIP!, echoIp: getPod(world, id, 'echo').status.podIP!, nearIp: getPod(world, id, 'near').status.podIP! };
}

describe('kubenet', () => {
  const l = lab({ networkPlugin: 'kubenet' });
  const { world, id, nodes } = l;
  const ips = workloads(l);

  it('reaches a pod on another node through the ClusterIP and the node route of its pod range', () => {
    const t = run(world, fromPod(id, 'client'), svc(world, id, 'echo').spec.clusterIP!, 80);
    expect(t.verdict).toBe('delivered');
    expect(t.finalDestination).toEqual({ ip: ips.echoIp, port: 80 });
    expect(t.sourceSeenAs).toBe(ips.clientIp);
    expect(t.reached).toEqual({ kind: 'pod', clusterId: id, namespace: 'default', name: 'echo', nodeName: nodes[1]!.metadata.name });
    expect(actions(t)).toEqual(['send:pass', 'dnat:rewrite', 'snat:pass', 'send:pass', 'nsg:pass', 'route:pass', 'nsg:pass', 'deliver:deliver', 'forward:pass', 'deliver:deliver']);
    expect(t.hops[2]!.reason).toBe(`${ips.echoIp} is inside the non-masquerade range 10.244.0.0/16, so the packet keeps the pod address ${ips.clientIp} as its source.`);
    const route = t.hops[5]!;
    expect(route.details).toMatchObject({ prefix: nodes[1]!.spec.podCIDR, nextHopType: 'VirtualAppliance', nextHopIp: nodeIp(nodes[1]!), source: 'User' });
    expect(route.reason).toContain(`Route ${nodes[1]!.metadata.name} (${nodes[1]!.spec.podCIDR})`);
    expect(t.hops[9]!.reason).toBe(`container echo (nginx) listens on TCP 80: it accepts TCP ${ips.clientIp}:${t.hops[0]!.reason.match(/:(\d+) →/)![1]} → ${ips.echoIp}:80.`);
  });

  it('delivers to a pod on the same node over the bridge, without any Azure hop', () => {
    const t = run(world, fromPod(id, 'client'), svc(world, id, 'near').spec.clusterIP!, 80);
    expect([t.verdict, t.finalDestination, t.sourceSeenAs]).toEqual(['delivered', { ip: ips.nearIp, port: 80 }, ips.clientIp]);
    expect(actions(t)).toEqual(['send:pass', 'dnat:rewrite', 'forward:pass', 'deliver:deliver']);
    expect(t.hops[2]!.reason).toContain('through the cbr0 bridge and the pod\'s veth');
  });

  it('is refused by kube-proxy for a Service without endpoints', () => {
    const t = run(world, fromPod(id, 'client'), svc(world, id, 'empty').spec.clusterIP!, 80);
    expect(t.verdict).toBe('refused');
    expect(actions(t)).toEqual(['send:pass', 'reject:drop']);
    expect(t.hops[1]!.at).toBe(`kube-proxy (iptables) on ${nodes[0]!.metadata.name}`);
    expect(t.hops[1]!.reason).toContain('"default/empty has no endpoints"');
    expect(t.finalDestination).toBeUndefined();
  });

  it('is refused by the pod when nothing listens on the port', () => {
    const t = run(world, fromPod(id, 'client'), ips.echoIp, 8080);
    expect(t.verdict).toBe('refused');
    const last = t.hops.at(-1)!;
    expect([last.at, last.decision]).toEqual(['pod default/echo', 'drop']);
    expect(last.reason).toBe('Nothing listens on TCP 8080 there (its containers listen on 80/TCP): the kernel answers with a TCP reset, so the connection is refused.');
  });

  it('a stale route (wrong next hop) sends pod traffic to the wrong node, where it loops', () => {
    const { world: w, id: cid, nodes: ns, mc } = lab({ networkPlugin: 'kubenet' }, 'stale-route');
    workloads({ world: w, id: cid, nodes: ns, mc });
    const table = routeTable(w, mc)!;
    const wrong: RouteTable = {
      ...table,
      routes: table.routes.map((r) => (r.addressPrefix === ns[1]!.spec.podCIDR ? { ...r, nextHopIpAddress: nodeIp(ns[2]!) } : r)),
    };
    w.putResource(wrong);
    const t = run(w, fromPod(cid, 'client'), getPod(w, cid, 'echo').status.podIP!, 80);
    expect(t.verdict).toBe('timed-out');
    const arrivals = t.hops.filter((h) => h.action === 'deliver' && h.decision === 'deliver').map((h) => h.at);
    expect(arrivals).toEqual([`${ns[2]!.metadata.name} eth0`, `${ns[2]!.metadata.name} eth0`]);
    expect(t.hops.at(-1)!.reason).toBe(`The packet for ${getPod(w, cid, 'echo').status.podIP} is back at ${ns[2]!.metadata.name}: the routes send it round in a circle until its TTL runs out, and the client times out.`);
    // Pods on the other nodes are unaffected.
    expect(run(w, fromPod(cid, 'client'), svc(w, cid, 'near').spec.clusterIP!, 80).verdict).toBe('delivered');
  });
});

describe('Azure CNI Overlay', () => {
  const l = lab({ networkPlugin: 'azure', networkPluginMode: 'overlay' }, 'trace-overlay');
  const { world, id, nodes } = l;
  const ips = workloads(l);

  it('carries pod → pod across nodes through the overlay, not the VNet routes', () => {
    const t = run(world, fromPod(id, 'client'), svc(world, id, 'echo').spec.clusterIP!, 80);
    expect([t.verdict, t.finalDestination, t.sourceSeenAs]).toEqual(['delivered', { ip: ips.echoIp, port: 80 }, ips.clientIp]);
    const route = t.hops.find((h) => h.action === 'route')!;
    expect(route.at).toMatch(/^Azure CNI Overlay \(VNet aks-vnet-\d+\)$/);
    expect(route.details).toEqual({ podCidr: nodes[1]!.spec.podCIDR, node: nodes[1]!.metadata.name });
    expect(t.hops.at(-2)!.reason).toContain('through the pod\'s veth (Azure CNI routes each pod address to its interface)');
  });
});

describe('Azure CNI (pod addresses from the node subnet)', () => {
  const l = lab({ networkPlugin: 'azure' }, 'trace-cni');
  const { world, id } = l;
  const ips = workloads(l);

  it('routes the pod address inside the VNet to the NIC that holds it', () => {
    const t = run(world, fromPod(id, 'client'), svc(world, id, 'echo').spec.clusterIP!, 80);
    expect([t.verdict, t.finalDestination, t.sourceSeenAs]).toEqual(['delivered', { ip: ips.echoIp, port: 80 }, ips.clientIp]);
    const route = t.hops.find((h) => h.action === 'route')!;
    expect(route.details).toMatchObject({ prefix: '10.224.0.0/12', nextHopType: 'VnetLocal', source: 'Default' });
    const nic = t.hops.find((h) => h.action === 'deliver' && h.at.endsWith(' eth0'))!;
    expect(nic.reason).toContain(`${ips.echoIp} is an address of this NIC`);
  });
});

describe('other starts and ends inside a kubenet cluster', () => {
  const l = lab({ networkPlugin: 'kubenet' }, 'trace-misc');
  const { world, id, nodes } = l;
  const ips = workloads(l);
  service(world, id, 'echo-np', { type: 'NodePort', selector: { app: 'echo' } });
  settleAll(world);

  it('a pod reaches its own address without leaving its namespace', () => {
    const t = run(world, fromPod(id, 'echo'), ips.echoIp, 80);
    expect([t.verdict, ...actions(t)]).toEqual(['delivered', 'send:pass', 'forward:pass', 'deliver:deliver']);
    expect(t.hops[1]!.reason).toBe(`${ips.echoIp} is the pod's own address: the kernel loops the packet back inside the pod's network namespace.`);
  });

  it('a host-network pod sends from its node address', () => {
    const proxy = world.k8sList<import('../../../sandbox/model/k8s/types.ts').Pod>(id, 'Pod', 'kube-system').find((p) => p.spec.hostNetwork && p.spec.nodeName === nodes[2]!.metadata.name)!;
    const t = run(world, fromPod(id, proxy.metadata.name, 'kube-system'), ips.echoIp, 80);
    expect([t.verdict, t.sourceSeenAs]).toEqual(['delivered', nodeIp(nodes[2]!)]);
    expect(t.hops[0]!.reason).toContain('from the network namespace of its node (hostNetwork)');
  });

  it('a NodePort on another node is translated by that node\'s kube-proxy', () => {
    const nodePort = svc(world, id, 'echo-np').spec.ports[0]!.nodePort!;
    const t = run(world, fromPod(id, 'client'), nodeIp(nodes[2]!), nodePort);
    expect([t.verdict, t.finalDestination]).toEqual(['delivered', { ip: ips.echoIp, port: 80 }]);
    const dnat = t.hops.find((h) => h.action === 'dnat')!;
    expect(dnat.at).toBe(`kube-proxy (iptables) on ${nodes[2]!.metadata.name}`);
    expect(dnat.reason).toMatch(/^nat PREROUTING → KUBE-SERVICES → KUBE-NODEPORTS → KUBE-EXT-/);
  });

  it('an unknown pod or a pod without an address has no route', () => {
    const t = run(world, fromPod(id, 'ghost'), ips.echoIp, 80);
    expect([t.verdict, t.hops.length, t.hops[0]!.reason]).toEqual(['no-route', 1, `There is no pod default/ghost in cluster aks1.`]);
  });
});
