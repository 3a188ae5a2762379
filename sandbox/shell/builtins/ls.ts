// ls: GNU layout. Columns when writing to the terminal (80 wide), one per line otherwise;
// -l long format with fixed timestamps (the filesystem keeps none).
import type { MemFS, Stat } from '../memfs.ts';
import { compareText } from '../registry.ts';
import type { CommandContext, CommandDefinition } from '../types.ts';
import { parseArgs } from './options.ts';

const WIDTH = 80;
/** Every entry shows this time: deterministic, and the scenario clock's start day. */
const TIMESTAMP = 'Nov 26 09:00';

interface Entry {
  name: string;
  path: string;
  stat: Stat;
}

interface Options {
  all: boolean;
  almostAll: boolean;
  long: boolean;
  human: boolean;
  classify: boolean;
  reverse: boolean;
  bySize: boolean;
  recursive: boolean;
  directory: boolean;
  columns: boolean;
}

export const ls: CommandDefinition = {
  name: 'ls',
  summary: 'list directory contents (-l long, -a hidden too, -1 one per line)',
  run(ctx) {
    const parsed = parseArgs('ls', ctx.argv.slice(1), {
      flags: 'alAh1dFrRStCpGU',
      long: {
        all: 'a', 'almost-all': 'A', 'human-readable': 'h', directory: 'd', classify: 'F', reverse: 'r', recursive: 'R',
        color: '?color', colour: '?color', 'group-directories-first': '+gdf',
      },
      errorStatus: 2,
      help: 'Usage: ls [OPTION]... [FILE]...\nList information about the FILEs (the current directory by default).\n',
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    const opts: Options = {
      all: flags.has('a'),
      almostAll: flags.has('A'),
      long: flags.has('l'),
      human: flags.has('h'),
      classify: flags.has('F') || flags.has('p'),
      reverse: flags.has('r'),
      bySize: flags.has('S'),
      recursive: flags.has('R'),
      directory: flags.has('d'),
      columns: !flags.has('1') && (flags.has('C') || ctx.tty === true),
    };
    const names = operands.length === 0 ? ['.'] : operands;
    let stderr = '';
    let status = 0;
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    for (const name of names) {
      const path = ctx.fs.resolve(ctx.cwd, name);
      if (!ctx.fs.exists(path)) {
        stderr += `ls: cannot access '${name}': No such file or directory\n`;
        status = 2;
        continue;
      }
      const entry = { name, path, stat: ctx.fs.stat(path) };
      if (entry.stat.type === 'dir' && !opts.directory) dirs.push(entry);
      else files.push(entry);
    }
    const blocks: string[] = [];
    if (files.length > 0) blocks.push(render(sortEntries(files, opts), opts, ctx, false));
    const header = files.length + dirs.length + (stderr ? 1 : 0) > 1 || opts.recursive;
    const queue = sortEntries(dirs, opts);
    for (let i = 0; i < queue.length; i++) {
      const dir = queue[i];
      const entries = listDir(ctx.fs, dir, opts);
      let block = header ? `${dir.name}:\n` : '';
      block += render(entries, opts, ctx, true);
      blocks.push(block);
      if (opts.recursive) {
        const subdirs = entries
          .filter((e) => e.stat.type === 'dir' && e.name !== '.' && e.name !== '..')
          .map((e) => ({ ...e, name: dir.name.endsWith('/') ? dir.name + e.name : `${dir.name}/${e.name}` }));
        queue.splice(i + 1, 0, ...subdirs);
      }
    }
    return { stdout: blocks.join('\n'), stderr, exitCode: status };
  },
};

function listDir(fs: MemFS, dir: Entry, opts: Options): Entry[] {
  const names = fs.list(dir.path).filter((n) => opts.all || opts.almostAll || !n.startsWith('.'));
  const entries = names.map((name) => {
    const path = fs.resolve(dir.path, name);
    return { name, path, stat: fs.stat(path) };
  });
  if (opts.all) {
    entries.push({ name: '.', path: dir.path, stat: dir.stat });
    const parent = fs.resolve(dir.path, '..');
    entries.push({ name: '..', path: parent, stat: fs.stat(parent) });
  }
  return sortEntries(entries, opts);
}

function sortEntries(entries: Entry[], opts: Options): Entry[] {
  const sorted = entries.slice().sort((a, b) => (opts.bySize ? b.stat.size - a.stat.size : 0) || compareText(a.name, b.name));
  return opts.reverse ? sorted.reverse() : sorted;
}

function render(entries: Entry[], opts: Options, ctx: CommandContext, isDirListing: boolean): string {
  if (opts.long) return longFormat(entries, opts, ctx, isDirListing);
  const names = entries.map((e) => e.name + suffix(e, opts));
  if (names.length === 0) return '';
  return opts.columns ? columns(names) : names.map((n) => `${n}\n`).join('');
}

function suffix(entry: Entry, opts: Options): string {
  if (!opts.classify) return '';
  if (entry.stat.type === 'dir') return '/';
  if (entry.stat.type === 'file' && (entry.stat.mode & 0o111) !== 0) return '*';
  return '';
}

/** GNU's vertical columns: the most columns whose total width stays under 80. */
export function columns(names: string[]): string {
  const n = names.length;
  const lengths = names.map((s) => [...s].length);
  let best = { cols: 1, rows: n, widths: [Math.max(...lengths)] };
  for (let cols = Math.min(n, Math.floor(WIDTH / 3)); cols > 1; cols--) {
    const rows = Math.ceil(n / cols);
    const widths = new Array<number>(cols).fill(0);
    for (let i = 0; i < n; i++) {
      const c = Math.floor(i / rows);
      widths[c] = Math.max(widths[c], lengths[i] + (c === cols - 1 ? 0 : 2));
    }
    if (widths.reduce((a, b) => a + b, 0) < WIDTH) {
      best = { cols, rows, widths };
      break;
    }
  }
  let out = '';
  for (let r = 0; r < best.rows; r++) {
    let line = '';
    for (let c = 0; c < best.cols; c++) {
      const i = c * best.rows + r;
      if (i >= n) break;
      const isLast = (c + 1) * best.rows + r >= n;
      line += isLast ? names[i] : names[i] + ' '.repeat(best.widths[c] - lengths[i]);
    }
    out += `${line}\n`;
  }
  return out;
}

function permissions(stat: Stat): string {
  const type = stat.type === 'dir' ? 'd' : stat.type === 'device' ? 'c' : '-';
  let bits = '';
  for (const shift of [6, 3, 0]) {
    const v = (stat.mode >> shift) & 7;
    bits += (v & 4 ? 'r' : '-') + (v & 2 ? 'w' : '-') + (v & 1 ? 'x' : '-');
  }
  return type + bits;
}

function humanSize(size: number): string {
  if (size < 1024) return String(size);
  const units = ['K', 'M', 'G', 'T'];
  let value = size;
  let unit = -1;
  do {
    value /= 1024;
    unit++;
  } while (value >= 1024 && unit < units.length - 1);
  if (value < 10) {
    const rounded = Math.ceil(value * 10) / 10;
    return rounded >= 10 ? `${Math.ceil(value)}${units[unit]}` : `${rounded.toFixed(1)}${units[unit]}`;
  }
  return `${Math.ceil(value)}${units[unit]}`;
}

function longFormat(entries: Entry[], opts: Options, ctx: CommandContext, isDirListing: boolean): string {
  const home = ctx.host.home;
  const rows = entries.map((e) => {
    const owner = e.path === home || e.path.startsWith(`${home}/`) ? ctx.host.user : 'root';
    const links = e.stat.type === 'dir' ? 2 + subdirCount(ctx.fs, e.path) : 1;
    const size = e.stat.type === 'device' ? '1, 3' : opts.human ? humanSize(e.stat.size) : String(e.stat.size);
    return { perms: permissions(e.stat), links: String(links), owner, size, name: e.name + suffix(e, opts) };
  });
  const w = (key: 'links' | 'owner' | 'size'): number => Math.max(0, ...rows.map((r) => r[key].length));
  const [lw, ow, sw] = [w('links'), w('owner'), w('size')];
  let out = '';
  if (isDirListing) {
    const blocks = entries.reduce((sum, e) => sum + (e.stat.type === 'dir' ? 4 : Math.ceil(e.stat.size / 4096) * 4), 0);
    out += `total ${opts.human && blocks >= 1024 ? humanSize(blocks * 1024) : blocks}\n`;
  }
  for (const r of rows) {
    out += `${r.perms} ${r.links.padStart(lw)} ${r.owner.padEnd(ow)} ${r.owner.padEnd(ow)} ${r.size.padStart(sw)} ${TIMESTAMP} ${r.name}\n`;
  }
  return out;
}

function subdirCount(fs: MemFS, path: string): number {
  try {
    return fs.list(path).filter((n) => fs.isDir(fs.resolve(path, n))).length;
  } catch {
    return 0;
  }
}
