// sort and uniq. Text compares by code point (LC_ALL=C), so output never depends on a locale.
import type { CommandDefinition } from '../types.ts';
import { lastValue, parseArgs } from './options.ts';
import { fail, joinLines, q, readInputs, splitLines, tryHelp } from './util.ts';

interface Key {
  startField: number;
  endField: number | null;
  numeric: boolean;
  reverse: boolean;
  fold: boolean;
  blanks: boolean;
}

function parseKey(spec: string): Key | null {
  const m = /^(\d+)(?:\.\d+)?([bdfgimnrRVh]*)(?:,(\d+)(?:\.\d+)?([bdfgimnrRVh]*))?$/.exec(spec);
  if (!m || Number(m[1]) < 1) return null;
  const opts = (m[2] ?? '') + (m[4] ?? '');
  return {
    startField: Number(m[1]),
    endField: m[3] === undefined ? null : Number(m[3]),
    numeric: /[ngh]/.test(opts),
    reverse: opts.includes('r'),
    fold: opts.includes('f'),
    blanks: opts.includes('b'),
  };
}

/** Fields as sort sees them: without -t, each field keeps its leading blanks. */
function fields(line: string, separator: string | undefined): string[] {
  if (separator !== undefined) return line.split(separator);
  const out: string[] = [];
  const re = /[ \t]*[^ \t]+/g;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(line)) !== null) {
    out.push(m[0]);
    end = re.lastIndex;
  }
  if (end < line.length) out.push(line.slice(end));
  return out;
}

function keyText(line: string, key: Key, separator: string | undefined): string {
  const f = fields(line, separator);
  const end = key.endField ?? f.length;
  const text = f.slice(key.startField - 1, end).join(separator ?? '');
  return key.blanks ? text.replace(/^[ \t]+/, '') : text;
}

function numberOf(text: string): number {
  const m = /^[ \t]*([-+]?(?:\d+\.?\d*|\.\d+))/.exec(text);
  return m ? Number(m[1]) : 0;
}

const SI = 'KMGTPEZY';

/** -h: 2K < 1M; a suffix outranks any number without one. */
function humanOf(text: string): number {
  const m = /^[ \t]*([-+]?(?:\d+\.?\d*|\.\d+))([KMGTPEZY]?)/i.exec(text);
  if (!m) return 0;
  const power = m[2] ? SI.indexOf(m[2].toUpperCase()) + 1 : 0;
  return Number(m[1]) * 1024 ** power;
}

