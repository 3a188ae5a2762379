// An in-memory filesystem: absolute paths, files hold text. Each host owns one; the shell and
// every command read and write through it. `/dev/null` is a real (device) entry.
import { compareText } from './registry.ts';

export type FsErrorCode = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EINVAL';

const DESCRIPTIONS: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
};

/** What callers catch: `code` for logic, `description` for the "cat: x: ..." text tools print. */
export class FsError extends Error {
  readonly code: FsErrorCode;
  readonly path: string;
  readonly description: string;
  constructor(code: FsErrorCode, path: string) {
    super(`${path}: ${DESCRIPTIONS[code]}`);
    this.name = 'FsError';
    this.code = code;
    this.path = path;
    this.description = DESCRIPTIONS[code];
  }
}

/** "No such file or directory" for an FsError, the message for anything else. */
export function describeError(error: unknown): string {
  if (error instanceof FsError) return error.description;
  return error instanceof Error ? error.message : String(error);
}

export type EntryType = 'file' | 'dir' | 'device';

export interface Stat {
  type: EntryType;
  /** Bytes (UTF-8) for files, 4096 for directories, 0 for devices. */
  size: number;
  /** Permission bits, e.g. 0o644. */
  mode: number;
}

interface FileNode {
  type: 'file';
  content: string;
  mode: number;
}
interface DirNode {
  type: 'dir';
  entries: Map<string, Node>;
  mode: number;
}
interface DeviceNode {
  type: 'device';
  mode: number;
}
type Node = FileNode | DirNode | DeviceNode;

/** JSON shape written by toJSON (readable, so scenario authors can write it by hand too). */
export type NodeJSON =
  | { type: 'file'; content: string; mode?: number }
  | { type: 'dir'; entries: Record<string, NodeJSON>; mode?: number }
  | { type: 'device'; mode?: number };
export interface MemFSJSON {
  version: 1;
  root: NodeJSON;
}

const FILE_MODE = 0o644;
const DIR_MODE = 0o755;
const DEVICE_MODE = 0o666;
/** Deep enough for any real tree; stops hostile JSON from recursing forever. */
const MAX_DEPTH = 256;

export class MemFS {
  private root: DirNode;

  constructor() {
    this.root = newDir();
    const dev = newDir();
    dev.entries.set('null', { type: 'device', mode: DEVICE_MODE });
    this.root.entries.set('dev', dev);
  }

  /** A filesystem holding `files` (absolute path → content), parent directories included. */
  static from(files: Record<string, string>): MemFS {
    const fs = new MemFS();
    for (const [path, content] of Object.entries(files)) {
      fs.mkdir(parentOf(fs.resolve('/', path)), { recursive: true });
      fs.writeFile(path, content);
    }
    return fs;
  }

