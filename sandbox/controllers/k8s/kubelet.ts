// The kubelet and CNI of every node: admits pods bound to the node, gives them an address from
// the network plugin's pool (the node IP for hostNetwork pods) and starts their containers,
// with the events `kubectl describe pod` shows. Nodes that are not Ready run nothing: their
// pods stay as they are. Deleted pods free their addresses because allocation looks only at
// pods that still exist.
import { fnv1a } from '../../core/hash.ts';
import { intToIp, ipToInt, isIPv4 } from '../../core/ip.ts';
import type { Node, Pod, PodStatus } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { podNetworkMode, runningClusters, type PodNetworkMode } from './cluster.ts';
import { recordEvent } from './events.ts';
import { flatHex } from './ids.ts';
import { alreadyPresentMessage, normalizeImage, preCachedOnNode, pulledMessage } from './images.ts';
import { blockAllocate, hostLocalAllocate, poolAllocate } from './ipam.ts';
import { canonicalJson } from './meta.ts';
import { defaultPullPolicy } from './pod-defaults.ts';
import { addressSource, exhaustedMessage, NETWORK_NOT_READY, NicFinder, type AddressSource } from './pod-network.ts';
import { creatingStatus, outOfPodsStatus, runningStatus } from './pod-status.ts';
import { isNodeReady, isTerminal, nodeInternalIp, podCapacity } from './pods.ts';
import { byAge, del, kindList, objectsByKind, put, stamp } from './store.ts';

const COMPONENT = 'kubelet';

export const kubelet: Controller = {
  name: 'k8s/kubelet',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      const index = objectsByKind(world, mc.id, ['Node', 'Pod']);
      const pods = kindList<Pod>(index, 'Pod');
      const work = pods.filter((p) => p.spec?.nodeName && !isTerminal(p) && (p.status?.phase !== 'Running' || p.metadata.deletionTimestamp));
      if (work.length === 0) continue;
      new NodeAgents(world, mc.id, podNetworkMode(mc.networkProfile), kindList<Node>(index, 'Node'), pods).run(work.sort(byAge));
    }
  },
};

class NodeAgents {
  private readonly nodes = new Map<string, Node>();
  /** Pod IPs in use anywhere in the cluster: no address is ever handed out twice. */
  private readonly used = new Set<number>();
  /** Pods each kubelet has admitted (they have a hostIP). */
  private readonly admitted = new Map<string, number>();
  private readonly sources = new Map<string, AddressSource>();
  private readonly nics: NicFinder;
  private readonly world: World;
  private readonly clusterId: string;
  private readonly mode: PodNetworkMode;

  constructor(world: World, clusterId: string, mode: PodNetworkMode, nodes: Node[], pods: Pod[]) {
    this.world = world;
    this.clusterId = clusterId;
    this.mode = mode;
    this.nics = new NicFinder(world);
    for (const node of nodes) this.nodes.set(node.metadata.name, node);
    for (const pod of pods) {
      if (!pod.spec?.nodeName || isTerminal(pod)) continue;
      if (pod.status?.hostIP) this.admitted.set(pod.spec.nodeName, (this.admitted.get(pod.spec.nodeName) ?? 0) + 1);
      const ip = pod.status?.podIP;
      if (ip && !pod.spec.hostNetwork && isIPv4(ip)) this.used.add(ipToInt(ip));
    }
  }

  run(work: Pod[]): void {
    for (const pod of work) {
      const node = this.nodes.get(pod.spec.nodeName!);
      if (!node || !isNodeReady(node)) continue;
      // Containers stop promptly, so a deleted pod goes without waiting out its grace period.
      if (pod.metadata.deletionTimestamp) {
        del(this.world, this.clusterId, 'Pod', pod.metadata.namespace, pod.metadata.name);
        continue;
      }
      this.start(pod, node);
    }
  }

