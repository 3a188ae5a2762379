// PUT: replace a stored object with a full manifest (kubectl replace, and apply/edit/scale once
// they have computed the new object). The server keeps what it owns — uid, creation time,
// status of kinds with a status subresource, an allocated ClusterIP — checks the
// resourceVersion if one was sent, validates the update (immutable fields), bumps
// metadata.generation when the spec changed, and writes nothing when nothing changed.
import { canonicalJson } from '../controllers/k8s/meta.ts';
import { del, put } from '../controllers/k8s/store.ts';
import type { K8sObject } from '../model/k8s/types.ts';
import type { World } from '../model/world.ts';
import { decodeManifest, type WriteOptions } from './context.ts';
import { admitObject } from './create.ts';
import { applyDefaults } from './defaults.ts';
import { badRequest, conflict, isK8sApiError, notFound, type K8sApiError } from './errors.ts';
import { qualifiedResource } from './resources.ts';

const KEPT_META = ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const;

function withoutVersion(obj: K8sObject): string {
  return canonicalJson({ ...obj, metadata: { ...obj.metadata, resourceVersion: '' } });
}

/** Replaces an object; returns what is stored afterwards (do not edit it) or the refusal. */
export function replaceObject(world: World, clusterId: string, manifest: unknown, options: WriteOptions = {}): K8sObject | K8sApiError {
  const target = decodeManifest(manifest, options);
  if (isK8sApiError(target)) return target;
  const { type, obj, namespace } = target;
  const name = obj.metadata.name;
  if (!name) return badRequest('name is required');
  const existing = world.k8sGet(clusterId, type.kind, namespace, name);
  if (!existing) return notFound(qualifiedResource(type), name);
  const sentVersion = obj.metadata.resourceVersion;
  if (sentVersion && sentVersion !== existing.metadata.resourceVersion) return conflict(qualifiedResource(type), name);

  const meta = obj.metadata as unknown as Record<string, unknown>;
  const kept = existing.metadata as unknown as Record<string, unknown>;
  for (const field of KEPT_META) {
    if (kept[field] === undefined) delete meta[field];
    else meta[field] = kept[field];
  }
  delete meta['managedFields'];
  obj.metadata.resourceVersion = existing.metadata.resourceVersion;
  if (type.statusSubresource) {
    if (existing.status === undefined) delete obj.status;
    else obj.status = JSON.parse(JSON.stringify(existing.status)) as unknown;
  }
  if (type.kind === 'Namespace') obj.spec = JSON.parse(JSON.stringify(existing.spec ?? {})) as unknown;
  applyDefaults(obj);

  const admitted = admitObject(world, clusterId, target, existing);
  if (isK8sApiError(admitted)) return admitted;
  if (type.hasGeneration && canonicalJson(admitted.spec ?? null) !== canonicalJson(existing.spec ?? null)) {
    admitted.metadata.generation = (existing.metadata.generation ?? 1) + 1;
  }
  if (withoutVersion(admitted) === withoutVersion(existing)) return existing;
  if (options.dryRun) return admitted;
  // An object being deleted goes once its last finalizer is removed.
  if (admitted.metadata.deletionTimestamp && !(admitted.metadata.finalizers ?? []).length) {
    del(world, clusterId, type.kind, namespace, name);
    return admitted;
  }
  return put(world, clusterId, admitted);
}
