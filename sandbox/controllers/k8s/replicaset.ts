// kube-controller-manager's replicaset controller: keeps as many active pods as spec.replicas,
// named `<replicaset>-<5 chars>`, and when scaling down deletes the pods Kubernetes ranks
// cheapest to lose first. Pods are deleted at once rather than after a grace period.
import type { Deployment, K8sObject, Pod, ReplicaSet } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { runningClusters } from './cluster.ts';
import { recordEvent } from './events.ts';
import { controllerRef, newMeta } from './meta.ts';
import { generateName } from './names.ts';
import { qosClass, withPodDefaults } from './pod-defaults.ts';
import { isActive, isPodReady } from './pods.ts';
import { byName, del, listKind, podsByOwner, put } from './store.ts';

const COMPONENT = 'replicaset-controller';

export const replicaSetController: Controller = {
  name: 'k8s/replicaset',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      const owned = podsByOwner<Pod>(world, mc.id);
      for (const rs of listKind<ReplicaSet>(world, mc.id, 'ReplicaSet').sort(byName)) {
        if (rs.metadata.deletionTimestamp || !rs.spec?.template) continue;
        const active = (owned.get(rs.metadata.uid) ?? []).filter(isActive);
        const want = typeof rs.spec.replicas === 'number' ? rs.spec.replicas : 1;
        if (active.length < want) {
          for (let i = active.length; i < want; i++) createPod(world, mc.id, rs);
        } else if (active.length > want) {
          for (const pod of deletionOrder(active).slice(0, active.length - want)) {
            del(world, mc.id, 'Pod', pod.metadata.namespace, pod.metadata.name);
            recordEvent(world, mc.id, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, COMPONENT);
          }
        }
      }
    }
  },
};

/** A workload object that stamps pods out of `spec.template`. */
export type TemplateOwner = K8sObject & { spec: { template: Deployment['spec']['template'] } };

/** A pod as the API server stores it when a controller creates one from a template. */
export function podFromTemplate(
  world: World,
  clusterId: string,
  owner: TemplateOwner,
  extraLabels: Record<string, string> = {},
  specOverride?: (spec: Pod['spec']) => Pod['spec'],
): Pod {
  const namespace = owner.metadata.namespace ?? 'default';
  const prefix = `${owner.metadata.name}-`;
  const name = generateName(world, clusterId, prefix, (n) => !!world.k8sGet(clusterId, 'Pod', namespace, n));
  const template = owner.spec.template;
  // withPodDefaults copies, so the template itself is never shared with the pod.
  const spec = withPodDefaults(specOverride ? specOverride(template.spec) : template.spec);
  const meta = newMeta(name, namespace, {
    generateName: prefix,
    labels: { ...template.metadata?.labels, ...extraLabels },
    ownerReferences: [controllerRef(owner)],
  });
  if (template.metadata?.annotations) meta.annotations = { ...template.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec, status: { phase: 'Pending', qosClass: qosClass(spec) } };
}

function createPod(world: World, clusterId: string, rs: ReplicaSet): void {
  const pod = podFromTemplate(world, clusterId, rs);
  put(world, clusterId, pod);
  recordEvent(world, clusterId, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, COMPONENT);
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * Cheapest pods first (controller `ActivePodsWithRanks`): unscheduled, then pending, then not
 * ready, then the ones doubled up on a node with more of this ReplicaSet's pods, then newest.
 */
export function deletionOrder(pods: readonly Pod[]): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of pods) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const key = (p: Pod) => [
    p.spec.nodeName ? 1 : 0,
    PHASE_RANK[p.status?.phase ?? 'Pending'] ?? 0,
    isPodReady(p) ? 1 : 0,
    -(p.spec.nodeName ? perNode.get(p.spec.nodeName)! : 0),
  ];
  return [...pods].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    const ta = a.metadata.creationTimestamp;
    const tb = b.metadata.creationTimestamp;
    if (ta !== tb) return ta > tb ? -1 : 1;
    return a.metadata.name < b.metadata.name ? 1 : a.metadata.name > b.metadata.name ? -1 : 0;
  });
}
