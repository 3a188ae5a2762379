// Where kubectl's configuration comes from (client-go clientcmd loader): --kubeconfig (must
// exist), else every file of $KUBECONFIG (colon-separated, missing ones skipped), else
// ~/.kube/config. Several files merge: the first file to name a cluster, user or context wins,
// and the first non-empty current-context wins. Writes (`config use-context`) go to the file that
// holds the entry, or the first file, as `kubectl config` does.
import { emptyKubeconfig, parseKubeconfig, renderKubeconfig, type Kubeconfig } from '../../../model/kubeconfig.ts';
import type { MemFS } from '../../../shell/memfs.ts';

export interface ConfigSource {
  fs: MemFS;
  env: Readonly<Record<string, string>>;
  cwd: string;
  home: string;
  /** --kubeconfig */
  explicitPath?: string;
  /** A kubeconfig handed over as text (az aks command invoke). */
  text?: string;
}

export interface LoadedConfig {
  config: Kubeconfig;
  /** Files that were read, in precedence order (empty for an in-memory config). */
  files: string[];
  /** The file new entries and current-context changes are written to. */
  writeTarget: string;
}

export type LoadResult = { ok: true; loaded: LoadedConfig } | { ok: false; message: string };

function absolute(source: ConfigSource, path: string): string {
  const expanded = path === '~' ? source.home : path.startsWith('~/') ? `${source.home}${path.slice(1)}` : path;
  return source.fs.resolve(source.cwd, expanded);
}

export function defaultConfigPath(home: string): string {
  return `${home}/.kube/config`;
}

/** The files kubectl would read, in precedence order. */
export function configPaths(source: ConfigSource): string[] {
  if (source.explicitPath) return [absolute(source, source.explicitPath)];
  const env = source.env['KUBECONFIG'];
  if (env !== undefined && env !== '') return env.split(':').filter((p) => p !== '').map((p) => absolute(source, p));
  return [defaultConfigPath(source.home)];
}

type Named = { name: string };

function mergeNamed<T extends Named>(into: T[], from: T[]): void {
  for (const item of from) {
    if (item && typeof item.name === 'string' && !into.some((e) => e.name === item.name)) into.push(item);
  }
}

export function loadKubeconfig(source: ConfigSource): LoadResult {
  if (source.text !== undefined) {
    const parsed = parseKubeconfig(source.text);
    if (!parsed.ok) return { ok: false, message: `error loading config: ${parsed.message}` };
    return { ok: true, loaded: { config: parsed.config, files: [], writeTarget: '' } };
  }
  const paths = configPaths(source);
  if (source.explicitPath && !source.fs.isFile(paths[0]!)) {
    if (source.fs.isDir(paths[0]!)) return { ok: false, message: `error loading config file "${paths[0]}": read ${paths[0]}: is a directory` };
    return { ok: false, message: `stat ${source.explicitPath}: no such file or directory` };
  }
  const merged = emptyKubeconfig();
  const files: string[] = [];
  for (const path of paths) {
    if (!source.fs.isFile(path)) continue;
    const parsed = parseKubeconfig(source.fs.readFile(path));
    if (!parsed.ok) return { ok: false, message: `error loading config file "${path}": ${parsed.message}` };
    files.push(path);
    const c = parsed.config;
    mergeNamed(merged.clusters, c.clusters);
    mergeNamed(merged.users, c.users);
    mergeNamed(merged.contexts, c.contexts);
    if (!merged['current-context'] && c['current-context']) merged['current-context'] = c['current-context'];
  }
  return { ok: true, loaded: { config: merged, files, writeTarget: paths[0]! } };
}

/** Reads one file for editing (`kubectl config` writes); a missing file is an empty config. */
export function readConfigFile(fs: MemFS, path: string): Kubeconfig | string {
  if (!fs.isFile(path)) return emptyKubeconfig();
  const parsed = parseKubeconfig(fs.readFile(path));
  return parsed.ok ? parsed.config : `error loading config file "${path}": ${parsed.message}`;
}

/** Writes a kubeconfig file as client-go does (the parent directory is created). */
export function writeConfigFile(fs: MemFS, path: string, config: Kubeconfig): void {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  if (!fs.isDir(dir)) fs.mkdir(dir, { recursive: true });
  fs.writeFile(path, renderKubeconfig(config));
}

/** The file among `files` that defines the named entry, else the write target. */
export function fileDefining(fs: MemFS, loaded: LoadedConfig, key: 'clusters' | 'users' | 'contexts', name: string): string {
  for (const path of loaded.files) {
    const config = readConfigFile(fs, path);
    if (typeof config !== 'string' && (config[key] as Named[]).some((e) => e?.name === name)) return path;
  }
  return loaded.writeTarget;
}
