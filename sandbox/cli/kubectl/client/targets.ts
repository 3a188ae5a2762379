// What resource arguments name, as cli-runtime's resource Builder reads them
// (ResourceTypeOrNameArgs): `TYPE`, `TYPE NAME...`, `TYPE1,TYPE2 NAME` (each type with each
// name), `TYPE/NAME...` (never mixed with a bare type), and the `all` category. Types resolve by
// plural, singular, short name or kind, optionally `.group`; unknown ones are the server's
// "doesn't have a resource type" error.
import { resolveResourceName, resourceTypes, type ResourceType } from '../../../apiserver/index.ts';

export interface Query {
  type: ResourceType;
  /** Absent: list every object of the type (subject to selectors). */
  name?: string;
}

export type Targets = { ok: true; queries: Query[]; singleItemImplied: boolean; byName: boolean } | { ok: false; error: string };

function splitTypes(arg: string): string[] {
  const out: string[] = [];
  for (const s of arg.split(',')) if (!out.includes(s)) out.push(s);
  return out;
}

/** Expands the `all` category into its resources, in discovery order. */
function expandAliases(arg: string): string {
  return splitTypes(arg)
    .map((t) => (t === 'all' ? resourceTypes().filter((r) => r.categories.includes('all')).map((r) => (r.group ? `${r.plural}.${r.group}` : r.plural)).join(',') : t))
    .join(',');
}

export function resolveType(typed: string): ResourceType | string {
  const found = resolveResourceName(typed);
  if (found.length === 0) {
    if (typed === '') return `the server doesn't have a resource type ""`;
    const dot = typed.indexOf('.');
    if (dot > 0) {
      const rest = typed.slice(dot + 1);
      return `the server doesn't have a resource type "${typed.slice(0, dot)}" in group "${rest}"`;
    }
    return `the server doesn't have a resource type ${JSON.stringify(typed.toLowerCase())}`;
  }
  return found[0]!;
}

export function resolveTargets(args: readonly string[], options: { cmd?: string } = {}): Targets {
  const cmd = options.cmd ?? 'kubectl';
  let list = args.slice();
  if (list.length >= 2) {
    const types = splitTypes(list[0]!);
    if (types.length > 1) list = types.flatMap((t) => list.slice(1).map((n) => `${t}/${n}`));
  }
  const slashed = list.filter((a) => a.includes('/')).length;
  if (slashed > 0) {
    if (slashed !== list.length) {
      return { ok: false, error: `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${cmd} get resource/<resource_name>' instead of '${cmd} get resource resource/<resource_name>'` };
    }
    const queries: Query[] = [];
    for (const arg of list) {
      const seg = arg.split('/');
      if (seg.length !== 2) return { ok: false, error: 'arguments in resource/name form may not have more than one slash' };
      const [resource, name] = seg as [string, string];
      if (!resource || !name || splitTypes(resource).length !== 1) return { ok: false, error: 'arguments in resource/name form must have a single resource and name' };
      const type = resolveType(resource);
      if (typeof type === 'string') return { ok: false, error: type };
      queries.push({ type, name });
    }
    return { ok: true, queries, singleItemImplied: queries.length === 1, byName: true };
  }
  if (list.length === 0) return { ok: true, queries: [], singleItemImplied: false, byName: false };
  const typeArg = expandAliases(list[0]!);
  const types: ResourceType[] = [];
  for (const t of splitTypes(typeArg)) {
    const type = resolveType(t);
    if (typeof type === 'string') return { ok: false, error: type };
    if (!types.includes(type)) types.push(type);
  }
  const names = list.slice(1);
  if (names.length > 0) {
    const type = types[0]!;
    return { ok: true, queries: names.map((name) => ({ type, name })), singleItemImplied: names.length === 1, byName: true };
  }
  return { ok: true, queries: types.map((type) => ({ type })), singleItemImplied: false, byName: false };
}

/** `deployment.apps` / `pod`: the GroupKind text kubectl prefixes names with. */
export function kindPrefix(type: ResourceType): string {
  return type.group ? `${type.kind.toLowerCase()}.${type.group}` : type.kind.toLowerCase();
}
