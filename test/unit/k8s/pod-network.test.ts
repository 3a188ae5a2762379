// Pod addresses per network plugin, and the pod status the kubelet writes.
import { describe, expect, it } from 'vitest';
import { inCidr } from '../../../sandbox/core/ip.ts';
import type { NetworkInterface } from '../../../sandbox/model/azure/types.ts';
import type { Deployment, Node, Pod } from '../../../sandbox/model/k8s/types.ts';
import { addCluster, deployment, emptyWorld, events, podsOf, run, update } from './fixtures.ts';

function cluster(o: Parameters<typeof addCluster>[1] = {}) {
  const world = emptyWorld();
  const c = addCluster(world, o);
  run(world);
  return { world, c };
}

const nicIps = (world: ReturnType<typeof emptyWorld>, nodeIp: string) => {
  const nic = world
    .resourcesOfType<NetworkInterface>('Microsoft.Network/networkInterfaces')
    .find((n) => n.ipConfigurations[0]!.privateIPAddress === nodeIp)!;
  return nic.ipConfigurations.filter((x) => !x.primary).map((x) => x.privateIPAddress);
};

describe('kubenet (host-local IPAM)', () => {
  it('hands out .2 upward on each node, in creation order, and never an address twice', () => {
    const { world, c } = cluster({ nodes: 1 });
    // On the only node, the four add-on deployment pods (2 coredns, autoscaler, 2 konnectivity,
    // 2 metrics-server = 7) took .2 to .8.
    const system = world.k8sList<Pod>(c.id, 'Pod', 'kube-system').filter((p) => !p.spec.hostNetwork);
    expect(system.map((p) => p.status.podIP).sort()).toEqual(['10.244.0.2', '10.244.0.3', '10.244.0.4', '10.244.0.5', '10.244.0.6', '10.244.0.7', '10.244.0.8']);
    world.k8sPut(c.id, deployment('web', 2));
    run(world);
    expect(podsOf(world, c.id, 'web-').map((p) => p.status.podIP).sort()).toEqual(['10.244.0.10', '10.244.0.9']);
  });

  it('a freed address is not reused at once: host-local continues after the last one', () => {
    const { world, c } = cluster({ nodes: 1 });
    world.k8sPut(c.id, deployment('web', 2));
    run(world);
    const first = podsOf(world, c.id, 'web-').find((p) => p.status.podIP === '10.244.0.9')!;
    world.k8sDelete(c.id, 'Pod', 'default', first.metadata.name);
    run(world);
    expect(podsOf(world, c.id, 'web-').map((p) => p.status.podIP).sort()).toEqual(['10.244.0.10', '10.244.0.11']);
  });

  it('a full podCIDR leaves the pod ContainerCreating with the bridge plugin error', () => {
    const world = emptyWorld();
    const c = addCluster(world, { nodes: 1, podCidr: '10.244.0.0/16', maxPods: 250 });
    // Shrink the node's block to a /28: 13 usable addresses (.2-.14).
    update<Node>(world, c.id, 'Node', undefined, c.nodeNames[0]!, (n) => {
      n.spec.podCIDR = '10.244.0.0/28';
      n.spec.podCIDRs = ['10.244.0.0/28'];
    });
    run(world);
    world.k8sPut(c.id, deployment('web', 8));
    run(world);
    const pods = podsOf(world, c.id, 'web-');
    const waiting = pods.filter((p) => !p.status.podIP);
    expect(waiting).toHaveLength(2);
    const p = waiting[0]!;
    expect(p.status.phase).toBe('Pending');
    expect(p.status.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(p.status.conditions!.map((x) => [x.type, x.status])).toEqual([
      ['PodReadyToStartContainers', 'False'],
      ['Initialized', 'True'],
      ['Ready', 'False'],
      ['ContainersReady', 'False'],
      ['PodScheduled', 'True'],
    ]);
    const ev = events(world, c.id, 'default').find((e) => e.involvedObject.uid === p.metadata.uid && e.reason === 'FailedCreatePodSandBox')!;
    expect(ev.type).toBe('Warning');
    expect(ev.message).toMatch(
      /^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="bridge" failed \(add\): failed to allocate for range 0: no IP addresses available in range set: 10\.244\.0\.1-10\.244\.0\.14$/,
    );
    expect(run(world).rounds).toBe(1);
    // Freeing addresses lets the waiting pods start.
    update<Deployment>(world, c.id, 'Deployment', 'default', 'web', (d) => (d.spec.replicas = 4));
    run(world);
    expect(podsOf(world, c.id, 'web-').every((x) => x.status.phase === 'Running')).toBe(true);
  });
});

describe('Azure CNI overlay', () => {
  it('takes addresses from the node podCIDR block', () => {
    const { world, c } = cluster({ plugin: 'overlay' });
    world.k8sPut(c.id, deployment('web', 6));
    run(world);
    const nodes = new Map(world.k8sList<Node>(c.id, 'Node').map((n) => [n.metadata.name, n]));
    for (const p of world.k8sList<Pod>(c.id, 'Pod').filter((x) => !x.spec.hostNetwork)) {
      expect(inCidr(nodes.get(p.spec.nodeName!)!.spec.podCIDR!, p.status.podIP!)).toBe(true);
    }
  });
});

describe('Azure CNI node subnet', () => {
  it('pods take secondary IPs of their node NIC; nodes have no podCIDR', () => {
    const { world, c } = cluster({ plugin: 'azure', maxPods: 30 });
    world.k8sPut(c.id, deployment('web', 3));
    run(world);
    const pods = podsOf(world, c.id, 'web-');
    for (const p of pods) {
      const nodeIp = p.status.hostIP!;
      expect(nicIps(world, nodeIp)).toContain(p.status.podIP);
      expect(p.status.podIP!).toMatch(/^10\.224\.0\.\d+$/);
    }
    // Node 1's primary is 10.224.0.35; its secondaries are .36 to .65.
    const onNode1 = pods.find((p) => p.spec.nodeName === c.nodeNames[1])!;
    expect(onNode1.status.hostIP).toBe('10.224.0.35');
    const last = Number(onNode1.status.podIP!.split('.')[3]);
    expect(last).toBeGreaterThanOrEqual(36);
    expect(last).toBeLessThanOrEqual(65);
  });

  it('when the NIC pool is used up, pods wait in ContainerCreating (azure-vnet error)', () => {
    const world = emptyWorld();
    const c = addCluster(world, { plugin: 'azure', nodes: 1, maxPods: 30 });
    // Leave the node NIC only 3 secondary IPs for 7 add-on pods and 1 of ours.
    const nic = world.resourcesOfType<NetworkInterface>('Microsoft.Network/networkInterfaces')[0]!;
    nic.ipConfigurations = nic.ipConfigurations.slice(0, 1 + 3);
    world.touch();
    world.k8sPut(c.id, deployment('web', 1));
    run(world);
    const withoutHostNetwork = world.k8sList<Pod>(c.id, 'Pod').filter((p) => !p.spec.hostNetwork);
    expect(withoutHostNetwork.map((p) => p.status.podIP).filter(Boolean).sort()).toEqual(['10.224.0.5', '10.224.0.6', '10.224.0.7']);
    expect(withoutHostNetwork.filter((p) => !p.status.podIP)).toHaveLength(5);
    const ev = events(world, c.id).find((e) => e.reason === 'FailedCreatePodSandBox')!;
    expect(ev.message).toMatch(/plugin type="azure-vnet" failed \(add\): .*No available addresses$/);
    expect(run(world).rounds).toBe(1);
  });

  it('without NIC data the CNI is not ready and pods say so', () => {
    const { world, c } = cluster({ plugin: 'azure', noSecondaryIps: true });
    const coredns = world.k8sList<Pod>(c.id, 'Pod', 'kube-system').find((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns')!;
    expect(coredns.status.podIP).toBeUndefined();
    expect(coredns.status.containerStatuses![0]!.state.waiting!.reason).toBe('ContainerCreating');
    const ev = events(world, c.id, 'kube-system').find((e) => e.involvedObject.uid === coredns.metadata.uid && e.reason === 'NetworkNotReady')!;
    expect(ev.message).toBe(
      'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    );
    // Host-network pods still run.
    expect(world.k8sList<Pod>(c.id, 'Pod', 'kube-system').filter((p) => p.spec.hostNetwork).every((p) => p.status.phase === 'Running')).toBe(true);
  });
});

describe('pod status written by the kubelet', () => {
  it('Running with conditions, container IDs, IPs, start time, QoS and kubelet events', () => {
    const { world, c } = cluster();
    world.k8sPut(c.id, deployment('web', 1, { image: 'nginx:1.27' }));
    run(world);
    const pod = podsOf(world, c.id, 'web-')[0]!;
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.conditions!.map((x) => [x.type, x.status, x.lastProbeTime])).toEqual([
      ['PodReadyToStartContainers', 'True', null],
      ['Initialized', 'True', null],
      ['Ready', 'True', null],
      ['ContainersReady', 'True', null],
      ['PodScheduled', 'True', null],
    ]);
    const nodeIp = c.nodeIps[c.nodeNames.indexOf(pod.spec.nodeName!)]!;
    expect(pod.status.hostIP).toBe(nodeIp);
    expect(pod.status.hostIPs).toEqual([{ ip: nodeIp }]);
    expect(pod.status.podIPs).toEqual([{ ip: pod.status.podIP }]);
    expect(pod.status.startTime).toBe('2026-11-26T09:00:00Z');
    expect(pod.status.qosClass).toBe('BestEffort');
    const cs = pod.status.containerStatuses![0]!;
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs).toMatchObject({ name: 'web', ready: true, restartCount: 0, started: true, image: 'docker.io/library/nginx:1.27' });
    expect(cs.state).toEqual({ running: { startedAt: '2026-11-26T09:00:00Z' } });
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    const evs = events(world, c.id, 'default').filter((e) => e.involvedObject.uid === pod.metadata.uid);
    expect(evs.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    const pulled = evs.find((e) => e.reason === 'Pulled')!;
    expect(pulled.message).toMatch(/^Successfully pulled image "nginx:1\.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(pulled.involvedObject.fieldPath).toBe('spec.containers{web}');
    expect(pulled.source).toEqual({ component: 'kubelet', host: pod.spec.nodeName });
    expect(evs.find((e) => e.reason === 'Created')!.message).toBe('Created container: web');
    expect(evs.find((e) => e.reason === 'Started')!.message).toBe('Started container web');
  });

  it('a second pod on the same node finds the image already present', () => {
    const { world, c } = cluster({ nodes: 1 });
    world.k8sPut(c.id, deployment('web', 2, { image: 'nginx:1.27' }));
    run(world);
    const messages = events(world, c.id, 'default').filter((e) => e.reason === 'Pulled').map((e) => e.message);
    expect(messages.filter((m) => m === 'Container image "nginx:1.27" already present on machine')).toHaveLength(1);
    expect(messages.filter((m) => m.startsWith('Successfully pulled'))).toHaveLength(1);
  });

  it('pods on a NotReady node are left as they are', () => {
    const { world, c } = cluster();
    update<Node>(world, c.id, 'Node', undefined, c.nodeNames[0]!, (n) => (n.status.conditions[0]!.status = 'Unknown'));
    const before = world.k8sList<Pod>(c.id, 'Pod').filter((p) => p.spec.nodeName === c.nodeNames[0]);
    run(world);
    const after = world.k8sList<Pod>(c.id, 'Pod').filter((p) => p.spec.nodeName === c.nodeNames[0]);
    expect(after.map((p) => [p.metadata.name, p.status.phase, p.status.podIP])).toEqual(before.map((p) => [p.metadata.name, p.status.phase, p.status.podIP]));
  });
});
