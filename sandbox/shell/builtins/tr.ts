// tr: translate, delete (-d) or squeeze (-s) characters; ranges, classes, -c complement.
import type { CommandDefinition } from '../types.ts';
import { parseArgs } from './options.ts';
import { fail, q, tryHelp } from './util.ts';

const CLASSES: Record<string, string> = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  xdigit: '0123456789ABCDEFabcdef',
};
CLASSES.alpha = CLASSES.upper + CLASSES.lower;
CLASSES.alnum = CLASSES.digit + CLASSES.alpha;
CLASSES.cntrl = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\x7f';
CLASSES.print = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
CLASSES.graph = CLASSES.print.slice(1);

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };

/** Expands a tr set into its characters, or an error message. */
function expandSet(spec: string): string[] | string {
  // First turn escapes into single characters, remembering which ones were escaped.
  const chars: { c: string; escaped: boolean }[] = [];
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '\\' && i + 1 < spec.length) {
      const n = spec[i + 1];
      if (n >= '0' && n <= '7') {
        let j = i + 1;
        while (j < i + 4 && spec[j] >= '0' && spec[j] <= '7') j++;
        chars.push({ c: String.fromCharCode(parseInt(spec.slice(i + 1, j), 8)), escaped: true });
        i = j - 1;
      } else {
        chars.push({ c: ESCAPES[n] ?? n, escaped: true });
        i++;
      }
    } else chars.push({ c, escaped: false });
  }
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const { c, escaped } = chars[i];
    if (!escaped && c === '[' && chars[i + 1]?.c === ':') {
      const rest = chars.slice(i + 2).map((x) => x.c).join('');
      const m = /^([a-z]+):\]/.exec(rest);
      if (m) {
        const cls = CLASSES[m[1]];
        if (cls === undefined) return `tr: invalid character class ${q(m[1])}`;
        out.push(...cls);
        i += 2 + m[0].length - 1;
        continue;
      }
    }
    if (!escaped && c === '[' && chars[i + 2]?.c === '*') {
      // [c*n] repeat (n empty = fill, handled as one copy here)
      const rest = chars.slice(i + 3).map((x) => x.c).join('');
      const m = /^(\d*)\]/.exec(rest);
      if (m) {
        const n = m[1] === '' ? 1 : Number(m[1]);
        for (let k = 0; k < Math.min(n, 65536); k++) out.push(chars[i + 1].c);
        i += 3 + m[0].length - 1;
        continue;
      }
    }
    if (i + 2 < chars.length && chars[i + 1].c === '-' && !chars[i + 1].escaped) {
      const from = c.codePointAt(0)!;
      const to = chars[i + 2].c.codePointAt(0)!;
      if (to < from) {
        return `tr: range-endpoints of '${c}-${chars[i + 2].c}' are in reverse collating sequence order`;
      }
      for (let k = from; k <= to; k++) out.push(String.fromCodePoint(k));
      i += 2;
      continue;
    }
    out.push(c);
  }
  return out;
}

export const tr: CommandDefinition = {
  name: 'tr',
  summary: 'translate or delete characters (tr a-z A-Z, tr -d)',
  run(ctx) {
    const parsed = parseArgs('tr', ctx.argv.slice(1), {
      flags: 'cCdst',
      long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', 'truncate-set1': 't' },
      help: 'Usage: tr [OPTION]... STRING1 [STRING2]\nTranslate, squeeze, and/or delete characters from standard input.\n',
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    const del = flags.has('d');
    const squeeze = flags.has('s');
    const complement = flags.has('c') || flags.has('C');
    if (operands.length === 0) return fail(`tr: missing operand\n${tryHelp('tr')}`);
    const translating = !del && operands.length >= 1 && !(squeeze && operands.length === 1);
    const needed = del && squeeze ? 2 : translating ? 2 : 1;
    if (operands.length < needed) {
      const why = del && squeeze ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.';
      return fail(`tr: missing operand after ${q(operands[operands.length - 1])}\n${why}\n${tryHelp('tr')}`);
    }
    if (operands.length > needed) {
      const extra = operands[needed];
      const note = del && !squeeze ? 'Only one string may be given when deleting without squeezing repeats.\n' : '';
      return fail(`tr: extra operand ${q(extra)}\n${note}${tryHelp('tr')}`);
    }
    const set1 = expandSet(operands[0]);
    if (typeof set1 === 'string') return fail(`${set1}\n`);
    const set2 = operands[1] === undefined ? [] : expandSet(operands[1]);
    if (typeof set2 === 'string') return fail(`${set2}\n`);
    if (translating && set2.length === 0) return fail('tr: when not truncating set1, string2 must be non-empty\n');

    const in1 = new Set(set1);
    const inSet1 = (c: string): boolean => in1.has(c) !== complement;
    const map = new Map<string, string>();
    if (translating && !complement) {
      set1.forEach((c, i) => map.set(c, set2[Math.min(i, set2.length - 1)]));
    }
    const squeezeSet = new Set(translating || (del && squeeze) ? set2 : set1);
    const squeezeTest = (c: string): boolean => (translating || del ? squeezeSet.has(c) : inSet1(c));

    let out = '';
    let last = '';
    for (const ch of ctx.stdin) {
      let c: string | null = ch;
      if (del) {
        if (inSet1(c)) c = null;
      } else if (translating) {
        if (complement) {
          if (inSet1(c)) c = set2[set2.length - 1];
        } else if (map.has(c)) c = map.get(c)!;
      }
      if (c === null) continue;
      if (squeeze && c === last && squeezeTest(c)) continue;
      out += c;
      last = c;
    }
    return { stdout: out, stderr: '', exitCode: 0 };
  },
};
