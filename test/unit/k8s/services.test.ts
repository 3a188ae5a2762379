// Service defaulting, ClusterIP/NodePort allocation and validation messages.
import { describe, expect, it } from 'vitest';
import { inCidr } from '../../../sandbox/core/ip.ts';
import type { Service } from '../../../sandbox/model/k8s/types.ts';
import { admitService, validateService } from '../../../sandbox/controllers/k8s/index.ts';
import { addCluster, emptyWorld, run, service, update } from './fixtures.ts';

function cluster() {
  const world = emptyWorld();
  const c = addCluster(world);
  run(world);
  return { world, c };
}

const stored = (world: ReturnType<typeof emptyWorld>, id: string, name: string, ns = 'default') =>
  world.k8sGet<Service>(id, 'Service', ns, name)!;

describe('service allocation and defaults', () => {
  it('a ClusterIP service gets an address from the dynamic (upper) part of the range and API defaults', () => {
    const { world, c } = cluster();
    world.k8sPut(c.id, service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: undefined as never, protocol: undefined as never }] }));
    run(world);
    const svc = stored(world, c.id, 'web');
    expect(inCidr('10.0.0.0/16', svc.spec.clusterIP!)).toBe(true);
    expect(inCidr('10.0.0.0/24', svc.spec.clusterIP!)).toBe(false);
    expect(svc.spec.clusterIP).not.toBe('10.0.1.0');
    expect(svc.spec.clusterIPs).toEqual([svc.spec.clusterIP]);
    expect(svc.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
    expect(svc.spec.externalTrafficPolicy).toBeUndefined();
    expect(svc.status).toEqual({ loadBalancer: {} });
    expect(run(world)).toEqual({ rounds: 1, settled: true });
  });

  it('allocation is seeded: the same world always gives the same addresses and ports', () => {
    const { world, c } = cluster();
    world.k8sPut(c.id, service('web', { type: 'NodePort', selector: { app: 'web' } }));
    run(world);
    expect(stored(world, c.id, 'metrics-server', 'kube-system').spec.clusterIP).toBe('10.0.95.142');
    expect(stored(world, c.id, 'web').spec.clusterIP).toBe('10.0.32.154');
    expect(stored(world, c.id, 'web').spec.ports[0]!.nodePort).toBe(32402);
  });

  it('NodePort and LoadBalancer services get node ports in 30000-32767 (dynamic band from 30086)', () => {
    const { world, c } = cluster();
    world.k8sPut(c.id, service('np', { type: 'NodePort', selector: { app: 'web' } }));
    world.k8sPut(
      c.id,
      service('lb', {
        type: 'LoadBalancer',
        selector: { app: 'web' },
        externalTrafficPolicy: 'Local',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        ],
      }),
    );
    run(world);
    const np = stored(world, c.id, 'np');
    expect(np.spec.ports[0]!.nodePort).toBeGreaterThanOrEqual(30086);
    expect(np.spec.ports[0]!.nodePort).toBeLessThanOrEqual(32767);
    expect(np.spec.externalTrafficPolicy).toBe('Cluster');
    const lb = stored(world, c.id, 'lb');
    expect(lb.spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(lb.spec.ports[0]!.nodePort).toBe(lb.spec.ports[1]!.nodePort);
    expect(lb.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30086);
    expect(lb.spec.healthCheckNodePort).not.toBe(lb.spec.ports[0]!.nodePort);
    expect(lb.spec.ports[0]!.nodePort).not.toBe(np.spec.ports[0]!.nodePort);
    expect(lb.status).toEqual({ loadBalancer: {} });
  });

  it('requested ClusterIP and nodePort are honoured; switching back to ClusterIP releases node ports', () => {
    const { world, c } = cluster();
    const admitted = admitService(world, c.id, service('web', { type: 'NodePort', clusterIP: '10.0.0.50', ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }] }));
    expect(admitted.ok).toBe(true);
    if (!admitted.ok) return;
    expect(admitted.service.spec.clusterIP).toBe('10.0.0.50');
    expect(admitted.service.spec.ports[0]!.nodePort).toBe(30080);
    world.k8sPut(c.id, admitted.service);
    run(world);
    update<Service>(world, c.id, 'Service', 'default', 'web', (s) => (s.spec.type = 'ClusterIP'));
    run(world);
    expect(stored(world, c.id, 'web').spec.ports[0]!.nodePort).toBeUndefined();
    expect(stored(world, c.id, 'web').spec.externalTrafficPolicy).toBeUndefined();
  });

  it('kubectl apply of a LoadBalancer Service turned ClusterIP drops the fields ClusterIP cannot have', () => {
    const { world, c } = cluster();
    const lb = admitService(world, c.id, service('web', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }));
    if (!lb.ok) throw new Error(lb.message);
    world.k8sPut(c.id, lb.service);
    const edited = JSON.parse(JSON.stringify(lb.service)) as Service;
    edited.spec.type = 'ClusterIP';
    const again = admitService(world, c.id, edited, lb.service);
    if (!again.ok) throw new Error(again.message);
    expect(again.service.spec).toMatchObject({ type: 'ClusterIP', clusterIP: lb.service.spec.clusterIP });
    expect(again.service.spec.externalTrafficPolicy).toBeUndefined();
    expect(again.service.spec.healthCheckNodePort).toBeUndefined();
    expect(again.service.spec.allocateLoadBalancerNodePorts).toBeUndefined();
    expect(again.service.spec.ports[0]!.nodePort).toBeUndefined();
    // Setting the policy explicitly on a ClusterIP Service is still refused.
    expect(validateService(world, c.id, { ...again.service, spec: { ...again.service.spec, externalTrafficPolicy: 'Local' } })).toMatchObject({ ok: false });
  });

  it('an update that omits clusterIP and nodePorts keeps the allocated ones', () => {
    const { world, c } = cluster();
    const first = admitService(world, c.id, service('web', { type: 'NodePort' }));
    if (!first.ok) throw new Error(first.message);
    world.k8sPut(c.id, first.service);
    const again = admitService(world, c.id, service('web', { type: 'NodePort' }), first.service);
    if (!again.ok) throw new Error(again.message);
    expect(again.service.spec.clusterIP).toBe(first.service.spec.clusterIP);
    expect(again.service.spec.ports[0]!.nodePort).toBe(first.service.spec.ports[0]!.nodePort);
  });

  it('never allocates the same ClusterIP twice, nor the first address or the DNS address', () => {
    const { world, c } = cluster();
    for (let i = 0; i < 60; i++) world.k8sPut(c.id, service(`svc-${i}`, { selector: { app: `a${i}` } }));
    run(world);
    const ips = world.k8sList<Service>(c.id, 'Service').map((s) => s.spec.clusterIP);
    expect(new Set(ips).size).toBe(ips.length);
    expect(ips.filter((ip) => ip === '10.0.0.1')).toHaveLength(1);
    expect(ips.filter((ip) => ip === '10.0.0.10')).toHaveLength(1);
  });

  it('in a tiny service range the allocator skips the kubernetes and kube-dns addresses, then runs out', () => {
    const world = emptyWorld();
    const c = addCluster(world, { serviceCidr: '10.0.0.0/29', dnsServiceIp: '10.0.0.2' });
    run(world);
    // Six usable addresses: .1 kubernetes, .2 kube-dns, one for metrics-server, three left.
    for (const n of ['a', 'b', 'c']) world.k8sPut(c.id, service(n, { selector: { app: n } }));
    run(world);
    const ips = ['a', 'b', 'c', 'metrics-server'].map((n) => stored(world, c.id, n, n === 'metrics-server' ? 'kube-system' : 'default').spec.clusterIP).sort();
    expect(ips).toEqual(['10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    expect(admitService(world, c.id, service('d', {}))).toEqual({
      ok: false,
      reason: 'InternalError',
      code: 500,
      causes: [],
      message: 'Internal error occurred: failed to allocate a serviceIP: range is full',
    });
  });
});

