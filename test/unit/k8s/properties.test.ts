// Property tests: random sequences of workload and node changes keep pod addressing sound and
// leave a world the controllers no longer want to change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inCidr } from '../../../sandbox/core/ip.ts';
import type { NetworkInterface } from '../../../sandbox/model/azure/types.ts';
import type { Deployment, Endpoints, Node, Pod, ReplicaSet } from '../../../sandbox/model/k8s/types.ts';
import type { World } from '../../../sandbox/model/world.ts';
import { addCluster, deployment, emptyWorld, run, service, update, type Plugin, type TestCluster } from './fixtures.ts';

type Op =
  | { kind: 'create'; app: number; replicas: number }
  | { kind: 'scale'; app: number; replicas: number }
  | { kind: 'image'; app: number; tag: number }
  | { kind: 'delete'; app: number }
  | { kind: 'deletePod'; pick: number }
  | { kind: 'cordon'; node: number; on: boolean }
  | { kind: 'ready'; node: number; status: 'True' | 'False' }
  | { kind: 'removeNode'; node: number }
  | { kind: 'service'; app: number; on: boolean };

const app = fc.integer({ min: 0, max: 3 });
const node = fc.integer({ min: 0, max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), app, replicas: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ kind: fc.constant('scale' as const), app, replicas: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ kind: fc.constant('image' as const), app, tag: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const), app }),
  fc.record({ kind: fc.constant('deletePod' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('cordon' as const), node, on: fc.boolean() }),
  fc.record({ kind: fc.constant('ready' as const), node, status: fc.constantFrom('True' as const, 'False' as const) }),
  fc.record({ kind: fc.constant('removeNode' as const), node }),
  fc.record({ kind: fc.constant('service' as const), app, on: fc.boolean() }),
);

function apply(world: World, c: TestCluster, o: Op): void {
  const name = `app${'app' in o ? o.app : 0}`;
  const exists = (kind: string, n: string, ns?: string) => !!world.k8sGet(c.id, kind, ns, n);
  switch (o.kind) {
    case 'create':
      if (!exists('Deployment', name, 'default')) world.k8sPut(c.id, deployment(name, o.replicas, { ports: [{ name: 'http', containerPort: 80 }] }));
      break;
    case 'scale':
      if (exists('Deployment', name, 'default')) update<Deployment>(world, c.id, 'Deployment', 'default', name, (d) => (d.spec.replicas = o.replicas));
      break;
    case 'image':
      if (exists('Deployment', name, 'default'))
        update<Deployment>(world, c.id, 'Deployment', 'default', name, (d) => (d.spec.template.spec.containers[0]!.image = `nginx:1.${o.tag}`));
      break;
    case 'delete':
      world.k8sDelete(c.id, 'Deployment', 'default', name);
      break;
    case 'deletePod': {
      const pods = world.k8sList<Pod>(c.id, 'Pod', 'default');
      if (pods.length) world.k8sDelete(c.id, 'Pod', 'default', pods[o.pick % pods.length]!.metadata.name);
      break;
    }
    case 'cordon':
    case 'ready':
    case 'removeNode': {
      const nodeName = c.nodeNames[o.node % c.nodeNames.length]!;
      if (!exists('Node', nodeName)) break;
      if (o.kind === 'removeNode') world.k8sDelete(c.id, 'Node', undefined, nodeName);
      else if (o.kind === 'cordon') update<Node>(world, c.id, 'Node', undefined, nodeName, (n) => (n.spec.unschedulable = o.on));
      else update<Node>(world, c.id, 'Node', undefined, nodeName, (n) => (n.status.conditions[0]!.status = o.status));
      break;
    }
    case 'service':
      if (o.on && !exists('Service', name, 'default'))
        world.k8sPut(c.id, service(name, { selector: { app: name }, ports: [{ port: 80, protocol: 'TCP', targetPort: 'http' }] }));
      if (!o.on) world.k8sDelete(c.id, 'Service', 'default', name);
      break;
  }
}

