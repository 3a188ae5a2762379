// The kubeconfig file: its shape, reading it, writing it as `az aks get-credentials` does
// (PyYAML `safe_dump(default_flow_style=False)`: keys sorted, list items not indented, `{}` for
// empty maps), and az's merge into an existing file (azure-cli acs `custom.py`,
// merge_kubernetes_configurations / _handle_merge).
import { parse, stringify } from 'yaml';

export interface KubeconfigCluster {
  name: string;
  cluster: { server: string; 'certificate-authority-data'?: string; [key: string]: unknown };
}

export interface KubeconfigContext {
  name: string;
  context: { cluster: string; user: string; namespace?: string; [key: string]: unknown };
}

export interface KubeconfigUser {
  name: string;
  user: { 'client-certificate-data'?: string; 'client-key-data'?: string; token?: string; [key: string]: unknown };
}

export interface Kubeconfig {
  apiVersion: string;
  kind: string;
  clusters: KubeconfigCluster[];
  contexts: KubeconfigContext[];
  users: KubeconfigUser[];
  'current-context': string;
  preferences: Record<string, unknown>;
  [key: string]: unknown;
}

export function emptyKubeconfig(): Kubeconfig {
  return { apiVersion: 'v1', clusters: [], contexts: [], 'current-context': '', kind: 'Config', preferences: {}, users: [] };
}

/** The file text as az writes it. */
export function renderKubeconfig(config: Kubeconfig): string {
  return stringify(config, { sortMapEntries: true, indentSeq: false, lineWidth: 0, minContentWidth: 0, singleQuote: true });
}

export type ParsedKubeconfig = { ok: true; config: Kubeconfig } | { ok: false; message: string };

const LIST_KEYS = ['clusters', 'contexts', 'users'] as const;

/** Reads a kubeconfig; an empty file is an empty config, missing lists are empty lists. */
export function parseKubeconfig(text: string): ParsedKubeconfig {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  if (value === null || value === undefined) return { ok: true, config: emptyKubeconfig() };
  if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'the kubeconfig is not a mapping' };
  const config = { ...emptyKubeconfig(), ...(value as Record<string, unknown>) } as Kubeconfig;
  for (const key of LIST_KEYS) {
    const list = config[key] as unknown;
    if (list === null || list === undefined) (config as Record<string, unknown>)[key] = [];
    else if (!Array.isArray(list)) return { ok: false, message: `${key} is not a list` };
  }
  if (config['current-context'] === null || config['current-context'] === undefined) config['current-context'] = '';
  return { ok: true, config };
}

export interface ResolvedContext {
  name: string;
  context: KubeconfigContext['context'];
  cluster?: KubeconfigCluster['cluster'];
  user?: KubeconfigUser['user'];
}

/** The named context (the current one by default) with its cluster and user entries. */
export function resolveContext(config: Kubeconfig, name: string = config['current-context']): ResolvedContext | undefined {
  const ctx = config.contexts.find((c) => c?.name === name);
  if (!ctx?.context) return undefined;
  const resolved: ResolvedContext = { name, context: ctx.context };
  const cluster = config.clusters.find((c) => c?.name === ctx.context.cluster)?.cluster;
  const user = config.users.find((u) => u?.name === ctx.context.user)?.user;
  if (cluster) resolved.cluster = cluster;
  if (user) resolved.user = user;
  return resolved;
}

export interface MergeOptions {
  /** `--overwrite-existing`: replace same-named entries even when they differ. */
  overwriteExisting?: boolean;
  /** `--context`: the name for the new context and cluster entries. */
  contextName?: string;
}

export type MergeResult = { ok: true; config: Kubeconfig; currentContext: string } | { ok: false; message: string };

function sameEntry(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

type Named = { name: string };

/**
 * az's `_handle_merge`: an entry with the same name is removed (when identical, or with
 * --overwrite-existing) and the new one appended; a different one is an error (az asks on a
 * terminal; the sandbox answers as without one).
 */
function handleMerge(existing: Named[], addition: Named[], key: string, replace: boolean): string | undefined {
  for (const item of addition) {
    const same = existing.findIndex((e) => e?.name === item.name);
    if (same >= 0) {
      if (!replace && !sameEntry(existing[same], item)) return `A different object named ${item.name} already exists in ${key} in your kubeconfig file.`;
      existing.splice(same, 1);
    }
    existing.push(item);
  }
  return undefined;
}

/**
 * Merges credentials (as the resource provider returned them) into an existing kubeconfig, as
 * `az aks get-credentials` does: `--context` renames the context and cluster, an admin context
 * gets `-admin` appended, and the new context becomes current.
 */
export function mergeKubeconfig(existing: Kubeconfig | undefined, credentials: Kubeconfig, options: MergeOptions = {}): MergeResult {
  const addition = JSON.parse(JSON.stringify(credentials)) as Kubeconfig;
  if (options.contextName !== undefined && addition.contexts[0] && addition.clusters[0]) {
    addition.contexts[0].name = options.contextName;
    addition.contexts[0].context.cluster = options.contextName;
    addition.clusters[0].name = options.contextName;
    addition['current-context'] = options.contextName;
  }
  for (const ctx of addition.contexts) {
    if (typeof ctx?.context?.user === 'string' && ctx.context.user.startsWith('clusterAdmin')) {
      ctx.name = `${ctx.name}-admin`;
      addition['current-context'] = ctx.name;
      break;
    }
  }
  if (!existing) return { ok: true, config: addition, currentContext: addition['current-context'] };
  const merged = JSON.parse(JSON.stringify(existing)) as Kubeconfig;
  const replace = options.overwriteExisting === true;
  for (const key of ['clusters', 'users', 'contexts'] as const) {
    const error = handleMerge(merged[key] as Named[], addition[key] as Named[], key, replace);
    if (error) return { ok: false, message: error };
  }
  merged['current-context'] = addition['current-context'];
  return { ok: true, config: merged, currentContext: addition['current-context'] };
}
