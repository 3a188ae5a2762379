// Internet → load balancer public IP → node → pod. externalTrafficPolicy Cluster: every node
// passes the probe, and the node the LB picked SNATs the client to its own address before
// forwarding (possibly to another node). Local: only nodes with a ready pod pass the health
// probe, nothing is SNATed, and the pod sees the client's own address.
import { describe, expect, it } from 'vitest';
import { internet, lab, nodeIp, pod, service, settleAll, svc } from './fixtures.ts';
import { trace } from '../../../sandbox/network/trace/index.ts';

const l = lab({ networkPlugin: 'azure', networkPluginMode: 'overlay' }, 'inbound');
const { world, id, nodes } = l;
pod(world, id, 'web', nodes[0]!.metadata.name, { labels: { app: 'web' } });
service(world, id, 'web-cluster', { type: 'LoadBalancer', selector: { app: 'web' } });
service(world, id, 'web-local', { type: 'LoadBalancer', selector: { app: 'web' }, externalTrafficPolicy: 'Local' });
settleAll(world);
const clientIp = world.state.machines['internet']!.publicIp;
const lbIp = (name: string) => svc(world, id, name).status.loadBalancer.ingress![0]!.ip!;
const PORTS = [40001, 40002, 40003, 40004, 40005, 40006, 40007, 40008];
const nodeIps = nodes.map(nodeIp);

function from(name: string, sourcePort: number) {
  return trace(world, { from: internet, to: { ip: lbIp(name), port: 80 }, protocol: 'tcp' }, { sourcePort });
}

describe('externalTrafficPolicy: Cluster', () => {
  it('reaches the pod from any node, which SNATs the client to its own address', () => {
    const chosen = new Set<string>();
    for (const port of PORTS) {
      const t = from('web-cluster', port);
      expect(t.verdict).toBe('delivered');
      expect(t.reached).toMatchObject({ kind: 'pod', name: 'web', nodeName: nodes[0]!.metadata.name });
      const lbHop = t.hops.find((h) => h.action === 'lb')!;
      expect(lbHop.reason).toContain('out of 3 healthy of 3');
      const backend = lbHop.details!['backend']!;
      chosen.add(backend);
      expect(t.sourceSeenAs).toBe(backend);
      expect(t.hops.some((h) => h.action === 'snat' && h.reason.includes(`the source ${clientIp} becomes ${backend}`))).toBe(true);
    }
    // Several nodes take traffic, including ones without the pod.
    expect(chosen.size).toBeGreaterThan(1);
    expect([...chosen].every((ip) => nodeIps.includes(ip))).toBe(true);
  });
});

describe('externalTrafficPolicy: Local', () => {
  it('only the node with the pod passes the probe, and the pod sees the client address', () => {
    for (const port of PORTS) {
      const t = from('web-local', port);
      expect([t.verdict, t.sourceSeenAs, t.finalDestination?.port]).toEqual(['delivered', clientIp, 80]);
      const lbHop = t.hops.find((h) => h.action === 'lb')!;
      expect(lbHop.details!['backend']).toBe(nodeIps[0]);
      expect(lbHop.reason).toContain('out of 1 healthy of 3');
      expect(t.hops.some((h) => h.action === 'snat')).toBe(false);
    }
  });

  it('with its only pod gone, no node passes the probe and the flow times out', () => {
    world.k8sDelete(id, 'Pod', 'default', 'web');
    settleAll(world);
    const t = from('web-local', PORTS[0]!);
    expect(t.verdict).toBe('timed-out');
    expect(t.hops.at(-1)!.reason).toMatch(/^Rule \w+-TCP-80 matches, but all 3 backends fail the health probe, so the load balancer has nowhere to send the flow\.$/);
  });
});