/** Where a node's pods may take addresses from. */
function addressCheck(world: World, c: TestCluster, plugin: Plugin): (pod: Pod) => boolean {
  if (plugin !== 'azure') {
    const cidrs = new Map(c.nodeNames.map((n, i) => [n, `10.244.${i}.0/24`]));
    return (pod) => inCidr(cidrs.get(pod.spec.nodeName!)!, pod.status.podIP!);
  }
  const pools = new Map<string, Set<string>>();
  for (const nic of world.resourcesOfType<NetworkInterface>('Microsoft.Network/networkInterfaces')) {
    const primary = nic.ipConfigurations.find((x) => x.primary)!.privateIPAddress;
    pools.set(primary, new Set(nic.ipConfigurations.filter((x) => !x.primary).map((x) => x.privateIPAddress)));
  }
  return (pod) => pools.get(pod.status.hostIP!)?.has(pod.status.podIP!) ?? false;
}

function checkInvariants(world: World, c: TestCluster, plugin: Plugin): void {
  const pods = world.k8sList<Pod>(c.id, 'Pod');
  const addressed = pods.filter((p) => !p.spec.hostNetwork && p.status.podIP);
  const ips = addressed.map((p) => p.status.podIP);
  expect(new Set(ips).size).toBe(ips.length);
  const inPool = addressCheck(world, c, plugin);
  for (const p of addressed) expect(inPool(p), `${p.metadata.name} ${p.status.podIP} on ${p.spec.nodeName}`).toBe(true);
  for (const p of pods.filter((x) => x.spec.hostNetwork && x.status.podIP)) expect(p.status.podIP).toBe(p.status.hostIP);
  // Each ReplicaSet has as many live pods as it wants.
  const owned = new Map<string, number>();
  for (const p of pods) {
    const ref = p.metadata.ownerReferences?.[0];
    if (ref?.kind === 'ReplicaSet' && p.status.phase !== 'Failed') owned.set(ref.uid, (owned.get(ref.uid) ?? 0) + 1);
  }
  for (const rs of world.k8sList<ReplicaSet>(c.id, 'ReplicaSet')) expect(owned.get(rs.metadata.uid) ?? 0).toBe(rs.spec.replicas);
  // Endpoints only list ready pods that exist.
  const ready = new Set(pods.filter((p) => p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).map((p) => p.status.podIP));
  for (const ep of world.k8sList<Endpoints>(c.id, 'Endpoints', 'default')) {
    if (ep.metadata.name === 'kubernetes') continue;
    for (const s of ep.subsets ?? []) for (const a of s.addresses ?? []) expect(ready.has(a.ip)).toBe(true);
  }
}

describe.each(['kubenet', 'overlay', 'azure'] as const)('random operations on a %s cluster', (plugin) => {
  it('keep pod IPs unique and in their pools, and settle idempotently', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
        const world = emptyWorld(`prop-${plugin}`);
        const c = addCluster(world, { plugin, nodes: 4, maxPods: plugin === 'azure' ? 12 : 16 });
        expect(run(world).settled).toBe(true);
        for (const o of ops) {
          apply(world, c, o);
          expect(run(world).settled).toBe(true);
          expect(run(world)).toEqual({ rounds: 1, settled: true });
          checkInvariants(world, c, plugin);
        }
      }),
      { numRuns: 25, seed: 20261126 },
    );
  });
});

describe('determinism', () => {
  it('the same seed and operations give byte-identical state; another seed gives other names', () => {
    const build = (seed: string) => {
      const world = emptyWorld(seed);
      const c = addCluster(world, { plugin: 'overlay' });
      run(world);
      world.k8sPut(c.id, deployment('web', 4));
      world.k8sPut(c.id, service('web', { selector: { app: 'web' }, type: 'LoadBalancer' }));
      run(world);
      return JSON.stringify(world.state);
    };
    expect(build('same')).toBe(build('same'));
    expect(build('same')).not.toBe(build('other'));
  });
});
