// Deployments, ReplicaSets, DaemonSets and garbage collection.
import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, K8sEvent, Node, Pod, ReplicaSet } from '../../../sandbox/model/k8s/types.ts';
import { addCluster, deployment, emptyWorld, events, makeNode, podsOf, run, update } from './fixtures.ts';

function cluster(nodes = 3) {
  const world = emptyWorld();
  const c = addCluster(world, { nodes });
  run(world);
  return { world, c };
}

const rsOf = (world: ReturnType<typeof emptyWorld>, id: string, name: string) =>
  world.k8sList<ReplicaSet>(id, 'ReplicaSet', 'default').filter((r) => r.metadata.name.startsWith(`${name}-`));

const eventsAbout = (world: ReturnType<typeof emptyWorld>, id: string, name: string): K8sEvent[] =>
  events(world, id, 'default').filter((e) => e.involvedObject.name === name);

describe('deployment → replicaset → pods', () => {
  it('creates <deploy>-<pod-template-hash> with the hash label, and pods <rs>-<5 chars> owned by it', () => {
    const { world, c } = cluster();
    world.k8sPut(c.id, deployment('web', 3));
    const result = run(world);
    expect(result.settled).toBe(true);
    const [rs, ...others] = rsOf(world, c.id, 'web');
    expect(others).toHaveLength(0);
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[4-9bcdf]{1,10}$/);
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(rs!.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: world.k8sGet(c.id, 'Deployment', 'default', 'web')!.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    const pods = podsOf(world, c.id, 'web-');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.generateName).toBe(`web-${hash}-`);
      expect(p.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(p.metadata.ownerReferences![0]).toMatchObject({ kind: 'ReplicaSet', name: rs!.metadata.name, uid: rs!.metadata.uid, controller: true });
    }
    expect(rs!.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    const d = world.k8sGet<Deployment>(c.id, 'Deployment', 'default', 'web')!;
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status.unavailableReplicas).toBeUndefined();
    expect((d.status.conditions as { type: string; reason: string; message: string }[]).map((x) => [x.type, x.reason, x.message])).toEqual([
      ['Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${rs!.metadata.name}" has successfully progressed.`],
    ]);
    expect(eventsAbout(world, c.id, 'web').map((e) => [e.reason, e.message, e.source.component])).toEqual([
      ['ScalingReplicaSet', `Scaled up replica set ${rs!.metadata.name} from 0 to 3`, 'deployment-controller'],
    ]);
    expect(eventsAbout(world, c.id, rs!.metadata.name).map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(eventsAbout(world, c.id, rs!.metadata.name)[0]!.source).toEqual({ component: 'replicaset-controller' });
    expect(run(world)).toEqual({ rounds: 1, settled: true });
  });

  it('scales up and down with events, deleting unscheduled and doubled-up pods first', () => {
    const { world, c } = cluster();
    world.k8sPut(c.id, deployment('web', 2));
    run(world);
    const rsName = rsOf(world, c.id, 'web')[0]!.metadata.name;
    update<Deployment>(world, c.id, 'Deployment', 'default', 'web', (d) => (d.spec.replicas = 5));
    run(world);
    expect(podsOf(world, c.id, 'web-')).toHaveLength(5);
    update<Deployment>(world, c.id, 'Deployment', 'default', 'web', (d) => (d.spec.replicas = 3));
    run(world);
    const left = podsOf(world, c.id, 'web-');
    expect(left).toHaveLength(3);
    // Five pods on three nodes put two on two nodes; scaling to three removes the doubles.
    expect(new Set(left.map((p) => p.spec.nodeName)).size).toBe(3);
    const d = world.k8sGet<Deployment>(c.id, 'Deployment', 'default', 'web')!;
    expect(d.status).toMatchObject({ observedGeneration: 3, replicas: 3, readyReplicas: 3 });
    expect(eventsAbout(world, c.id, 'web').map((e) => e.message)).toEqual([
      `Scaled up replica set ${rsName} from 0 to 2`,
      `Scaled up replica set ${rsName} from 2 to 5`,
      `Scaled down replica set ${rsName} from 5 to 3`,
    ]);
    expect(eventsAbout(world, c.id, rsName).filter((e) => e.reason === 'SuccessfulDelete')).toHaveLength(2);
  });

  it('a template change creates a new ReplicaSet and scales the old one to 0', () => {
    const { world, c } = cluster();
    world.k8sPut(c.id, deployment('web', 3));
    run(world);
    const oldRs = rsOf(world, c.id, 'web')[0]!;
    update<Deployment>(world, c.id, 'Deployment', 'default', 'web', (d) => (d.spec.template.spec.containers[0]!.image = 'nginx:1.28'));
    expect(run(world).settled).toBe(true);
    const all = rsOf(world, c.id, 'web');
    expect(all).toHaveLength(2);
    const newRs = all.find((r) => r.metadata.uid !== oldRs.metadata.uid)!;
    expect(newRs.metadata.name).not.toBe(oldRs.metadata.name);
    expect(newRs.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(world.k8sGet<ReplicaSet>(c.id, 'ReplicaSet', 'default', oldRs.metadata.name)!.spec.replicas).toBe(0);
    expect(world.k8sGet<ReplicaSet>(c.id, 'ReplicaSet', 'default', oldRs.metadata.name)!.status).toEqual({ replicas: 0, observedGeneration: 1 });
    const pods = podsOf(world, c.id, 'web-');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.metadata.labels!['pod-template-hash'] === newRs.metadata.labels!['pod-template-hash'])).toBe(true);
    expect(pods.every((p) => p.spec.containers[0]!.image === 'nginx:1.28')).toBe(true);
    const d = world.k8sGet<Deployment>(c.id, 'Deployment', 'default', 'web')!;
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(eventsAbout(world, c.id, 'web').map((e) => e.message).slice(1)).toEqual([
      `Scaled up replica set ${newRs.metadata.name} from 0 to 3`,
      `Scaled down replica set ${oldRs.metadata.name} from 3 to 0`,
    ]);
    // Rolling back makes the old ReplicaSet current again, as revision 3.
    update<Deployment>(world, c.id, 'Deployment', 'default', 'web', (d) => (d.spec.template.spec.containers[0]!.image = 'nginx:1.27'));
    run(world);
    expect(world.k8sGet<ReplicaSet>(c.id, 'ReplicaSet', 'default', oldRs.metadata.name)!.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(rsOf(world, c.id, 'web')).toHaveLength(2);
  });

  it('a pod deleted by hand is replaced', () => {
    const { world, c } = cluster();
    world.k8sPut(c.id, deployment('web', 2));
    run(world);
    const victim = podsOf(world, c.id, 'web-')[0]!;
    world.k8sDelete(c.id, 'Pod', 'default', victim.metadata.name);
    run(world);
    const now = podsOf(world, c.id, 'web-');
    expect(now).toHaveLength(2);
    expect(now.some((p) => p.metadata.name === victim.metadata.name)).toBe(false);
    expect(now.every((p) => p.status.phase === 'Running')).toBe(true);
  });

  it('deleting a deployment garbage-collects its ReplicaSets and pods', () => {
    const { world, c } = cluster();
    world.k8sPut(c.id, deployment('web', 3));
    run(world);
    world.k8sDelete(c.id, 'Deployment', 'default', 'web');
    expect(run(world).settled).toBe(true);
    expect(rsOf(world, c.id, 'web')).toEqual([]);
    expect(podsOf(world, c.id, 'web-')).toEqual([]);
  });

  it('keeps at most revisionHistoryLimit old ReplicaSets', () => {
    const { world, c } = cluster();
    const d = deployment('web', 1);
    d.spec.revisionHistoryLimit = 1;
    world.k8sPut(c.id, d);
    run(world);
    for (const tag of ['a', 'b', 'c']) {
      update<Deployment>(world, c.id, 'Deployment', 'default', 'web', (x) => (x.spec.template.spec.containers[0]!.image = `nginx:${tag}`));
      run(world);
    }
    expect(rsOf(world, c.id, 'web')).toHaveLength(2);
  });
});

describe('daemonsets', () => {
  function withDaemonSet(nodes = 3) {
    const { world, c } = cluster(nodes);
    const labels = { app: 'agent' };
    const ds: DaemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '', generation: 1 },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'agent', image: 'busybox:1.36' }] } } },
      status: {},
    };
    world.k8sPut(c.id, ds);
    run(world);
    return { world, c };
  }

  it('runs one pod per node, pinned by node affinity and bound there', () => {
    const { world, c } = withDaemonSet();
    const pods = podsOf(world, c.id, 'agent-');
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(c.nodeNames);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect((p.spec.affinity as any).nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] },
      ]);
      expect((p.spec.tolerations as { key?: string }[]).map((t) => t.key)).toContain('node.kubernetes.io/unschedulable');
      expect(p.status.phase).toBe('Running');
    }
    expect(eventsAbout(world, c.id, 'agent').map((e) => e.source.component)).toEqual(['daemonset-controller', 'daemonset-controller', 'daemonset-controller']);
    expect(world.k8sGet<DaemonSet>(c.id, 'DaemonSet', 'default', 'agent')!.status).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3 });
  });

  it('follows nodes coming and going, and still runs on a cordoned node', () => {
    const { world, c } = withDaemonSet();
    world.k8sPut(c.id, makeNode('aks-nodepool1-12345678-vmss000003', '10.224.0.7', { podCIDR: '10.244.3.0/24', providerID: 'azure:///x', maxPods: 110 }));
    run(world);
    expect(podsOf(world, c.id, 'agent-').map((p) => p.spec.nodeName)).toContain('aks-nodepool1-12345678-vmss000003');
    world.k8sDelete(c.id, 'Node', undefined, c.nodeNames[0]!);
    run(world);
    expect(podsOf(world, c.id, 'agent-').map((p) => p.spec.nodeName)).not.toContain(c.nodeNames[0]);
    expect(podsOf(world, c.id, 'agent-')).toHaveLength(3);
    update<Node>(world, c.id, 'Node', undefined, c.nodeNames[1]!, (n) => (n.spec.unschedulable = true));
    run(world);
    expect(podsOf(world, c.id, 'agent-')).toHaveLength(3);
  });

  it('does not start new pods on a NotReady node, but keeps the ones there', () => {
    const { world, c } = cluster();
    update<Node>(world, c.id, 'Node', undefined, c.nodeNames[2]!, (n) => (n.status.conditions[0]!.status = 'False'));
    const labels = { app: 'agent' };
    world.k8sPut(c.id, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '' },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'agent', image: 'busybox:1.36' }] } } },
      status: {},
    } as DaemonSet);
    run(world);
    expect(podsOf(world, c.id, 'agent-').map((p) => p.spec.nodeName).sort()).toEqual(c.nodeNames.slice(0, 2));
    // The AKS node agents tolerate everything and were there before the node failed.
    expect(world.k8sList<Pod>(c.id, 'Pod', 'kube-system').filter((p) => p.spec.nodeName === c.nodeNames[2]).length).toBeGreaterThan(0);
  });

  it('a template change replaces every pod', () => {
    const { world, c } = withDaemonSet();
    const before = podsOf(world, c.id, 'agent-').map((p) => p.metadata.name);
    update<DaemonSet>(world, c.id, 'DaemonSet', 'default', 'agent', (d) => (d.spec.template.spec.containers[0]!.image = 'busybox:1.37'));
    run(world);
    const after = podsOf(world, c.id, 'agent-');
    expect(after).toHaveLength(3);
    expect(after.some((p) => before.includes(p.metadata.name))).toBe(false);
    expect(after.every((p) => p.metadata.labels!['pod-template-generation'] === '2')).toBe(true);
  });
});

