// wc: counts and column widths as GNU wc prints them.
import { utf8Length } from '../memfs.ts';
import type { CommandDefinition } from '../types.ts';
import { parseArgs } from './options.ts';
import { readFileText } from './util.ts';

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

function count(text: string): Counts {
  let lines = 0;
  let words = 0;
  let inWord = false;
  let maxLine = 0;
  let lineLength = 0;
  for (const ch of text) {
    if (ch === '\n') {
      lines++;
      maxLine = Math.max(maxLine, lineLength);
      lineLength = 0;
    } else lineLength += ch === '\t' ? 8 - (lineLength % 8) : 1;
    const space = ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\v' || ch === '\f';
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  maxLine = Math.max(maxLine, lineLength);
  return { lines, words, chars: [...text].length, bytes: utf8Length(text), maxLine };
}

export const wc: CommandDefinition = {
  name: 'wc',
  summary: 'count lines, words and bytes (-l, -w, -c)',
  run(ctx) {
    const parsed = parseArgs('wc', ctx.argv.slice(1), {
      flags: 'lwcmL',
      long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm', 'max-line-length': 'L' },
      help: 'Usage: wc [OPTION]... [FILE]...\nPrint newline, word, and byte counts for each FILE.\n',
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    let show = (['l', 'w', 'm', 'c', 'L'] as const).filter((f) => flags.has(f));
    if (show.length === 0) show = ['l', 'w', 'c'];
    const names = operands.length === 0 ? [null] : operands;
    const rows: { counts: Counts; name: string | null }[] = [];
    let stderr = '';
    let regularTotal = 0;
    let nonRegular = false;
    for (const name of names) {
      let text: string;
      if (name === null || name === '-') {
        text = ctx.stdin;
        nonRegular = true;
      } else {
        const read = readFileText(ctx, name);
        if (typeof read !== 'string') {
          stderr += `wc: ${name}: ${read.error}\n`;
          if (read.error === 'Is a directory') rows.push({ counts: count(''), name });
          continue;
        }
        text = read;
        regularTotal += utf8Length(text);
      }
      rows.push({ counts: count(text), name });
    }
    const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
    for (const r of rows) {
      total.lines += r.counts.lines;
      total.words += r.counts.words;
      total.chars += r.counts.chars;
      total.bytes += r.counts.bytes;
      total.maxLine = Math.max(total.maxLine, r.counts.maxLine);
    }
    // GNU: width from the total size of regular files, at least 7 when stdin is involved,
    // and no padding at all for a single count of a single input.
    let width = Math.max(String(regularTotal).length, nonRegular ? 7 : 1);
    if (show.length === 1 && names.length === 1) width = 1;
    const value = (c: Counts, f: string): number =>
      f === 'l' ? c.lines : f === 'w' ? c.words : f === 'm' ? c.chars : f === 'c' ? c.bytes : c.maxLine;
    const line = (c: Counts, name: string | null): string =>
      show.map((f) => String(value(c, f)).padStart(width)).join(' ') + (name === null ? '' : ` ${name}`) + '\n';
    let stdout = rows.map((r) => line(r.counts, r.name)).join('');
    if (names.length > 1) stdout += line(total, 'total');
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};
