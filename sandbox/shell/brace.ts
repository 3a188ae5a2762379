// Brace expansion: `file{1..3}.txt`, `{a,b}c`. It runs first, on the unquoted literal text of a
// word, and only on words of a reasonable size (a pasted megabyte is left alone).
import type { Word, WordPart } from './ast.ts';

const MAX_WORD = 4096;
const MAX_RESULTS = 65_536;

export class BraceError extends Error {}

interface Group {
  part: number;
  start: number;
  end: number;
  alternatives: string[];
}

/** Every word brace expansion makes of `word` (just `[word]` when it has no valid group). */
export function expandBraces(word: Word): Word[] {
  if (word.raw.length > MAX_WORD || !word.raw.includes('{')) return [word];
  const out: Word[] = [];
  const stack: Word[] = [word];
  let steps = 0;
  while (stack.length > 0) {
    const current = stack.pop()!;
    const group = findGroup(current.parts);
    if (!group) {
      out.push(current);
      if (out.length > MAX_RESULTS) throw new BraceError('bash: brace expansion: too many words');
      continue;
    }
    if (++steps > MAX_RESULTS) throw new BraceError('bash: brace expansion: too many words');
    const text = (current.parts[group.part] as { text: string }).text;
    const prefix = text.slice(0, group.start);
    const suffix = text.slice(group.end + 1);
    for (let a = group.alternatives.length - 1; a >= 0; a--) {
      const parts: WordPart[] = current.parts.slice();
      parts[group.part] = { kind: 'lit', text: prefix + group.alternatives[a] + suffix, quoted: false };
      stack.push({ parts, raw: current.raw });
    }
  }
  return out;
}

function findGroup(parts: WordPart[]): Group | null {
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (part.kind !== 'lit' || part.quoted || !part.text.includes('{')) continue;
    const found = findInText(part.text);
    if (found) return { part: p, ...found };
  }
  return null;
}

/** The first valid `{a,b}` or `{x..y[..step]}` in text. */
function findInText(text: string): Omit<Group, 'part'> | null {
  // One pass pairs braces and records the commas directly inside each pair.
  const open: number[] = [];
  const commas = new Map<number, number[]>();
  const pairs: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      open.push(i);
      commas.set(i, []);
    } else if (c === '}' && open.length > 0) {
      pairs.push([open.pop()!, i]);
    } else if (c === ',' && open.length > 0) {
      commas.get(open[open.length - 1])!.push(i);
    }
  }
  pairs.sort((a, b) => a[0] - b[0]);
  for (const [start, end] of pairs) {
    // `${` never reaches here (it is a parameter part); a `$` right before `{` is literal text.
    const inner = commas.get(start)!;
    if (inner.length > 0) {
      const alternatives: string[] = [];
      let from = start + 1;
      for (const comma of inner) {
        alternatives.push(text.slice(from, comma));
        from = comma + 1;
      }
      alternatives.push(text.slice(from, end));
      return { start, end, alternatives };
    }
    const body = text.slice(start + 1, end);
    if (body.length <= 40) {
      const sequence = sequenceOf(body);
      if (sequence) return { start, end, alternatives: sequence };
    }
  }
  return null;
}

function sequenceOf(body: string): string[] | null {
  const numeric = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  if (numeric) {
    const [, a, b, s] = numeric;
    const from = Number(a);
    const to = Number(b);
    let step = Math.abs(Number(s ?? '1')) || 1;
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) return null;
    if (Math.abs(to - from) / step > MAX_RESULTS) throw new BraceError('bash: brace expansion: too many words');
    const width = /^-?0\d/.test(a) || /^-?0\d/.test(b) ? Math.max(a.length, b.length) : 0;
    const out: string[] = [];
    if (from > to) step = -step;
    for (let v = from; step > 0 ? v <= to : v >= to; v += step) {
      const digits = String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0');
      out.push(v < 0 ? `-${digits}` : digits);
    }
    return out;
  }
  const letters = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  if (letters) {
    const from = letters[1].charCodeAt(0);
    const to = letters[2].charCodeAt(0);
    let step = Math.abs(Number(letters[3] ?? '1')) || 1;
    if (from > to) step = -step;
    const out: string[] = [];
    for (let v = from; step > 0 ? v <= to : v >= to; v += step) out.push(String.fromCharCode(v));
    return out;
  }
  return null;
}
