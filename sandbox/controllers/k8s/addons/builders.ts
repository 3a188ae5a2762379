// Builders for add-on objects in the shape AKS's addon manager applies them: the
// `addonmanager.kubernetes.io/mode` label says whether AKS puts a drifted object back
// (Reconcile) or only recreates it when deleted (EnsureExists).
import type { ConfigMap, Container, DaemonSet, Deployment, PodSpec, Service, ServicePort } from '../../../model/k8s/types.ts';
import { newMeta } from '../meta.ts';

export type AddonMode = 'Reconcile' | 'EnsureExists';
export const MODE_LABEL = 'addonmanager.kubernetes.io/mode';
export const CLUSTER_SERVICE_LABEL = 'kubernetes.io/cluster-service';
export const NS = 'kube-system';

export function addonLabels(mode: AddonMode, extra: Record<string, string>): Record<string, string> {
  return { [MODE_LABEL]: mode, [CLUSTER_SERVICE_LABEL]: 'true', ...extra };
}

/** What AKS system pods tolerate: everything for node agents, CriticalAddonsOnly for the rest. */
export const TOLERATE_ALL = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { operator: 'Exists', effect: 'NoExecute' },
  { operator: 'Exists', effect: 'NoSchedule' },
];
export const TOLERATE_CRITICAL = [{ key: 'CriticalAddonsOnly', operator: 'Exists' }];

export interface WorkloadParts {
  name: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  podLabels: Record<string, string>;
  containers: Container[];
  hostNetwork?: boolean;
  priorityClassName: 'system-node-critical' | 'system-cluster-critical';
  serviceAccountName: string;
  tolerations: unknown[];
  dnsPolicy?: PodSpec['dnsPolicy'];
}

function podSpec(p: WorkloadParts): PodSpec {
  const spec: PodSpec = {
    containers: p.containers,
    dnsPolicy: p.dnsPolicy ?? (p.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst'),
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    priorityClassName: p.priorityClassName,
    restartPolicy: 'Always',
    serviceAccountName: p.serviceAccountName,
    tolerations: p.tolerations,
  };
  if (p.hostNetwork) spec.hostNetwork = true;
  return spec;
}

export function deployment(p: WorkloadParts, replicas: number): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: newMeta(p.name, NS, { labels: p.labels, generation: 1 }),
    spec: {
      replicas,
      selector: { matchLabels: p.selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { metadata: { labels: p.podLabels }, spec: podSpec(p) },
    },
    status: {},
  };
}

export function daemonSet(p: WorkloadParts): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: newMeta(p.name, NS, { labels: p.labels, generation: 1 }),
    spec: {
      selector: { matchLabels: p.selector },
      template: { metadata: { labels: p.podLabels }, spec: podSpec(p) },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      revisionHistoryLimit: 10,
    } as DaemonSet['spec'],
    status: {},
  };
}

export function configMap(name: string, labels: Record<string, string>, data?: Record<string, string>): ConfigMap {
  const cm: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: newMeta(name, NS, { labels }) };
  if (data) cm.data = data;
  return cm;
}

export function clusterIpService(
  name: string,
  labels: Record<string, string>,
  selector: Record<string, string>,
  ports: ServicePort[],
  clusterIP?: string,
): Service {
  const spec: Service['spec'] = {
    type: 'ClusterIP',
    selector,
    ports,
    sessionAffinity: 'None',
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
  };
  if (clusterIP) {
    spec.clusterIP = clusterIP;
    spec.clusterIPs = [clusterIP];
  }
  return { apiVersion: 'v1', kind: 'Service', metadata: newMeta(name, NS, { labels }), spec, status: { loadBalancer: {} } };
}

export function container(name: string, image: string, extra: Partial<Container> & Record<string, unknown> = {}): Container {
  return { name, image, imagePullPolicy: 'IfNotPresent', ...extra } as Container;
}
