// GET and LIST. Lists come back in the API server's order (by namespace, then name) and can be
// narrowed to a namespace and a label selector string (`kubectl get -l`).
import { listKind } from '../controllers/k8s/store.ts';
import type { K8sObject } from '../model/k8s/types.ts';
import type { World } from '../model/world.ts';
import { badRequest, notFound, type K8sApiError } from './errors.ts';
import { parseLabelSelector, requirementsMatch } from './label-selector.ts';
import { qualifiedResource, resourceForKind } from './resources.ts';

export function getObject<T extends K8sObject = K8sObject>(
  world: World,
  clusterId: string,
  kind: string,
  namespace: string | undefined,
  name: string,
): T | K8sApiError {
  const type = resourceForKind(kind);
  if (!type) return notFound(kind.toLowerCase(), name);
  const obj = world.k8sGet<T>(clusterId, type.kind, type.namespaced ? (namespace ?? 'default') : undefined, name);
  return obj ?? notFound(qualifiedResource(type), name);
}

function byNamespaceAndName(a: K8sObject, b: K8sObject): number {
  const x = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const y = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Objects of a kind, in one namespace or all (namespace undefined), matching the selector. */
export function listObjects<T extends K8sObject = K8sObject>(
  world: World,
  clusterId: string,
  kind: string,
  namespace?: string,
  labelSelector?: string,
): T[] | K8sApiError {
  const type = resourceForKind(kind);
  if (!type) return notFound(kind.toLowerCase(), '');
  const parsed = parseLabelSelector(labelSelector ?? '');
  if (!parsed.ok) return badRequest(parsed.message);
  const ns = type.namespaced ? namespace : undefined;
  const out = listKind<T>(world, clusterId, type.kind).filter(
    (o) => (ns === undefined || o.metadata.namespace === ns) && requirementsMatch(parsed.requirements, o.metadata.labels),
  );
  return out.sort(byNamespaceAndName);
}
