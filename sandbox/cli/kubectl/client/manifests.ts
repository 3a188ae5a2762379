// Manifests named by -f (cli-runtime resource visitors): files on the host, directories (their
// .json/.yaml/.yml files in name order, subdirectories with -R), `-` for stdin, several -f
// flags or comma lists. URLs cannot be fetched from the sandbox. Each document is checked the
// way kubectl's client-side validation and REST mapping check it before anything is sent.
import { parseManifests, resourceForManifest, type ResourceType } from '../../../apiserver/index.ts';
import type { KubectlEnv } from '../cli/command.ts';

export interface ManifestDoc {
  /** The decoded document, as written. */
  raw: Record<string, unknown>;
  /** Where it came from, as kubectl names it in messages (`web.yaml`, `STDIN`). */
  source: string;
  type?: ResourceType;
  name: string;
  namespace?: string;
  /** Set when the document cannot be used: the whole error text kubectl prints. */
  error?: string;
}

export type ManifestRead = { ok: true; docs: ManifestDoc[]; multiSource: boolean } | { ok: false; error: string };

const EXTENSIONS = ['.json', '.yaml', '.yml'];

function listDir(env: KubectlEnv, dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const name of env.fs.list(dir).sort()) {
    const path = `${dir === '/' ? '' : dir}/${name}`;
    if (env.fs.isDir(path)) {
      if (recursive) out.push(...listDir(env, path, recursive));
    } else if (EXTENSIONS.some((e) => name.endsWith(e))) out.push(path);
  }
  return out;
}

function docsOf(text: string, source: string): ManifestDoc[] | string {
  const parsed = parseManifests(text);
  if (!parsed.ok) return `error: error parsing ${source}: ${parsed.message}`;
  const docs: ManifestDoc[] = [];
  for (const value of parsed.objects) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return `error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`;
    }
    const raw = value as Record<string, unknown>;
    const meta = (typeof raw['metadata'] === 'object' && raw['metadata'] !== null ? raw['metadata'] : {}) as Record<string, unknown>;
    const name = typeof meta['name'] === 'string' ? meta['name'] : '';
    const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
    const doc: ManifestDoc = { raw, source, name };
    if (namespace !== undefined) doc.namespace = namespace;
    const kind = raw['kind'];
    const apiVersion = raw['apiVersion'];
    if (typeof kind !== 'string' || kind === '') {
      doc.error = `error: error validating "${source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`;
    } else if (typeof apiVersion !== 'string' || apiVersion === '') {
      doc.error = `error: error validating "${source}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`;
    } else {
      const type = resourceForManifest(apiVersion, kind);
      if (!type) {
        doc.error = `error: resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(namespace ?? '')} from ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}\nensure CRDs are installed first`;
      } else {
        doc.type = type;
      }
    }
    docs.push(doc);
  }
  return docs;
}

/** Reads every -f argument; the first unreadable one is the error. */
export function readManifestArgs(env: KubectlEnv, filenames: readonly string[], recursive: boolean): ManifestRead {
  const docs: ManifestDoc[] = [];
  let sources = 0;
  let stdinUsed = false;
  for (const arg of filenames) {
    if (/^https?:\/\//.test(arg)) return { ok: false, error: `error: unable to read URL ${JSON.stringify(arg)}, server reported 404 Not Found, status code=404` };
    if (arg === '-') {
      if (stdinUsed) return { ok: false, error: 'error: standard input cannot be used for multiple arguments' };
      stdinUsed = true;
      const got = docsOf(env.stdin, 'STDIN');
      if (typeof got === 'string') return { ok: false, error: got };
      docs.push(...got);
      sources++;
      continue;
    }
    const path = env.fs.resolve(env.cwd, arg.startsWith('~/') ? `${env.host.home}${arg.slice(1)}` : arg);
    if (!env.fs.exists(path)) return { ok: false, error: `error: the path ${JSON.stringify(arg)} does not exist` };
    const files = env.fs.isDir(path) ? listDir(env, path, recursive) : [path];
    for (const file of files) {
      const shown = file === path ? arg : `${arg.replace(/\/+$/, '')}${file.slice(path.length)}`;
      const got = docsOf(env.fs.readFile(file), shown);
      if (typeof got === 'string') return { ok: false, error: got };
      docs.push(...got);
      sources++;
    }
  }
  return { ok: true, docs, multiSource: sources > 1 };
}
