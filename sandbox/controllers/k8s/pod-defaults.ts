// What the API server fills into a pod on create (defaulting plus the ServiceAccount, Priority
// and DefaultTolerationSeconds admission plugins), and the QoS class it derives. Controllers use
// it for the pods they create; kubectl code can use it for pods a learner creates.
import type { Container, PodSpec } from '../../model/k8s/types.ts';

interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

/** Built-in PriorityClasses (kubernetes `pkg/apis/scheduling`). */
const PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/** A defaulted copy; nested values it does not default are shared with the input, never edited. */
export function withPodDefaults(input: PodSpec): PodSpec {
  const spec: PodSpec = { ...input };
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.schedulerName ??= 'default-scheduler';
  spec.serviceAccountName ??= 'default';
  spec.serviceAccount ??= spec.serviceAccountName;
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  const className = spec.priorityClassName as string | undefined;
  spec.priority ??= (className && PRIORITY_CLASSES[className]) || 0;
  spec.tolerations = withDefaultTolerations((spec.tolerations ?? []) as Toleration[]);
  spec.containers = spec.containers.map(withContainerDefaults);
  return spec;
}

function withContainerDefaults(input: Container): Container {
  const c = { ...input } as Container & Record<string, unknown>;
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  if (c.ports) c.ports = c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' }));
  return c;
}

/** `Always` for `:latest` or untagged images, otherwise `IfNotPresent` (API defaulting). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/**
 * DefaultTolerationSeconds admission: every pod tolerates a NotReady or unreachable node for
 * 300 s before eviction, unless it already says otherwise.
 */
function withDefaultTolerations(tolerations: Toleration[]): Toleration[] {
  const out = [...tolerations];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const covered = tolerations.some(
      (t) => (t.key === key || (t.key === undefined && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'),
    );
    if (!covered) out.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  return out;
}

/** BestEffort, Burstable or Guaranteed (kubernetes `pkg/apis/core/helper/qos`). */
export function qosClass(spec: PodSpec): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  let any = false;
  let guaranteed = true;
  for (const c of spec.containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (requests[r] !== undefined || limits[r] !== undefined) any = true;
      if (limits[r] === undefined) guaranteed = false;
      else if (requests[r] !== undefined && requests[r] !== limits[r]) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