describe('garbage collection', () => {
  it('deletes pods bound to a node that no longer exists, and the ReplicaSet replaces them', () => {
    const { world, c } = cluster();
    world.k8sPut(c.id, deployment('web', 3));
    run(world);
    world.k8sDelete(c.id, 'Node', undefined, c.nodeNames[2]!);
    run(world);
    const pods = podsOf(world, c.id, 'web-');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.spec.nodeName !== c.nodeNames[2])).toBe(true);
    expect(world.k8sList<Pod>(c.id, 'Pod').some((p) => p.spec.nodeName === c.nodeNames[2])).toBe(false);
  });

  it('drops events after the one-hour TTL', () => {
    const { world, c } = cluster();
    expect(events(world, c.id).length).toBeGreaterThan(0);
    world.advance(61 * 60 * 1000);
    world.touch();
    run(world);
    expect(events(world, c.id)).toEqual([]);
  });
});

describe('event expiry bookkeeping', () => {
  it('events recorded after an expiry scan still expire an hour later', () => {
    const { world, c } = cluster();
    world.advance(2 * 60 * 60 * 1000);
    world.touch();
    run(world); // every boot event expires; the collector remembers there are none left
    expect(events(world, c.id)).toEqual([]);
    world.k8sPut(c.id, deployment('web', 1));
    run(world);
    expect(events(world, c.id, 'default').length).toBeGreaterThan(0);
    world.advance(61 * 60 * 1000);
    // No other change to the world: only the controllers' own bookkeeping can notice.
    run(world);
    expect(events(world, c.id, 'default')).toEqual([]);
  });
});
