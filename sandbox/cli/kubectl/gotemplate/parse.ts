// Go text/template's parser (text/template/parse/parse.go) over the lexer's items: actions with
// pipelines (declarations, commands joined by `|`, operands with field chains, parenthesized
// pipelines), and the control actions if / else if / with / range (with `$i, $v :=`) / else /
// end / break / continue. Functions must exist and variables be declared, as Go checks at parse
// time. Errors read `template: output:<line>: <message>`.
import { lex, type Item } from './lex.ts';

export type Operand =
  | { k: 'field'; names: string[]; pos: number }
  | { k: 'dot'; pos: number }
  | { k: 'var'; name: string; names: string[]; pos: number }
  | { k: 'ident'; name: string; pos: number }
  | { k: 'string'; value: string; text: string; pos: number }
  | { k: 'number'; value: number; isInt: boolean; text: string; pos: number }
  | { k: 'bool'; value: boolean; pos: number }
  | { k: 'nil'; pos: number }
  | { k: 'pipe'; pipe: Pipe; names: string[]; pos: number };

export interface Command {
  args: Operand[];
  pos: number;
}

export interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Command[];
  pos: number;
}

export interface ControlNode {
  k: 'if' | 'with' | 'range';
  pipe: Pipe;
  list: TNode[];
  elseList?: TNode[];
  pos: number;
}

export type TNode = { k: 'text'; text: string } | { k: 'action'; pipe: Pipe; pos: number } | ControlNode | { k: 'break' | 'continue'; pos: number };

export class TemplateError extends Error {}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);

