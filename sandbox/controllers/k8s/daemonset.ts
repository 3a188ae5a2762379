// kube-controller-manager's daemonset controller: one pod per eligible node, pinned to it by a
// required node affinity on `metadata.name` (the scheduler then binds it), with the tolerations
// every DaemonSet pod gets. A changed template replaces the pods at once (no one-by-one rollout).
import type { DaemonSet, Node, Pod } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { runningClusters } from './cluster.ts';
import { recordEvent } from './events.ts';
import { templateHash } from './names.ts';
import { isActive } from './pods.ts';
import { podFromTemplate } from './replicaset.ts';
import { effectiveTaints, firstUntolerated, nodeAffinityMatches, pinnedNodeName, type Taint, type Toleration } from './scheduling.ts';
import { byAge, byName, del, listKind, markSeen, podsByOwner, put, unchangedSince } from './store.ts';

const COMPONENT = 'daemonset-controller';
const INPUTS = ['DaemonSet', 'Node', 'Pod'];
export const REVISION_HASH_LABEL = 'controller-revision-hash';

/** `AddOrUpdateDaemonPodTolerations` (kubernetes `pkg/controller/daemon/util`). */
export function daemonTolerations(spec: Pod['spec']): Toleration[] {
  const add: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork) add.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const existing = (spec.tolerations ?? []) as Toleration[];
  const missing = add.filter((t) => !existing.some((e) => e.key === t.key && e.effect === t.effect));
  return [...existing, ...missing];
}

/**
 * Whether a node should get a daemon pod, and whether an existing one may stay
 * (`NodeShouldRunDaemonPod`): an untolerated NoSchedule taint stops new pods but keeps old ones;
 * an untolerated NoExecute taint removes them.
 */
export function daemonPlacement(
  ds: DaemonSet,
  node: Node,
  tolerations: Toleration[] = daemonTolerations(ds.spec.template.spec),
  taints: Taint[] = effectiveTaints(node),
): { shouldRun: boolean; shouldContinue: boolean } {
  if (!nodeAffinityMatches(ds.spec.template.spec, node)) return { shouldRun: false, shouldContinue: false };
  if (firstUntolerated(tolerations, taints, ['NoExecute'])) return { shouldRun: false, shouldContinue: false };
  if (firstUntolerated(tolerations, taints, ['NoSchedule'])) return { shouldRun: false, shouldContinue: true };
  return { shouldRun: true, shouldContinue: true };
}

export function daemonRevisionHash(ds: DaemonSet): string {
  return templateHash(ds.spec.template, 'ControllerRevision');
}

/** The node a daemon pod is for: where it is bound, or where its affinity pins it. */
export function daemonPodNode(pod: Pod): string | undefined {
  return pod.spec.nodeName || pinnedNodeName(pod.spec);
}

export const daemonSetController: Controller = {
  name: 'k8s/daemonset',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      if (unchangedSince(world, mc.id, INPUTS, 'daemonset')) continue;
      const daemonSets = listKind<DaemonSet>(world, mc.id, 'DaemonSet').sort(byName);
      const nodes = listKind<Node>(world, mc.id, 'Node').sort(byName);
      const taints = new Map(nodes.map((n) => [n.metadata.name, effectiveTaints(n)]));
      const owned = podsByOwner<Pod>(world, mc.id);
      for (const ds of daemonSets) {
        if (ds.metadata.deletionTimestamp || !ds.spec?.template) continue;
        syncDaemonSet(world, mc.id, ds, nodes, taints, (owned.get(ds.metadata.uid) ?? []).filter(isActive));
      }
      markSeen(world, mc.id, INPUTS, 'daemonset');
    }
  },
};

function syncDaemonSet(world: World, clusterId: string, ds: DaemonSet, nodes: Node[], taints: Map<string, Taint[]>, pods: Pod[]): void {
  const hash = daemonRevisionHash(ds);
  const tolerations = daemonTolerations(ds.spec.template.spec);
  const byNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    const node = daemonPodNode(pod) ?? '';
    let list = byNode.get(node);
    if (!list) byNode.set(node, (list = []));
    list.push(pod);
  }
  const remove = (pod: Pod) => {
    del(world, clusterId, 'Pod', pod.metadata.namespace, pod.metadata.name);
    recordEvent(world, clusterId, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, COMPONENT);
  };
  for (const node of nodes) {
    const name = node.metadata.name;
    const { shouldRun, shouldContinue } = daemonPlacement(ds, node, tolerations, taints.get(name));
    let here = byNode.get(name) ?? [];
    byNode.delete(name);
    if (!shouldContinue) {
      here.forEach(remove);
      continue;
    }
    // Outdated pods go; extras beyond the oldest go.
    for (const pod of here) if (pod.metadata.labels?.[REVISION_HASH_LABEL] !== hash) remove(pod);
    here = here.filter((p) => p.metadata.labels?.[REVISION_HASH_LABEL] === hash);
    if (here.length > 1) here.sort(byAge).slice(1).forEach(remove);
    if (here.length === 0 && shouldRun) createDaemonPod(world, clusterId, ds, name, hash);
  }
  // Pods for nodes that are gone (or pods that name no node).
  for (const list of byNode.values()) list.forEach(remove);
}

function createDaemonPod(world: World, clusterId: string, ds: DaemonSet, nodeName: string, hash: string): void {
  const generation = String(ds.metadata.generation ?? 1);
  const pod = podFromTemplate(
    world,
    clusterId,
    ds,
    { [REVISION_HASH_LABEL]: hash, 'pod-template-generation': generation },
    (spec) => ({
      ...spec,
      tolerations: daemonTolerations(spec),
      affinity: {
        ...(spec.affinity as object | undefined),
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
          },
        },
      },
    }),
  );
  put(world, clusterId, pod);
  recordEvent(world, clusterId, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, COMPONENT);
}