export const sort: CommandDefinition = {
  name: 'sort',
  summary: 'sort lines (-n numeric, -r reverse, -u unique, -k field, -t separator)',
  run(ctx) {
    const parsed = parseArgs('sort', ctx.argv.slice(1), {
      flags: 'rnufbsgMhVcC',
      values: 'kto',
      long: {
        reverse: 'r', 'numeric-sort': 'n', unique: 'u', 'ignore-case': 'f', 'ignore-leading-blanks': 'b',
        stable: 's', key: 'k=', 'field-separator': 't=', output: 'o=', 'general-numeric-sort': 'g', 'human-numeric-sort': 'h',
      },
      errorStatus: 2,
      help: 'Usage: sort [OPTION]... [FILE]...\nWrite sorted concatenation of all FILE(s) to standard output.\n',
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    const separator = lastValue(parsed.args, 't');
    if (separator !== undefined && [...separator].length !== 1) {
      return fail(separator === '' ? 'sort: empty tab\n' : `sort: multi-character tab ${q(separator)}\n`, 2);
    }
    const keys: Key[] = [];
    for (const spec of parsed.args.values.get('k') ?? []) {
      const key = parseKey(spec);
      if (!key) return fail(`sort: invalid number at field start: invalid count at start of ${q(spec)}\n${tryHelp('sort')}`, 2);
      keys.push(key);
    }
    const numeric = flags.has('n') || flags.has('g') || flags.has('h');
    const human = flags.has('h');
    const fold = flags.has('f');
    const { inputs, errors } = readInputs(ctx, 'sort', operands, (name, reason) => `sort: cannot read: ${name}: ${reason}\n`);
    if (errors) return fail(errors, 2);
    const lines = inputs.flatMap((i) => splitLines(i.text));

    // Keys are computed once per line (decorate, sort, undecorate): comparisons stay cheap.
    type Decorated = { line: string; keys: (string | number)[] };
    const plans = keys.length === 0
      ? [{ numeric, fold, reverse: false, extract: (line: string) => (flags.has('b') ? line.trimStart() : line) }]
      : keys.map((key) => {
          const plain = !key.numeric && !key.reverse && !key.fold && !key.blanks;
          return {
            numeric: plain ? numeric : key.numeric,
            fold: plain ? fold : key.fold,
            reverse: key.reverse,
            extract: (line: string) => keyText(line, key, separator),
          };
        });
    const decorate = (line: string): Decorated => ({
      line,
      keys: plans.map((p) => {
        const text = p.extract(line);
        return p.numeric ? (human ? humanOf(text) : numberOf(text)) : p.fold ? text.toUpperCase() : text;
      }),
    });
    const count = plans.length;
    const keyCompare = (a: Decorated, b: Decorated): number => {
      for (let i = 0; i < count; i++) {
        const x = a.keys[i];
        const y = b.keys[i];
        const c = typeof x === 'number' ? x - (y as number) || 0 : x < y ? -1 : x > y ? 1 : 0;
        if (c !== 0) return plans[i].reverse ? -c : c;
      }
      return 0;
    };
    const reverse = flags.has('r') ? -1 : 1;
    const unique = flags.has('u');
    const decorated = lines.map(decorate);
    // GNU's last resort: equal keys fall back to comparing whole lines (not with -s or -u).
    const noLastResort = unique || flags.has('s');
    const sortedDecorated = decorated.slice().sort((a, b) => {
      const c = keyCompare(a, b);
      if (c !== 0 || noLastResort) return c * reverse;
      return a.line < b.line ? -reverse : a.line > b.line ? reverse : 0;
    });
    let kept = sortedDecorated;
    if (unique) {
      kept = [];
      for (const d of sortedDecorated) if (kept.length === 0 || keyCompare(kept[kept.length - 1], d) !== 0) kept.push(d);
    }
    const out = kept.map((d) => d.line);
    if (flags.has('c') || flags.has('C')) {
      for (let i = 1; i < lines.length; i++) {
        if (keyCompare(decorated[i - 1], decorated[i]) * reverse > 0) {
          return fail(flags.has('C') ? '' : `sort: ${operands[0] ?? '-'}:${i + 1}: disorder: ${lines[i]}\n`);
        }
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    const output = lastValue(parsed.args, 'o');
    if (output !== undefined) {
      try {
        ctx.fs.writeFile(ctx.fs.resolve(ctx.cwd, output), joinLines(out));
      } catch {
        return fail(`sort: open failed: ${output}: No such file or directory\n`, 2);
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    return { stdout: joinLines(out), stderr: '', exitCode: 0 };
  },
};

export const uniq: CommandDefinition = {
  name: 'uniq',
  summary: 'drop repeated adjacent lines (-c count, -d only repeated)',
  run(ctx) {
    const parsed = parseArgs('uniq', ctx.argv.slice(1), {
      flags: 'cdui',
      values: 'fs',
      long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i', 'skip-fields': 'f=', 'skip-chars': 's=' },
      help: 'Usage: uniq [OPTION]... [INPUT [OUTPUT]]\nFilter adjacent matching lines from INPUT, writing to OUTPUT.\n',
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    if (operands.length > 2) return fail(`uniq: extra operand ${q(operands[2])}\n${tryHelp('uniq')}`);
    const { inputs, errors } = readInputs(ctx, 'uniq', operands.slice(0, 1));
    if (errors) return fail(errors);
    const skipFields = Number(lastValue(parsed.args, 'f') ?? '0') || 0;
    const skipChars = Number(lastValue(parsed.args, 's') ?? '0') || 0;
    const keyOf = (line: string): string => {
      let rest = line;
      for (let i = 0; i < skipFields; i++) rest = rest.replace(/^[ \t]*[^ \t]+/, '');
      rest = rest.slice(skipChars);
      return flags.has('i') ? rest.toLowerCase() : rest;
    };
    const lines = splitLines(inputs[0]?.text ?? '');
    const groups: { line: string; count: number }[] = [];
    for (const line of lines) {
      const last = groups[groups.length - 1];
      if (last && keyOf(last.line) === keyOf(line)) last.count++;
      else groups.push({ line, count: 1 });
    }
    const kept = groups.filter((g) => (!flags.has('d') || g.count > 1) && (!flags.has('u') || g.count === 1));
    const text = kept.map((g) => (flags.has('c') ? `${String(g.count).padStart(7)} ${g.line}\n` : `${g.line}\n`)).join('');
    if (operands[1] !== undefined) {
      try {
        ctx.fs.writeFile(ctx.fs.resolve(ctx.cwd, operands[1]), text);
      } catch (error) {
        return fail(`uniq: ${operands[1]}: ${error instanceof Error && 'description' in error ? String(error.description) : 'cannot write'}\n`);
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    return { stdout: text, stderr: '', exitCode: 0 };
  },
};