  private start(pod: Pod, node: Node): void {
    const nodeName = node.metadata.name;
    const hostIp = nodeInternalIp(node);
    if (!hostIp) return;
    const now = stamp(this.world);
    if (!pod.status?.hostIP) {
      const count = this.admitted.get(nodeName) ?? 0;
      const capacity = podCapacity(node);
      if (count >= capacity) {
        const status = outOfPodsStatus(pod, count, capacity, now);
        this.write(pod, status);
        recordEvent(this.world, this.clusterId, pod, 'Warning', 'OutOfpods', status.message!, COMPONENT, { host: nodeName });
        return;
      }
      this.admitted.set(nodeName, count + 1);
    }

    let podIp = hostIp;
    if (!pod.spec.hostNetwork) {
      const source = this.source(node);
      const ip = this.allocate(source, pod, nodeName);
      if (ip === null) {
        this.write(pod, creatingStatus(pod, hostIp, now));
        const message =
          source.kind === 'not-ready' ? NETWORK_NOT_READY : exhaustedMessage(source, flatHex(`${this.world.state.seed}/sandbox:${pod.metadata.uid}`, 64));
        const reason = source.kind === 'not-ready' ? 'NetworkNotReady' : 'FailedCreatePodSandBox';
        recordEvent(this.world, this.clusterId, pod, 'Warning', reason, message, COMPONENT, { host: nodeName, once: true });
        return;
      }
      podIp = intToIp(ip);
    }

    const containerIds = new Map(
      pod.spec.containers.map((c) => [c.name, `containerd://${flatHex(`${this.world.state.seed}/containerd:${pod.metadata.uid}:${c.name}`, 64)}`]),
    );
    const started = this.write(pod, runningStatus(pod, hostIp, podIp, now, containerIds));
    this.containerEvents(started, nodeName);
  }

  private source(node: Node): AddressSource {
    let source = this.sources.get(node.metadata.name);
    if (!source) this.sources.set(node.metadata.name, (source = addressSource(this.mode, node, this.nics)));
    return source;
  }

  private allocate(source: AddressSource, pod: Pod, nodeName: string): number | null {
    const seed = fnv1a(pod.metadata.uid);
    let ip: number | null = null;
    if (source.kind === 'host-local') {
      // host-local remembers the last address it reserved on the node's disk; this is that file.
      const key = `hostlocal:${this.clusterId.toLowerCase()}:${nodeName}`;
      ip = hostLocalAllocate(source.cidr, this.used, this.world.state.counters[key]);
      if (ip !== null) this.world.state.counters[key] = ip;
    } else if (source.kind === 'block') ip = blockAllocate(source.cidr, this.used, seed);
    else if (source.kind === 'nic') ip = poolAllocate(source.pool, this.used, seed);
    if (ip !== null) this.used.add(ip);
    return ip;
  }

  /** Writes the status when it differs; returns the pod as stored. */
  private write(pod: Pod, status: PodStatus): Pod {
    const same = pod.status?.phase === status.phase && pod.status?.podIP === status.podIP && canonicalJson(pod.status) === canonicalJson(status);
    if (same) return pod;
    // Shallow: the stored pod is replaced, never edited in place.
    return put(this.world, this.clusterId, { ...pod, status });
  }

  private containerEvents(pod: Pod, nodeName: string): void {
    for (const c of pod.spec.containers) {
      // A pod starts once, so none of its container events exist yet.
      const at = { host: nodeName, fieldPath: `spec.containers{${c.name}}`, fresh: true };
      const policy = (c as { imagePullPolicy?: string }).imagePullPolicy ?? defaultPullPolicy(c.image);
      // The node's image store: which images this node has pulled before.
      const cacheKey = `image:${this.clusterId.toLowerCase()}:${nodeName}:${normalizeImage(c.image)}`;
      const present = preCachedOnNode(c.image) || this.world.state.counters[cacheKey] === 1;
      if (policy === 'Always' || !present) {
        recordEvent(this.world, this.clusterId, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, COMPONENT, at);
        recordEvent(this.world, this.clusterId, pod, 'Normal', 'Pulled', pulledMessage(c.image, nodeName), COMPONENT, at);
        this.world.state.counters[cacheKey] = 1;
      } else {
        recordEvent(this.world, this.clusterId, pod, 'Normal', 'Pulled', alreadyPresentMessage(c.image), COMPONENT, at);
      }
      // [version] kubelet ≥1.32 writes "Created container: <name>"; older ones had no colon.
      recordEvent(this.world, this.clusterId, pod, 'Normal', 'Created', `Created container: ${c.name}`, COMPONENT, at);
      recordEvent(this.world, this.clusterId, pod, 'Normal', 'Started', `Started container ${c.name}`, COMPONENT, at);
    }
  }
}
