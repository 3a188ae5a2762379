// A per-cluster index of objects by kind, shared by the Kubernetes controllers. World.k8sList
// walks every object of the cluster (events included, which outnumber everything else on a big
// cluster) on each call; this index is built once and kept current by `put`/`del`, which write
// through World and record the revision they expect. Any other change to the world moves
// `world.revision` past that, and the index is rebuilt on next use.
import { rfc3339 } from '../../core/clock.ts';
import { flatGuid } from './ids.ts';
import type { K8sObject } from '../../model/k8s/types.ts';
import { objectKey, type World } from '../../model/world.ts';

interface ClusterIndex {
  byKind: Map<string, Map<string, K8sObject>>;
  /** Bumped by every write of a kind through `put`/`del`, so derived values know when to redo. */
  versions: Map<string, number>;
  /** Bumped by every write of an indexed kind. */
  total: number;
  /** Values derived from the index, dropped with it when someone else changes the world. */
  memo: Map<string, unknown>;
}

interface WorldIndex {
  revision: number;
  clusters: Map<string, ClusterIndex>;
}

const indexes = new WeakMap<World, WorldIndex>();

function worldIndex(world: World): WorldIndex {
  let wi = indexes.get(world);
  if (!wi || wi.revision !== world.revision) {
    wi = { revision: world.revision, clusters: new Map() };
    indexes.set(world, wi);
  }
  return wi;
}

/**
 * Kinds left out of the index: events outnumber everything else on a booting cluster and are
 * only listed by the expiry scan, which walks the store itself.
 */
const UNINDEXED = new Set(['Event']);

function clusterIndex(world: World, clusterId: string): ClusterIndex {
  const wi = worldIndex(world);
  const key = clusterId.toLowerCase();
  let ci = wi.clusters.get(key);
  if (!ci) {
    ci = { byKind: new Map(), versions: new Map(), total: 0, memo: new Map() };
    const objects = world.cluster(clusterId).objects;
    for (const k in objects) {
      const obj = objects[k]!;
      if (UNINDEXED.has(obj.kind)) continue;
      let bucket = ci.byKind.get(obj.kind);
      if (!bucket) ci.byKind.set(obj.kind, (bucket = new Map()));
      bucket.set(k, obj);
    }
    wi.clusters.set(key, ci);
  }
  return ci;
}

/** Keeps the index in step with one write made through World; drops it if others wrote too. */
function track(world: World, before: number, clusterId: string, apply: (ci: ClusterIndex) => void): void {
  const wi = indexes.get(world);
  if (!wi) return;
  if (wi.revision !== before) {
    indexes.delete(world);
    return;
  }
  wi.revision = world.revision;
  const ci = wi.clusters.get(clusterId.toLowerCase());
  if (ci) apply(ci);
}

/**
 * World.k8sPut, keeping the index current. A new object gets its uid and creationTimestamp here
 * rather than from World.guid, whose per-object counters would grow the saved state by one entry
 * per object ever created; the cluster's resourceVersion makes the seed unique.
 */
export function put<T extends K8sObject>(world: World, clusterId: string, obj: T): T {
  const meta = obj.metadata;
  if (!meta.uid && !world.k8sGet(clusterId, obj.kind, meta.namespace, meta.name)) {
    const cluster = world.cluster(clusterId);
    meta.uid = flatGuid(`${world.state.seed}/uid/${clusterId.toLowerCase()}/${objectKey(obj.kind, meta.namespace, meta.name)}/${cluster.resourceVersion}`);
    meta.creationTimestamp ||= stamp(world);
  }
  const before = world.revision;
  world.k8sPut(clusterId, obj);
  track(world, before, clusterId, (ci) => {
    if (UNINDEXED.has(obj.kind)) return;
    ci.versions.set(obj.kind, (ci.versions.get(obj.kind) ?? 0) + 1);
    ci.total++;
    let bucket = ci.byKind.get(obj.kind);
    if (!bucket) ci.byKind.set(obj.kind, (bucket = new Map()));
    bucket.set(objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name), obj);
  });
  return obj;
}

/** World.k8sDelete, keeping the index current. */
export function del(world: World, clusterId: string, kind: string, namespace: string | undefined, name: string): boolean {
  const before = world.revision;
  const deleted = world.k8sDelete(clusterId, kind, namespace, name);
  if (deleted) {
    track(world, before, clusterId, (ci) => {
      if (UNINDEXED.has(kind)) return;
      ci.versions.set(kind, (ci.versions.get(kind) ?? 0) + 1);
      ci.total++;
      ci.byKind.get(kind)?.delete(objectKey(kind, namespace, name));
    });
  }
  return deleted;
}

export type KindIndex = Map<string, K8sObject[]>;

function scan(world: World, clusterId: string, kind: string): K8sObject[] {
  const objects = world.cluster(clusterId).objects;
  const out: K8sObject[] = [];
  for (const k in objects) if (objects[k]!.kind === kind) out.push(objects[k]!);
  return out;
}

