// Pod statuses the kubelet writes: containers running (Ready) or still being created, with the
// conditions in the order the kubelet lists them and container statuses sorted by name.
import type { Container, Pod, PodCondition, PodStatus } from '../../model/k8s/types.ts';
import { imageId, normalizeImage } from './images.ts';
import { qosClass } from './pod-defaults.ts';

function condition(
  pod: Pod,
  type: string,
  status: 'True' | 'False',
  now: string,
  extra: { reason?: string; message?: string } = {},
): PodCondition {
  const old = pod.status?.conditions?.find((c) => c.type === type);
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
    ...extra,
  };
}

function sortedContainers(pod: Pod): Container[] {
  return [...pod.spec.containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function runningStatus(pod: Pod, hostIp: string, podIp: string, now: string, containerIds: Map<string, string>): PodStatus {
  return {
    phase: 'Running',
    conditions: [
      condition(pod, 'PodReadyToStartContainers', 'True', now),
      condition(pod, 'Initialized', 'True', now),
      condition(pod, 'Ready', 'True', now),
      condition(pod, 'ContainersReady', 'True', now),
      condition(pod, 'PodScheduled', 'True', now),
    ],
    hostIP: hostIp,
    hostIPs: [{ ip: hostIp }],
    podIP: podIp,
    podIPs: [{ ip: podIp }],
    startTime: pod.status?.startTime ?? now,
    containerStatuses: sortedContainers(pod).map((c) => ({
      containerID: containerIds.get(c.name),
      image: normalizeImage(c.image),
      imageID: imageId(c.image),
      lastState: {},
      name: c.name,
      ready: true,
      restartCount: 0,
      started: true,
      state: { running: { startedAt: now } },
    })),
    qosClass: pod.status?.qosClass ?? qosClass(pod.spec),
  };
}

/** What `kubectl get pods` shows as ContainerCreating: admitted, sandbox not up yet. */
export function creatingStatus(pod: Pod, hostIp: string, now: string): PodStatus {
  const names = pod.spec.containers.map((c) => c.name).sort();
  const unready = { reason: 'ContainersNotReady', message: `containers with unready status: [${names.join(' ')}]` };
  return {
    phase: 'Pending',
    conditions: [
      condition(pod, 'PodReadyToStartContainers', 'False', now),
      condition(pod, 'Initialized', 'True', now),
      condition(pod, 'Ready', 'False', now, unready),
      condition(pod, 'ContainersReady', 'False', now, unready),
      condition(pod, 'PodScheduled', 'True', now),
    ],
    hostIP: hostIp,
    hostIPs: [{ ip: hostIp }],
    startTime: pod.status?.startTime ?? now,
    containerStatuses: sortedContainers(pod).map((c) => ({
      image: normalizeImage(c.image),
      imageID: '',
      lastState: {},
      name: c.name,
      ready: false,
      restartCount: 0,
      started: false,
      state: { waiting: { reason: 'ContainerCreating' } },
    })),
    qosClass: pod.status?.qosClass ?? qosClass(pod.spec),
  };
}

/** Kubelet admission rejecting a pod bound to a full node (`OutOfpods`, phase Failed). */
export function outOfPodsStatus(pod: Pod, used: number, capacity: number, now: string): PodStatus {
  return {
    phase: 'Failed',
    reason: 'OutOfpods',
    message: `Node didn't have enough resource: pods, requested: 1, used: ${used}, capacity: ${capacity}`,
    startTime: pod.status?.startTime ?? now,
    qosClass: pod.status?.qosClass ?? qosClass(pod.spec),
  };
}
