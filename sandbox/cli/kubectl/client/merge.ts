// Client-side apply's three-way merge (apimachinery strategic merge patch, enough for the
// course's objects): fields the new configuration names are set as it names them, fields the
// last-applied configuration named and the new one drops are removed, and everything else on
// the live object (defaults, status, fields other tools set) is kept. Lists of containers,
// ports, env vars, volumes and mounts merge by their key; other lists are replaced whole.

type Json = unknown;
type JsonMap = Record<string, unknown>;

/** patchMergeKey of the lists that merge (by the field path's last segment). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};

function isMap(v: Json): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeKeyFor(path: readonly string[], list: Json[]): string | undefined {
  const field = path[path.length - 1] ?? '';
  if (field === 'ports') {
    // Container ports merge by containerPort, Service ports by port.
    const first = list.find(isMap);
    if (first && 'containerPort' in first) return 'containerPort';
    if (path.includes('spec') && !path.includes('containers')) return 'port';
    return undefined;
  }
  return MERGE_KEYS[field];
}

function mergeList(live: Json[] | undefined, modified: Json[], original: Json[] | undefined, path: string[]): Json[] {
  const key = mergeKeyFor(path, modified.length > 0 ? modified : (live ?? []));
  if (!key || !modified.every(isMap)) return clone(modified);
  const keyOf = (v: Json) => (isMap(v) ? JSON.stringify(v[key]) : undefined);
  const liveItems = (live ?? []).filter(isMap);
  const originalKeys = new Set((original ?? []).map(keyOf));
  const modifiedKeys = new Set(modified.map(keyOf));
  const out: Json[] = [];
  for (const item of modified) {
    const k = keyOf(item);
    const current = liveItems.find((l) => keyOf(l) === k);
    const before = (original ?? []).find((o) => keyOf(o) === k);
    out.push(current ? mergeValue(current, item, before, [...path, String(k)]) : clone(item));
  }
  // Items other writers added (never in the last-applied configuration) stay.
  for (const item of liveItems) {
    const k = keyOf(item);
    if (!modifiedKeys.has(k) && !originalKeys.has(k)) out.push(clone(item));
  }
  return out;
}

function mergeMap(live: JsonMap | undefined, modified: JsonMap, original: JsonMap | undefined, path: string[]): JsonMap {
  const out: JsonMap = isMap(live) ? clone(live) : {};
  for (const [key, value] of Object.entries(modified)) {
    if (value === null) {
      delete out[key];
      continue;
    }
    out[key] = mergeValue(out[key], value, isMap(original) ? original[key] : undefined, [...path, key]);
  }
  if (isMap(original)) {
    for (const key of Object.keys(original)) if (!(key in modified)) delete out[key];
  }
  return out;
}

function mergeValue(live: Json, modified: Json, original: Json, path: string[]): Json {
  if (isMap(modified)) return mergeMap(isMap(live) ? live : undefined, modified, isMap(original) ? original : undefined, path);
  if (Array.isArray(modified)) return mergeList(Array.isArray(live) ? live : undefined, modified, Array.isArray(original) ? original : undefined, path);
  return modified;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The object that results from applying `modified` over `live`, given the last applied configuration. */
export function threeWayMerge(live: JsonMap, modified: JsonMap, original: JsonMap | undefined): JsonMap {
  return mergeMap(live, modified, original, []);
}

/** JSON merge patch (RFC 7386): `kubectl patch --type merge`. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return clone(patch);
  const out: JsonMap = isMap(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Strategic merge patch (`kubectl patch`, the default type): like a merge patch, lists merging by key. */
export function strategicMergePatch(target: JsonMap, patch: JsonMap): JsonMap {
  return strategic(target, patch, []) as JsonMap;
}

function strategic(target: Json, patch: Json, path: string[]): Json {
  if (isMap(patch)) {
    const out: JsonMap = isMap(target) ? clone(target) : {};
    for (const [key, value] of Object.entries(patch)) {
      if (key === '$patch' || key.startsWith('$setElementOrder')) continue;
      if (value === null) delete out[key];
      else out[key] = strategic(out[key], value, [...path, key]);
    }
    return out;
  }
  if (Array.isArray(patch)) {
    const key = mergeKeyFor(path, patch);
    if (!key || !Array.isArray(target) || !patch.every(isMap)) return clone(patch);
    const out = clone(target) as Json[];
    for (const item of patch as JsonMap[]) {
      const i = out.findIndex((t) => isMap(t) && JSON.stringify(t[key]) === JSON.stringify(item[key]));
      if (item['$patch'] === 'delete') {
        if (i >= 0) out.splice(i, 1);
      } else if (i >= 0) out[i] = strategic(out[i], item, [...path, String(item[key])]);
      else out.push(clone(item));
    }
    return out;
  }
  return clone(patch);
}

export type JsonPatchOp = { op: string; path: string; value?: Json; from?: string };

function pointer(path: string): string[] | string {
  if (path === '') return [];
  if (!path.startsWith('/')) return `invalid JSON pointer "${path}"`;
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6902 JSON patch (`kubectl patch --type json`); errors read like evanphx/json-patch's. */
export function jsonPatch(doc: Json, ops: JsonPatchOp[]): Json | { error: string } {
  let root = clone(doc);
  for (const op of ops) {
    const parts = pointer(op.path);
    if (typeof parts === 'string') return { error: parts };
    if (parts.length === 0) {
      if (op.op === 'replace' || op.op === 'add') root = clone(op.value);
      continue;
    }
    let parent: Json = root;
    for (const part of parts.slice(0, -1)) {
      if (Array.isArray(parent)) parent = parent[Number(part)];
      else if (isMap(parent)) parent = parent[part];
      else parent = undefined;
      if (parent === undefined) return { error: `jsonpatch ${op.op} operation does not apply: doc is missing path: "${op.path}": missing value` };
    }
    const last = parts[parts.length - 1]!;
    const has = Array.isArray(parent) ? (last === '-' ? false : Number(last) < parent.length) : isMap(parent) && last in parent;
    switch (op.op) {
      case 'add':
        if (Array.isArray(parent)) {
          if (last === '-') parent.push(clone(op.value));
          else parent.splice(Number(last), 0, clone(op.value));
        } else if (isMap(parent)) parent[last] = clone(op.value);
        break;
      case 'replace':
        if (!has) return { error: `jsonpatch replace operation does not apply: doc is missing key: ${op.path}: missing value` };
        if (Array.isArray(parent)) parent[Number(last)] = clone(op.value);
        else if (isMap(parent)) parent[last] = clone(op.value);
        break;
      case 'remove':
        if (!has) return { error: `jsonpatch remove operation does not apply: doc is missing path: "${op.path}": missing value` };
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else if (isMap(parent)) delete parent[last];
        break;
      case 'test': {
        const value = Array.isArray(parent) ? parent[Number(last)] : isMap(parent) ? parent[last] : undefined;
        if (JSON.stringify(value) !== JSON.stringify(op.value)) return { error: `testing value ${op.path} failed: test failed` };
        break;
      }
      default:
        return { error: `Unexpected kind: ${op.op}` };
    }
  }
  return root;
}
