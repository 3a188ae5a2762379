// What every API request needs to know before it touches an object: which kind the manifest
// names, which namespace it lands in, how the cluster's API server prints field values, and
// whether the NamespaceLifecycle admission plugin lets the write through.
import type { ManagedCluster } from '../model/azure/types.ts';
import type { K8sObject } from '../model/k8s/types.ts';
import type { World } from '../model/world.ts';
import { badRequest, forbidden, noKindMatch, notFound, type K8sApiError } from './errors.ts';
import { valueStyleFor, type ValueStyle } from './field-errors.ts';
import { qualifiedResource, resourceForManifest, type ResourceType } from './resources.ts';

export interface WriteOptions {
  /** The request's namespace (`kubectl -n`); the manifest's own namespace wins when it names none. */
  namespace?: string;
  /** Run every check but store nothing (`--dry-run=server`). */
  dryRun?: boolean;
}

/** Field values print as Go syntax before Kubernetes 1.34 and as JSON from then on. */
export function valueStyleOf(world: World, clusterId: string): ValueStyle {
  const cluster = world.resource<ManagedCluster>(clusterId);
  return valueStyleFor(cluster?.currentKubernetesVersion || cluster?.kubernetesVersion);
}

export interface Target {
  type: ResourceType;
  /** A deep copy of the manifest, safe to edit. */
  obj: K8sObject;
  namespace: string | undefined;
}

function deepCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Decodes a manifest: its kind must be served in its apiVersion, and a namespaced object gets
 * the namespace of the manifest, else of the request, else `default`.
 */
export function decodeManifest(manifest: unknown, options: WriteOptions): Target | K8sApiError {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml');
  }
  const raw = manifest as Record<string, unknown>;
  if (typeof raw['kind'] !== 'string' || raw['kind'] === '') return badRequest(`Object 'Kind' is missing in '${JSON.stringify(raw)}'`);
  if (typeof raw['apiVersion'] !== 'string' || raw['apiVersion'] === '') return badRequest(`Object 'apiVersion' is missing in '${JSON.stringify(raw)}'`);
  const type = resourceForManifest(raw['apiVersion'], raw['kind']);
  if (!type) return noKindMatch(raw['kind'], raw['apiVersion']);
  const obj = deepCopy(raw) as K8sObject;
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {} as K8sObject['metadata'];
  const own = obj.metadata.namespace;
  let namespace: string | undefined;
  if (type.namespaced) {
    if (own && options.namespace && own !== options.namespace) {
      return badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    namespace = own || options.namespace || 'default';
    obj.metadata.namespace = namespace;
  } else {
    delete obj.metadata.namespace;
  }
  return { type, obj, namespace };
}

export function isTerminating(ns: K8sObject): boolean {
  return !!ns.metadata.deletionTimestamp || (ns.status as { phase?: string } | undefined)?.phase === 'Terminating';
}

/** NamespaceLifecycle: the namespace must exist and must not be going away. */
export function admitNamespace(world: World, clusterId: string, target: Target, name: string): K8sApiError | undefined {
  if (!target.namespace) return undefined;
  const ns = world.k8sGet(clusterId, 'Namespace', undefined, target.namespace);
  if (!ns) return notFound('namespaces', target.namespace);
  if (isTerminating(ns)) {
    return forbidden(qualifiedResource(target.type), name, `unable to create new content in namespace ${target.namespace} because it is being terminated`);
  }
  return undefined;
}

/** Fields only the server sets; a client's values are dropped (resourceVersion is checked by the caller). */
export const SERVER_FIELDS = ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'managedFields', 'selfLink'] as const;
