// Properties of every trace, on arbitrary flows through a small but complete cluster: it ends,
// its verdict agrees with its last hop (delivered ⇔ the last hop delivers; anything else ⇔ the
// last hop drops), delivered flows say where they ended and whom the server saw, and the same
// flow traced twice gives the same answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../sandbox/model/k8s/types.ts';
import type { Endpoint, Flow } from '../../../sandbox/network/flow.ts';
import { trace } from '../../../sandbox/network/trace/index.ts';
import { deployment, internet, lab, nodeIp, pod, service, settleAll, svc, workstation } from './fixtures.ts';

const { world, id, nodes, mc } = lab({ networkPlugin: 'kubenet', nodeCount: 3 }, 'trace-properties');
pod(world, id, 'client', nodes[0]!.metadata.name, { image: 'busybox' });
deployment(world, id, 'web', 3);
service(world, id, 'web');
service(world, id, 'web-lb', { type: 'LoadBalancer', selector: { app: 'web' } });
service(world, id, 'web-local', { type: 'LoadBalancer', selector: { app: 'web' }, externalTrafficPolicy: 'Local' });
service(world, id, 'empty', { selector: { app: 'nothing' } });
settleAll(world);

const pods = world.k8sList<Pod>(id, 'Pod');
const plane = world.state.controlPlanes[id.toLowerCase()]!;
const lbIps = ['web-lb', 'web-local'].map((n) => svc(world, id, n).status.loadBalancer.ingress![0]!.ip!);
const nodePorts = ['web-lb', 'web-local'].map((n) => svc(world, id, n).spec.ports[0]!.nodePort!);

const sources: Endpoint[] = [
  ...pods.map((p) => ({ kind: 'pod' as const, clusterId: id, namespace: p.metadata.namespace!, name: p.metadata.name })),
  ...nodes.map((n: Node) => ({ kind: 'node' as const, clusterId: id, name: n.metadata.name })),
  workstation,
  internet,
  { kind: 'pod', clusterId: id, namespace: 'default', name: 'missing' },
  { kind: 'ip', ip: '198.51.100.23' },
  { kind: 'ip', ip: nodeIp(nodes[1]!) },
];
const addresses = [
  ...pods.map((p) => p.status.podIP!).filter(Boolean),
  ...world.k8sList(id, 'Service').map((s) => (s as { spec: { clusterIP?: string } }).spec.clusterIP!).filter((ip) => ip && ip !== 'None'),
  ...nodes.map(nodeIp),
  ...lbIps,
  plane.publicIp!,
  '168.63.129.16',
  '8.8.8.8',
  '10.224.200.9',
  '10.244.9.9',
];
const hosts = ['web', 'web.default.svc.cluster.local', 'example.com', 'nothing-here.invalid', mc.fqdn!, 'kube-dns.kube-system'];

const flowArb: fc.Arbitrary<{ flow: Flow; hash: number; sourcePort: number }> = fc.record({
  from: fc.constantFrom(...sources),
  to: fc.oneof(
    fc.constantFrom(...addresses).map((ip) => ({ ip })),
    fc.ipV4().map((ip) => ({ ip })),
    fc.constantFrom(...hosts).map((host) => ({ host })),
  ),
  port: fc.oneof(fc.constantFrom(22, 53, 80, 443, 8080, 10250, 10256, ...nodePorts), fc.integer({ min: 1, max: 65535 })),
  protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'icmp' as const),
  hash: fc.double({ min: 0, max: 0.999999, noNaN: true }),
  sourcePort: fc.integer({ min: 1024, max: 65535 }),
}).map(({ from, to, port, protocol, hash, sourcePort }) => ({ flow: { from, to: { ...to, port }, protocol }, hash, sourcePort }));

describe('every trace', () => {
  it('ends with a verdict its last hop agrees with, and is repeatable', () => {
    fc.assert(
      fc.property(flowArb, ({ flow, hash, sourcePort }) => {
        const t = trace(world, flow, { flowHash: hash, sourcePort });
        const last = t.hops.at(-1);
        expect(last).toBeDefined();
        if (t.verdict === 'delivered') {
          expect(last!.decision).toBe('deliver');
          expect(t.finalDestination).toBeDefined();
          expect(t.sourceSeenAs).toBeDefined();
        } else {
          expect(last!.decision).toBe('drop');
        }
        for (const h of t.hops) expect(h.reason.length).toBeGreaterThan(10);
        expect(trace(world, flow, { flowHash: hash, sourcePort })).toEqual(t);
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });
});
