// The status half of the ReplicaSet, Deployment and DaemonSet controllers, run after the
// kubelet so counts include pods that started this round: replicas, ready and available counts,
// observedGeneration and the Deployment conditions `kubectl rollout status` and describe read.
import type { DaemonSet, Deployment, K8sObject, Node, Pod, ReplicaSet } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { runningClusters } from './cluster.ts';
import { daemonPlacement, daemonPodNode, daemonRevisionHash, daemonTolerations, REVISION_HASH_LABEL } from './daemonset.ts';
import { currentReplicaSet } from './deployment.ts';
import { selectorMatches } from './labels.ts';
import { canonicalJson } from './meta.ts';
import { isActive, isPodReady } from './pods.ts';
import { desiredReplicas, rollingParams } from './rollout.ts';
import { effectiveTaints, type Taint } from './scheduling.ts';
import { byControllerUid, kindList, listKind, markSeen, objectsByKind, podsByOwner, put, stamp, unchangedSince } from './store.ts';

interface DeploymentCondition {
  type: 'Available' | 'Progressing';
  status: 'True' | 'False';
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** Sets `status` when it differs; zero counts are left out as the API's omitempty does. */
function writeStatus(world: World, clusterId: string, obj: K8sObject, status: unknown): void {
  if (canonicalJson(obj.status) === canonicalJson(status)) return;
  put(world, clusterId, { ...obj, status });
}

function omitZero<T extends Record<string, unknown>>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== 0 && v !== undefined) out[k] = v;
  return out as T;
}

export function replicaSetStatus(rs: ReplicaSet, pods: readonly Pod[]): ReplicaSet['status'] {
  const active = pods.filter(isActive);
  const ready = active.filter(isPodReady).length;
  const templateLabels = rs.spec.template?.metadata?.labels ?? {};
  return {
    replicas: active.length,
    ...omitZero({
      fullyLabeledReplicas: active.filter((p) => selectorMatches(templateLabels, p.metadata.labels)).length,
      readyReplicas: ready,
      // minReadySeconds is 0 unless set, so ready pods are available at once.
      availableReplicas: ready,
    }),
    observedGeneration: rs.metadata.generation ?? 1,
  };
}

export function deploymentStatus(world: World, deploy: Deployment, owned: readonly ReplicaSet[]): Deployment['status'] {
  const current = currentReplicaSet(deploy, owned);
  const sum = (pick: (rs: ReplicaSet) => number | undefined) => owned.reduce((n, rs) => n + (pick(rs) ?? 0), 0);
  const desired = desiredReplicas(deploy);
  const replicas = sum((rs) => rs.status?.replicas);
  const updated = current?.status?.replicas ?? 0;
  const available = sum((rs) => rs.status?.availableReplicas);
  const ready = sum((rs) => rs.status?.readyReplicas);
  const now = stamp(world);
  const previous = (deploy.status?.conditions ?? []) as DeploymentCondition[];
  const condition = (type: DeploymentCondition['type'], status: 'True' | 'False', reason: string, message: string): DeploymentCondition => {
    const old = previous.find((c) => c.type === type);
    const same = old && old.status === status && old.reason === reason && old.message === message;
    return {
      type,
      status,
      lastUpdateTime: same ? old.lastUpdateTime : now,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
      reason,
      message,
    };
  };
  const minAvailable = desired - rollingParams(deploy).maxUnavailable;
  const conditions: DeploymentCondition[] = [
    available >= minAvailable
      ? condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
  ];
  if (current) {
    const name = current.metadata.name;
    const complete = updated === desired && replicas === desired && (current.status?.availableReplicas ?? 0) === desired;
    conditions.push(
      complete
        ? condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`)
        : condition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`),
    );
  }
  return {
    observedGeneration: deploy.metadata.generation ?? 1,
    ...omitZero({
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, desired - available),
    }),
    conditions,
  };
}

export function daemonSetStatus(
  ds: DaemonSet,
  nodes: readonly Node[],
  pods: readonly Pod[],
  taints: Map<string, Taint[]> = new Map(nodes.map((n) => [n.metadata.name, effectiveTaints(n)])),
): DaemonSet['status'] {
  const hash = daemonRevisionHash(ds);
  const tolerations = daemonTolerations(ds.spec.template.spec);
  const podsByNode = new Map<string, Pod[]>();
  for (const p of pods.filter(isActive)) {
    const node = daemonPodNode(p);
    if (!node) continue;
    const list = podsByNode.get(node) ?? [];
    list.push(p);
    podsByNode.set(node, list);
  }
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let updated = 0;
  for (const node of nodes) {
    const here = podsByNode.get(node.metadata.name) ?? [];
    const { shouldRun, shouldContinue } = daemonPlacement(ds, node, tolerations, taints.get(node.metadata.name));
    if (shouldRun) desired++;
    if (here.length === 0) continue;
    if (shouldContinue) current++;
    else misscheduled++;
    if (shouldRun && here.some(isPodReady)) ready++;
    if (shouldRun && here.some((p) => p.metadata.labels?.[REVISION_HASH_LABEL] === hash)) updated++;
  }
  return {
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    numberAvailable: ready,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: updated,
    ...omitZero({ numberUnavailable: desired - ready }),
  };
}

const STATUS_INPUTS = ['ReplicaSet', 'Deployment', 'DaemonSet', 'Pod', 'Node'];

export const workloadStatusController: Controller = {
  name: 'k8s/workload-status',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      if (unchangedSince(world, mc.id, STATUS_INPUTS, 'workload-status')) continue;
      const index = objectsByKind(world, mc.id, ['ReplicaSet', 'Deployment', 'DaemonSet', 'Node']);
      const podsOf = podsByOwner<Pod>(world, mc.id);
      for (const rs of kindList<ReplicaSet>(index, 'ReplicaSet')) {
        writeStatus(world, mc.id, rs, replicaSetStatus(rs, podsOf.get(rs.metadata.uid) ?? []));
      }
      // Read ReplicaSets again: their statuses may have just changed.
      const rsByOwner = byControllerUid(listKind<ReplicaSet>(world, mc.id, 'ReplicaSet'));
      for (const deploy of kindList<Deployment>(index, 'Deployment')) {
        if (!deploy.spec?.template) continue;
        writeStatus(world, mc.id, deploy, deploymentStatus(world, deploy, rsByOwner.get(deploy.metadata.uid) ?? []));
      }
      const nodes = kindList<Node>(index, 'Node');
      const taints = new Map(nodes.map((n) => [n.metadata.name, effectiveTaints(n)]));
      for (const ds of kindList<DaemonSet>(index, 'DaemonSet')) {
        if (!ds.spec?.template) continue;
        writeStatus(world, mc.id, ds, daemonSetStatus(ds, nodes, podsOf.get(ds.metadata.uid) ?? [], taints));
      }
      markSeen(world, mc.id, STATUS_INPUTS, 'workload-status');
    }
  },
};
