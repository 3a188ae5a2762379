// Endpoints and EndpointSlices built from Service selectors and pod readiness.
import { describe, expect, it } from 'vitest';
import type { Deployment, EndpointSlice, Endpoints, Pod, Service } from '../../../sandbox/model/k8s/types.ts';
import { podsForService } from '../../../sandbox/controllers/k8s/index.ts';
import { addCluster, deployment, emptyWorld, podsOf, run, service, update } from './fixtures.ts';

function withWeb(replicas = 3) {
  const world = emptyWorld();
  const c = addCluster(world);
  run(world);
  world.k8sPut(c.id, deployment('web', replicas, { ports: [{ name: 'http', containerPort: 8080 }] }));
  world.k8sPut(c.id, service('web', { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 'http' }] }));
  run(world);
  return { world, c };
}

const ep = (world: ReturnType<typeof emptyWorld>, id: string, name = 'web') => world.k8sGet<Endpoints>(id, 'Endpoints', 'default', name);
const slices = (world: ReturnType<typeof emptyWorld>, id: string, name = 'web') =>
  world.k8sList<EndpointSlice>(id, 'EndpointSlice', 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);

describe('endpoints controller', () => {
  it('lists the 3 ready pod IPs with nodeName and targetRef, resolving the named target port', () => {
    const { world, c } = withWeb();
    const pods = podsOf(world, c.id, 'web-');
    const ips = pods.map((p) => p.status.podIP!).sort();
    const e = ep(world, c.id)!;
    expect(e.subsets).toHaveLength(1);
    expect(e.subsets![0]!.addresses!.map((a) => a.ip)).toEqual(ips);
    expect(e.subsets![0]!.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(e.subsets![0]!.notReadyAddresses).toBeUndefined();
    const first = e.subsets![0]!.addresses![0]!;
    const pod = pods.find((p) => p.status.podIP === first.ip)!;
    expect(first).toEqual({
      ip: pod.status.podIP,
      nodeName: pod.spec.nodeName,
      targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: 'default', uid: pod.metadata.uid },
    });
    expect(podsForService(world, c.id, world.k8sGet<Service>(c.id, 'Service', 'default', 'web')!).map((p) => p.metadata.name).sort()).toEqual(
      pods.map((p) => p.metadata.name).sort(),
    );
  });

  it('moves a pod that is not ready to notReadyAddresses', () => {
    const { world, c } = withWeb();
    const pod = podsOf(world, c.id, 'web-')[0]!;
    update<Pod>(world, c.id, 'Pod', 'default', pod.metadata.name, (p) => {
      p.status.conditions!.find((x) => x.type === 'Ready')!.status = 'False';
    });
    run(world);
    const e = ep(world, c.id)!;
    expect(e.subsets![0]!.notReadyAddresses!.map((a) => a.ip)).toEqual([pod.status.podIP]);
    expect(e.subsets![0]!.addresses).toHaveLength(2);
    const entry = slices(world, c.id)[0]!.endpoints.find((x) => x.addresses[0] === pod.status.podIP)!;
    expect(entry.conditions).toEqual({ ready: false, serving: false, terminating: false });
  });

  it('scaling to 0 empties the endpoints; scaling back fills them', () => {
    const { world, c } = withWeb();
    update<Deployment>(world, c.id, 'Deployment', 'default', 'web', (d) => (d.spec.replicas = 0));
    run(world);
    expect(ep(world, c.id)!.subsets).toBeUndefined();
    const placeholder = slices(world, c.id);
    expect(placeholder).toHaveLength(1);
    expect(placeholder[0]!.endpoints).toEqual([]);
    expect(placeholder[0]!.ports).toEqual([]);
    update<Deployment>(world, c.id, 'Deployment', 'default', 'web', (d) => (d.spec.replicas = 2));
    run(world);
    expect(ep(world, c.id)!.subsets![0]!.addresses).toHaveLength(2);
    expect(slices(world, c.id).flatMap((s) => s.endpoints)).toHaveLength(2);
  });

  it('pods without the named port are left out; unnamed service ports stay unnamed', () => {
    const { world, c } = withWeb();
    world.k8sPut(c.id, deployment('other', 1, { labels: { app: 'web', variant: 'b' }, ports: [{ name: 'web', containerPort: 9000 }] }));
    run(world);
    expect(ep(world, c.id)!.subsets![0]!.addresses).toHaveLength(3);
  });

  it('a service deleted takes its Endpoints and EndpointSlices with it', () => {
    const { world, c } = withWeb();
    world.k8sDelete(c.id, 'Service', 'default', 'web');
    run(world);
    expect(ep(world, c.id)).toBeUndefined();
    expect(slices(world, c.id)).toEqual([]);
  });

  it('multi-port services group pods by resolved ports', () => {
    const { world, c } = withWeb();
    world.k8sPut(
      c.id,
      service('multi', {
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
          { name: 'admin', port: 81, protocol: 'TCP', targetPort: 9901 },
        ],
      }),
    );
    run(world);
    expect(ep(world, c.id, 'multi')!.subsets![0]!.ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'admin', port: 9901, protocol: 'TCP' },
    ]);
    expect(slices(world, c.id, 'multi')[0]!.ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'admin', port: 9901, protocol: 'TCP' },
    ]);
  });
});