type Stop = 'end' | 'else' | 'eof';

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;

  private readonly input: string;
  private readonly items: Item[];
  private readonly funcs: ReadonlySet<string>;

  constructor(input: string, items: Item[], funcs: ReadonlySet<string>) {
    this.input = input;
    this.items = items;
    this.funcs = funcs;
  }

  private fail(message: string, pos: number): never {
    const line = this.input.slice(0, pos).split('\n').length;
    throw new TemplateError(`template: output:${line}: ${message}`);
  }

  private next(): Item {
    const item = this.items[this.i] ?? this.items[this.items.length - 1]!;
    if (this.i < this.items.length) this.i++;
    if (item.type === 'error') this.fail(item.text, item.pos);
    return item;
  }

  private backup(): void {
    this.i--;
  }

  private peek(): Item {
    const item = this.next();
    this.backup();
    return item;
  }

  private nextNonSpace(): Item {
    let item = this.next();
    while (item.type === 'space') item = this.next();
    return item;
  }

  private peekNonSpace(): Item {
    const item = this.nextNonSpace();
    this.backup();
    return item;
  }

  private describe(item: Item): string {
    if (item.type === 'eof') return 'EOF';
    return item.text.length > 10 ? `${JSON.stringify(item.text.slice(0, 10))}...` : JSON.stringify(item.text);
  }

  private unexpected(item: Item, context: string): never {
    if (item.type === 'eof') this.fail(`unexpected EOF in ${context}`, item.pos);
    this.fail(`unexpected ${this.describe(item)} in ${context}`, item.pos);
  }

  /** The whole template. */
  parse(): TNode[] {
    const { nodes, stop, at } = this.list();
    if (stop !== 'eof') this.fail(`unexpected {{${stop}}}`, at);
    return nodes;
  }

  private list(): { nodes: TNode[]; stop: Stop; at: number } {
    const nodes: TNode[] = [];
    for (;;) {
      const item = this.next();
      if (item.type === 'eof') return { nodes, stop: 'eof', at: item.pos };
      if (item.type === 'text') {
        nodes.push({ k: 'text', text: item.text });
        continue;
      }
      if (item.type !== 'left') this.unexpected(item, 'input');
      const first = this.nextNonSpace();
      if (first.type === 'identifier' && KEYWORDS.has(first.text)) {
        switch (first.text) {
          case 'end':
            this.closeAction('end');
            return { nodes, stop: 'end', at: first.pos };
          case 'else':
            return { nodes, stop: 'else', at: first.pos };
          case 'if':
          case 'with':
          case 'range':
            nodes.push(this.control(first.text, first.pos));
            continue;
          case 'break':
          case 'continue':
            if (this.rangeDepth === 0) this.fail(`{{${first.text}}} outside {{range}}`, first.pos);
            this.closeAction(first.text);
            nodes.push({ k: first.text, pos: first.pos });
            continue;
          default:
            this.fail(`{{${first.text}}} is not supported by the sandbox's go-template printer`, first.pos);
        }
      }
      this.backup();
      const pipe = this.pipeline('command', 'right');
      this.nextNonSpace();
      nodes.push({ k: 'action', pipe, pos: pipe.pos });
    }
  }

  private closeAction(context: string): void {
    const item = this.nextNonSpace();
    if (item.type !== 'right') this.unexpected(item, context);
  }

  private control(kind: 'if' | 'with' | 'range', pos: number): TNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, 'right');
    this.nextNonSpace();
    if (kind === 'range') this.rangeDepth++;
    const body = this.list();
    if (kind === 'range') this.rangeDepth--;
    let elseList: TNode[] | undefined;
    if (body.stop === 'eof') this.fail('unexpected EOF', body.at);
    if (body.stop === 'else') {
      const after = this.peekNonSpace();
      if ((kind === 'if' && after.type === 'identifier' && after.text === 'if') || (kind === 'with' && after.type === 'identifier' && after.text === 'with')) {
        // {{else if ...}} is {{else}}{{if ...}}...{{end}} sharing the one {{end}}.
        this.nextNonSpace();
        elseList = [this.control(kind, after.pos)];
      } else {
        this.closeAction('else');
        const rest = this.list();
        if (rest.stop === 'eof') this.fail('unexpected EOF', rest.at);
        if (rest.stop === 'else') this.fail('expected end; found {{else}}', rest.at);
        elseList = rest.nodes;
      }
    }
    this.vars.length = mark;
    return elseList ? { k: kind, pipe, list: body.nodes, elseList, pos } : { k: kind, pipe, list: body.nodes, pos };
  }

  private pipeline(context: string, end: 'right' | 'rparen'): Pipe {
    const start = this.peekNonSpace();
    const pipe: Pipe = { decl: [], assign: false, cmds: [], pos: start.pos };
    // Declarations: `$x :=`, `$x =`, `$i, $v :=` (range only).
    if (start.type === 'variable') {
      const save = this.i;
      this.nextNonSpace();
      const after = this.peekNonSpace();
      if (after.type === 'declare' || after.type === 'assign') {
        this.nextNonSpace();
        pipe.assign = after.type === 'assign';
        if (pipe.assign && !this.vars.includes(start.text)) this.fail(`undefined variable "${start.text}"`, start.pos);
        pipe.decl.push(start.text);
        if (!pipe.assign) this.vars.push(start.text);
      } else if (after.type === 'comma' && context === 'range') {
        this.nextNonSpace();
        const second = this.nextNonSpace();
        if (second.type !== 'variable') this.fail('range can only initialize variables', second.pos);
        const op = this.nextNonSpace();
        if (op.type !== 'declare' && op.type !== 'assign') this.unexpected(op, 'range');
        pipe.assign = op.type === 'assign';
        pipe.decl.push(start.text, second.text);
        if (!pipe.assign) this.vars.push(start.text, second.text);
      } else if (after.type === 'comma') {
        this.fail(`too many declarations in ${context}`, after.pos);
      } else {
        this.i = save;
      }
    }
    for (;;) {
      const item = this.nextNonSpace();
      if (item.type === end) {
        this.backup();
        if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, item.pos);
        return pipe;
      }
      if (item.type === 'right' || item.type === 'rparen' || item.type === 'eof') this.unexpected(item, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private command(): Command {
    const cmd: Command = { args: [], pos: this.peekNonSpace().pos };
    for (;;) {
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const item = this.next();
      if (item.type === 'space') continue;
      if (item.type === 'right' || item.type === 'rparen') {
        this.backup();
        break;
      }
      if (item.type === 'pipe') break;
      this.unexpected(item, 'operand');
    }
    if (cmd.args.length === 0) this.fail('empty command', cmd.pos);
    const head = cmd.args[0]!;
    if (head.k === 'nil') this.fail('nil is not a command', head.pos);
    return cmd;
  }

  private operand(): Operand | undefined {
    const term = this.term();
    if (!term) return undefined;
    const names: string[] = [];
    // Go builds a chain node at the first following field, and reports that position.
    const chainPos = this.peek().pos;
    while (this.peek().type === 'field') names.push(this.next().text.slice(1));
    if (names.length === 0) return term;
    switch (term.k) {
      case 'field':
        return { ...term, names: [...term.names, ...names], pos: chainPos };
      case 'var':
        return { ...term, names: [...term.names, ...names], pos: chainPos };
      case 'pipe':
        return { ...term, names, pos: chainPos };
      case 'dot':
        return { k: 'field', names, pos: term.pos };
      default:
        this.fail(`unexpected . after term ${JSON.stringify(this.input.slice(term.pos, this.items[this.i - names.length - 1]?.pos ?? term.pos))}`, term.pos);
    }
  }

  private term(): Operand | undefined {
    const item = this.nextNonSpace();
    switch (item.type) {
      case 'identifier':
        if (KEYWORDS.has(item.text)) this.unexpected(item, 'operand');
        if (!this.funcs.has(item.text)) this.fail(`function "${item.text}" not defined`, item.pos);
        return { k: 'ident', name: item.text, pos: item.pos };
      case 'dot':
        return { k: 'dot', pos: item.pos };
      case 'nil':
        return { k: 'nil', pos: item.pos };
      case 'variable':
        if (!this.vars.includes(item.text)) this.fail(`undefined variable "${item.text}"`, item.pos);
        return { k: 'var', name: item.text, names: [], pos: item.pos };
      case 'field':
        return { k: 'field', names: [item.text.slice(1)], pos: item.pos };
      case 'bool':
        return { k: 'bool', value: item.value as boolean, pos: item.pos };
      case 'number':
        return { k: 'number', value: item.value as number, isInt: !!item.isInt, text: item.text, pos: item.pos };
      case 'string':
        return { k: 'string', value: item.value as string, text: item.text, pos: item.pos };
      case 'lparen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rparen');
        this.nextNonSpace();
        return { k: 'pipe', pipe, names: [], pos: item.pos };
      }
      default:
        this.backup();
        return undefined;
    }
  }
}

export function parseTemplate(input: string, funcs: ReadonlySet<string>): TNode[] {
  return new Parser(input, lex(input), funcs).parse();
}

/** A command as Go's parse tree prints it (the `<...>` of execution errors). */
export function commandText(cmd: Command): string {
  return cmd.args.map(operandText).join(' ');
}

export function operandText(op: Operand): string {
  const chain = (names: string[]) => names.map((n) => `.${n}`).join('');
  switch (op.k) {
    case 'field':
      return chain(op.names);
    case 'dot':
      return '.';
    case 'var':
      return op.name + chain(op.names);
    case 'ident':
      return op.name;
    case 'string':
    case 'number':
      return op.text;
    case 'bool':
      return String(op.value);
    case 'nil':
      return 'nil';
    case 'pipe':
      return `(${op.pipe.cmds.map(commandText).join(' | ')})${chain(op.names)}`;
  }
}
