// What kube-apiserver itself keeps in every cluster: the four system namespaces (recreated if
// deleted) and the `default/kubernetes` Service at the first address of the service range,
// whose Endpoints and EndpointSlice point at the API server (the managed control plane's
// address on AKS: its private IP when it has one, else its public IP).
import type { EndpointSlice, Endpoints, K8sObject, Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { controlPlaneOf, runningClusters } from './cluster.ts';
import { canonicalJson, clone, newMeta } from './meta.ts';
import { kubernetesServiceIp } from './service-allocation.ts';
import { put } from './store.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

function namespace(name: string): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: newMeta(name, undefined, { labels: { 'kubernetes.io/metadata.name': name } }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export function kubernetesService(clusterIp: string): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: newMeta('kubernetes', 'default', { labels: { component: 'apiserver', provider: 'kubernetes' } }),
    spec: {
      clusterIP: clusterIp,
      clusterIPs: [clusterIp],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}

/** The API server publishes its own address; kube-controller-manager must not mirror it. */
export function kubernetesEndpoints(apiServerIp: string | undefined): Endpoints {
  const ep: Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: newMeta('kubernetes', 'default', { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }),
  };
  if (apiServerIp) ep.subsets = [{ addresses: [{ ip: apiServerIp }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }];
  return ep;
}

export function kubernetesEndpointSlice(apiServerIp: string | undefined): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: newMeta('kubernetes', 'default', { labels: { 'kubernetes.io/service-name': 'kubernetes' } }),
    addressType: 'IPv4',
    endpoints: apiServerIp ? [{ addresses: [apiServerIp], conditions: { ready: true, serving: true, terminating: false } }] : [],
    ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
  };
}

/** Creates `want`, or rewrites the listed parts of what is stored when they drifted. */
export function ensure(world: World, clusterId: string, want: K8sObject, parts: readonly string[]): void {
  const have = world.k8sGet(clusterId, want.kind, want.metadata.namespace, want.metadata.name);
  if (!have) {
    put(world, clusterId, want);
    return;
  }
  const pick = (o: K8sObject) => parts.map((p) => (p === 'labels' ? o.metadata.labels : o[p]));
  if (canonicalJson(pick(have)) === canonicalJson(pick(want))) return;
  const next = clone(have);
  for (const p of parts) {
    if (p === 'labels') next.metadata.labels = want.metadata.labels;
    else if (want[p] === undefined) delete next[p];
    else next[p] = want[p];
  }
  put(world, clusterId, next);
}

export const bootstrapController: Controller = {
  name: 'k8s/bootstrap',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      for (const name of SYSTEM_NAMESPACES) {
        if (!world.k8sGet(mc.id, 'Namespace', undefined, name)) put(world, mc.id, namespace(name));
      }
      const ip = kubernetesServiceIp(mc.networkProfile.serviceCidr);
      if (ip) ensure(world, mc.id, kubernetesService(ip), ['spec']);
      const cp = controlPlaneOf(world, mc.id);
      const apiServerIp = cp ? (cp.privateIp ?? cp.publicIp ?? undefined) : undefined;
      ensure(world, mc.id, kubernetesEndpoints(apiServerIp), ['labels', 'subsets']);
      ensure(world, mc.id, kubernetesEndpointSlice(apiServerIp), ['labels', 'endpoints', 'ports', 'addressType']);
    }
  },
};
