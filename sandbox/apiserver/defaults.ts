// API defaulting (kubernetes `pkg/apis/*/v1/defaults.go`) for the kinds the sandbox serves.
// Services are defaulted by `admitService` together with their allocations; bare Pods get the
// admission-time fields too (`withPodDefaults`). Each function edits the copy it is given.
import { withPodDefaults } from '../controllers/k8s/pod-defaults.ts';
import type { Container, K8sObject, NetworkPolicy, PodSpec } from '../model/k8s/types.ts';
import { encodeText } from './base64.ts';

/** Fields `withPodDefaults` fills at pod admission (ServiceAccount, Priority, DefaultTolerationSeconds) that a template never gets. */
const ADMISSION_ONLY = ['serviceAccountName', 'serviceAccount', 'priority', 'preemptionPolicy', 'tolerations', 'enableServiceLinks'] as const;

/**
 * Malformed containers (no image, not an object) still get defaulted, as the real defaulting
 * does, so that validation can report them (`image: Required value`).
 */
function defaultable(spec: PodSpec): PodSpec {
  const containers = spec.containers.map((c) => {
    const container = (typeof c === 'object' && c !== null ? c : {}) as Container;
    return typeof container.image === 'string' ? container : { ...container, image: '' };
  });
  return { ...spec, containers };
}

/** SetDefaults_PodSpec for a pod template: dnsPolicy, restartPolicy, schedulerName, container defaults... */
export function templateSpecDefaults(input: PodSpec): PodSpec {
  const spec = withPodDefaults(defaultable(input)) as Record<string, unknown>;
  for (const key of ADMISSION_ONLY) {
    if (input[key] === undefined) delete spec[key];
    else spec[key] = input[key];
  }
  // The v1 conversion mirrors serviceAccountName into the deprecated serviceAccount.
  if (input.serviceAccountName !== undefined) spec['serviceAccount'] = input.serviceAccountName;
  return spec as PodSpec;
}

type Template = { metadata?: Record<string, unknown>; spec?: PodSpec };

function defaultTemplate(spec: Record<string, unknown>): void {
  const template = spec['template'] as Template | undefined;
  if (!template || typeof template !== 'object') return;
  if (template.spec && Array.isArray(template.spec.containers)) template.spec = templateSpecDefaults(template.spec);
}

function deploymentDefaults(obj: K8sObject): void {
  const spec = (obj.spec ??= {}) as Record<string, unknown>;
  spec['replicas'] ??= 1;
  const strategy = (spec['strategy'] ??= {}) as { type?: string; rollingUpdate?: Record<string, unknown> };
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling['maxUnavailable'] ??= '25%';
    rolling['maxSurge'] ??= '25%';
  }
  spec['revisionHistoryLimit'] ??= 10;
  spec['progressDeadlineSeconds'] ??= 600;
  defaultTemplate(spec);
}

function replicaSetDefaults(obj: K8sObject): void {
  const spec = (obj.spec ??= {}) as Record<string, unknown>;
  spec['replicas'] ??= 1;
  defaultTemplate(spec);
}

function daemonSetDefaults(obj: K8sObject): void {
  const spec = (obj.spec ??= {}) as Record<string, unknown>;
  const strategy = (spec['updateStrategy'] ??= {}) as { type?: string; rollingUpdate?: Record<string, unknown> };
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling['maxUnavailable'] ??= 1;
    rolling['maxSurge'] ??= 0;
  }
  spec['revisionHistoryLimit'] ??= 10;
  defaultTemplate(spec);
}

function namespaceDefaults(obj: K8sObject): void {
  const spec = (obj.spec ??= {}) as { finalizers?: string[] };
  spec.finalizers ??= ['kubernetes'];
  // The API server labels every namespace with its own name (since 1.21).
  obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name };
}

function secretDefaults(obj: K8sObject): void {
  obj['type'] ??= 'Opaque';
  const stringData = obj['stringData'] as Record<string, string> | undefined;
  if (stringData && typeof stringData === 'object') {
    const data: Record<string, string> = { ...obj.data };
    for (const [k, v] of Object.entries(stringData)) data[k] = encodeText(String(v));
    obj.data = data;
    delete obj['stringData'];
  }
}

function networkPolicyDefaults(obj: K8sObject): void {
  const spec = ((obj as NetworkPolicy).spec ??= { podSelector: {} });
  if (!spec.policyTypes || spec.policyTypes.length === 0) {
    spec.policyTypes = spec.egress && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
    for (const port of rule.ports ?? []) port.protocol ??= 'TCP';
  }
}

function podDefaults(obj: K8sObject): void {
  const spec = obj.spec as PodSpec | undefined;
  if (spec && Array.isArray(spec.containers)) obj.spec = withPodDefaults(defaultable(spec));
}

const DEFAULTERS: Record<string, (obj: K8sObject) => void> = {
  Deployment: deploymentDefaults,
  ReplicaSet: replicaSetDefaults,
  DaemonSet: daemonSetDefaults,
  Namespace: namespaceDefaults,
  Secret: secretDefaults,
  NetworkPolicy: networkPolicyDefaults,
  Pod: podDefaults,
};

/** Applies the kind's defaults in place (Services excepted: see admitService). */
export function applyDefaults(obj: K8sObject): void {
  DEFAULTERS[obj.kind]?.(obj);
}
