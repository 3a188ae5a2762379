// jq's tokens: identifiers and keywords, .field, $var, @format, numbers, strings with \( )
// interpolation, and the operators.
export type Token =
  | { t: 'ident'; v: string; pos: number }
  | { t: 'field'; v: string; pos: number }
  | { t: 'var'; v: string; pos: number }
  | { t: 'format'; v: string; pos: number }
  | { t: 'num'; v: number; pos: number }
  | { t: 'str'; parts: (string | Token[])[]; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'eof'; pos: number };

export class JqSyntaxError extends Error {}

const OPS = ['?//=', '?//', '|=', '+=', '-=', '*=', '/=', '%=', '//=', '==', '!=', '<=', '>=', '//', '..', '|', ',', '.', '[', ']', '{', '}', '(', ')', ':', ';', '=', '<', '>', '+', '-', '*', '/', '%', '?'];

function isIdentStart(c: string): boolean {
  return /[A-Za-z_]/.test(c);
}

function isIdent(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

/** Reads a string starting after the opening quote; returns its parts and the index after the closing quote. */
function readString(src: string, start: number): { parts: (string | Token[])[]; end: number } {
  const parts: (string | Token[])[] = [];
  let buf = '';
  let i = start;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"') {
      if (buf || parts.length === 0) parts.push(buf);
      return { parts, end: i + 1 };
    }
    if (c === '\\') {
      const n = src[i + 1];
      if (n === '(') {
        if (buf) parts.push(buf);
        buf = '';
        // Find the matching parenthesis, lexing the inner expression.
        let depth = 1;
        let j = i + 2;
        while (j < src.length && depth > 0) {
          const d = src[j]!;
          if (d === '"') {
            j = readString(src, j + 1).end;
            continue;
          }
          if (d === '(') depth++;
          else if (d === ')') depth--;
          j++;
        }
        if (depth !== 0) throw new JqSyntaxError('unterminated string interpolation');
        parts.push(lex(src.slice(i + 2, j - 1)));
        i = j;
        continue;
      }
      const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
      if (n === 'u') {
        buf += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      if (n !== undefined && map[n] !== undefined) {
        buf += map[n];
        i += 2;
        continue;
      }
      throw new JqSyntaxError(`invalid escape`);
    }
    buf += c;
    i++;
  }
  throw new JqSyntaxError('unterminated string');
}

export function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      const s = readString(src, i + 1);
      out.push({ t: 'str', parts: s.parts, pos: i });
      i = s.end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: Number(m[0]), pos: i });
      i += m[0].length;
      continue;
    }
    if (c === '.' && isIdentStart(src[i + 1] ?? '')) {
      let j = i + 1;
      while (j < src.length && isIdent(src[j]!)) j++;
      out.push({ t: 'field', v: src.slice(i + 1, j), pos: i });
      i = j;
      continue;
    }
    if (c === '.' && src[i + 1] === '"') {
      const s = readString(src, i + 2);
      if (s.parts.some((p) => typeof p !== 'string')) throw new JqSyntaxError('interpolation in field name');
      out.push({ t: 'field', v: s.parts.join(''), pos: i });
      i = s.end;
      continue;
    }
    if (c === '$' && isIdentStart(src[i + 1] ?? '')) {
      let j = i + 1;
      while (j < src.length && (isIdent(src[j]!) || (src[j] === ':' && src[j + 1] === ':'))) j += src[j] === ':' ? 2 : 1;
      out.push({ t: 'var', v: src.slice(i + 1, j), pos: i });
      i = j;
      continue;
    }
    if (c === '@' && isIdentStart(src[i + 1] ?? '')) {
      let j = i + 1;
      while (j < src.length && isIdent(src[j]!)) j++;
      out.push({ t: 'format', v: src.slice(i + 1, j), pos: i });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i;
      while (j < src.length && (isIdent(src[j]!) || (src[j] === ':' && src[j + 1] === ':' && isIdentStart(src[j + 2] ?? '')))) j += src[j] === ':' ? 2 : 1;
      out.push({ t: 'ident', v: src.slice(i, j), pos: i });
      i = j;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new JqSyntaxError(`INVALID_CHARACTER`);
    out.push({ t: 'op', v: op, pos: i });
    i += op.length;
  }
  out.push({ t: 'eof', pos: src.length });
  return out;
}
