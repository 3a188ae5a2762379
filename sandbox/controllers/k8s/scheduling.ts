// Node predicates shared by the scheduler and the DaemonSet controller: taints and tolerations,
// nodeSelector and required node affinity, in the scheduler's filter order and with its reason
// strings (kube-scheduler plugins NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit).
import type { Node, PodSpec } from '../../model/k8s/types.ts';
import { nodeReadyStatus } from './pods.ts';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

/**
 * The node's taints plus the ones the node lifecycle controller adds for its conditions
 * (TaintNodesByCondition). Derived here rather than written to the Node, which the AKS
 * provisioning controllers own.
 */
export function effectiveTaints(node: Node): Taint[] {
  const taints = [...((node.spec?.taints ?? []) as Taint[])];
  const add = (key: string, effect: Taint['effect']) => {
    if (!taints.some((t) => t.key === key && t.effect === effect)) taints.push({ key, effect });
  };
  if (node.spec?.unschedulable) add(UNSCHEDULABLE_TAINT, 'NoSchedule');
  const ready = nodeReadyStatus(node);
  if (ready === 'False') {
    add(NOT_READY_TAINT, 'NoSchedule');
    add(NOT_READY_TAINT, 'NoExecute');
  } else if (ready === 'Unknown') {
    add(UNREACHABLE_TAINT, 'NoSchedule');
    add(UNREACHABLE_TAINT, 'NoExecute');
  }
  return taints;
}

export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key === undefined || toleration.key === '') return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** The first taint with one of the effects that no toleration covers. */
export function firstUntolerated(
  tolerations: readonly Toleration[],
  taints: readonly Taint[],
  effects: readonly Taint['effect'][] = ['NoSchedule', 'NoExecute'],
): Taint | undefined {
  return taints.find((t) => effects.includes(t.effect) && !tolerations.some((tol) => tolerates(tol, t)));
}

function requirementMatches(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

function requiredTerms(spec: PodSpec): NodeSelectorTerm[] | undefined {
  const affinity = spec.affinity as
    | { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } }
    | undefined;
  return affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
}

/** nodeSelector and required node affinity (terms ORed, requirements inside a term ANDed). */
export function nodeAffinityMatches(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = requiredTerms(spec);
  if (!terms) return true;
  return terms.some(
    (term) =>
      (term.matchExpressions?.length || term.matchFields?.length) &&
      (term.matchExpressions ?? []).every((r) => requirementMatches(r, labels[r.key])) &&
      (term.matchFields ?? []).every((r) => r.key === 'metadata.name' && requirementMatches(r, node.metadata.name)),
  );
}

/**
 * When required affinity pins the pod to exactly one node by name (what the DaemonSet controller
 * writes), that node's name; lets the scheduler skip scanning every node for DaemonSet pods.
 */
export function pinnedNodeName(spec: PodSpec): string | undefined {
  const terms = requiredTerms(spec);
  if (!terms || terms.length !== 1) return undefined;
  const fields = terms[0]!.matchFields ?? [];
  const byName = fields.find((f) => f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1);
  return byName?.values?.[0];
}

export interface NodeLoad {
  node: Node;
  taints: Taint[];
  capacity: number;
  /** Pods bound to the node that still run (or are about to). */
  pods: number;
}

/**
 * Why the node cannot take the pod, in the scheduler's filter order, or undefined when it fits.
 * `preemptible` tells whether evicting lower-priority pods could help (only capacity can).
 */
export function filterNode(spec: PodSpec, load: NodeLoad): { reason: string; preemptible: boolean } | undefined {
  const tolerations = (spec.tolerations ?? []) as Toleration[];
  if (load.node.spec?.unschedulable) {
    const unschedulable: Taint = { key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule' };
    if (!tolerations.some((t) => tolerates(t, unschedulable))) return { reason: 'node(s) were unschedulable', preemptible: false };
  }
  const taint = firstUntolerated(tolerations, load.taints);
  if (taint) return { reason: `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`, preemptible: false };
  if (!nodeAffinityMatches(spec, load.node)) return { reason: "node(s) didn't match Pod's node affinity/selector", preemptible: false };
  if (load.pods >= load.capacity) return { reason: 'Too many pods', preemptible: true };
  return undefined;
}

/**
 * The FailedScheduling message (kube-scheduler `FitError.Error`): reasons counted per node,
 * `"<count> <reason>"` sorted as strings, then the preemption summary; the trailing separator
 * after the preemption message is why real messages end in "..".
 */
export function fitErrorMessage(total: number, failures: readonly { reason: string; preemptible: boolean }[]): string {
  if (total === 0) return 'no nodes available to schedule pods';
  const histogram = (items: string[]) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
    return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
  };
  const filter = histogram(failures.map((f) => f.reason));
  const preemption = histogram(
    failures.map((f) => (f.preemptible ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling')),
  );
  return `0/${total} nodes are available: ${filter}. preemption: 0/${total} nodes are available: ${preemption}..`;
}
