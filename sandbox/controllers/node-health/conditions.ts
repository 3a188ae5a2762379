// The Node conditions the two writers produce, as pure functions of the node and the time:
// the node lifecycle controller when the kubelet has gone quiet (every kubelet-owned condition
// becomes Unknown, NodeStatusUnknown, "Kubelet stopped posting node status.", heartbeat kept,
// kubernetes pkg/controller/nodelifecycle tryUpdateNodeHealth), and the kubelet when it posts
// again (its usual healthy conditions, fresh heartbeat).
import type { Node, NodeCondition } from '../../model/k8s/types.ts';

export const NODE_STATUS_UNKNOWN = 'NodeStatusUnknown';
export const KUBELET_STOPPED = 'Kubelet stopped posting node status.';

const KUBELET_OWNED: NodeCondition['type'][] = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];

const HEALTHY: Record<string, { status: 'True' | 'False'; reason: string; message: string }> = {
  MemoryPressure: { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  DiskPressure: { status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  PIDPressure: { status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  Ready: { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
};

export function readyStatus(node: Node): 'True' | 'False' | 'Unknown' {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
}

export function unknownConditions(node: Node, now: string): NodeCondition[] {
  return (node.status.conditions ?? []).map((c) =>
    KUBELET_OWNED.includes(c.type) && c.status !== 'Unknown'
      ? { ...c, status: 'Unknown', reason: NODE_STATUS_UNKNOWN, message: KUBELET_STOPPED, lastTransitionTime: now }
      : c,
  );
}

export function postedConditions(node: Node, now: string): NodeCondition[] {
  const out: NodeCondition[] = (node.status.conditions ?? []).map((c) => {
    const healthy = HEALTHY[c.type];
    if (!healthy) return c;
    const changed = c.status !== healthy.status;
    return { ...c, ...healthy, lastHeartbeatTime: now, lastTransitionTime: changed ? now : c.lastTransitionTime };
  });
  for (const type of KUBELET_OWNED) {
    if (!out.some((c) => c.type === type)) out.push({ type, ...HEALTHY[type]!, lastHeartbeatTime: now, lastTransitionTime: now });
  }
  return out;
}
