// kubectl describe deployment, replicaset and daemonset (describeDeployment, describeReplicaSet,
// describeDaemonSet): replica counts, the pod template, conditions, the old and new ReplicaSets
// of a Deployment, and the pods a controller owns by phase.
import type { DaemonSet, Deployment, K8sEvent, Pod, ReplicaSet } from '../../../model/k8s/types.ts';
import { formatLabelSelector, formatLabels, selectorString } from '../printers/labels.ts';
import { describePodTemplate } from './pod.ts';
import { annotationsMultiline, describeEvents, DescribeWriter, labelsMultiline, rfc1123z } from './writer.ts';

interface Condition {
  type: string;
  status: string;
  reason?: string;
}

/** Running / Waiting / Succeeded / Failed counts of the pods a controller owns. */
export function podPhases(pods: readonly Pod[], ownerUid: string): string {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const p of pods) {
    const ref = p.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref || ref.uid !== ownerUid) continue;
    switch (p.status?.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
    }
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

function conditionsTable(w: DescribeWriter, conditions: Condition[] | undefined): void {
  if (!conditions || conditions.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

function replicaSetsText(list: readonly ReplicaSet[]): string {
  return list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';
}

interface Strategy {
  type?: string;
  rollingUpdate?: { maxUnavailable?: string | number; maxSurge?: string | number };
}

export function describeDeployment(d: Deployment, replicaSets: readonly ReplicaSet[], events: K8sEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const status = d.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', d.metadata.labels);
  annotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${selectorString(d.spec?.selector)}\n`);
  w.write(0, `Replicas:\t${d.spec?.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`);
  const strategy = (d.spec?.strategy ?? {}) as Strategy;
  w.write(0, `StrategyType:\t${strategy.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${(d.spec as { minReadySeconds?: number })?.minReadySeconds ?? 0}\n`);
  if (strategy.rollingUpdate) {
    w.write(0, `RollingUpdateStrategy:\t${strategy.rollingUpdate.maxUnavailable ?? ''} max unavailable, ${strategy.rollingUpdate.maxSurge ?? ''} max surge\n`);
  }
  describePodTemplate(w, d.spec?.template);
  conditionsTable(w, status.conditions as Condition[] | undefined);
  const owned = replicaSets.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid));
  if (owned.length > 0) {
    const revision = d.metadata.annotations?.['deployment.kubernetes.io/revision'];
    const isNew = (rs: ReplicaSet) => (revision ? rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision : false);
    const newer = owned.filter(isNew);
    const older = owned.filter((rs) => !isNew(rs));
    w.write(0, `OldReplicaSets:\t${replicaSetsText(older)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetsText(newer)}\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}

export function describeReplicaSet(rs: ReplicaSet, pods: readonly Pod[], events: K8sEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  labelsMultiline(w, 'Labels', rs.metadata.labels);
  annotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const owner = rs.metadata.ownerReferences?.find((r) => r.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(0, `Pods Status:\t${podPhases(pods, rs.metadata.uid)}\n`);
  describePodTemplate(w, rs.spec?.template);
  conditionsTable(w, (rs.status as { conditions?: Condition[] } | undefined)?.conditions);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeDaemonSet(ds: DaemonSet, pods: readonly Pod[], events: K8sEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const s = ds.status ?? {};
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Namespace:\t${ds.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${selectorString(ds.spec?.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  labelsMultiline(w, 'Labels', ds.metadata.labels);
  annotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${s['desiredNumberScheduled'] ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${s['currentNumberScheduled'] ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s['updatedNumberScheduled'] ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${s['numberAvailable'] ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${s['numberMisscheduled'] ?? 0}\n`);
  w.write(0, `Pods Status:\t${podPhases(pods, ds.metadata.uid)}\n`);
  describePodTemplate(w, ds.spec?.template);
  describeEvents(w, events, now);
  return w.toString();
}