  /** Absolute, normalised path for `path` seen from `cwd` (`.` and `..` folded; existence not checked). */
  resolve(cwd: string, path: string): string {
    const parts: string[] = [];
    const all = path.startsWith('/') ? path : `${cwd}/${path}`;
    for (const part of all.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    return `/${parts.join('/')}`;
  }

  exists(path: string): boolean {
    return this.find(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.find(path)?.type === 'dir';
  }

  isFile(path: string): boolean {
    return this.find(path)?.type === 'file';
  }

  stat(path: string): Stat {
    const node = this.lookup(path);
    if (node.type === 'file') return { type: 'file', size: utf8Length(node.content), mode: node.mode };
    if (node.type === 'dir') return { type: 'dir', size: 4096, mode: node.mode };
    return { type: 'device', size: 0, mode: node.mode };
  }

  readFile(path: string): string {
    const node = this.lookup(path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    return node.type === 'file' ? node.content : '';
  }

  /** Creates or replaces (or appends to) a file; the parent directory must exist. */
  writeFile(path: string, data: string, options: { append?: boolean } = {}): void {
    const { dir, name } = this.parentFor(path);
    const node = dir.entries.get(name);
    if (node?.type === 'dir') throw new FsError('EISDIR', path);
    if (node?.type === 'device') return;
    if (node && options.append) node.content += data;
    else if (node) node.content = data;
    else dir.entries.set(name, { type: 'file', content: String(data), mode: FILE_MODE });
  }

  mkdir(path: string, options: { recursive?: boolean } = {}): void {
    if (options.recursive) {
      let dir = this.root;
      let sofar = '';
      for (const part of split(this.resolve('/', path))) {
        sofar += `/${part}`;
        const next = dir.entries.get(part);
        if (!next) {
          const created = newDir();
          dir.entries.set(part, created);
          dir = created;
        } else if (next.type === 'dir') {
          dir = next;
        } else {
          throw new FsError(sofar === this.resolve('/', path) ? 'EEXIST' : 'ENOTDIR', path);
        }
      }
      return;
    }
    const { dir, name } = this.parentFor(path);
    if (dir.entries.has(name)) throw new FsError('EEXIST', path);
    dir.entries.set(name, newDir());
  }

  /** Names in a directory, sorted by code point, without `.` and `..`. */
  list(path: string): string[] {
    const node = this.lookup(path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    return [...node.entries.keys()].sort(compareText);
  }

  /** Removes a file or an empty directory; `recursive` removes whole trees. `/` cannot go. */
  remove(path: string, options: { recursive?: boolean } = {}): void {
    const { dir, name } = this.parentFor(path);
    const node = dir.entries.get(name);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir' && node.entries.size > 0 && !options.recursive) throw new FsError('ENOTEMPTY', path);
    dir.entries.delete(name);
  }

  /** Moves a file or directory; an existing file at `to` is replaced, like rename(2). */
  rename(from: string, to: string): void {
    const source = this.parentFor(from);
    const node = source.dir.entries.get(source.name);
    if (!node) throw new FsError('ENOENT', from);
    const target = this.parentFor(to);
    const existing = target.dir.entries.get(target.name);
    if (existing === node) return;
    if (node.type === 'dir' && isInside(this.resolve('/', to), this.resolve('/', from))) {
      throw new FsError('EINVAL', to);
    }
    if (existing?.type === 'dir') {
      if (node.type !== 'dir') throw new FsError('EISDIR', to);
      if (existing.entries.size > 0) throw new FsError('ENOTEMPTY', to);
    } else if (existing && node.type === 'dir') {
      throw new FsError('ENOTDIR', to);
    }
    source.dir.entries.delete(source.name);
    target.dir.entries.set(target.name, node);
  }

  chmod(path: string, mode: number): void {
    this.lookup(path).mode = mode & 0o7777;
  }

  toJSON(): MemFSJSON {
    return { version: 1, root: nodeToJSON(this.root) };
  }

  /** Rebuilds a filesystem from toJSON output; throws an Error naming the first bad entry. */
  static fromJSON(json: unknown): MemFS {
    if (!isObject(json)) throw new Error('MemFS.fromJSON: expected an object');
    if (json.version !== 1) throw new Error(`MemFS.fromJSON: unsupported version ${JSON.stringify(json.version)}`);
    const root = nodeFromJSON(json.root, '/', 0);
    if (root.type !== 'dir') throw new Error('MemFS.fromJSON: / must be a directory');
    const fs = new MemFS();
    fs.root = root;
    return fs;
  }

  private find(path: string): Node | undefined {
    let node: Node = this.root;
    for (const part of split(this.resolve('/', path))) {
      if (node.type !== 'dir') return undefined;
      const next = node.entries.get(part);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  private lookup(path: string): Node {
    let node: Node = this.root;
    for (const part of split(this.resolve('/', path))) {
      if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
      const next = node.entries.get(part);
      if (!next) throw new FsError('ENOENT', path);
      node = next;
    }
    return node;
  }

  /** The directory that holds (or would hold) `path`, and its last component. */
  private parentFor(path: string): { dir: DirNode; name: string } {
    const parts = split(this.resolve('/', path));
    const name = parts.pop();
    if (name === undefined) throw new FsError('EINVAL', path);
    let node: Node = this.root;
    for (const part of parts) {
      if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
      const next = node.entries.get(part);
      if (!next) throw new FsError('ENOENT', path);
      node = next;
    }
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    return { dir: node, name };
  }
}

function newDir(): DirNode {
  return { type: 'dir', entries: new Map(), mode: DIR_MODE };
}

function split(absolute: string): string[] {
  return absolute.split('/').filter((p) => p !== '');
}

function parentOf(absolute: string): string {
  const i = absolute.lastIndexOf('/');
  return i <= 0 ? '/' : absolute.slice(0, i);
}

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
}

/** Byte length in UTF-8, which is what `ls -l` and `wc -c` report. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function nodeToJSON(node: Node): NodeJSON {
  if (node.type === 'file') return { type: 'file', content: node.content, mode: node.mode };
  if (node.type === 'device') return { type: 'device', mode: node.mode };
  // A null-prototype object keeps a file called "__proto__" an ordinary key.
  const entries = Object.create(null) as Record<string, NodeJSON>;
  for (const [name, child] of node.entries) entries[name] = nodeToJSON(child);
  return { type: 'dir', entries, mode: node.mode };
}

function nodeFromJSON(json: unknown, path: string, depth: number): Node {
  const fail = (why: string): never => {
    throw new Error(`MemFS.fromJSON: ${path}: ${why}`);
  };
  if (depth > MAX_DEPTH) fail('directory tree too deep');
  if (!isObject(json)) return fail('expected an object');
  const mode = json.mode;
  if (mode !== undefined && (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 0o7777)) {
    fail(`invalid mode ${JSON.stringify(mode)}`);
  }
  switch (json.type) {
    case 'file':
      if (typeof json.content !== 'string') fail('file content must be a string');
      return { type: 'file', content: json.content as string, mode: (mode as number | undefined) ?? FILE_MODE };
    case 'device':
      return { type: 'device', mode: (mode as number | undefined) ?? DEVICE_MODE };
    case 'dir': {
      if (!isObject(json.entries)) return fail('directory entries must be an object');
      const dir: DirNode = { type: 'dir', entries: new Map(), mode: (mode as number | undefined) ?? DIR_MODE };
      for (const name of Object.keys(json.entries)) {
        if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
          fail(`invalid entry name ${JSON.stringify(name)}`);
        }
        const childPath = path === '/' ? `/${name}` : `${path}/${name}`;
        dir.entries.set(name, nodeFromJSON(json.entries[name], childPath, depth + 1));
      }
      return dir;
    }
    default:
      return fail(`unknown entry type ${JSON.stringify(json.type)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
