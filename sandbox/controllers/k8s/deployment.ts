// kube-controller-manager's deployment controller: each Deployment owns one ReplicaSet per pod
// template, named `<deployment>-<pod-template-hash>`. The ReplicaSet of the current template is
// scaled to the desired count and older ones to 0 at once (no gradual rollout), and only the
// newest `revisionHistoryLimit` old ReplicaSets are kept.
import type { Deployment, ReplicaSet } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { runningClusters } from './cluster.ts';
import { recordEvent } from './events.ts';
import { clone, controllerRef, newMeta } from './meta.ts';
import { templateHash } from './names.ts';
import {
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH,
  REVISION_ANNOTATION,
  desiredReplicas,
  revisionOf,
  rollingParams,
} from './rollout.ts';
import { byControllerUid, byName, del, kindList, objectsByKind, put } from './store.ts';

const COMPONENT = 'deployment-controller';

export const deploymentController: Controller = {
  name: 'k8s/deployment',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      const index = objectsByKind(world, mc.id, ['Deployment', 'ReplicaSet']);
      const owned = byControllerUid(kindList<ReplicaSet>(index, 'ReplicaSet'));
      for (const deploy of kindList<Deployment>(index, 'Deployment').sort(byName)) {
        if (deploy.metadata.deletionTimestamp || !deploy.spec?.template) continue;
        syncDeployment(world, mc.id, deploy, owned.get(deploy.metadata.uid) ?? []);
      }
    }
  },
};

/** The ReplicaSet that runs the deployment's current template, if it exists. */
export function currentReplicaSet(deploy: Deployment, owned: readonly ReplicaSet[]): ReplicaSet | undefined {
  const hash = templateHash(deploy.spec.template);
  return owned.find((rs) => rs.metadata.labels?.[POD_TEMPLATE_HASH] === hash);
}

function syncDeployment(world: World, clusterId: string, deploy: Deployment, owned: ReplicaSet[]): void {
  const desired = desiredReplicas(deploy);
  const maxReplicas = String(desired + rollingParams(deploy).maxSurge);
  const maxRevision = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
  let current = currentReplicaSet(deploy, owned);

  if (!current) {
    current = createReplicaSet(world, clusterId, deploy, desired, maxReplicas, maxRevision + 1);
    if (!current) return;
    if (desired > 0) scaledEvent(world, clusterId, deploy, current.metadata.name, 0, desired);
  } else {
    const annotations = current.metadata.annotations ?? {};
    // Rolling back to an older template makes its ReplicaSet the newest revision again.
    const revision = revisionOf(current) < maxRevision ? String(maxRevision + 1) : annotations[REVISION_ANNOTATION];
    const changed =
      current.spec.replicas !== desired ||
      annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) ||
      annotations[MAX_REPLICAS_ANNOTATION] !== maxReplicas ||
      annotations[REVISION_ANNOTATION] !== revision;
    if (changed) {
      const from = current.spec.replicas;
      const next = clone(current);
      next.spec.replicas = desired;
      next.metadata.annotations = {
        ...annotations,
        [DESIRED_REPLICAS_ANNOTATION]: String(desired),
        [MAX_REPLICAS_ANNOTATION]: maxReplicas,
        [REVISION_ANNOTATION]: revision ?? String(maxRevision + 1),
      };
      put(world, clusterId, next);
      current = next;
      if (from !== desired) scaledEvent(world, clusterId, deploy, next.metadata.name, from, desired);
    }
  }

  const old = owned.filter((rs) => rs.metadata.uid !== current!.metadata.uid);
  for (const rs of old) {
    if (rs.spec.replicas === 0) continue;
    const from = rs.spec.replicas;
    const next = clone(rs);
    next.spec.replicas = 0;
    put(world, clusterId, next);
    scaledEvent(world, clusterId, deploy, rs.metadata.name, from, 0);
  }
  pruneHistory(world, clusterId, deploy, old);

  const revision = current.metadata.annotations?.[REVISION_ANNOTATION];
  if (revision && deploy.metadata.annotations?.[REVISION_ANNOTATION] !== revision) {
    const next = clone(deploy);
    next.metadata.annotations = { ...next.metadata.annotations, [REVISION_ANNOTATION]: revision };
    put(world, clusterId, next);
  }
}

function createReplicaSet(
  world: World,
  clusterId: string,
  deploy: Deployment,
  replicas: number,
  maxReplicas: string,
  revision: number,
): ReplicaSet | undefined {
  const hash = templateHash(deploy.spec.template);
  const name = `${deploy.metadata.name}-${hash}`;
  const namespace = deploy.metadata.namespace ?? 'default';
  // A same-named ReplicaSet we do not own would need collisionCount; leave it to the learner.
  if (world.k8sGet(clusterId, 'ReplicaSet', namespace, name)) return undefined;
  const template = clone(deploy.spec.template);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: newMeta(name, namespace, {
      labels: { ...template.metadata.labels },
      annotations: {
        [DESIRED_REPLICAS_ANNOTATION]: String(replicas),
        [MAX_REPLICAS_ANNOTATION]: maxReplicas,
        [REVISION_ANNOTATION]: String(revision),
      },
      ownerReferences: [controllerRef(deploy)],
      generation: 1,
    }),
    spec: {
      replicas,
      selector: {
        ...deploy.spec.selector,
        matchLabels: { ...deploy.spec.selector?.matchLabels, [POD_TEMPLATE_HASH]: hash },
      },
      template,
    },
    status: { replicas: 0 },
  };
  put(world, clusterId, rs);
  return rs;
}

/** Old ReplicaSets scaled to 0 beyond `revisionHistoryLimit` (default 10), oldest first. */
function pruneHistory(world: World, clusterId: string, deploy: Deployment, old: ReplicaSet[]): void {
  const limit = typeof deploy.spec.revisionHistoryLimit === 'number' ? deploy.spec.revisionHistoryLimit : 10;
  const idle = old
    .filter((rs) => rs.spec.replicas === 0 && !(rs.status?.replicas > 0))
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
    del(world, clusterId, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  }
}

function scaledEvent(world: World, clusterId: string, deploy: Deployment, rsName: string, from: number, to: number): void {
  const verb = to > from ? 'up' : 'down';
  recordEvent(world, clusterId, deploy, 'Normal', 'ScalingReplicaSet', `Scaled ${verb} replica set ${rsName} from ${from} to ${to}`, COMPONENT);
}
