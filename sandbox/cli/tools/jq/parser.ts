// jq programs → a syntax tree, with jq's precedence: `|` (and `as` bindings) lowest, then `,`,
// `//`, assignment operators, `or`, `and`, comparisons, `+ -`, `* / %`, then postfix paths.
import { JqSyntaxError, lex, type Token } from './lexer.ts';

export type Node =
  | { k: 'identity' }
  | { k: 'recurse' }
  | { k: 'field'; target: Node; name: string }
  | { k: 'index'; target: Node; index: Node }
  | { k: 'slice'; target: Node; from?: Node; to?: Node }
  | { k: 'iterate'; target: Node }
  | { k: 'optional'; body: Node }
  | { k: 'literal'; value: unknown }
  | { k: 'string'; parts: (string | Node)[]; format?: string }
  | { k: 'format'; name: string }
  | { k: 'array'; body?: Node }
  | { k: 'object'; entries: { key: Node; value: Node }[] }
  | { k: 'neg'; body: Node }
  | { k: 'pipe'; left: Node; right: Node }
  | { k: 'comma'; left: Node; right: Node }
  | { k: 'binop'; op: string; left: Node; right: Node }
  | { k: 'assign'; op: string; left: Node; right: Node }
  | { k: 'var'; name: string }
  | { k: 'as'; source: Node; name: string; body: Node }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'if'; cond: Node; then: Node; else?: Node }
  | { k: 'try'; body: Node; handler?: Node }
  | { k: 'reduce'; source: Node; name: string; init: Node; update: Node }
  | { k: 'foreach'; source: Node; name: string; init: Node; update: Node; extract?: Node }
  | { k: 'def'; name: string; params: string[]; body: Node; rest: Node };

const ASSIGN_OPS = ['=', '|=', '+=', '-=', '*=', '/=', '%=', '//='];
const COMPARE_OPS = ['==', '!=', '<', '<=', '>', '>='];
const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'end', 'as', 'def', 'reduce', 'foreach', 'try', 'catch', 'label', 'import', 'include', 'and', 'or', '__loc__']);

function describe(t: Token): string {
  if (t.t === 'eof') return '$end';
  if (t.t === 'op') return `'${t.v}'`;
  if (t.t === 'ident') return KEYWORDS.has(t.v) ? t.v : 'IDENT';
  if (t.t === 'field') return 'FIELD';
  if (t.t === 'num') return 'LITERAL';
  if (t.t === 'str') return 'QQSTRING_START';
  if (t.t === 'var') return '$';
  return 'FORMAT';
}

