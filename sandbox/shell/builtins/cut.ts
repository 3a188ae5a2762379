// cut: -f fields (with -d), -c characters, -b bytes; lists like 1,3-4,6-.
import type { CommandDefinition } from '../types.ts';
import { lastValue, parseArgs } from './options.ts';
import { fail, q, readInputs, splitLines, tryHelp } from './util.ts';

type Range = [number, number];

function parseList(list: string, what: string): Range[] | string {
  const ranges: Range[] = [];
  for (const item of list.split(/[,\s]+/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(item);
    if (!m || (m[1] === '' && m[3] === '') || item === '') {
      return `cut: invalid ${what} value ${q(item)}`;
    }
    const from = m[1] === '' ? 1 : Number(m[1]);
    const to = m[2] === '' ? from : m[3] === '' ? Infinity : Number(m[3]);
    if (from === 0 || to === 0) return 'cut: fields and positions are numbered from 1';
    if (to < from) return 'cut: invalid decreasing range';
    ranges.push([from, to]);
  }
  return ranges;
}

function selected(ranges: Range[], i: number): boolean {
  return ranges.some(([a, b]) => i >= a && i <= b);
}

export const cut: CommandDefinition = {
  name: 'cut',
  summary: 'print selected fields (-d, -f) or characters (-c) of each line',
  run(ctx) {
    const parsed = parseArgs('cut', ctx.argv.slice(1), {
      flags: 'snz',
      values: 'bcdf',
      long: {
        bytes: 'b=', characters: 'c=', delimiter: 'd=', fields: 'f=', 'only-delimited': 's',
        complement: '+complement', 'output-delimiter': '=output-delimiter',
      },
      help: 'Usage: cut OPTION... [FILE]...\nPrint selected parts of lines from each FILE to standard output.\n',
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    const modes = (['b', 'c', 'f'] as const).filter((m) => parsed.args.values.has(m));
    if (modes.length === 0) return fail(`cut: you must specify a list of bytes, characters, or fields\n${tryHelp('cut')}`);
    if (modes.length > 1) return fail(`cut: only one list may be specified\n${tryHelp('cut')}`);
    const mode = modes[0];
    const delimiter = lastValue(parsed.args, 'd');
    if (delimiter !== undefined && mode !== 'f') {
      return fail(`cut: an input delimiter may be specified only when operating on fields\n${tryHelp('cut')}`);
    }
    if (delimiter !== undefined && [...delimiter].length !== 1) {
      return fail(`cut: the delimiter must be a single character\n${tryHelp('cut')}`);
    }
    const ranges = parseList(lastValue(parsed.args, mode)!, mode === 'f' ? 'field' : 'byte/character');
    if (typeof ranges === 'string') return fail(`${ranges}\n${tryHelp('cut')}`);
    const complement = flags.has('complement');
    const keep = (i: number): boolean => selected(ranges, i) !== complement;
    const delim = delimiter ?? '\t';
    const outDelim = lastValue(parsed.args, 'output-delimiter') ?? (mode === 'f' ? delim : '');

    const { inputs, errors } = readInputs(ctx, 'cut', operands);
    let out = '';
    for (const input of inputs) {
      for (const line of splitLines(input.text)) {
        if (mode === 'f') {
          if (!line.includes(delim)) {
            if (!flags.has('s')) out += `${line}\n`;
            continue;
          }
          const parts = line.split(delim);
          out += `${parts.filter((_, i) => keep(i + 1)).join(outDelim)}\n`;
        } else {
          const chars = [...line];
          if (outDelim === '') {
            out += `${chars.filter((_, i) => keep(i + 1)).join('')}\n`;
          } else {
            // with --output-delimiter, each contiguous run is one piece
            const pieces: string[] = [];
            let run = '';
            chars.forEach((c, i) => {
              if (keep(i + 1)) run += c;
              else if (run) {
                pieces.push(run);
                run = '';
              }
            });
            if (run) pieces.push(run);
            out += `${pieces.join(outDelim)}\n`;
          }
        }
      }
    }
    return { stdout: out, stderr: errors, exitCode: errors ? 1 : 0 };
  },
};
