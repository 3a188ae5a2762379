// Small builders for object metadata, so new objects carry the empty bookkeeping fields the
// store fills in (uid, resourceVersion, creationTimestamp) and owner references look real.
import type { K8sObject, ObjectMeta, OwnerReference } from '../../model/k8s/types.ts';

export function newMeta(
  name: string,
  namespace: string | undefined,
  extra: Partial<Omit<ObjectMeta, 'name' | 'namespace'>> = {},
): ObjectMeta {
  const meta = (namespace === undefined ? { name } : { name, namespace }) as ObjectMeta;
  return { ...meta, uid: '', resourceVersion: '', creationTimestamp: '', ...extra };
}

/** The reference a controller puts on what it creates (apps/v1 controllers block owner deletion). */
export function controllerRef(owner: K8sObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The owner reference marked as the controller, if any. */
export function controllerOf(obj: K8sObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((ref) => ref.controller);
}

export function isOwnedBy(obj: K8sObject, owner: K8sObject): boolean {
  return controllerOf(obj)?.uid === owner.metadata.uid;
}

/** A deep copy for objects taken from the store that a controller is about to change. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Stable JSON (keys sorted) for hashing and comparisons that must not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
