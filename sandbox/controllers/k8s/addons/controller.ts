// AKS's addon manager for kube-system: creates the system add-ons the cluster's configuration
// calls for, puts back objects labelled `Reconcile` when someone changes them (keeping pod
// template annotations, so `kubectl rollout restart` still works), recreates `EnsureExists`
// objects only when deleted, and removes add-ons the configuration no longer calls for. It
// also does coredns-autoscaler's job of sizing the coredns Deployment to the node count.
import type { ManagedCluster } from '../../../model/azure/types.ts';
import type { Deployment, K8sObject, Node, Service } from '../../../model/k8s/types.ts';
import type { World } from '../../../model/world.ts';
import type { Controller } from '../../types.ts';
import { controlPlaneOf, kubernetesVersion, podNetworkMode, runningClusters } from '../cluster.ts';
import { canonicalJson, clone } from '../meta.ts';
import { MODE_LABEL, NS } from './builders.ts';
import { konnectivityAgent, metricsServer, metricsServerService } from './control.ts';
import { corednsAutoscalerDeployment, corednsConfigMaps, corednsDeployment, corednsReplicas, kubeDnsService } from './dns.ts';
import { addonImages } from './images.ts';
import { ipMasqConfigMap, nonMasqueradeCidrs } from './ip-masq.ts';
import { nodeAgents } from './node-agents.ts';
import { del, listKind, put } from '../store.ts';

export interface DesiredAddons {
  reconciled: K8sObject[];
  ensured: K8sObject[];
  /** kind/name of add-ons this cluster must not have. */
  absent: { kind: string; name: string }[];
}

export function desiredAddons(world: World, mc: ManagedCluster, nodes: readonly Node[]): DesiredAddons {
  const mode = podNetworkMode(mc.networkProfile);
  const images = addonImages(kubernetesVersion(mc));
  const cilium = mc.networkProfile.networkDataplane === 'cilium';
  const azureNetworkPolicy = mc.networkProfile.networkPolicy === 'azure';
  const tunnel = controlPlaneOf(world, mc.id)?.tunnel ?? 'konnectivity';
  const dnsMaps = corednsConfigMaps();
  const agents = nodeAgents(images, { mode, cilium, azureNetworkPolicy });
  const reconciled: K8sObject[] = [
    corednsDeployment(images, corednsReplicas(nodes)),
    corednsAutoscalerDeployment(images),
    kubeDnsService(mc.networkProfile.dnsServiceIp),
    ...dnsMaps.reconciled,
    ipMasqConfigMap(nonMasqueradeCidrs(world, mc, mode)),
    ...agents,
    metricsServer(images),
    metricsServerService(),
  ];
  if (tunnel !== 'direct') reconciled.push(konnectivityAgent(images, mc.fqdn ?? mc.privateFqdn));
  const present = new Set(reconciled.map((o) => `${o.kind}/${o.metadata.name}`));
  const absent = [
    { kind: 'DaemonSet', name: 'kube-proxy' },
    { kind: 'DaemonSet', name: 'azure-cns' },
    { kind: 'DaemonSet', name: 'azure-npm' },
    { kind: 'DaemonSet', name: 'cilium' },
    { kind: 'Deployment', name: 'konnectivity-agent' },
  ].filter((a) => !present.has(`${a.kind}/${a.name}`));
  return { reconciled, ensured: dnsMaps.ensured, absent };
}

/** The parts of an add-on AKS owns and puts back when they drift. */
function managedParts(obj: K8sObject): unknown {
  const labels = obj.metadata.labels;
  switch (obj.kind) {
    case 'Deployment':
    case 'DaemonSet': {
      const spec = clone(obj.spec as Deployment['spec']);
      delete spec.template.metadata.annotations;
      return [labels, spec];
    }
    case 'Service': {
      const spec = (obj as Service).spec;
      return [labels, spec.type, spec.selector, spec.ports.map(({ name, port, protocol, targetPort }) => ({ name, port, protocol, targetPort }))];
    }
    default:
      return [labels, obj.data];
  }
}

function reconcileAddon(world: World, clusterId: string, want: K8sObject): void {
  const have = world.k8sGet(clusterId, want.kind, want.metadata.namespace, want.metadata.name);
  if (!have) {
    put(world, clusterId, want);
    return;
  }
  if (canonicalJson(managedParts(have)) === canonicalJson(managedParts(want))) return;
  const next = clone(have);
  next.metadata.labels = want.metadata.labels;
  if (want.kind === 'Deployment' || want.kind === 'DaemonSet') {
    const annotations = (have.spec as Deployment['spec']).template?.metadata?.annotations;
    const spec = clone(want.spec as Deployment['spec']);
    if (annotations) spec.template.metadata.annotations = annotations;
    next.spec = spec;
    next.metadata.generation = (have.metadata.generation ?? 1) + 1;
  } else if (want.kind === 'Service') {
    const spec = (next as Service).spec;
    const desired = (want as Service).spec;
    spec.type = desired.type;
    spec.selector = desired.selector;
    spec.ports = desired.ports;
  } else {
    next.data = want.data;
  }
  put(world, clusterId, next);
}

export const addonsController: Controller = {
  name: 'k8s/aks-addons',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      const desired = desiredAddons(world, mc, listKind<Node>(world, mc.id, 'Node'));
      for (const obj of desired.reconciled) reconcileAddon(world, mc.id, obj);
      for (const obj of desired.ensured) {
        if (!world.k8sGet(mc.id, obj.kind, obj.metadata.namespace, obj.metadata.name)) put(world, mc.id, obj);
      }
      for (const { kind, name } of desired.absent) {
        const have = world.k8sGet(mc.id, kind, NS, name);
        if (have?.metadata.labels?.[MODE_LABEL]) del(world, mc.id, kind, NS, name);
      }
    }
  },
};
