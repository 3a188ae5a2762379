// Turns source text into tokens: words (with their quoting and expansions already parsed into
// parts), operators and redirections. Heredoc bodies are read when the lexer reaches the end of
// the line that introduced them. Running out of input mid-construct throws IncompleteInput,
// which is how the shell knows to show `> ` and wait for the next line.
import type { HereDoc, Program, RedirOp, Word, WordPart } from './ast.ts';
import { MAX_NESTING } from './limits.ts';
import { IncompleteInput, nestingTooDeep, ShellSyntaxError } from './parse-errors.ts';

export type Token =
  /** aliasChain: the aliases whose expansion produced this word (never expanded again). */
  | { type: 'word'; word: Word; aliasChain?: string[] }
  /** '|' '||' '|&' '&&' '&' ';' ';;' '(' ')' and '\n' */
  | { type: 'op'; op: string }
  | { type: 'redir'; fd: number | null; op: RedirOp; heredoc: HereDoc | null };

/** The parser, seen from the lexer: `$( )` and backquote bodies are whole programs. */
export interface SubParser {
  /** Parses the body of `$(` starting at `start`; returns it and the index after its `)`. */
  substitution(src: string, start: number, depth: number): { program: Program; end: number };
  /** Parses an (already unescaped) backquote body. */
  backquote(src: string, depth: number): Program;
}

// Character classes, indexed by char code (< 128).
const META = new Uint8Array(128);
for (const c of ' \t\r\n;&|()<>') META[c.charCodeAt(0)] = 1;
/** Characters that end a run of plain word text. */
const WORD_SPECIAL = new Uint8Array(128);
for (const c of ' \t\r\n;&|()<>\\\'"$`') WORD_SPECIAL[c.charCodeAt(0)] = 1;