/** The cluster's objects of the given kinds, as arrays (a snapshot: later writes don't show). */
export function objectsByKind(world: World, clusterId: string, kinds: readonly string[]): KindIndex {
  const ci = clusterIndex(world, clusterId);
  return new Map(kinds.map((k) => [k, UNINDEXED.has(k) ? scan(world, clusterId, k) : [...(ci.byKind.get(k)?.values() ?? [])]]));
}

export function listKind<T extends K8sObject>(world: World, clusterId: string, kind: string): T[] {
  if (UNINDEXED.has(kind)) return scan(world, clusterId, kind) as T[];
  return [...(clusterIndex(world, clusterId).byKind.get(kind)?.values() ?? [])] as T[];
}

/** A value kept while the index lives; `put`/`del` keep it, so `update` must follow their writes. */
export function memo<T>(world: World, clusterId: string, key: string, compute: () => T): T {
  const m = clusterIndex(world, clusterId).memo;
  if (!m.has(key)) m.set(key, compute());
  return m.get(key) as T;
}

export function setMemo(world: World, clusterId: string, key: string, value: unknown): void {
  clusterIndex(world, clusterId).memo.set(key, value);
}

/**
 * A value computed from the objects of some kinds, reused until one of those kinds is written
 * (several controllers group the same pods by owner or by Service every round). Callers must
 * treat the value as read-only.
 */
export function derived<T>(world: World, clusterId: string, kinds: readonly string[], key: string, compute: () => T): T {
  const ci = clusterIndex(world, clusterId);
  const stamp = kinds.map((k) => ci.versions.get(k) ?? 0).join(',');
  const hit = ci.memo.get(`derived:${key}`) as { stamp: string; value: T } | undefined;
  if (hit && hit.stamp === stamp) return hit.value;
  const value = compute();
  ci.memo.set(`derived:${key}`, { stamp, value });
  return value;
}

/**
 * Informer-style skipping: true when none of `kinds` was written since `markSeen` with the same
 * key. Any write not made through `put`/`del` drops the index, so this never hides a change.
 */
export function unchangedSince(world: World, clusterId: string, kinds: readonly string[] | 'all', key: string): boolean {
  const ci = clusterIndex(world, clusterId);
  return ci.memo.get(`seen:${key}`) === versionStamp(ci, kinds);
}

export function markSeen(world: World, clusterId: string, kinds: readonly string[] | 'all', key: string): void {
  const ci = clusterIndex(world, clusterId);
  ci.memo.set(`seen:${key}`, versionStamp(ci, kinds));
}

function versionStamp(ci: ClusterIndex, kinds: readonly string[] | 'all'): string {
  if (kinds === 'all') return String(ci.total);
  return kinds.map((k) => ci.versions.get(k) ?? 0).join(',');
}

/** Pods grouped by the uid of their controller (ReplicaSet, DaemonSet), shared until pods change. */
export function podsByOwner<T extends K8sObject>(world: World, clusterId: string): Map<string, T[]> {
  return derived(world, clusterId, ['Pod'], 'pods-by-owner', () => byControllerUid(listKind<T>(world, clusterId, 'Pod')));
}

/** Every indexed kind the cluster holds (events excluded), for the garbage collector. */
export function allKinds(world: World, clusterId: string): string[] {
  return [...clusterIndex(world, clusterId).byKind.keys()];
}

export function kindList<T extends K8sObject>(index: KindIndex, kind: string): T[] {
  return (index.get(kind) ?? []) as T[];
}

/** world.timestamp(), formatted once per clock value (controllers stamp thousands of objects). */
const stamps = new WeakMap<World, { ms: number; text: string }>();
export function stamp(world: World): string {
  const ms = world.now();
  let s = stamps.get(world);
  if (!s || s.ms !== ms) stamps.set(world, (s = { ms, text: rfc3339(ms) }));
  return s.text;
}

/** `namespace/name`, the key controllers use to find objects of one kind. */
export function nsName(obj: K8sObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** By namespace, then name (compared without building `ns/name` strings: sorts run often). */
export function byName<T extends K8sObject>(a: T, b: T): number {
  return compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareStrings(a.metadata.name, b.metadata.name);
}

/** Oldest first, then by name: the order controllers and the scheduler queue work in. */
export function byAge<T extends K8sObject>(a: T, b: T): number {
  return compareStrings(a.metadata.creationTimestamp, b.metadata.creationTimestamp) || byName(a, b);
}

/** Groups objects by the uid of their controller owner. */
export function byControllerUid<T extends K8sObject>(objects: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const obj of objects) {
    const refs = obj.metadata.ownerReferences;
    if (!refs) continue;
    for (const ref of refs) {
      if (!ref.controller) continue;
      const list = out.get(ref.uid);
      if (list) list.push(obj);
      else out.set(ref.uid, [obj]);
      break;
    }
  }
  return out;
}
