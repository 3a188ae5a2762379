// Files: cat, touch, mkdir, rmdir, rm, cp, mv, tee, chmod.
import { describeError, FsError, type MemFS } from '../memfs.ts';
import type { CommandContext, CommandDefinition, CommandResult } from '../types.ts';
import { lastValue, parseArgs } from './options.ts';
import { fail, ok, q, readInputs, tryHelp } from './util.ts';

function help(usage: string, summary: string): string {
  return `Usage: ${usage}\n${summary}\n`;
}

export const cat: CommandDefinition = {
  name: 'cat',
  summary: 'print files (or stdin) one after another',
  run(ctx) {
    const parsed = parseArgs('cat', ctx.argv.slice(1), {
      flags: 'nbEsTAvu',
      long: { number: 'n', 'number-nonblank': 'b', 'show-ends': 'E', 'squeeze-blank': 's', 'show-tabs': 'T', 'show-all': 'A' },
      help: help('cat [OPTION]... [FILE]...', 'Concatenate FILE(s) to standard output.'),
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    const { inputs, errors } = readInputs(ctx, 'cat', operands);
    let text = inputs.map((i) => i.text).join('');
    const showEnds = flags.has('E') || flags.has('A');
    const showTabs = flags.has('T') || flags.has('A');
    if (flags.has('n') || flags.has('b') || flags.has('s') || showEnds || showTabs) {
      const lines = text.split('\n');
      const trailing = text.endsWith('\n');
      if (trailing) lines.pop();
      let n = 0;
      let previousBlank = false;
      const out: string[] = [];
      for (const line of lines) {
        const blank = line === '';
        if (flags.has('s') && blank && previousBlank) continue;
        previousBlank = blank;
        let shown = showTabs ? line.replace(/\t/g, '^I') : line;
        if (showEnds) shown += '$';
        if (flags.has('b') ? !blank : flags.has('n')) shown = `${String(++n).padStart(6)}\t${shown}`;
        out.push(shown);
      }
      text = out.join('\n') + (trailing ? '\n' : '');
    }
    return { stdout: text, stderr: errors, exitCode: errors ? 1 : 0 };
  },
};

export const touch: CommandDefinition = {
  name: 'touch',
  summary: 'create empty files (or leave existing ones alone)',
  run(ctx) {
    const parsed = parseArgs('touch', ctx.argv.slice(1), {
      flags: 'acmh',
      values: 'dtr',
      long: { 'no-create': 'c' },
      help: help('touch [OPTION]... FILE...', 'Update the access and modification times of each FILE to the current time.'),
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    if (operands.length === 0) return fail(`touch: missing file operand\n${tryHelp('touch')}`);
    let stderr = '';
    for (const name of operands) {
      const path = ctx.fs.resolve(ctx.cwd, name);
      if (ctx.fs.exists(path) || flags.has('c')) continue;
      try {
        ctx.fs.writeFile(path, '');
      } catch (error) {
        stderr += `touch: cannot touch '${name}': ${describeError(error)}\n`;
      }
    }
    return stderr ? fail(stderr) : ok();
  },
};

export const mkdir: CommandDefinition = {
  name: 'mkdir',
  summary: 'make directories (-p: with their parents, no error if they exist)',
  run(ctx) {
    const parsed = parseArgs('mkdir', ctx.argv.slice(1), {
      flags: 'pv',
      values: 'm',
      long: { parents: 'p', verbose: 'v', mode: 'm=' },
      help: help('mkdir [OPTION]... DIRECTORY...', 'Create the DIRECTORY(ies), if they do not already exist.'),
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    if (operands.length === 0) return fail(`mkdir: missing operand\n${tryHelp('mkdir')}`);
    let stdout = '';
    let stderr = '';
    for (const name of operands) {
      const path = ctx.fs.resolve(ctx.cwd, name);
      try {
        if (flags.has('p')) {
          if (ctx.fs.isDir(path)) continue;
          ctx.fs.mkdir(path, { recursive: true });
        } else {
          ctx.fs.mkdir(path);
        }
        if (flags.has('v')) stdout += `mkdir: created directory '${name}'\n`;
      } catch (error) {
        stderr += `mkdir: cannot create directory ${q(name)}: ${describeError(error)}\n`;
      }
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

export const rmdir: CommandDefinition = {
  name: 'rmdir',
  summary: 'remove empty directories',
  run(ctx) {
    const parsed = parseArgs('rmdir', ctx.argv.slice(1), { flags: 'pv', long: { parents: 'p', verbose: 'v' } });
    if (!parsed.ok) return parsed.result;
    const { operands } = parsed.args;
    if (operands.length === 0) return fail(`rmdir: missing operand\n${tryHelp('rmdir')}`);
    let stderr = '';
    for (const name of operands) {
      const path = ctx.fs.resolve(ctx.cwd, name);
      try {
        if (!ctx.fs.exists(path)) throw new FsError('ENOENT', path);
        if (!ctx.fs.isDir(path)) throw new FsError('ENOTDIR', path);
        ctx.fs.remove(path);
      } catch (error) {
        stderr += `rmdir: failed to remove '${name}': ${describeError(error)}\n`;
      }
    }
    return stderr ? fail(stderr) : ok();
  },
};

export const rm: CommandDefinition = {
  name: 'rm',
  summary: 'remove files (-r: directories too, -f: no complaints)',
  run(ctx) {
    const parsed = parseArgs('rm', ctx.argv.slice(1), {
      flags: 'rRfivdI',
      long: { recursive: 'r', force: 'f', verbose: 'v', dir: 'd', 'no-preserve-root': '+no-preserve-root', interactive: '?interactive' },
      help: help('rm [OPTION]... [FILE]...', 'Remove (unlink) the FILE(s).'),
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    const force = flags.has('f');
    const recursive = flags.has('r') || flags.has('R');
    if (operands.length === 0) return force ? ok() : fail(`rm: missing operand\n${tryHelp('rm')}`);
    let stdout = '';
    let stderr = '';
    for (const name of operands) {
      const path = ctx.fs.resolve(ctx.cwd, name);
      const base = name.replace(/\/+$/, '').split('/').pop();
      if (base === '.' || base === '..') {
        stderr += `rm: refusing to remove '.' or '..' directory: skipping '${name}'\n`;
        continue;
      }
      if (path === '/' && recursive && !flags.has('no-preserve-root')) {
        stderr += `rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`;
        continue;
      }
      if (!ctx.fs.exists(path)) {
        if (!force) stderr += `rm: cannot remove '${name}': No such file or directory\n`;
        continue;
      }
      if (ctx.fs.isDir(path) && !recursive) {
        if (!flags.has('d')) {
          stderr += `rm: cannot remove '${name}': Is a directory\n`;
          continue;
        }
      }
      try {
        const wasDir = ctx.fs.isDir(path);
        ctx.fs.remove(path, { recursive });
        if (flags.has('v')) stdout += wasDir ? `removed directory '${name}'\n` : `removed '${name}'\n`;
      } catch (error) {
        stderr += `rm: cannot remove '${name}': ${describeError(error)}\n`;
      }
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** Copies a file or (recursively) a directory tree. */
function copyTree(fs: MemFS, from: string, to: string): void {
  if (!fs.isDir(from)) {
    fs.writeFile(to, fs.readFile(from));
    return;
  }
  if (!fs.isDir(to)) fs.mkdir(to);
  for (const name of fs.list(from)) copyTree(fs, fs.resolve(from, name), fs.resolve(to, name));
}

function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
}

function copyOrMove(ctx: CommandContext, cmd: 'cp' | 'mv'): CommandResult {
  const parsed = parseArgs(cmd, ctx.argv.slice(1), {
    flags: cmd === 'cp' ? 'rRafivpnT' : 'fivnT',
    values: 't',
    long: { recursive: 'r', force: 'f', verbose: 'v', 'no-clobber': 'n', 'target-directory': 't=' },
    help: help(`${cmd} [OPTION]... SOURCE... DIRECTORY`, cmd === 'cp' ? 'Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.' : 'Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.'),
  });
  if (!parsed.ok) return parsed.result;
  const { flags, operands } = parsed.args;
  const recursive = flags.has('r') || flags.has('R') || flags.has('a');
  let targetName = lastValue(parsed.args, 't');
  const sources = operands.slice();
  if (targetName === undefined) {
    if (sources.length === 0) return fail(`${cmd}: missing file operand\n${tryHelp(cmd)}`);
    if (sources.length === 1) return fail(`${cmd}: missing destination file operand after '${sources[0]}'\n${tryHelp(cmd)}`);
    targetName = sources.pop()!;
  }
  const target = ctx.fs.resolve(ctx.cwd, targetName);
  const intoDir = ctx.fs.isDir(target);
  if (sources.length > 1 && !intoDir) return fail(`${cmd}: target '${targetName}' is not a directory\n`);
  let stdout = '';
  let stderr = '';
  for (const name of sources) {
    const from = ctx.fs.resolve(ctx.cwd, name);
    if (!ctx.fs.exists(from)) {
      stderr += `${cmd}: cannot stat '${name}': No such file or directory\n`;
      continue;
    }
    const base = from.split('/').pop() || '/';
    const to = intoDir ? ctx.fs.resolve(target, base) : target;
    const shownTo = intoDir ? `${targetName.replace(/\/+$/, '')}/${base}` : targetName;
    if (to === from) {
      stderr += `${cmd}: '${name}' and '${shownTo}' are the same file\n`;
      continue;
    }
    if (flags.has('n') && ctx.fs.exists(to)) continue;
    try {
      if (cmd === 'cp') {
        if (ctx.fs.isDir(from) && !recursive) {
          stderr += `cp: -r not specified; omitting directory '${name}'\n`;
          continue;
        }
        if (ctx.fs.isDir(from) && isWithin(to, from)) {
          stderr += `cp: cannot copy a directory, '${name}', into itself, '${shownTo}'\n`;
          continue;
        }
        if (ctx.fs.isDir(to) && !ctx.fs.isDir(from)) throw new FsError('EISDIR', to);
        copyTree(ctx.fs, from, to);
      } else {
        if (ctx.fs.isDir(from) && isWithin(to, from)) {
          stderr += `mv: cannot move '${name}' to a subdirectory of itself, '${shownTo}'\n`;
          continue;
        }
        ctx.fs.rename(from, to);
      }
      if (flags.has('v')) stdout += cmd === 'cp' ? `'${name}' -> '${shownTo}'\n` : `renamed '${name}' -> '${shownTo}'\n`;
    } catch (error) {
      const verb = cmd === 'cp' ? `cannot create regular file '${shownTo}'` : `cannot move '${name}' to '${shownTo}'`;
      stderr += `${cmd}: ${verb}: ${describeError(error)}\n`;
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

export const cp: CommandDefinition = {
  name: 'cp',
  summary: 'copy files and directories',
  run: (ctx) => copyOrMove(ctx, 'cp'),
};

export const mv: CommandDefinition = {
  name: 'mv',
  summary: 'move or rename files',
  run: (ctx) => copyOrMove(ctx, 'mv'),
};

export const tee: CommandDefinition = {
  name: 'tee',
  summary: 'copy stdin to stdout and to files',
  run(ctx) {
    const parsed = parseArgs('tee', ctx.argv.slice(1), { flags: 'ai', long: { append: 'a' } });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    const text = ctx.stdin;
    let stderr = '';
    for (const name of operands) {
      const path = ctx.fs.resolve(ctx.cwd, name);
      try {
        ctx.fs.writeFile(path, text, { append: flags.has('a') });
      } catch (error) {
        stderr += `tee: ${name}: ${describeError(error)}\n`;
      }
    }
    return { stdout: text, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** `chmod` modes: octal, or symbolic like u+x,go-w. Null when invalid. */
export function applyMode(mode: number, spec: string, isDir: boolean): number | null {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let result = mode;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxX]*)$/.exec(clause);
    if (!m) return null;
    const who = m[1] === '' || m[1].includes('a') ? 'ugo' : m[1];
    let bits = 0;
    for (const p of m[3]) {
      const v = p === 'r' ? 4 : p === 'w' ? 2 : p === 'x' || (p === 'X' && (isDir || (mode & 0o111) !== 0)) ? 1 : 0;
      bits |= v;
    }
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      const mask = 7 << shift;
      if (m[2] === '+') result |= bits << shift;
      else if (m[2] === '-') result &= ~(bits << shift);
      else result = (result & ~mask) | (bits << shift);
    }
  }
  return result;
}

export const chmod: CommandDefinition = {
  name: 'chmod',
  summary: 'change file permissions (e.g. chmod +x script.sh)',
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== '-R' && a !== '-v' && a !== '-f');
    if (args.length === 0) return fail(`chmod: missing operand\n${tryHelp('chmod')}`);
    if (args.length === 1) return fail(`chmod: missing operand after ${q(args[0])}\n${tryHelp('chmod')}`);
    const [spec, ...names] = args;
    let stderr = '';
    for (const name of names) {
      const path = ctx.fs.resolve(ctx.cwd, name);
      if (!ctx.fs.exists(path)) {
        stderr += `chmod: cannot access '${name}': No such file or directory\n`;
        continue;
      }
      const stat = ctx.fs.stat(path);
      const mode = applyMode(stat.mode, spec, stat.type === 'dir');
      if (mode === null) return fail(`chmod: invalid mode: ${q(spec)}\n${tryHelp('chmod')}`);
      ctx.fs.chmod(path, mode);
    }
    return stderr ? fail(stderr) : ok();
  },
};