describe('validateService', () => {
  it('accepts a valid service', () => {
    const { world, c } = cluster();
    expect(validateService(world, c.id, service('web', { selector: { app: 'web' } }))).toEqual({ ok: true });
  });

  it('reports a ClusterIP already allocated, outside the range, or reserved for kube-dns', () => {
    const { world, c } = cluster();
    const taken = validateService(world, c.id, service('web', { clusterIP: '10.0.0.1' }));
    expect(taken).toMatchObject({
      ok: false,
      reason: 'Invalid',
      code: 422,
      message:
        'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: provided IP is already allocated',
    });
    expect(validateService(world, c.id, service('web', { clusterIP: '192.168.1.1' }))).toMatchObject({
      message:
        'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.1.1"}: failed to allocate IP 192.168.1.1: the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.0.0.0/16',
    });
    expect(validateService(world, c.id, service('web', { clusterIP: '10.0.0.10' }))).toMatchObject({
      message:
        'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.10"}: failed to allocate IP 10.0.0.10: provided IP is already allocated',
    });
    expect(validateService(world, c.id, service('web', { clusterIP: 'abc' }))).toMatchObject({
      message: 'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "abc": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    });
  });

  it('reports node ports outside the range or already allocated', () => {
    const { world, c } = cluster();
    const first = admitService(world, c.id, service('a', { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }));
    if (!first.ok) throw new Error(first.message);
    world.k8sPut(c.id, first.service);
    expect(validateService(world, c.id, service('b', { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }))).toMatchObject({
      message: 'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    });
    expect(validateService(world, c.id, service('b', { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 80 }] }))).toMatchObject({
      message:
        'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    });
    // Its own port is not a conflict when the service is updated.
    expect(validateService(world, c.id, first.service, first.service)).toEqual({ ok: true });
  });

  it('field errors: one prints bare, several in brackets', () => {
    const { world, c } = cluster();
    expect(validateService(world, c.id, service('web', { ports: [] }))).toMatchObject({ message: 'The Service "web" is invalid: spec.ports: Required value' });
    expect(
      validateService(world, c.id, service('web', { ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }, { port: 0, protocol: 'HTTP' as never, targetPort: 80 }] })),
    ).toMatchObject({
      message:
        'The Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value, spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"]',
    });
    expect(validateService(world, c.id, service('Web', {}))).toMatchObject({
      message:
        'The Service "Web" is invalid: metadata.name: Invalid value: "Web": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')',
    });
    expect(validateService(world, c.id, service('web', { ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30001 }] }))).toMatchObject({
      message: "The Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    });
    expect(validateService(world, c.id, service('web', { externalTrafficPolicy: 'Local' }))).toMatchObject({
      message: 'The Service "web" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set when `type` is \'NodePort\' or \'LoadBalancer\'',
    });
    const withCauses = validateService(world, c.id, service('web', { ports: [] }));
    expect(withCauses.ok ? [] : withCauses.causes).toEqual([
      { type: 'Required', field: 'spec.ports', value: undefined, detail: undefined, text: 'spec.ports: Required value' },
    ]);
  });

  it('a ClusterIP may not change once set', () => {
    const { world, c } = cluster();
    const first = admitService(world, c.id, service('web', {}));
    if (!first.ok) throw new Error(first.message);
    world.k8sPut(c.id, first.service);
    expect(validateService(world, c.id, service('web', { clusterIP: 'None' }), first.service)).toMatchObject({
      message: 'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set',
    });
  });
});
