// kube-scheduler (default-scheduler): binds each unscheduled pod to a node that passes the
// filters (unschedulable, taints, nodeSelector/affinity, pod capacity), preferring the node with
// the fewest pods of the same owner, then the fewest pods, then the first by name, so replicas
// spread deterministically. A pod that fits nowhere stays Pending with a FailedScheduling event.
import type { Node, Pod, PodCondition } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { runningClusters } from './cluster.ts';
import { recordEvent } from './events.ts';
import { MinHeap } from './heap.ts';
import { canonicalJson, controllerOf } from './meta.ts';
import { isTerminal, isTerminating, podCapacity, podPriority } from './pods.ts';
import { effectiveTaints, filterNode, fitErrorMessage, pinnedNodeName, type NodeLoad } from './scheduling.ts';
import { byAge, byName, kindList, objectsByKind, put, stamp } from './store.ts';

const COMPONENT = 'default-scheduler';

interface Candidate {
  load: NodeLoad;
  owned: number;
  pods: number;
}

const less = (a: Candidate, b: Candidate) =>
  a.owned !== b.owned ? a.owned < b.owned : a.pods !== b.pods ? a.pods < b.pods : a.load.node.metadata.name < b.load.node.metadata.name;

export const scheduler: Controller = {
  name: 'k8s/scheduler',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      const index = objectsByKind(world, mc.id, ['Node', 'Pod']);
      const pods = kindList<Pod>(index, 'Pod');
      const queue = pods.filter(
        (p) => !p.spec?.nodeName && !isTerminal(p) && !isTerminating(p) && (p.spec?.schedulerName ?? COMPONENT) === COMPONENT,
      );
      if (queue.length === 0) continue;
      new SchedulingCycle(world, mc.id, kindList<Node>(index, 'Node'), pods).run(queue);
    }
  },
};

class SchedulingCycle {
  private readonly loads = new Map<string, NodeLoad>();
  private readonly nodes: NodeLoad[];
  /** Pods per `<owner uid>|<node>`, for spreading replicas. */
  private readonly owned = new Map<string, number>();
  private readonly heaps = new Map<string, MinHeap<Candidate>>();
  /** FailedScheduling messages per pod shape: within one cycle loads only grow, so they hold. */
  private readonly failures = new Map<string, string>();
  private readonly world: World;
  private readonly clusterId: string;

  constructor(world: World, clusterId: string, nodes: Node[], pods: Pod[]) {
    this.world = world;
    this.clusterId = clusterId;
    this.nodes = nodes.sort(byName).map((node) => ({ node, taints: effectiveTaints(node), capacity: podCapacity(node), pods: 0 }));
    for (const load of this.nodes) this.loads.set(load.node.metadata.name, load);
    for (const pod of pods) {
      const load = pod.spec?.nodeName ? this.loads.get(pod.spec.nodeName) : undefined;
      if (!load || isTerminal(pod)) continue;
      load.pods++;
      const owner = controllerOf(pod)?.uid;
      if (owner) this.bump(owner, load.node.metadata.name);
    }
  }

  run(queue: Pod[]): void {
    // The active queue pops higher priority first, then oldest.
    queue.sort((a, b) => podPriority(b) - podPriority(a) || byAge(a, b));
    for (const pod of queue) {
      const chosen = this.pick(pod);
      if (chosen) this.bind(pod, chosen);
      else this.fail(pod);
    }
  }

  private bump(owner: string, node: string): void {
    const key = `${owner}|${node}`;
    this.owned.set(key, (this.owned.get(key) ?? 0) + 1);
  }

  private ownedOn(pod: Pod, node: string): number {
    const owner = controllerOf(pod)?.uid;
    return owner ? (this.owned.get(`${owner}|${node}`) ?? 0) : 0;
  }

  private shapeKey(pod: Pod): string {
    const s = pod.spec;
    return `${controllerOf(pod)?.uid ?? pod.metadata.uid}|${canonicalJson([s.nodeSelector, s.affinity, s.tolerations])}`;
  }

  private pick(pod: Pod): NodeLoad | undefined {
    const pinned = pinnedNodeName(pod.spec);
    if (pinned !== undefined) {
      const load = this.loads.get(pinned);
      return load && !filterNode(pod.spec, load) ? load : undefined;
    }
    const key = this.shapeKey(pod);
    let heap = this.heaps.get(key);
    if (!heap) {
      // Everything but capacity is fixed for this cycle, so filter once per pod shape.
      const feasible = this.nodes.filter((load) => !filterNode(pod.spec, { ...load, pods: 0, capacity: 1 }));
      heap = new MinHeap(
        less,
        feasible.map((load) => ({ load, owned: this.ownedOn(pod, load.node.metadata.name), pods: load.pods })),
      );
      this.heaps.set(key, heap);
    }
    for (;;) {
      const top = heap.pop();
      if (!top) return undefined;
      const owned = this.ownedOn(pod, top.load.node.metadata.name);
      if (top.owned !== owned || top.pods !== top.load.pods) {
        // Stale entry (other pods landed there since): put it back with today's numbers.
        heap.push({ load: top.load, owned, pods: top.load.pods });
        continue;
      }
      if (top.load.pods >= top.load.capacity) continue; // full for the rest of the cycle
      heap.push({ load: top.load, owned: owned + 1, pods: top.load.pods + 1 });
      return top.load;
    }
  }

  private bind(pod: Pod, load: NodeLoad): void {
    const nodeName = load.node.metadata.name;
    load.pods++;
    const owner = controllerOf(pod)?.uid;
    if (owner) this.bump(owner, nodeName);
    const conditions = upsertCondition(pod.status?.conditions, {
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: stamp(this.world),
    });
    // Shallow copies: the stored pod is replaced, never edited in place.
    const next: Pod = {
      ...pod,
      spec: { ...pod.spec, nodeName },
      status: { ...pod.status, phase: pod.status?.phase ?? 'Pending', conditions },
    };
    put(this.world, this.clusterId, next);
    const ns = pod.metadata.namespace ?? 'default';
    recordEvent(this.world, this.clusterId, next, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${pod.metadata.name} to ${nodeName}`, COMPONENT);
  }

  private fail(pod: Pod): void {
    const key = `${pinnedNodeName(pod.spec) ?? ''}|${this.shapeKey(pod)}`;
    let message = this.failures.get(key);
    if (message === undefined) {
      const reasons = this.nodes.map((load) => filterNode(pod.spec, load) ?? { reason: "node(s) didn't match Pod's node affinity/selector", preemptible: false });
      message = fitErrorMessage(this.nodes.length, reasons);
      this.failures.set(key, message);
    }
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status !== 'False' || current.message !== message) {
      const next: Pod = { ...pod, status: { ...pod.status, phase: 'Pending' } };
      next.status.conditions = upsertCondition(pod.status?.conditions, {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: current?.status === 'False' ? current.lastTransitionTime : stamp(this.world),
        reason: 'Unschedulable',
        message,
      });
      put(this.world, this.clusterId, next);
    }
    recordEvent(this.world, this.clusterId, pod, 'Warning', 'FailedScheduling', message, COMPONENT, { once: true });
  }
}

export function upsertCondition(conditions: PodCondition[] | undefined, condition: PodCondition): PodCondition[] {
  const out = (conditions ?? []).filter((c) => c.type !== condition.type);
  out.push(condition);
  return out;
}
