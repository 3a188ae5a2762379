// Which describer prints an object (pkg/describe describerMap), with the events and related
// objects each one reads from the API server.
import { isK8sApiError, listObjects } from '../../../apiserver/index.ts';
import type { ConfigMap, DaemonSet, Deployment, EndpointSlice, Endpoints, K8sEvent, K8sObject, NetworkPolicy, Node, Pod, ReplicaSet, Service } from '../../../model/k8s/types.ts';
import type { Client } from '../client/client.ts';
import { describeConfigMap, describeGeneric, describeNamespace, describeSecret } from './misc.ts';
import { describeEndpoints, describeEndpointSlice, describeNetworkPolicy, describeService } from './network.ts';
import { describeNode } from './node.ts';
import { describePod } from './pod.ts';
import { describeDaemonSet, describeDeployment, describeReplicaSet } from './workloads.ts';

function list<T extends K8sObject>(client: Client, kind: string, namespace?: string, selector?: string): T[] {
  const got = listObjects<T>(client.world, client.clusterId, kind, namespace, selector);
  return isK8sApiError(got) ? [] : got;
}

/** searchEvents: events whose involvedObject is this object (by name, namespace, kind and uid). */
export function eventsFor(client: Client, obj: K8sObject, matchKind = true): K8sEvent[] {
  const namespaced = obj.metadata.namespace !== undefined;
  const events = list<K8sEvent>(client, 'Event', namespaced ? obj.metadata.namespace : undefined);
  return events.filter((e) => {
    const io = e.involvedObject ?? ({} as K8sEvent['involvedObject']);
    if (io.name !== obj.metadata.name) return false;
    if (namespaced && (io.namespace ?? '') !== obj.metadata.namespace) return false;
    if (matchKind && io.kind !== obj.kind) return false;
    if (obj.kind === 'Node') return !io.uid || io.uid === obj.metadata.uid || io.uid === obj.metadata.name;
    return !io.uid || io.uid === obj.metadata.uid;
  });
}

export function describeObject(client: Client, obj: K8sObject, showEvents: boolean): string {
  const now = client.world.now();
  const ns = obj.metadata.namespace;
  const events = (matchKind = true) => (showEvents ? eventsFor(client, obj, matchKind) : undefined);
  switch (obj.kind) {
    case 'Pod':
      return describePod(obj as Pod, events(false), now);
    case 'Node': {
      const pods = list<Pod>(client, 'Pod').filter((p) => p.spec?.nodeName === obj.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
      return describeNode(obj as Node, pods, events(), now);
    }
    case 'Service': {
      const slices = list<EndpointSlice>(client, 'EndpointSlice', ns, `kubernetes.io/service-name=${obj.metadata.name}`);
      return describeService(obj as Service, slices, events(), now);
    }
    case 'Endpoints':
      return describeEndpoints(obj as Endpoints, events(), now);
    case 'EndpointSlice':
      return describeEndpointSlice(obj as EndpointSlice, events(), now);
    case 'Deployment':
      return describeDeployment(obj as Deployment, list<ReplicaSet>(client, 'ReplicaSet', ns), events(), now);
    case 'ReplicaSet':
      return describeReplicaSet(obj as ReplicaSet, list<Pod>(client, 'Pod', ns), events(), now);
    case 'DaemonSet':
      return describeDaemonSet(obj as DaemonSet, list<Pod>(client, 'Pod', ns), events(), now);
    case 'Namespace':
      return describeNamespace(obj);
    case 'ConfigMap':
      return describeConfigMap(obj as ConfigMap, events(), now);
    case 'Secret':
      return describeSecret(obj);
    case 'NetworkPolicy':
      return describeNetworkPolicy(obj as NetworkPolicy);
    default:
      return describeGeneric(obj, events(), now);
  }
}
