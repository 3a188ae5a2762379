// Turns source text into tokens: words (with their quoting and expansions already parsed into
// parts), operators and redirections. Heredoc bodies are read when the lexer reaches the end of
// the line that introduced them. Running out of input mid-construct throws IncompleteInput,
// which is how the shell knows to show `> ` and wait for the next line.
import type { HereDoc, RedirOp, Word, WordPart } from './ast.ts';
import { removeQuotes } from './escapes.ts';
import { IncompleteInput, ShellSyntaxError } from './parse-errors.ts';
import { isMeta, type SubParser, WordReader } from './word-reader.ts';

export type { SubParser } from './word-reader.ts';

export type Token =
  /** aliasChain: the aliases whose expansion produced this word (never expanded again). */
  | { type: 'word'; word: Word; aliasChain?: string[] }
  /** '|' '||' '|&' '&&' '&' ';' ';;' '(' ')' and '\n' */
  | { type: 'op'; op: string }
  /** `(( ... ))`: raw text between the parentheses, and its parts (expansions inside). */
  | { type: 'arith'; raw: string; expr: WordPart[] }
  | { type: 'redir'; fd: number | null; op: RedirOp; heredoc: HereDoc | null };

export class Lexer extends WordReader {
  /** Tokens so far; still readable after IncompleteInput, to look for an earlier syntax error. */
  readonly tokens: Token[] = [];
  private readonly nested: boolean;
  private pending: HereDoc[] = [];
  private parens = 0;
  /** Open `case` commands, so that `pattern)` does not close a `$(`. */
  private cases = 0;

  /** `nested`: lexing a `$(` body, which ends at its unmatched `)` (pos is then just past it). */
  constructor(src: string, start: number, depth: number, nested: boolean, sub: SubParser) {
    super(src, start, depth, sub);
    this.nested = nested;
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
      } else if (c === ')' && this.nested && this.parens === 0 && this.cases === 0) {
        this.pos++;
        if (this.pending.length > 0) throw ShellSyntaxError.near(')');
        return this.tokens;
      } else if (!this.readOperator()) {
        const word = this.readWord();
        this.trackCase(word);
        this.tokens.push({ type: 'word', word });
      }
    }
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
        if (n === '(' && this.readArithCommand()) return true;
        op = '(';
        this.parens++;
        break;
      case ')':
        op = ')';
        // inside `case ... esac` a `)` ends a pattern, not an enclosing `( `
        if (this.cases === 0 || this.parens > 0) this.parens--;
        break;
      default:
        return false;
    }
    this.pos = p + op.length;
    this.tokens.push({ type: 'op', op });
    return true;
  }

  /** `((` at pos: an arithmetic command if a matching `))` follows (bash prefers that reading). */
  private readArithCommand(): boolean {
    const src = this.src;
    let depth = 0;
    for (let i = this.pos + 2; i < src.length; i++) {
      const c = src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth > 0) depth--;
        else if (src[i + 1] === ')') {
          this.checkDepth(1);
          const raw = src.slice(this.pos + 2, i);
          this.tokens.push({ type: 'arith', raw, expr: WordReader.quotedText(raw, this.depth + 1, this.sub) });
          this.pos = i + 2;
          return true;
        } else return false;
      } else if (c === '\n' && this.pending.length > 0) return false;
    }
    // no `))` yet: more lines may bring it, unless this is really `( (`
    if (!src.includes(')', this.pos + 2)) throw new IncompleteInput();
    return false;
  }

  /** Counts `case` / `esac` in command position (after a separator or at the start). */
  private trackCase(word: Word): void {
    const part = word.parts.length === 1 ? word.parts[0] : undefined;
    if (!part || part.kind !== 'lit' || part.quoted || (part.text !== 'case' && part.text !== 'esac')) return;
    const previous = this.tokens[this.tokens.length - 1];
    const atStart = !previous || (previous.type === 'op' && previous.op !== ')');
    const separators = [';', '\n', ';;', '&&', '||', '|', '&', '('];
    const keywords = ['do', 'then', 'else', 'elif', '{', '!', 'if', 'while', 'until'];
    const afterSeparator =
      atStart ||
      (previous.type === 'op' && separators.includes(previous.op)) ||
      (previous.type === 'word' && previous.word.parts.length === 1 && keywords.includes(previous.word.raw));
    if (!afterSeparator) return;
    if (part.text === 'case') this.cases++;
    else if (this.cases > 0) this.cases--;
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
        if (line === doc.delimiter || line === `${doc.delimiter}\r`) break; // CRLF pastes too
        if (nl === -1) throw new IncompleteInput();
        body += `${line}\n`;
      }
      doc.body = doc.quoted
        ? [{ kind: 'lit', text: body, quoted: true }]
        : WordReader.quotedText(body, this.depth, this.sub);
    }
    this.pending = [];
  }
}
