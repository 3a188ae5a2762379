// Small text utilities: seq, basename, dirname.
import { MAX_OUTPUT } from '../limits.ts';
import type { CommandDefinition } from '../types.ts';
import { lastValue, parseArgs } from './options.ts';
import { fail, ok, q, tryHelp } from './util.ts';

function decimals(text: string): number {
  const m = /\.(\d*)/.exec(text);
  return m && !/e/i.test(text) ? m[1].length : 0;
}

export const seq: CommandDefinition = {
  name: 'seq',
  summary: 'print a sequence of numbers (seq 5, seq 2 10, seq 1 2 9)',
  run(ctx) {
    // Negative numbers are operands, not options.
    const args = ctx.argv.slice(1).map((a) => (/^-\d/.test(a) ? `\u0000${a}` : a));
    const parsed = parseArgs('seq', args, {
      flags: 'w',
      values: 'sf',
      long: { separator: 's=', 'equal-width': 'w', format: 'f=' },
      help: 'Usage: seq [OPTION]... LAST\n  or:  seq [OPTION]... FIRST LAST\n  or:  seq [OPTION]... FIRST INCREMENT LAST\nPrint numbers from FIRST to LAST, in steps of INCREMENT.\n',
    });
    if (!parsed.ok) return parsed.result;
    const operands = parsed.args.operands.map((a) => a.replace(/^\u0000/, ''));
    if (operands.length === 0) return fail(`seq: missing operand\n${tryHelp('seq')}`);
    if (operands.length > 3) return fail(`seq: extra operand ${q(operands[3])}\n${tryHelp('seq')}`);
    for (const o of operands) {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(o)) {
        return fail(`seq: invalid floating point argument: ${q(o)}\n${tryHelp('seq')}`);
      }
    }
    const [firstText, stepText, lastText] =
      operands.length === 1 ? ['1', '1', operands[0]] : operands.length === 2 ? [operands[0], '1', operands[1]] : operands;
    const first = Number(firstText);
    const step = Number(stepText);
    const last = Number(lastText);
    if (step === 0) return fail(`seq: invalid Zero increment value: ${q(stepText)}\n${tryHelp('seq')}`);
    const places = Math.max(decimals(firstText), decimals(stepText));
    const separator = lastValue(parsed.args, 's') ?? '\n';
    const format = lastValue(parsed.args, 'f');
    const values: string[] = [];
    let size = 0;
    for (let i = 0; ; i++) {
      const v = first + i * step;
      if (step > 0 ? v > last + 1e-10 : v < last - 1e-10) break;
      let text = v.toFixed(places);
      if (format !== undefined) {
        const m = /%([-+ 0#]*)(\d*)(?:\.(\d+))?[fgeFGE]/.exec(format);
        const p = m?.[3] !== undefined ? Number(m[3]) : 6;
        const formatted = /g/i.test(m?.[0] ?? '') ? String(Number(v.toPrecision(p))) : v.toFixed(p);
        text = m ? format.replace(m[0], formatted.padStart(Number(m[2] || 0), m[1].includes('0') ? '0' : ' ')) : format;
      }
      values.push(text);
      size += text.length + separator.length;
      if (size > MAX_OUTPUT) break;
    }
    if (parsed.args.flags.has('w')) {
      const width = Math.max(...values.map((v) => v.length));
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        values[i] = v.startsWith('-') ? `-${v.slice(1).padStart(width - 1, '0')}` : v.padStart(width, '0');
      }
    }
    return ok(values.length === 0 ? '' : `${values.join(separator)}\n`);
  },
};

function baseOf(name: string, suffix: string): string {
  if (name === '') return '';
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  let base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  return base;
}

export const basename: CommandDefinition = {
  name: 'basename',
  summary: 'strip the directory (and a suffix) from a file name',
  run(ctx) {
    const parsed = parseArgs('basename', ctx.argv.slice(1), {
      flags: 'az',
      values: 's',
      long: { multiple: 'a', suffix: 's=', zero: 'z' },
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    if (operands.length === 0) return fail(`basename: missing operand\n${tryHelp('basename')}`);
    const suffix = lastValue(parsed.args, 's');
    const multiple = flags.has('a') || suffix !== undefined;
    if (!multiple && operands.length > 2) return fail(`basename: extra operand ${q(operands[2])}\n${tryHelp('basename')}`);
    const names = multiple ? operands : [operands[0]];
    const end = flags.has('z') ? '\0' : '\n';
    return ok(names.map((n) => baseOf(n, multiple ? suffix ?? '' : operands[1] ?? '') + end).join(''));
  },
};

export const dirname: CommandDefinition = {
  name: 'dirname',
  summary: 'strip the last component from a file name',
  run(ctx) {
    const parsed = parseArgs('dirname', ctx.argv.slice(1), { flags: 'z', long: { zero: 'z' } });
    if (!parsed.ok) return parsed.result;
    const { operands } = parsed.args;
    if (operands.length === 0) return fail(`dirname: missing operand\n${tryHelp('dirname')}`);
    const out = operands.map((name) => {
      const trimmed = name.replace(/\/+$/, '');
      if (trimmed === '') return name.startsWith('/') ? '/' : '.';
      const slash = trimmed.lastIndexOf('/');
      if (slash === -1) return '.';
      const dir = trimmed.slice(0, slash).replace(/\/+$/, '');
      return dir === '' ? '/' : dir;
    });
    return ok(out.map((d) => `${d}${parsed.args.flags.has('z') ? '\0' : '\n'}`).join(''));
  },
};