function isMeta(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code < 128 && META[code] === 1;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = '?$#@*!-0123456789';

type QuoteMode = 'dquote' | 'heredoc';

export class Lexer {
  /** Tokens so far; still readable after IncompleteInput, to look for an earlier syntax error. */
  readonly tokens: Token[] = [];
  /** Current index; after a nested run, the index just after the closing `)`. */
  pos: number;
  private readonly src: string;
  private readonly depth: number;
  private readonly nested: boolean;
  private readonly sub: SubParser;
  private pending: HereDoc[] = [];
  private parens = 0;
  /** `${ }` and `$(( ))` nesting inside this lexer. */
  private level = 0;

  constructor(src: string, start: number, depth: number, nested: boolean, sub: SubParser) {
    this.src = src;
    this.pos = start;
    this.depth = depth;
    this.nested = nested;
    this.sub = sub;
  }

  /** Lexes to the end of input (or, nested, to the `)` closing the substitution). */
  run(): Token[] {
    const src = this.src;
    for (;;) {
      if (this.pos >= src.length) {
        if (this.nested || this.pending.length > 0) throw new IncompleteInput();
        return this.tokens;
      }
      const c = src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
      } else if (c === '\\' && src[this.pos + 1] === '\n') {
        this.pos += 2;
      } else if (c === '\n') {
        this.pos++;
        this.tokens.push({ type: 'op', op: '\n' });
        this.readHeredocBodies();
      } else if (c === '#') {
        const nl = src.indexOf('\n', this.pos);
        this.pos = nl === -1 ? src.length : nl;
      } else if (c === ')' && this.nested && this.parens === 0) {
        this.pos++;
        if (this.pending.length > 0) throw ShellSyntaxError.near(')');
        return this.tokens;
      } else if (!this.readOperator()) {
        this.tokens.push({ type: 'word', word: this.readWord() });
      }
    }
  }

  /** Reads the text of a heredoc body or `$(( ))` expression into parts (quoted). */
  static quotedText(text: string, depth: number, sub: SubParser): WordPart[] {
    const lexer = new Lexer(text, 0, depth, false, sub);
    const parts: WordPart[] = [];
    lexer.readQuoted(parts, 'heredoc');
    return parts;
  }

  private readOperator(): boolean {
    const src = this.src;
    const p = this.pos;
    const c = src[p];
    let q = p;
    let fd: number | null = null;
    if (c >= '0' && c <= '9') {
      while (q < src.length && src[q] >= '0' && src[q] <= '9') q++;
      if (src[q] !== '<' && src[q] !== '>') return false;
      fd = Number(src.slice(p, q));
    }
    const r = src[q];
    const r1 = src[q + 1];
    if (r === '<' || r === '>') {
      let op: RedirOp;
      if (r === '<') {
        if (r1 === '<') op = src[q + 2] === '<' ? '<<<' : src[q + 2] === '-' ? '<<-' : '<<';
        else op = r1 === '&' ? '<&' : r1 === '>' ? '<>' : '<';
      } else {
        op = r1 === '>' ? '>>' : r1 === '&' ? '>&' : r1 === '|' ? '>|' : '>';
      }
      this.pos = q + op.length;
      this.pushRedirect(fd, op);
      return true;
    }
    const n = src[p + 1];
    let op: string;
    switch (c) {
      case '&':
        if (n === '>') {
          const append = src[p + 2] === '>';
          this.pos = p + (append ? 3 : 2);
          this.pushRedirect(null, append ? '&>>' : '&>');
          return true;
        }
        op = n === '&' ? '&&' : '&';
        break;
      case '|':
        op = n === '|' ? '||' : n === '&' ? '|&' : '|';
        break;
      case ';':
        op = n === ';' ? ';;' : ';';
        break;
      case '(':
        op = '(';
        this.parens++;
        break;
      case ')':
        op = ')';
        this.parens--;
        break;
      default:
        return false;
    }
    this.pos = p + op.length;
    this.tokens.push({ type: 'op', op });
    return true;
  }

  private pushRedirect(fd: number | null, op: RedirOp): void {
    let heredoc: HereDoc | null = null;
    if (op === '<<' || op === '<<-') {
      while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos++;
      const next = this.src[this.pos];
      if (next !== undefined && !isMeta(next)) {
        const word = this.readWord();
        heredoc = {
          delimiter: removeQuotes(word.raw),
          quoted: /['"\\]/.test(word.raw),
          strip: op === '<<-',
          body: [],
        };
        this.pending.push(heredoc);
      }
    }
    this.tokens.push({ type: 'redir', fd, op, heredoc });
  }

  private readHeredocBodies(): void {
    const src = this.src;
    for (const doc of this.pending) {
      let body = '';
      for (;;) {
        if (this.pos >= src.length) throw new IncompleteInput();
        const nl = src.indexOf('\n', this.pos);
        let line = src.slice(this.pos, nl === -1 ? src.length : nl);
        this.pos = nl === -1 ? src.length : nl + 1;
        if (doc.strip) line = line.replace(/^\t+/, '');
        if (line === doc.delimiter) break;
        if (nl === -1) throw new IncompleteInput();
        body += `${line}\n`;
      }
      doc.body = doc.quoted
        ? [{ kind: 'lit', text: body, quoted: true }]
        : Lexer.quotedText(body, this.depth, this.sub);
    }
    this.pending = [];
  }

  private readWord(): Word {
    const src = this.src;
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = (): void => {
      if (lit) parts.push({ kind: 'lit', text: lit, quoted: false });
      lit = '';
    };
    if (src[this.pos] === '~') {
      const n = src[this.pos + 1];
      if (n === undefined || n === '/' || isMeta(n)) {
        parts.push({ kind: 'tilde' });
        this.pos++;
      }
    }
    while (this.pos < src.length) {
      const c = src[this.pos];
      if (isMeta(c)) break;
      if (c === '\\') {
        const n = src[this.pos + 1];
        if (n === undefined) throw new IncompleteInput();
        this.pos += 2;
        if (n === '\n') continue;
        flush();
        parts.push({ kind: 'lit', text: n, quoted: true });
      } else if (c === "'") {
        const end = src.indexOf("'", this.pos + 1);
        if (end === -1) throw new IncompleteInput();
        flush();
        parts.push({ kind: 'lit', text: src.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        this.readQuoted(parts, 'dquote');
      } else if (c === '$') {
        flush();
        this.readDollar(parts, false);
      } else if (c === '`') {
        flush();
        this.readBackquote(parts, false);
      } else {
        let j = this.pos + 1;
        while (j < src.length) {
          const code = src.charCodeAt(j);
          if (code < 128 && WORD_SPECIAL[code] === 1) break;
          j++;
        }
        lit += src.slice(this.pos, j);
        this.pos = j;
      }
    }
    flush();
    return { parts, raw: src.slice(start, this.pos) };
  }

  /**
   * Double-quoted text (pos just after the opening quote; consumes the closing one) or a whole
   * heredoc body / arithmetic expression (to the end of the source). Parts are quoted.
   */
  private readQuoted(parts: WordPart[], mode: QuoteMode): void {
    const src = this.src;
    // An empty "" still makes a word, so always leave a (possibly empty) quoted part.
    let lit = '';
    parts.push({ kind: 'lit', text: '', quoted: true });
    const flush = (): void => {
      if (lit) parts.push({ kind: 'lit', text: lit, quoted: true });
      lit = '';
    };
    for (;;) {
      if (this.pos >= src.length) {
        if (mode === 'dquote') throw new IncompleteInput();
        break;
      }
      const c = src[this.pos];
      if (c === '"' && mode === 'dquote') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = src[this.pos + 1];
        if (n === undefined) {
          if (mode === 'dquote') throw new IncompleteInput();
          lit += '\\';
          this.pos++;
        } else if (n === '\n') {
          this.pos += 2;
        } else if (n === '$' || n === '`' || n === '\\' || (n === '"' && mode === 'dquote')) {
          lit += n;
          this.pos += 2;
        } else {
          lit += '\\';
          this.pos++;
        }
      } else if (c === '$') {
        flush();
        this.readDollar(parts, true);
      } else if (c === '`') {
        flush();
        this.readBackquote(parts, true);
      } else {
        let j = this.pos + 1;
        while (j < src.length) {
          const d = src[j];
          if (d === '\\' || d === '$' || d === '`' || (d === '"' && mode === 'dquote')) break;
          j++;
        }
        lit += src.slice(this.pos, j);
        this.pos = j;
      }
    }
    flush();
  }

  /** `$` at pos: a parameter, substitution, arithmetic, $'...' or just a dollar sign. */
  private readDollar(parts: WordPart[], quoted: boolean): void {
    const src = this.src;
    const p = this.pos;
    const n = src[p + 1];
    if (n === '(') {
      if (src[p + 2] === '(' && this.readArithmetic(parts, quoted)) return;
      this.checkDepth(1);
      const { program, end } = this.sub.substitution(src, p + 2, this.depth + 1);
      parts.push({ kind: 'cmdsub', program, quoted });
      this.pos = end;
    } else if (n === '{') {
      this.readBrace(parts, quoted);
    } else if (n === "'" && !quoted) {
      this.readAnsiC(parts);
    } else if (n === '"' && !quoted) {
      this.pos++; // $"..." (locale translation) is plain "..." here
    } else if (n !== undefined && NAME_START.test(n)) {
      let j = p + 2;
      while (j < src.length && NAME_CHAR.test(src[j])) j++;
      parts.push({ kind: 'param', name: src.slice(p + 1, j), op: '', arg: null, arg2: null, quoted });
      this.pos = j;
    } else if (n !== undefined && SPECIAL_PARAMS.includes(n)) {
      parts.push({ kind: 'param', name: n, op: '', arg: null, arg2: null, quoted });
      this.pos = p + 2;
    } else {
      parts.push({ kind: 'lit', text: '$', quoted });
      this.pos = p + 1;
    }
  }

  /** `$((expr))`; false (nothing consumed) when it is really `$( (...) )`. */
  private readArithmetic(parts: WordPart[], quoted: boolean): boolean {
    const src = this.src;
    let depth = 0;
    for (let i = this.pos + 3; i < src.length; i++) {
      const c = src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth > 0) depth--;
        else if (src[i + 1] === ')') {
          this.checkDepth(1);
          const expr = Lexer.quotedText(src.slice(this.pos + 3, i), this.depth + 1, this.sub);
          parts.push({ kind: 'arith', expr, quoted });
          this.pos = i + 2;
          return true;
        } else return false;
      }
    }
    throw new IncompleteInput();
  }

  /** `${...}` at pos. */
  private readBrace(parts: WordPart[], quoted: boolean): void {
    const src = this.src;
    const start = this.pos;
    this.level++;
    this.checkDepth(0);
    let i = start + 2;
    let op = '';
    if (src[i] === '#' && src[i + 1] !== '}' && src[i + 1] !== undefined) {
      op = 'len';
      i++;
    }
    let name = '';
    if (src[i] !== undefined && NAME_START.test(src[i])) {
      let j = i + 1;
      while (j < src.length && NAME_CHAR.test(src[j])) j++;
      name = src.slice(i, j);
      i = j;
    } else if (src[i] !== undefined && /[0-9]/.test(src[i])) {
      let j = i + 1;
      while (j < src.length && /[0-9]/.test(src[j])) j++;
      name = src.slice(i, j);
      i = j;
    } else if (src[i] !== undefined && '?$#@*!-'.includes(src[i])) {
      name = src[i];
      i++;
    }
    const part: WordPart = { kind: 'param', name, op, arg: null, arg2: null, quoted };
    const c = src[i];
    if (name === '' || (op === 'len' && c !== '}')) return this.badBrace(parts, start);
    this.pos = i + 1;
    if (c === '}') {
      this.pos = i; // plain ${name} or ${#name}
    } else if (c === ':' && '-=+?'.includes(src[i + 1] ?? '')) {
      part.op = `:${src[i + 1]}`;
      this.pos = i + 2;
      part.arg = this.readBraceArg(quoted, '}');
    } else if (c === ':') {
      part.op = ':';
      part.arg = this.readBraceArg(quoted, ':}');
      if (src[this.pos] === ':') {
        this.pos++;
        part.arg2 = this.readBraceArg(quoted, '}');
      }
    } else if (c === '-' || c === '=' || c === '+' || c === '?') {
      part.op = c;
      part.arg = this.readBraceArg(quoted, '}');
    } else if (c === '#' || c === '%' || c === '^' || c === ',') {
      const doubled = src[i + 1] === c;
      part.op = doubled ? c + c : c;
      this.pos = i + (doubled ? 2 : 1);
      part.arg = this.readBraceArg(quoted, '}');
    } else if (c === '/') {
      const doubled = src[i + 1] === '/';
      part.op = doubled ? '//' : '/';
      this.pos = i + (doubled ? 2 : 1);
      part.arg = this.readBraceArg(quoted, '/}');
      if (src[this.pos] === '/') {
        this.pos++;
        part.arg2 = this.readBraceArg(quoted, '}');
      }
    } else {
      return this.badBrace(parts, start);
    }
    if (src[this.pos] !== '}') throw new IncompleteInput();
    this.pos++;
    this.level--;
    parts.push(part);
  }

  /** Skips to the matching `}` of a `${` bash would reject, keeping its text for the message. */
  private badBrace(parts: WordPart[], start: number): void {
    const src = this.src;
    let depth = 0;
    for (let i = start + 2; i < src.length; i++) {
      if (src[i] === '{') depth++;
      else if (src[i] === '}') {
        if (depth === 0) {
          parts.push({ kind: 'bad', text: src.slice(start, i + 1) });
          this.pos = i + 1;
          this.level--;
          return;
        }
        depth--;
      }
    }
    throw new IncompleteInput();
  }

  /** The word inside `${name:-word}` up to one of `stops` (left unconsumed). */
  private readBraceArg(quoted: boolean, stops: string): WordPart[] {
    const src = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = (): void => {
      if (lit) parts.push({ kind: 'lit', text: lit, quoted });
      lit = '';
    };
    for (;;) {
      if (this.pos >= src.length) throw new IncompleteInput();
      const c = src[this.pos];
      if (stops.includes(c)) break;
      if (c === '\\') {
        const n = src[this.pos + 1];
        if (n === undefined) throw new IncompleteInput();
        this.pos += 2;
        if (n === '\n') continue;
        if (quoted && !'$`"\\}'.includes(n)) {
          lit += `\\${n}`;
        } else {
          flush();
          parts.push({ kind: 'lit', text: n, quoted: true });
        }
      } else if (c === "'" && !quoted) {
        const end = src.indexOf("'", this.pos + 1);
        if (end === -1) throw new IncompleteInput();
        flush();
        parts.push({ kind: 'lit', text: src.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        this.level++;
        this.checkDepth(0);
        this.readQuoted(parts, 'dquote');
        this.level--;
      } else if (c === '$') {
        flush();
        this.readDollar(parts, quoted);
      } else if (c === '`') {
        flush();
        this.readBackquote(parts, quoted);
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  /** Backquoted command substitution: unescape `\$ \` \\` (and `\"` inside quotes), then parse. */
  private readBackquote(parts: WordPart[], quoted: boolean): void {
    const src = this.src;
    let i = this.pos + 1;
    let inner = '';
    let from = i;
    for (;;) {
      if (i >= src.length) throw new IncompleteInput();
      const c = src[i];
      if (c === '`') break;
      if (c === '\\') {
        const n = src[i + 1];
        if (n === undefined) throw new IncompleteInput();
        if (n === '$' || n === '`' || n === '\\' || (quoted && n === '"')) {
          inner += src.slice(from, i) + n;
          from = i + 2;
        }
        i += 2;
      } else {
        i++;
      }
    }
    inner += src.slice(from, i);
    this.pos = i + 1;
    this.checkDepth(1);
    parts.push({ kind: 'cmdsub', program: this.sub.backquote(inner, this.depth + 1), quoted });
  }

  /** $'...' with C escapes. */
  private readAnsiC(parts: WordPart[]): void {
    const src = this.src;
    let i = this.pos + 2;
    let out = '';
    for (;;) {
      if (i >= src.length) throw new IncompleteInput();
      const c = src[i];
      if (c === "'") break;
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const n = src[i + 1];
      if (n === undefined) throw new IncompleteInput();
      const decoded = decodeCEscape(src, i + 1);
      out += decoded.text;
      i = decoded.end;
    }
    parts.push({ kind: 'lit', text: out, quoted: true });
    this.pos = i + 1;
  }

  private checkDepth(extra: number): void {
    if (this.depth + this.level + extra > MAX_NESTING) throw nestingTooDeep();
  }
}

/** Decodes the C escape whose letter is at src[i] (just after a backslash). */
export function decodeCEscape(src: string, i: number): { text: string; end: number } {
  const n = src[i];
  const simple: Record<string, string> = {
    a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
    '\\': '\\', "'": "'", '"': '"', '?': '?',
  };
  if (n in simple) return { text: simple[n], end: i + 1 };
  if (n >= '0' && n <= '7') {
    let j = i;
    while (j < i + 3 && src[j] >= '0' && src[j] <= '7') j++;
    return { text: String.fromCharCode(parseInt(src.slice(i, j), 8) & 0xff), end: j };
  }
  if (n === 'x' || n === 'u' || n === 'U') {
    const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
    let j = i + 1;
    while (j < i + 1 + max && /[0-9A-Fa-f]/.test(src[j] ?? '')) j++;
    if (j === i + 1) return { text: `\\${n}`, end: i + 1 };
    const code = parseInt(src.slice(i + 1, j), 16);
    return { text: code <= 0x10ffff ? String.fromCodePoint(code) : '', end: j };
  }
  if (n === 'c' && src[i + 1] !== undefined) {
    return { text: String.fromCharCode(src.charCodeAt(i + 1) & 0x1f), end: i + 2 };
  }
  return { text: `\\${n ?? ''}`, end: i + 1 };
}

/** Quote removal on raw word text (for heredoc delimiters). */
function removeQuotes(raw: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < raw.length && '$`"\\'.includes(raw[i + 1])) out += raw[++i];
      else out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '\\' && i + 1 < raw.length) {
      out += raw[++i];
    } else {
      out += c;
    }
  }
  return out;
}