class Parser {
  private i = 0;
  private readonly tokens: Token[];
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    return this.tokens[this.i++] ?? this.tokens[this.tokens.length - 1]!;
  }

  private isOp(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.t === 'op' && t.v === v;
  }

  private isWord(v: string): boolean {
    const t = this.peek();
    return t.t === 'ident' && t.v === v;
  }

  private fail(): never {
    throw new JqSyntaxError(`syntax error, unexpected ${describe(this.peek())}`);
  }

  private expectOp(v: string): void {
    if (!this.isOp(v)) this.fail();
    this.i++;
  }

  private expectWord(v: string): void {
    if (!this.isWord(v)) this.fail();
    this.i++;
  }

  parseProgram(): Node {
    const n = this.parsePipe();
    if (this.peek().t !== 'eof') this.fail();
    return n;
  }

  parsePipe(): Node {
    if (this.isWord('def')) return this.parseDef();
    const left = this.parseComma();
    if (this.isOp('|')) {
      this.i++;
      return { k: 'pipe', left, right: this.parsePipe() };
    }
    return left;
  }

  private parseDef(): Node {
    this.expectWord('def');
    const name = this.next();
    if (name.t !== 'ident') this.fail();
    const params: string[] = [];
    if (this.isOp('(')) {
      this.i++;
      for (;;) {
        const p = this.next();
        if (p.t === 'ident') params.push(p.v);
        else if (p.t === 'var') params.push(`$${p.v}`);
        else this.fail();
        if (this.isOp(';')) {
          this.i++;
          continue;
        }
        this.expectOp(')');
        break;
      }
    }
    this.expectOp(':');
    const body = this.parsePipe();
    this.expectOp(';');
    return { k: 'def', name: name.v, params, body, rest: this.parsePipe() };
  }

  private parseComma(): Node {
    let left = this.parseAlt();
    while (this.isOp(',')) {
      this.i++;
      left = { k: 'comma', left, right: this.parseAlt() };
    }
    return left;
  }

  private parseAlt(): Node {
    const left = this.parseAssign();
    if (this.isOp('//')) {
      this.i++;
      return { k: 'binop', op: '//', left, right: this.parseAlt() };
    }
    return left;
  }

  private parseAssign(): Node {
    const left = this.parseOr();
    const t = this.peek();
    if (t.t === 'op' && ASSIGN_OPS.includes(t.v)) {
      this.i++;
      return { k: 'assign', op: t.v, left, right: this.parseAlt() };
    }
    return left;
  }

  private parseOr(): Node {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.i++;
      left = { k: 'binop', op: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Node {
    let left = this.parseCompare();
    while (this.isWord('and')) {
      this.i++;
      left = { k: 'binop', op: 'and', left, right: this.parseCompare() };
    }
    return left;
  }

  private parseCompare(): Node {
    const left = this.parseAdd();
    const t = this.peek();
    if (t.t === 'op' && COMPARE_OPS.includes(t.v)) {
      this.i++;
      return { k: 'binop', op: t.v, left, right: this.parseAdd() };
    }
    return left;
  }

  private parseAdd(): Node {
    let left = this.parseMul();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.next() as { v: string }).v;
      left = { k: 'binop', op, left, right: this.parseMul() };
    }
    return left;
  }

  private parseMul(): Node {
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.next() as { v: string }).v;
      left = { k: 'binop', op, left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Node {
    if (this.isOp('-')) {
      this.i++;
      return { k: 'neg', body: this.parsePostfix() };
    }
    return this.parsePostfix();
  }

  private parseBracket(target: Node): Node {
    this.expectOp('[');
    if (this.isOp(']')) {
      this.i++;
      return { k: 'iterate', target };
    }
    if (this.isOp(':')) {
      this.i++;
      const to = this.parsePipe();
      this.expectOp(']');
      return { k: 'slice', target, to };
    }
    const index = this.parsePipe();
    if (this.isOp(':')) {
      this.i++;
      if (this.isOp(']')) {
        this.i++;
        return { k: 'slice', target, from: index };
      }
      const to = this.parsePipe();
      this.expectOp(']');
      return { k: 'slice', target, from: index, to };
    }
    this.expectOp(']');
    return { k: 'index', target, index };
  }

  parsePostfix(): Node {
    let t = this.parseTerm();
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'field') {
        this.i++;
        t = { k: 'field', target: t, name: tok.v };
      } else if (this.isOp('.') && this.peek(1).t === 'str') {
        this.i++;
        const s = this.next() as Extract<Token, { t: 'str' }>;
        t = { k: 'field', target: t, name: s.parts.filter((p): p is string => typeof p === 'string').join('') };
      } else if (this.isOp('.') && this.isOp('[', 1)) {
        this.i++;
        t = this.parseBracket(t);
      } else if (this.isOp('[')) {
        t = this.parseBracket(t);
      } else if (this.isOp('?')) {
        this.i++;
        t = { k: 'optional', body: t };
      } else if (this.isWord('as')) {
        this.i++;
        const v = this.next();
        if (v.t !== 'var') this.fail();
        this.expectOp('|');
        return { k: 'as', source: t, name: v.v, body: this.parsePipe() };
      } else return t;
    }
  }

  private parseString(tok: Extract<Token, { t: 'str' }>, format?: string): Node {
    const parts = tok.parts.map((p) => (typeof p === 'string' ? p : new Parser(p).parseProgram()));
    if (parts.every((p) => typeof p === 'string') && !format) return { k: 'literal', value: parts.join('') };
    return { k: 'string', parts, format };
  }

  private parseObject(): Node {
    this.expectOp('{');
    const entries: { key: Node; value: Node }[] = [];
    while (!this.isOp('}')) {
      const t = this.next();
      let key: Node;
      let value: Node | undefined;
      if (t.t === 'ident' || (t.t === 'var' && t.v)) {
        if (t.t === 'var') {
          key = { k: 'literal', value: t.v };
          value = { k: 'var', name: t.v };
        } else key = { k: 'literal', value: t.v };
      } else if (t.t === 'str') key = this.parseString(t);
      else if (t.t === 'num') key = { k: 'literal', value: t.v };
      else if (t.t === 'format' && this.peek().t === 'str') key = this.parseString(this.next() as Extract<Token, { t: 'str' }>, t.v);
      else if (t.t === 'op' && t.v === '(') {
        key = this.parsePipe();
        this.expectOp(')');
      } else this.fail();
      if (this.isOp(':')) {
        this.i++;
        value = this.parseObjectValue();
      } else if (!value) {
        if (key.k !== 'literal' || typeof key.value !== 'string') this.fail();
        value = { k: 'field', target: { k: 'identity' }, name: key.value };
      }
      entries.push({ key, value });
      if (this.isOp(',')) this.i++;
      else if (!this.isOp('}')) this.fail();
    }
    this.i++;
    return { k: 'object', entries };
  }

  private parseObjectValue(): Node {
    let left: Node = this.isOp('-') ? (this.i++, { k: 'neg', body: this.parsePostfix() }) : this.parsePostfix();
    while (this.isOp('|')) {
      this.i++;
      left = { k: 'pipe', left, right: this.parsePostfix() };
    }
    return left;
  }

  private parseTerm(): Node {
    const t = this.next();
    switch (t.t) {
      case 'num':
        return { k: 'literal', value: t.v };
      case 'str':
        return this.parseString(t);
      case 'format':
        if (this.peek().t === 'str') return this.parseString(this.next() as Extract<Token, { t: 'str' }>, t.v);
        return { k: 'format', name: t.v };
      case 'field':
        return { k: 'field', target: { k: 'identity' }, name: t.v };
      case 'var':
        return { k: 'var', name: t.v };
      case 'op':
        if (t.v === '.') {
          if (this.peek().t === 'str') {
            const s = this.next() as Extract<Token, { t: 'str' }>;
            return { k: 'field', target: { k: 'identity' }, name: s.parts.filter((p): p is string => typeof p === 'string').join('') };
          }
          return { k: 'identity' };
        }
        if (t.v === '..') return { k: 'recurse' };
        if (t.v === '(') {
          const e = this.parsePipe();
          this.expectOp(')');
          return e;
        }
        if (t.v === '[') {
          if (this.isOp(']')) {
            this.i++;
            return { k: 'array' };
          }
          const body = this.parsePipe();
          this.expectOp(']');
          return { k: 'array', body };
        }
        if (t.v === '{') {
          this.i--;
          return this.parseObject();
        }
        this.i--;
        return this.fail();
      case 'ident':
        return this.parseWord(t.v);
      default:
        this.i--;
        return this.fail();
    }
  }

  private parseWord(word: string): Node {
    switch (word) {
      case 'true':
        return { k: 'literal', value: true };
      case 'false':
        return { k: 'literal', value: false };
      case 'null':
        return { k: 'literal', value: null };
      case 'if': {
        const cond = this.parsePipe();
        this.expectWord('then');
        const then = this.parsePipe();
        return { k: 'if', cond, then, else: this.parseElse() };
      }
      case 'try': {
        const body = this.parsePostfix();
        if (this.isWord('catch')) {
          this.i++;
          return { k: 'try', body, handler: this.parsePostfix() };
        }
        return { k: 'try', body };
      }
      case 'reduce':
      case 'foreach': {
        const source = this.parsePostfixNoAs();
        this.expectWord('as');
        const v = this.next();
        if (v.t !== 'var') this.fail();
        this.expectOp('(');
        const init = this.parsePipe();
        this.expectOp(';');
        const update = this.parsePipe();
        let extract: Node | undefined;
        if (word === 'foreach' && this.isOp(';')) {
          this.i++;
          extract = this.parsePipe();
        }
        this.expectOp(')');
        return word === 'reduce' ? { k: 'reduce', source, name: v.v, init, update } : { k: 'foreach', source, name: v.v, init, update, extract };
      }
      default: {
        if (KEYWORDS.has(word)) {
          this.i--;
          this.fail();
        }
        const args: Node[] = [];
        if (this.isOp('(')) {
          this.i++;
          for (;;) {
            args.push(this.parsePipe());
            if (this.isOp(';')) {
              this.i++;
              continue;
            }
            this.expectOp(')');
            break;
          }
        }
        return { k: 'call', name: word, args };
      }
    }
  }

  private parsePostfixNoAs(): Node {
    let t = this.parseTerm();
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'field') {
        this.i++;
        t = { k: 'field', target: t, name: tok.v };
      } else if (this.isOp('[')) t = this.parseBracket(t);
      else if (this.isOp('?')) {
        this.i++;
        t = { k: 'optional', body: t };
      } else return t;
    }
  }

  private parseElse(): Node | undefined {
    if (this.isWord('elif')) {
      this.i++;
      const cond = this.parsePipe();
      this.expectWord('then');
      const then = this.parsePipe();
      return { k: 'if', cond, then, else: this.parseElse() };
    }
    if (this.isWord('else')) {
      this.i++;
      const e = this.parsePipe();
      this.expectWord('end');
      return e;
    }
    this.expectWord('end');
    return undefined;
  }
}

export function parseJq(src: string): Node {
  return new Parser(lex(src)).parseProgram();
}
