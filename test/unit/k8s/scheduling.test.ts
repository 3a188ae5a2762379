// default-scheduler placement and FailedScheduling, and kubelet admission.
import { describe, expect, it } from 'vitest';
import type { Deployment, Node, Pod } from '../../../sandbox/model/k8s/types.ts';
import { addCluster, deployment, emptyWorld, events, podsOf, run, update } from './fixtures.ts';

function cluster(o: Parameters<typeof addCluster>[1] = {}) {
  const world = emptyWorld();
  const c = addCluster(world, o);
  run(world);
  return { world, c };
}

const podEvents = (world: ReturnType<typeof emptyWorld>, id: string, pod: Pod) =>
  events(world, id, pod.metadata.namespace).filter((e) => e.involvedObject.uid === pod.metadata.uid);

describe('scheduler', () => {
  it('spreads 3 replicas one per node on a 3-node kubenet cluster, with pod IPs from each podCIDR', () => {
    const { world, c } = cluster();
    world.k8sPut(c.id, deployment('web', 3));
    run(world);
    const pods = podsOf(world, c.id, 'web-').sort((a, b) => (a.spec.nodeName! < b.spec.nodeName! ? -1 : 1));
    expect(pods.map((p) => p.spec.nodeName)).toEqual(c.nodeNames);
    expect(pods[0]!.status.podIP).toMatch(/^10\.244\.0\.\d+$/);
    expect(pods[1]!.status.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(pods[2]!.status.podIP).toMatch(/^10\.244\.2\.\d+$/);
    const scheduled = podEvents(world, c.id, pods[0]!).find((e) => e.reason === 'Scheduled')!;
    expect(scheduled.message).toBe(`Successfully assigned default/${pods[0]!.metadata.name} to ${c.nodeNames[0]}`);
    expect(scheduled.source).toEqual({ component: 'default-scheduler' });
    expect(pods[0]!.status.conditions!.find((x) => x.type === 'PodScheduled')!.status).toBe('True');
  });

  it('honours nodeSelector, and reports a mismatch on every node', () => {
    const { world, c } = cluster();
    update<Node>(world, c.id, 'Node', undefined, c.nodeNames[1]!, (n) => (n.metadata.labels!.disk = 'ssd'));
    const d = deployment('db', 2);
    d.spec.template.spec.nodeSelector = { disk: 'ssd' };
    world.k8sPut(c.id, d);
    const bad = deployment('gpu', 1);
    bad.spec.template.spec.nodeSelector = { accelerator: 'nvidia' };
    world.k8sPut(c.id, bad);
    run(world);
    expect(podsOf(world, c.id, 'db-').map((p) => p.spec.nodeName)).toEqual([c.nodeNames[1], c.nodeNames[1]]);
    const gpu = podsOf(world, c.id, 'gpu-')[0]!;
    expect(gpu.spec.nodeName).toBeUndefined();
    expect(gpu.status.phase).toBe('Pending');
    const message =
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..";
    expect(gpu.status.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-11-26T09:00:00Z', reason: 'Unschedulable', message },
    ]);
    const failed = podEvents(world, c.id, gpu).filter((e) => e.reason === 'FailedScheduling');
    expect(failed.map((e) => [e.type, e.message, e.count, e.source.component])).toEqual([['Warning', message, 1, 'default-scheduler']]);
    // Reconciling again does not repeat the event.
    world.touch();
    run(world);
    expect(podEvents(world, c.id, gpu).filter((e) => e.reason === 'FailedScheduling')[0]!.count).toBe(1);
  });

  it('skips cordoned and NotReady nodes', () => {
    const { world, c } = cluster();
    update<Node>(world, c.id, 'Node', undefined, c.nodeNames[0]!, (n) => (n.spec.unschedulable = true));
    update<Node>(world, c.id, 'Node', undefined, c.nodeNames[1]!, (n) => (n.status.conditions[0]!.status = 'False'));
    world.k8sPut(c.id, deployment('web', 2));
    run(world);
    expect(podsOf(world, c.id, 'web-').map((p) => p.spec.nodeName)).toEqual([c.nodeNames[2], c.nodeNames[2]]);
  });

  it('a pod that fits nowhere stays Pending with the real FailedScheduling message', () => {
    const { world, c } = cluster({ maxPods: 10 });
    // Each node already runs 5 host-network agents plus some of the 7 add-on deployment pods.
    world.k8sPut(c.id, deployment('web', 12));
    run(world);
    const pods = podsOf(world, c.id, 'web-');
    const pending = pods.filter((p) => !p.spec.nodeName);
    expect(pods.length - pending.length).toBe(30 - world.k8sList<Pod>(c.id, 'Pod', 'kube-system').length);
    expect(pending.length).toBeGreaterThan(0);
    const message =
      '0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..';
    for (const p of pending) {
      expect(p.status.conditions!.find((x) => x.type === 'PodScheduled')!.message).toBe(message);
      expect(podEvents(world, c.id, p).find((e) => e.reason === 'FailedScheduling')!.message).toBe(message);
    }
    for (const node of c.nodeNames) expect(world.k8sList<Pod>(c.id, 'Pod').filter((p) => p.spec.nodeName === node)).toHaveLength(10);
    // Mixed reasons are counted and sorted as strings.
    update<Node>(world, c.id, 'Node', undefined, c.nodeNames[0]!, (n) => (n.spec.unschedulable = true));
    update<Node>(world, c.id, 'Node', undefined, c.nodeNames[1]!, (n) => (n.status.conditions[0]!.status = 'Unknown'));
    run(world);
    expect(podsOf(world, c.id, 'web-').find((p) => !p.spec.nodeName)!.status.conditions![0]!.message).toBe(
      '0/3 nodes are available: 1 Too many pods, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..',
    );
  });

  it('pending pods are placed when room appears (scale-down frees capacity)', () => {
    const { world, c } = cluster({ maxPods: 10 });
    world.k8sPut(c.id, deployment('web', 12));
    run(world);
    const pending = podsOf(world, c.id, 'web-').filter((p) => !p.spec.nodeName).length;
    update<Deployment>(world, c.id, 'Deployment', 'default', 'web', (d) => (d.spec.replicas = 12 - pending));
    run(world);
    const pods = podsOf(world, c.id, 'web-');
    expect(pods).toHaveLength(12 - pending);
    expect(pods.every((p) => p.status.phase === 'Running')).toBe(true);
  });

  it('a pod with nodeName bypasses the scheduler; the kubelet rejects it when the node is full', () => {
    const { world, c } = cluster({ maxPods: 10 });
    world.k8sPut(c.id, deployment('web', 30));
    run(world);
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pinned', namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '' },
      spec: { nodeName: c.nodeNames[0], containers: [{ name: 'c', image: 'busybox:1.36' }] },
      status: { phase: 'Pending' },
    };
    world.k8sPut(c.id, pod);
    run(world);
    const stored = world.k8sGet<Pod>(c.id, 'Pod', 'default', 'pinned')!;
    expect(stored.status).toMatchObject({
      phase: 'Failed',
      reason: 'OutOfpods',
      message: "Node didn't have enough resource: pods, requested: 1, used: 10, capacity: 10",
    });
    expect(podEvents(world, c.id, stored).map((e) => [e.reason, e.source])).toEqual([['OutOfpods', { component: 'kubelet', host: c.nodeNames[0] }]]);
  });
});