describe('endpointslice controller', () => {
  it('one slice <svc>-<5 chars> labelled with the service and its manager, owned by the Service', () => {
    const { world, c } = withWeb();
    const [slice, ...rest] = slices(world, c.id);
    expect(rest).toEqual([]);
    const svc = world.k8sGet<Service>(c.id, 'Service', 'default', 'web')!;
    expect(slice!.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice!.metadata.labels).toEqual({
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': 'web',
    });
    expect(slice!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    const pods = podsOf(world, c.id, 'web-');
    expect(slice!.endpoints.map((e) => e.addresses[0]).sort()).toEqual(pods.map((p) => p.status.podIP).sort());
    const pod = pods[0]!;
    expect(slice!.endpoints.find((e) => e.addresses[0] === pod.status.podIP)).toEqual({
      addresses: [pod.status.podIP],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: pod.spec.nodeName,
      targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: 'default', uid: pod.metadata.uid },
      zone: '0',
    });
  });

  it('splits more than 100 endpoints across slices', () => {
    const world = emptyWorld();
    const c = addCluster(world, { nodes: 3 });
    world.k8sPut(c.id, deployment('big', 150));
    world.k8sPut(c.id, service('big', { selector: { app: 'big' } }));
    run(world);
    const all = slices(world, c.id, 'big');
    expect(all.map((s) => s.endpoints.length).sort((a, b) => a - b)).toEqual([50, 100]);
    expect(new Set(all.map((s) => s.metadata.name)).size).toBe(2);
  });

  it('mirrors hand-written Endpoints of a selector-less service', () => {
    const world = emptyWorld();
    const c = addCluster(world);
    world.k8sPut(c.id, service('legacy', { ports: [{ name: 'sql', port: 1433, protocol: 'TCP', targetPort: 1433 }] }));
    world.k8sPut(c.id, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'legacy', namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '' },
      subsets: [{ addresses: [{ ip: '10.1.0.4' }], ports: [{ name: 'sql', port: 1433, protocol: 'TCP' }] }],
    } as Endpoints);
    run(world);
    expect(ep(world, c.id, 'legacy')!.subsets![0]!.addresses).toEqual([{ ip: '10.1.0.4' }]);
    const [mirror] = slices(world, c.id, 'legacy');
    expect(mirror!.metadata.labels!['endpointslice.kubernetes.io/managed-by']).toBe('endpointslicemirroring-controller.k8s.io');
    expect(mirror!.endpoints).toEqual([{ addresses: ['10.1.0.4'], conditions: { ready: true, serving: true, terminating: false } }]);
    expect(mirror!.ports).toEqual([{ name: 'sql', port: 1433, protocol: 'TCP' }]);
  });
});

describe('pods created by hand and pods being deleted', () => {
  it('a bare pod (no status, no defaults) is scheduled, started and becomes an endpoint', () => {
    const world = emptyWorld();
    const c = addCluster(world);
    world.k8sPut(c.id, service('solo', { selector: { run: 'solo' } }));
    world.k8sPut(c.id, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'solo', namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '', labels: { run: 'solo' } },
      spec: { containers: [{ name: 'solo', image: 'nginx' }] },
    } as unknown as Pod);
    run(world);
    const pod = world.k8sGet<Pod>(c.id, 'Pod', 'default', 'solo')!;
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.qosClass).toBe('BestEffort');
    expect(ep(world, c.id, 'solo')!.subsets![0]!.addresses!.map((a) => a.ip)).toEqual([pod.status.podIP]);
  });

  it('a terminating pod on a node that is down stays, out of Endpoints, and marked terminating in its slice', () => {
    const { world, c } = withWeb();
    const pod = podsOf(world, c.id, 'web-')[0]!;
    update<import('../../../sandbox/model/k8s/types.ts').Node>(world, c.id, 'Node', undefined, pod.spec.nodeName!, (n) => (n.status.conditions[0]!.status = 'Unknown'));
    update<Pod>(world, c.id, 'Pod', 'default', pod.metadata.name, (p) => (p.metadata.deletionTimestamp = '2026-11-26T09:00:30Z'));
    run(world);
    expect(world.k8sGet(c.id, 'Pod', 'default', pod.metadata.name)).toBeDefined();
    const e = ep(world, c.id)!;
    const listed = [...(e.subsets![0]!.addresses ?? []), ...(e.subsets![0]!.notReadyAddresses ?? [])].map((a) => a.ip);
    expect(listed).not.toContain(pod.status.podIP);
    const entry = slices(world, c.id)[0]!.endpoints.find((x) => x.addresses[0] === pod.status.podIP)!;
    expect(entry.conditions).toEqual({ ready: false, serving: true, terminating: true });
    // The ReplicaSet no longer counts it and starts a replacement elsewhere.
    expect(podsOf(world, c.id, 'web-').filter((p) => !p.metadata.deletionTimestamp && p.status.phase === 'Running')).toHaveLength(3);
    // When the node comes back, the kubelet finishes the deletion.
    update<import('../../../sandbox/model/k8s/types.ts').Node>(world, c.id, 'Node', undefined, pod.spec.nodeName!, (n) => (n.status.conditions[0]!.status = 'True'));
    run(world);
    expect(world.k8sGet(c.id, 'Pod', 'default', pod.metadata.name)).toBeUndefined();
  });
});
