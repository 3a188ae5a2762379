// head and tail: -n N (also -N, and tail's +N), -c N, headers for several files.
import type { CommandContext, CommandDefinition, CommandResult } from '../types.ts';
import { lastValue, parseArgs } from './options.ts';
import { q, readFileText, splitKeepingNewlines } from './util.ts';

interface Count {
  /** head: negative means "all but the last N"; tail: `fromStart` means +N. */
  n: number;
  fromStart: boolean;
}

const MULTIPLIERS: Record<string, number> = { '': 1, b: 512, K: 1024, k: 1024, M: 1024 ** 2, G: 1024 ** 3, kB: 1000, MB: 1000 ** 2 };

function parseCount(text: string): Count | null {
  const m = /^([+-]?)(\d+)(b|kB|MB|[KkMG])?$/.exec(text);
  if (!m) return null;
  const n = Number(m[2]) * MULTIPLIERS[m[3] ?? ''];
  return { n: m[1] === '-' ? -n : n, fromStart: m[1] === '+' };
}

function run(ctx: CommandContext, cmd: 'head' | 'tail'): CommandResult {
  // -5 is short for -n 5 (only as a whole word)
  const raw = ctx.argv.slice(1);
  const args = raw.map((a, i) => {
    const previous = raw[i - 1];
    const isValue = previous === '-n' || previous === '-c' || previous === '--lines' || previous === '--bytes';
    return /^-\d+$/.test(a) && !isValue ? `-n${a.slice(1)}` : a;
  });
  const parsed = parseArgs(cmd, args, {
    // no -z: NUL-separated records mean nothing in this terminal
    flags: cmd === 'tail' ? 'qvfF' : 'qv',
    values: 'nc',
    long: { lines: 'n=', bytes: 'c=', quiet: 'q', silent: 'q', verbose: 'v', follow: '?follow' },
    help: `Usage: ${cmd} [OPTION]... [FILE]...\nPrint the ${cmd === 'head' ? 'first' : 'last'} 10 lines of each FILE to standard output.\n`,
  });
  if (!parsed.ok) return parsed.result;
  const { flags, operands } = parsed.args;
  const bytesText = lastValue(parsed.args, 'c');
  const linesText = lastValue(parsed.args, 'n');
  // When both -c and -n are given, the later one wins.
  let last = '';
  for (const a of args) {
    if (a === '--') break;
    if (/^-[a-z]*c/.test(a) || a.startsWith('--bytes')) last = 'c';
    else if (/^-[a-z]*n/.test(a) || a.startsWith('--lines')) last = 'n';
  }
  const byBytes = bytesText !== undefined && (linesText === undefined || last === 'c');
  const countText = byBytes ? bytesText : linesText;
  let count: Count = { n: 10, fromStart: false };
  if (countText !== undefined) {
    const parsedCount = parseCount(countText);
    if (!parsedCount) return { stdout: '', stderr: `${cmd}: invalid number of ${byBytes ? 'bytes' : 'lines'}: ${q(countText)}\n`, exitCode: 1 };
    count = parsedCount;
  }
  const names = operands.length === 0 ? ['-'] : operands;
  const headers = flags.has('v') || (names.length > 1 && !flags.has('q'));
  let stdout = '';
  let stderr = '';
  let first = true;
  for (const name of names) {
    let text: string;
    if (name === '-') text = ctx.stdin;
    else {
      const read = readFileText(ctx, name);
      if (typeof read !== 'string') {
        stderr += read.error === 'Is a directory'
          ? `${cmd}: error reading '${name}': Is a directory\n`
          : `${cmd}: cannot open '${name}' for reading: ${read.error}\n`;
        continue;
      }
      text = read;
    }
    if (headers) {
      stdout += `${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`;
    }
    first = false;
    stdout += cmd === 'head' ? head(text, count, byBytes) : tail(text, count, byBytes);
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

function head(text: string, count: Count, bytes: boolean): string {
  if (bytes) return count.n >= 0 ? text.slice(0, count.n) : text.slice(0, Math.max(0, text.length + count.n));
  const lines = splitKeepingNewlines(text);
  return (count.n >= 0 ? lines.slice(0, count.n) : lines.slice(0, Math.max(0, lines.length + count.n))).join('');
}

function tail(text: string, count: Count, bytes: boolean): string {
  const n = Math.abs(count.n);
  if (bytes) {
    if (count.fromStart) return text.slice(Math.max(0, n - 1));
    return n === 0 ? '' : text.slice(-n);
  }
  const lines = splitKeepingNewlines(text);
  if (count.fromStart) return lines.slice(Math.max(0, n - 1)).join('');
  return n === 0 ? '' : lines.slice(-n).join('');
}

export const headCommand: CommandDefinition = {
  name: 'head',
  summary: 'print the first lines of files (-n N)',
  run: (ctx) => run(ctx, 'head'),
};

export const tailCommand: CommandDefinition = {
  name: 'tail',
  summary: 'print the last lines of files (-n N, -n +N from line N)',
  run: (ctx) => run(ctx, 'tail'),
};

