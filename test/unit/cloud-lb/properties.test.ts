// Whatever Services come and go, the cluster's Azure side stays consistent: every settle ends
// and is idempotent, NSG priorities never collide, every public frontend port is open exactly
// where a Service needs it, nothing is left behind for a Service that is gone, and removing every
// Service gives the node resource group back as AKS made it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoadBalancer, NetworkSecurityGroup, PublicIPAddress } from '../../../sandbox/model/azure/types.ts';
import type { Service } from '../../../sandbox/model/k8s/types.ts';
import { baseName } from '../../../sandbox/controllers/cloud-lb/index.ts';
import { addService, getService, settleLb, threeNodeCluster, type Fixture } from './fixtures.ts';

const NAMES = ['s0', 's1', 's2', 's3'] as const;

const spec = fc.record({
  ports: fc.uniqueArray(fc.constantFrom(80, 443, 8080), { minLength: 1, maxLength: 3 }),
  udp: fc.boolean(),
  local: fc.boolean(),
  internal: fc.boolean(),
  ranges: fc.constantFrom<string[] | undefined>(undefined, ['203.0.113.0/24'], ['198.51.100.0/24', '203.0.113.0/24']),
});

const op = fc.oneof(
  fc.record({ kind: fc.constant('apply' as const), who: fc.integer({ min: 0, max: 3 }), spec }),
  fc.record({ kind: fc.constant('delete' as const), who: fc.integer({ min: 0, max: 3 }) }),
);

interface Spec {
  ports: number[];
  udp: boolean;
  local: boolean;
  internal: boolean;
  ranges: string[] | undefined;
}

let created = 0;

/** Creates the Service (a fresh UID each time, as the API server gives) or updates it in place, as kubectl apply does. */
function apply(f: Fixture, who: number, s: Spec): void {
  const name = NAMES[who]!;
  const ports = s.ports.map((port, i) => ({ name: `p${i}`, port, protocol: s.udp && i === 0 ? ('UDP' as const) : ('TCP' as const), targetPort: 8080, nodePort: 30000 + who * 100 + i }));
  const annotations = s.internal ? { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' } : undefined;
  const existing = getService(f, name);
  if (existing) {
    const svc = structuredClone(existing);
    svc.spec.ports = ports;
    svc.spec.externalTrafficPolicy = s.local ? 'Local' : 'Cluster';
    if (s.local) svc.spec.healthCheckNodePort = 32100 + who;
    else delete svc.spec.healthCheckNodePort;
    if (s.ranges) svc.spec.loadBalancerSourceRanges = s.ranges;
    else delete svc.spec.loadBalancerSourceRanges;
    if (annotations) svc.metadata.annotations = annotations;
    else delete svc.metadata.annotations;
    f.world.k8sPut(f.clusterId, svc);
    return;
  }
  created++;
  addService(f, name, {
    uid: `${(created * 0x1000 + who).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    clusterIP: `10.0.1.${10 + who}`,
    externalTrafficPolicy: s.local ? 'Local' : 'Cluster',
    healthCheckNodePort: s.local ? 32100 + who : undefined,
    annotations,
    loadBalancerSourceRanges: s.ranges,
    ports,
  });
}

function check(f: Fixture): void {
  const lbs = [f.world.resource<LoadBalancer>(f.lbId)!, f.world.resource<LoadBalancer>(f.internalLbId)].filter((x): x is LoadBalancer => !!x);
  const services = f.world.k8sList<Service>(f.clusterId, 'Service');
  const bases = new Set(services.map((s) => baseName(s)));

  // Nothing left of Services that are gone.
  for (const lb of lbs) {
    for (const item of [...lb.frontendIPConfigurations.slice(lb.name === 'kubernetes' ? 1 : 0), ...lb.loadBalancingRules, ...lb.probes]) {
      expect(bases.has(item.name.slice(0, 32)), `${lb.name}: ${item.name}`).toBe(true);
    }
  }
  const pips = f.world.resourcesOfType<PublicIPAddress>('Microsoft.Network/publicIPAddresses').filter((p) => p.tags?.['k8s-azure-service']);
  for (const pip of pips) expect(services.some((s) => pip.tags!['k8s-azure-service']!.split(',').includes(`default/${s.metadata.name}`))).toBe(true);

  // NSG priorities are unique, and each public Service port is open to its IP.
  const rules = f.world.resource<NetworkSecurityGroup>(f.nsgId)!.securityRules;
  expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
  for (const r of rules) expect(r.priority >= 500 && r.priority <= 4096).toBe(true);
  for (const svc of services) {
    const ip = svc.status.loadBalancer.ingress?.[0]?.ip;
    expect(ip, svc.metadata.name).toBeDefined();
    if (svc.metadata.annotations) continue; // internal: VNet traffic needs no rule
    for (const port of svc.spec.ports) {
      const open = rules.some(
        (r) =>
          r.access === 'Allow' &&
          r.protocol === (port.protocol === 'UDP' ? 'Udp' : 'Tcp') &&
          r.destinationPortRanges.includes(String(port.port)) &&
          (r.destinationAddressPrefix === ip || r.destinationAddressPrefixes.includes(ip!)),
      );
      expect(open, `${svc.metadata.name} ${port.protocol}/${port.port}`).toBe(true);
    }
  }
  // Every frontend address is distinct.
  const ips = services.map((s) => s.status.loadBalancer.ingress![0]!.ip);
  expect(new Set(ips).size).toBe(ips.length);
}

describe('properties', () => {
  it('any sequence of Service changes keeps the LBs, public IPs and NSG consistent, and cleans up completely', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 8 }), (ops) => {
        const f = threeNodeCluster();
        const initial = JSON.stringify(f.world.state.resources);
        for (const o of ops) {
          if (o.kind === 'apply') apply(f, o.who, o.spec);
          else f.world.k8sDelete(f.clusterId, 'Service', 'default', NAMES[o.who]!);
          f.world.advance(1000);
          expect(settleLb(f).settled).toBe(true);
          expect(settleLb(f).rounds).toBe(1);
          check(f);
        }
        for (const name of NAMES) f.world.k8sDelete(f.clusterId, 'Service', 'default', name);
        settleLb(f);
        // Azure is exactly as AKS left it.
        expect(JSON.stringify(f.world.state.resources)).toBe(initial);
        expect(getService(f, 's0')).toBeUndefined();
      }),
      { numRuns: 60, seed: 20261126 },
    );
  });
});
