// Finding the pod behind `POD` or `TYPE/NAME` (polymorphichelpers AttachablePodForObject):
// deployments, replica sets, daemon sets and services lead to the best of their pods
// (`Found 3 pods, using pod/...`), and the container a command means (`-c`, or the first one,
// with kubectl's "Defaulted container" note when there are several). Also the API server's path
// to the pod's kubelet, which logs and exec need and get does not.
import { isK8sApiError, listObjects, requirementsMatch, parseLabelSelector } from '../../../apiserver/index.ts';
import { kubeletReachable } from '../../../controllers/node-health/index.ts';
import type { Container, K8sObject, LabelSelector, Pod } from '../../../model/k8s/types.ts';
import type { Client } from '../client/client.ts';
import { fetchQueries } from '../client/fetch.ts';
import { resolveTargets } from '../client/targets.ts';

export interface PodPick {
  pod: Pod;
  /** `Found 3 pods, using pod/web-...` when a controller had several. */
  note?: string;
}

function selectorMatches(selector: LabelSelector | Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const sel = 'matchLabels' in selector || 'matchExpressions' in selector ? (selector as LabelSelector) : { matchLabels: selector as Record<string, string> };
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  if (parts.length === 0) return false;
  const parsed = parseLabelSelector(parts.join(','));
  return parsed.ok && requirementsMatch(parsed.requirements, labels);
}

/** controller.ByLogging: running, ready, with restarts, older first... as kubectl picks a pod to read. */
function rank(p: Pod): number[] {
  const phase = p.status?.phase;
  const ready = (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  const restarts = (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  return [p.spec?.nodeName ? 0 : 1, phase === 'Running' ? 0 : phase === 'Unknown' ? 1 : phase === 'Pending' ? 2 : 3, ready ? 0 : 1, -restarts, Date.parse(p.metadata.creationTimestamp || '0')];
}

function podsOf(client: Client, obj: K8sObject): Pod[] {
  const listed = listObjects<Pod>(client.world, client.clusterId, 'Pod', obj.metadata.namespace);
  if (isK8sApiError(listed)) return [];
  const spec = obj.spec as { selector?: LabelSelector | Record<string, string> } | undefined;
  return listed.filter((p) => selectorMatches(spec?.selector, p.metadata.labels));
}

export function pickPod(client: Client, arg: string, namespace: string): PodPick | string {
  const targets = resolveTargets(arg.includes('/') ? [arg] : ['pods', arg]);
  if (!targets.ok) return `error: ${targets.error}`;
  const fetched = fetchQueries(client, targets.queries, { namespace });
  if (fetched.errors.length > 0) return fetched.errors[0]!;
  const obj = fetched.objects[0];
  if (!obj) return `Error from server (NotFound): pods "${arg}" not found`;
  if (obj.kind === 'Pod') return { pod: obj as Pod };
  if (!['Deployment', 'ReplicaSet', 'DaemonSet', 'Service', 'StatefulSet', 'Job'].includes(obj.kind)) return `error: cannot attach to *v1.${obj.kind}: selector for *v1.${obj.kind} not implemented`;
  if (obj.kind === 'Service' && !(obj.spec as { selector?: object })?.selector) return `error: invalid service '${obj.metadata.name}': Service is defined without a selector`;
  const pods = podsOf(client, obj).sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return a.metadata.name < b.metadata.name ? -1 : 1;
  });
  if (pods.length === 0) return `error: timed out waiting for the condition`;
  const pick: PodPick = { pod: pods[0]! };
  if (pods.length > 1) pick.note = `Found ${pods.length} pods, using pod/${pods[0]!.metadata.name}\n`;
  return pick;
}

export function allContainerNames(pod: Pod): string {
  const init = (pod.spec as unknown as { initContainers?: Container[] }).initContainers ?? [];
  return [...pod.spec.containers.map((c) => c.name), ...init.map((c) => `${c.name} (init)`)].join(', ');
}

/**
 * The container logs or exec uses (kubectl 1.34): -c as given (exec leaves its check to the API
 * server, logs checks it itself), else the default-container annotation, else the first one.
 */
export function pickContainer(pod: Pod, name: string, quiet: boolean, verb: 'logs' | 'exec'): { container: Container; note?: string } | string {
  const init = (pod.spec as unknown as { initContainers?: Container[] }).initContainers ?? [];
  const all = [...pod.spec.containers, ...init];
  if (name) {
    const found = all.find((c) => c.name === name);
    if (found) return { container: found };
    return verb === 'exec' ? `Error from server (BadRequest): container ${name} is not valid for pod ${pod.metadata.name}` : `error: container ${name} is not valid for pod ${pod.metadata.name}`;
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated) {
    const found = all.find((c) => c.name === annotated);
    if (found) return { container: found };
    if (verb === 'logs') {
      const first = pod.spec.containers[0];
      if (first) return { container: first, note: `Default container name "${annotated}" not found in pod ${pod.metadata.name}\n` };
    }
  }
  const first = pod.spec.containers[0];
  if (!first) return `error: pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`;
  if (!quiet && (pod.spec.containers.length > 1 || init.length > 0)) return { container: first, note: `Defaulted container "${first.name}" out of: ${allContainerNames(pod)}\n` };
  return { container: first };
}

/** The API server's way to the pod's kubelet (konnectivity or VNet integration); the error it answers with when there is none. */
export function kubeletPath(client: Client, pod: Pod): string | undefined {
  if (!pod.spec.nodeName) return undefined;
  const reach = kubeletReachable(client.world, client.clusterId, pod.spec.nodeName);
  if (reach.ok) return undefined;
  return `Error from server: ${reach.error ?? `error dialing backend: dial tcp ${pod.status?.hostIP ?? ''}:10250: i/o timeout`}`;
}
