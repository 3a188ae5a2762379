// Reads one word of shell source into parts: literal text with its quoting, `$name`, `${...}`,
// `$( )`, backquotes, `$(( ))` and $'...'. The Lexer builds on this for operators and heredocs.
import type { Program, Word, WordPart } from './ast.ts';
import { decodeCEscape } from './escapes.ts';
import { MAX_NESTING } from './limits.ts';
import { IncompleteInput, nestingTooDeep } from './parse-errors.ts';

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

/** Blanks, newlines and the characters that make operators. */
export function isMeta(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code < 128 && META[code] === 1;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = '?$#@*!-0123456789';

export type QuoteMode = 'dquote' | 'heredoc';

export class WordReader {
  /** Current index in src. */
  pos: number;
  protected readonly src: string;
  protected readonly depth: number;
  protected readonly sub: SubParser;
  /** `${ }` and `$(( ))` nesting inside this reader. */
  protected level = 0;

  constructor(src: string, start: number, depth: number, sub: SubParser) {
    this.src = src;
    this.pos = start;
    this.depth = depth;
    this.sub = sub;
  }

  /** Reads the text of a heredoc body or `$(( ))` expression into parts (quoted). */
  static quotedText(text: string, depth: number, sub: SubParser): WordPart[] {
    const reader = new WordReader(text, 0, depth, sub);
    const parts: WordPart[] = [];
    reader.readQuoted(parts, 'heredoc');
    return parts;
  }

  protected readWord(): Word {
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
  protected readQuoted(parts: WordPart[], mode: QuoteMode): void {
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
          const expr = WordReader.quotedText(src.slice(this.pos + 3, i), this.depth + 1, this.sub);
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

  protected checkDepth(extra: number): void {
    if (this.depth + this.level + extra > MAX_NESTING) throw nestingTooDeep();
  }
}
