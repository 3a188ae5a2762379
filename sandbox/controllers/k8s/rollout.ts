// Rolling-update arithmetic and the ReplicaSet bookkeeping annotations the deployment
// controller keeps (kubernetes `pkg/controller/deployment/util`).
import type { Deployment, ReplicaSet } from '../../model/k8s/types.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH = 'pod-template-hash';

export function desiredReplicas(deploy: Deployment): number {
  return typeof deploy.spec.replicas === 'number' ? deploy.spec.replicas : 1;
}

/** An int-or-percent of `total`, rounded up (maxSurge) or down (maxUnavailable). */
function scaled(value: unknown, total: number, roundUp: boolean, fallback: string): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const match = /^(\d+)%$/.exec(String(v));
  if (!match) return Number.parseInt(String(v), 10) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge and maxUnavailable: 25% each by default; Recreate allows neither surge nor slack. */
export function rollingParams(deploy: Deployment): { maxSurge: number; maxUnavailable: number } {
  const strategy = deploy.spec.strategy as
    | { type?: string; rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } }
    | undefined;
  const replicas = desiredReplicas(deploy);
  if (strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: 0 };
  let maxSurge = scaled(strategy?.rollingUpdate?.maxSurge, replicas, true, '25%');
  const maxUnavailable = scaled(strategy?.rollingUpdate?.maxUnavailable, replicas, false, '25%');
  if (maxSurge === 0 && maxUnavailable === 0) maxSurge = 1;
  return { maxSurge, maxUnavailable };
}

export function revisionOf(rs: ReplicaSet): number {
  return Number.parseInt(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '0', 10) || 0;
}
