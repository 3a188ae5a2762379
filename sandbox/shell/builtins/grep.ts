// grep: GNU options, BRE by default, exit 0 / 1 (nothing selected) / 2 (trouble).
import type { MemFS } from '../memfs.ts';
import type { CommandDefinition, CommandResult } from '../types.ts';
import { lastValue, parseArgs } from './options.ts';
import { compileRegex, translateRegex } from './posix-regex.ts';
import { readFileText, splitLines } from './util.ts';

const USAGE = 'Usage: grep [OPTION]... PATTERNS [FILE]...';

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Files under a directory, depth first, sorted (for -r). */
function walk(fs: MemFS, path: string, shown: string, out: { path: string; shown: string }[]): void {
  for (const name of fs.list(path)) {
    const child = fs.resolve(path, name);
    const childShown = shown.endsWith('/') ? shown + name : `${shown}/${name}`;
    if (fs.isDir(child)) walk(fs, child, childShown, out);
    else if (fs.isFile(child)) out.push({ path: child, shown: childShown });
  }
}

export const grep: CommandDefinition = {
  name: 'grep',
  summary: 'print lines that match a pattern',
  run(ctx): CommandResult {
    const parsed = parseArgs('grep', ctx.argv.slice(1), {
      flags: 'ivcnowqsxEFGHhlLrRIaZz',
      values: 'emABCf',
      long: {
        'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'line-number': 'n', 'only-matching': 'o',
        'word-regexp': 'w', 'line-regexp': 'x', quiet: 'q', silent: 'q', 'no-messages': 's',
        'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'with-filename': 'H',
        'no-filename': 'h', 'files-with-matches': 'l', 'files-without-match': 'L', recursive: 'r',
        'dereference-recursive': 'R', regexp: 'e=', 'max-count': 'm=', 'after-context': 'A=',
        'before-context': 'B=', context: 'C=', color: '?color', colour: '?color', text: 'a',
      },
      errorStatus: 2,
      usageLine: USAGE,
      help: `${USAGE}\nSearch for PATTERNS in each FILE.\n`,
    });
    if (!parsed.ok) return parsed.result;
    const { flags, values } = parsed.args;
    const operands = parsed.args.operands.slice();
    let patterns: string[];
    if (values.has('e') || values.has('f')) {
      patterns = [...(values.get('e') ?? [])];
      for (const file of values.get('f') ?? []) {
        const text = readFileText(ctx, file);
        if (typeof text !== 'string') return { stdout: '', stderr: `grep: ${file}: ${text.error}\n`, exitCode: 2 };
        patterns.push(...splitLines(text));
      }
    } else {
      if (operands.length === 0) return { stdout: '', stderr: `${USAGE}\nTry 'grep --help' for more information.\n`, exitCode: 2 };
      patterns = [operands.shift()!];
    }
    patterns = patterns.flatMap((p) => p.split('\n'));

    const numberOption = (key: string): number | CommandResult | undefined => {
      const text = lastValue(parsed.args, key);
      if (text === undefined) return undefined;
      if (!/^\d+$/.test(text)) {
        const what = key === 'm' ? 'max count' : 'context length argument';
        return { stdout: '', stderr: `grep: ${text}: invalid ${what}\n`, exitCode: 2 };
      }
      return Number(text);
    };
    const maxCount = numberOption('m');
    const after = numberOption('A') ?? numberOption('C') ?? 0;
    const before = numberOption('B') ?? numberOption('C') ?? 0;
    for (const v of [maxCount, after, before]) if (typeof v === 'object') return v;
    const afterN = after as number;
    const beforeN = before as number;

    // One regex for all patterns; back-references are renumbered per pattern.
    const extended = flags.has('E');
    const sources: string[] = [];
    let offset = 0;
    for (const pattern of patterns) {
      if (flags.has('F')) {
        sources.push(escapeLiteral(pattern));
        continue;
      }
      const t = translateRegex(pattern, extended, offset);
      if ('error' in t) return { stdout: '', stderr: `grep: ${t.error}\n`, exitCode: 2 };
      sources.push(t.source);
      offset += t.groups;
    }
    let source = sources.map((s) => `(?:${s})`).join('|');
    if (flags.has('x')) source = `^(?:${source})$`;
    else if (flags.has('w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
    const compiled = compileRegex(source, flags.has('i') ? 'gi' : 'g');
    if ('error' in compiled) return { stdout: '', stderr: `grep: ${compiled.error}\n`, exitCode: 2 };
    const regex = compiled;
    const matches = (line: string): boolean => {
      regex.lastIndex = 0;
      return regex.test(line);
    };

    const recursive = flags.has('r') || flags.has('R');
    if (operands.length === 0) operands.push(recursive ? '.' : '-');
    const targets: { path: string | null; shown: string }[] = [];
    let stderr = '';
    let trouble = false;
    const complain = (message: string): void => {
      trouble = true;
      if (!flags.has('s')) stderr += message;
    };
    for (const name of operands) {
      if (name === '-') {
        targets.push({ path: null, shown: '(standard input)' });
        continue;
      }
      const path = ctx.fs.resolve(ctx.cwd, name);
      if (!ctx.fs.exists(path)) complain(`grep: ${name}: No such file or directory\n`);
      else if (ctx.fs.isDir(path)) {
        if (recursive) {
          const found: { path: string; shown: string }[] = [];
          walk(ctx.fs, path, name, found);
          targets.push(...found);
        } else complain(`grep: ${name}: Is a directory\n`);
      } else targets.push({ path, shown: name });
    }
    const withName = flags.has('H') || (!flags.has('h') && (operands.length > 1 || recursive));
    const invert = flags.has('v');
    const quiet = flags.has('q');
    let out = '';
    let anySelected = false;

    for (const target of targets) {
      const text = target.path === null ? ctx.stdin : ctx.fs.readFile(target.path);
      const lines = splitLines(text);
      const prefix = (n: number, sep: string): string =>
        (withName ? `${target.shown}${sep}` : '') + (flags.has('n') ? `${n + 1}${sep}` : '');
      let count = 0;
      let lastPrinted = -1;
      let pendingAfter = 0;
      for (let i = 0; i < lines.length; i++) {
        if (maxCount !== undefined && count >= (maxCount as number)) {
          // GNU still prints trailing context after the last counted match
          if (pendingAfter > 0 && !flags.has('c') && !flags.has('l') && !flags.has('L')) {
            out += prefix(i, '-') + lines[i] + '\n';
            lastPrinted = i;
            pendingAfter--;
            continue;
          }
          break;
        }
        const line = lines[i];
        const selected = matches(line) !== invert;
        if (!selected) {
          if (pendingAfter > 0 && !flags.has('c') && !flags.has('l') && !flags.has('L') && !flags.has('o')) {
            out += prefix(i, '-') + line + '\n';
            lastPrinted = i;
            pendingAfter--;
          }
          continue;
        }
        count++;
        anySelected = true;
        if (quiet) return { stdout: '', stderr, exitCode: 0 };
        if (flags.has('c') || flags.has('l') || flags.has('L')) continue;
        if (flags.has('o')) {
          if (invert) continue;
          regex.lastIndex = 0;
          for (const m of line.matchAll(regex)) {
            if (m[0] !== '') out += prefix(i, ':') + m[0] + '\n';
          }
          continue;
        }
        const from = Math.max(lastPrinted + 1, i - beforeN);
        if ((beforeN > 0 || afterN > 0) && lastPrinted >= 0 && from > lastPrinted + 1) out += '--\n';
        for (let j = from; j < i; j++) out += prefix(j, '-') + lines[j] + '\n';
        out += prefix(i, ':') + line + '\n';
        lastPrinted = i;
        pendingAfter = afterN;
      }
      if (flags.has('c')) out += `${withName ? `${target.shown}:` : ''}${count}\n`;
      if (flags.has('l') && count > 0) out += `${target.shown}\n`;
      if (flags.has('L') && count === 0) out += `${target.shown}\n`;
    }
    if (quiet) return { stdout: '', stderr, exitCode: trouble ? 2 : 1 };
    const status = trouble ? 2 : anySelected ? 0 : 1;
    return { stdout: out, stderr, exitCode: status };
  },
};
