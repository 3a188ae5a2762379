// Property: whatever the services, policies and endpoints, a new connection to a service
// address (cluster IP, NodePort or load balancer IP) is either DNATed to a ready endpoint of
// that very service port, or rejected/dropped, never anything else; with no ready endpoint
// anywhere it is rejected. One real exception: the node's own packets to a load balancer IP
// that kube-proxy does not translate pass untouched (kube-proxy's REJECT/DROP for external IPs
// hook INPUT and FORWARD, not OUTPUT), so they leave the node toward the Azure load balancer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateNat, type Origin } from '../../../sandbox/network/kube-proxy/index.ts';
import { addService, addSlice, CLUSTER_ID, makeWorld, nodeIp, nodeName, type Plugin } from './fixtures.ts';

const NODES = 3;

const endpointArb = fc.record({ node: fc.nat({ max: NODES - 1 }), ready: fc.boolean() });
const serviceArb = fc.record({
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer') as fc.Arbitrary<'ClusterIP' | 'NodePort' | 'LoadBalancer'>,
  etpLocal: fc.boolean(),
  itpLocal: fc.boolean(),
  ports: fc.array(fc.constantFrom('TCP', 'UDP') as fc.Arbitrary<'TCP' | 'UDP'>, { minLength: 1, maxLength: 2 }),
  endpoints: fc.array(endpointArb, { maxLength: 4 }),
  sourceRange: fc.boolean(),
});

const caseArb = fc.record({
  plugin: fc.constantFrom('kubenet', 'azure', 'overlay') as fc.Arbitrary<Plugin>,
  services: fc.array(serviceArb, { minLength: 1, maxLength: 5 }),
  pick: fc.nat(),
  port: fc.nat(),
  node: fc.nat({ max: NODES - 1 }),
  origin: fc.constantFrom('pod', 'node', 'external') as fc.Arbitrary<Origin>,
  via: fc.constantFrom('clusterIP', 'nodePort', 'loadBalancer'),
  flow: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
});

describe('evaluator property', () => {
  it('DNATs to a ready endpoint of the addressed service port, or rejects/drops', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const world = makeWorld(c.plugin, NODES);
        const podIp = (node: number, host: number) => (c.plugin === 'azure' ? `10.224.${1 + node}.${host}` : `10.244.${node}.${host}`);
        c.services.forEach((s, i) => {
          const externallyVisible = s.type !== 'ClusterIP';
          addService(world, {
            name: `s${i}`,
            type: s.type,
            clusterIP: `10.0.1.${i + 1}`,
            ports: s.ports.map((protocol, j) => ({ name: `p${j}`, port: 80 + j, protocol, targetPort: 8080 + j, ...(externallyVisible ? { nodePort: 30000 + i * 2 + j } : {}) })),
            ...(externallyVisible && s.etpLocal ? { externalTrafficPolicy: 'Local' as const } : {}),
            ...(s.type === 'LoadBalancer' && s.etpLocal ? { healthCheckNodePort: 32000 + i } : {}),
            ...(s.itpLocal ? { internalTrafficPolicy: 'Local' as const } : {}),
            ...(s.type === 'LoadBalancer' ? { loadBalancerIP: `20.0.0.${i + 1}` } : {}),
            ...(s.type === 'LoadBalancer' && s.sourceRange ? { loadBalancerSourceRanges: ['0.0.0.0/0'] } : {}),
          });
          addSlice(
            world,
            { name: `s${i}` },
            s.ports.map((protocol, j) => ({ name: `p${j}`, port: 8080 + j, protocol })),
            s.endpoints.map((e, k) => ({ ip: podIp(e.node, 10 + i * 8 + k), node: e.node, ready: e.ready })),
          );
        });

        const si = c.pick % c.services.length;
        const s = c.services[si]!;
        const pj = c.port % s.ports.length;
        const protocol = s.ports[pj]!.toLowerCase() as 'tcp' | 'udp';
        let dst = `10.0.1.${si + 1}`;
        let dport = 80 + pj;
        if (c.via === 'nodePort' && s.type !== 'ClusterIP') {
          dst = nodeIp(c.node);
          dport = 30000 + si * 2 + pj;
        } else if (c.via === 'loadBalancer' && s.type === 'LoadBalancer') {
          dst = `20.0.0.${si + 1}`;
        }
        const src = c.origin === 'pod' ? podIp(c.node, 200) : c.origin === 'node' ? nodeIp(c.node) : '203.0.113.50';
        const v = evaluateNat(world, CLUSTER_ID, nodeName(c.node), { src, dst, dport, protocol }, c.origin, c.flow)!;

        const ready = s.endpoints.map((e, k) => ({ ...e, ip: podIp(e.node, 10 + si * 8 + k) })).filter((e) => e.ready);
        const leavesForLb = c.origin === 'node' && dst === `20.0.0.${si + 1}`;
        expect(leavesForLb ? ['dnat', 'reject', 'drop', 'accept'] : ['dnat', 'reject', 'drop']).toContain(v.action);
        if (v.action === 'dnat') {
          expect(ready.map((e) => e.ip)).toContain(v.to!.ip);
          expect(v.to!.port).toBe(8080 + pj);
          expect(v.servicePort).toBe(`default/s${si}:p${pj}`);
          const ep = ready.find((e) => e.ip === v.to!.ip)!;
          expect(v.to!.endpointNode).toBe(nodeName(ep.node));
        }
        if (ready.length === 0) expect(v.action).toBe(leavesForLb ? 'accept' : 'reject');
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });
});
