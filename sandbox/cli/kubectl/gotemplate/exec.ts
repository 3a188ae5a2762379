// Executing a parsed Go template (text/template/exec.go) over an object decoded from JSON:
// fields of maps (missing keys are `<no value>`, or an error with missingkey=error), variables,
// pipelines passing their value as the last argument, if/with/range/else/break/continue, the
// builtin functions and kubectl's two (exists, base64decode). Errors read as Go's:
// `template: output:1:2: executing "output" at <.a.b>: nil pointer evaluating interface {}.b`.
import { base64Decode } from './base64.ts';
import { commandText, operandText, parseTemplate, TemplateError, type Command, type ControlNode, type Operand, type Pipe, type TNode } from './parse.ts';
import { GoFloat, goTypeName, kindOf, MISSING, numberOf, sprint, sprintf, sprintValue } from './values.ts';

class FuncError extends Error {}
class BreakSignal {}
class ContinueSignal {}

type Fn = { min: number; max?: number; call: (args: unknown[]) => unknown };

function truth(v: unknown): boolean {
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
      return false;
    case 'bool':
      return v as boolean;
    case 'int':
    case 'float':
      return numberOf(v) !== 0;
    case 'string':
      return (v as string).length > 0;
    case 'slice':
      return (v as unknown[]).length > 0;
    default:
      return Object.keys(v as object).length > 0;
  }
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

type Basic = 'bool' | 'int' | 'float' | 'string';

function basic(v: unknown): Basic | undefined {
  const k = kindOf(v);
  return k === 'bool' || k === 'int' || k === 'float' || k === 'string' ? k : undefined;
}

function eq(args: unknown[]): boolean {
  if (args.length < 2) throw new FuncError('missing argument for comparison');
  const [a, ...rest] = args;
  const ka = basic(a);
  for (const b of rest) {
    const kb = basic(b);
    if (ka !== kb) {
      const valid = (x: unknown) => x !== null && x !== MISSING && x !== undefined;
      if (valid(a) && valid(b)) throw new FuncError('incompatible types for comparison');
      continue;
    }
    if (ka === undefined) {
      const isNil = (x: unknown) => x === null || x === MISSING || x === undefined;
      if (isNil(a) || isNil(b)) {
        if (isNil(a) && isNil(b)) return true;
        continue;
      }
      throw new FuncError(`non-comparable type ${sprintValue(a)}: ${goTypeName(a)}`);
    }
    if ((ka === 'int' || ka === 'float' ? numberOf(a) === numberOf(b) : a === b)) return true;
  }
  return false;
}

function less(a: unknown, b: unknown): boolean {
  const ka = basic(a);
  const kb = basic(b);
  if (ka === undefined || kb === undefined) throw new FuncError('invalid type for comparison');
  if (ka !== kb) throw new FuncError('incompatible types for comparison');
  if (ka === 'bool') throw new FuncError('invalid type for comparison');
  return ka === 'string' ? (a as string) < (b as string) : numberOf(a) < numberOf(b);
}

function index(args: unknown[]): unknown {
  let item = args[0];
  if (item === null || item === MISSING) throw new FuncError('index of untyped nil');
  for (const key of args.slice(1)) {
    if (item === null) throw new FuncError('index of nil pointer');
    const k = kindOf(item);
    if (k === 'slice' || k === 'string') {
      if (kindOf(key) === 'nil' || kindOf(key) === 'invalid') throw new FuncError('cannot index slice/array with nil');
      if (kindOf(key) !== 'int') throw new FuncError(`cannot index slice/array with type ${goTypeName(key)}`);
      const list = k === 'string' ? [...(item as string)].map((c) => c.charCodeAt(0)) : (item as unknown[]);
      const i = key as number;
      if (i < 0 || i >= list.length) throw new FuncError(`index out of range: ${i}`);
      item = list[i];
    } else if (k === 'map') {
      if (kindOf(key) !== 'string') throw new FuncError(`value has type ${goTypeName(key)}; should be string`);
      const map = item as Record<string, unknown>;
      item = Object.prototype.hasOwnProperty.call(map, key as string) ? map[key as string] : null;
    } else {
      throw new FuncError(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

/** kubectl's `exists`: whether following the indexes lands on a non-nil value. */
function exists(args: unknown[]): boolean {
  let v = args[0];
  for (const key of args.slice(1)) {
    if (v === null || v === MISSING) return false;
    const k = kindOf(v);
    if (k === 'slice' || k === 'string') {
      if (kindOf(key) !== 'int') return false;
      const len = k === 'string' ? (v as string).length : (v as unknown[]).length;
      const i = key as number;
      if (i < 0 || i >= len) return false;
      v = k === 'string' ? (v as string).charCodeAt(i) : (v as unknown[])[i];
    } else if (k === 'map') {
      if (kindOf(key) !== 'string') return false;
      const map = v as Record<string, unknown>;
      v = Object.prototype.hasOwnProperty.call(map, key as string) ? map[key as string] : null;
    } else return false;
  }
  return v !== null && v !== MISSING;
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!);
}

function jsEscape(s: string): string {
  return s.replace(/[\\'"<>&=\n\r\t]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
}

function queryEscape(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const FUNCS: Record<string, Fn> = {
  not: { min: 1, max: 1, call: ([a]) => !truth(a) },
  len: {
    min: 1,
    max: 1,
    call: ([a]) => {
      const k = kindOf(a);
      if (k === 'string') return utf8Length(a as string);
      if (k === 'slice') return (a as unknown[]).length;
      if (k === 'map') return Object.keys(a as object).length;
      if (k === 'nil' || k === 'invalid') throw new FuncError('len of nil pointer');
      throw new FuncError(`len of type ${goTypeName(a)}`);
    },
  },
  index: { min: 1, call: index },
  slice: {
    min: 1,
    max: 4,
    call: ([item, ...idx]) => {
      const k = kindOf(item);
      if (k !== 'string' && k !== 'slice') throw new FuncError(`can't slice item of type ${goTypeName(item)}`);
      const len = k === 'string' ? (item as string).length : (item as unknown[]).length;
      const nums = idx.map((i) => {
        if (kindOf(i) !== 'int') throw new FuncError(`cannot index slice/array with type ${goTypeName(i)}`);
        return i as number;
      });
      const from = nums[0] ?? 0;
      const to = nums[1] ?? len;
      if (from < 0 || from > len) throw new FuncError(`index out of range: ${from}`);
      if (to < from || to > len) throw new FuncError(`index out of range: ${to}`);
      return k === 'string' ? (item as string).slice(from, to) : (item as unknown[]).slice(from, to);
    },
  },
  print: { min: 0, call: (args) => sprint(args) },
  println: { min: 0, call: (args) => `${args.map((a) => sprintValue(a)).join(' ')}\n` },
  printf: {
    min: 1,
    call: ([format, ...args]) => {
      if (kindOf(format) !== 'string') throw new FuncError(`wrong type for value; expected string; got ${goTypeName(format)}`);
      return sprintf(format as string, args);
    },
  },
  eq: { min: 1, call: eq },
  ne: { min: 2, max: 2, call: (args) => !eq(args) },
  lt: { min: 2, max: 2, call: ([a, b]) => less(a, b) },
  le: { min: 2, max: 2, call: ([a, b]) => less(a, b) || eq([a, b]) },
  gt: { min: 2, max: 2, call: ([a, b]) => !less(a, b) && !eq([a, b]) },
  ge: { min: 2, max: 2, call: ([a, b]) => !less(a, b) },
  html: { min: 0, call: (args) => htmlEscape(sprint(args)) },
  js: { min: 0, call: (args) => jsEscape(sprint(args)) },
  urlquery: { min: 0, call: (args) => queryEscape(sprint(args)) },
  exists: { min: 1, call: exists },
  base64decode: {
    min: 1,
    max: 1,
    call: ([a]) => {
      if (kindOf(a) !== 'string') throw new FuncError(`wrong type for value; expected string; got ${goTypeName(a)}`);
      const decoded = base64Decode(a as string);
      if (typeof decoded !== 'string') throw new FuncError(`base64 decode failed: ${decoded.error}`);
      return decoded;
    },
  },
};

export const FUNC_NAMES: ReadonlySet<string> = new Set([...Object.keys(FUNCS), 'and', 'or']);

class State {
  out = '';
  /** Inside range, dot is an element of a []interface{} or map[string]interface{}. */
  private dotIsElement = false;
  private vars: { name: string; value: unknown }[];

  private readonly input: string;
  private readonly missingKeyError: boolean;

  constructor(input: string, missingKeyError: boolean, data: unknown) {
    this.input = input;
    this.missingKeyError = missingKeyError;
    this.vars = [{ name: '$', value: data }];
  }

  private fail(pos: number, at: string, message: string): never {
    const before = this.input.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = nl < 0 ? pos : pos - nl - 1;
    throw new TemplateError(`template: output:${line}:${col}: executing "output" at <${at}>: ${message}`);
  }

  walk(dot: unknown, nodes: TNode[]): void {
    for (const node of nodes) {
      switch (node.k) {
        case 'text':
          this.out += node.text;
          break;
        case 'action': {
          const value = this.pipeline(dot, node.pipe);
          if (node.pipe.decl.length === 0) this.out += sprintValue(value);
          break;
        }
        case 'if':
        case 'with': {
          const mark = this.vars.length;
          const value = this.pipeline(dot, node.pipe);
          if (truth(value)) {
            const saved = this.dotIsElement;
            if (node.k === 'with') this.dotIsElement = false;
            this.walk(node.k === 'with' ? value : dot, node.list);
            this.dotIsElement = saved;
          }
          else if (node.elseList) this.walk(dot, node.elseList);
          this.vars.length = mark;
          break;
        }
        case 'range':
          this.range(dot, node);
          break;
        case 'break':
          throw new BreakSignal();
        case 'continue':
          throw new ContinueSignal();
      }
    }
  }

  private range(dot: unknown, node: ControlNode): void {
    const mark = this.vars.length;
    const value = this.pipeline(dot, node.pipe);
    const decl = node.pipe.decl;
    const once = (key: unknown, elem: unknown): boolean => {
      if (decl.length > 0) this.setVar(decl[decl.length - 1]!, elem);
      if (decl.length > 1) this.setVar(decl[0]!, key);
      const saved = this.dotIsElement;
      this.dotIsElement = true;
      try {
        this.walk(elem, node.list);
      } catch (signal) {
        this.dotIsElement = saved;
        if (signal instanceof BreakSignal) return false;
        if (!(signal instanceof ContinueSignal)) throw signal;
      }
      this.dotIsElement = saved;
      return true;
    };
    let ran = false;
    const k = kindOf(value);
    if (k === 'slice') {
      const list = value as unknown[];
      for (let i = 0; i < list.length; i++) {
        ran = true;
        if (!once(i, list[i])) break;
      }
    } else if (k === 'map') {
      const map = value as Record<string, unknown>;
      for (const key of Object.keys(map).sort()) {
        ran = true;
        if (!once(key, map[key])) break;
      }
    } else if (k === 'int') {
      if (decl.length > 1) this.fail(node.pipe.pos, node.pipe.cmds.map(commandText).join(' | '), `can't use ${sprintValue(value)} to iterate over more than one variable`);
      for (let i = 0; i < (value as number); i++) {
        ran = true;
        if (!once(i, i)) break;
      }
    } else if (k !== 'invalid' && k !== 'nil') {
      this.fail(node.pipe.pos, node.pipe.cmds.map(commandText).join(' | '), `range can't iterate over ${sprintValue(value)}`);
    }
    if (!ran && node.elseList) this.walk(dot, node.elseList);
    this.vars.length = mark;
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    return MISSING;
  }

  pipeline(dot: unknown, pipe: Pipe): unknown {
    let value: unknown = undefined;
    pipe.cmds.forEach((cmd, i) => {
      value = this.command(dot, cmd, i > 0 ? { value } : undefined);
      // An interface{} holding nil digs down to an invalid value.
      if (value === null) value = MISSING;
    });
    for (const name of pipe.decl) {
      if (pipe.assign) this.setVar(name, value);
      else this.vars.push({ name, value });
    }
    return value;
  }

  private command(dot: unknown, cmd: Command, final: { value: unknown } | undefined): unknown {
    const head = cmd.args[0]!;
    if (head.k === 'ident') return this.call(dot, head.name, head.pos, cmd, cmd.args.slice(1), final);
    if (cmd.args.length > 1 || final) this.fail(head.pos, operandText(head), `can't give argument to non-function ${operandText(head)}`);
    return this.operand(dot, head);
  }

  private operand(dot: unknown, op: Operand): unknown {
    switch (op.k) {
      case 'field':
        return this.chain(dot, op.names, op, this.dotIsElement);
      case 'dot':
        return dot;
      case 'var':
        return this.chain(this.varValue(op.name), op.names, op, false);
      case 'pipe': {
        const value = this.pipeline(dot, op.pipe);
        return this.chain(value, op.names, op, false);
      }
      case 'string':
        return op.value;
      case 'number':
        return op.isInt ? op.value : new GoFloat(op.value);
      case 'bool':
        return op.value;
      case 'nil':
        return null;
      case 'ident':
        return this.call(dot, op.name, op.pos, { args: [op], pos: op.pos }, [], undefined);
    }
  }

  /**
   * Fields down a chain. Map elements are interface{} values, and Go names that static type in
   * its errors (`can't evaluate field x in type interface {}`); a value that came out of a
   * pipeline or variable has its dynamic type.
   */
  private chain(receiver: unknown, names: string[], node: Operand, receiverIsInterface: boolean): unknown {
    let value = receiver;
    let iface = receiverIsInterface;
    for (const name of names) {
      if (value === MISSING || value === undefined) {
        if (this.missingKeyError) this.fail(node.pos, operandText(node), `nil data; no entry for key "${name}"`);
        return MISSING;
      }
      if (value === null) this.fail(node.pos, operandText(node), `nil pointer evaluating interface {}.${name}`);
      if (kindOf(value) !== 'map') this.fail(node.pos, operandText(node), `can't evaluate field ${name} in type ${iface ? 'interface {}' : goTypeName(value)}`);
      iface = true;
      const map = value as Record<string, unknown>;
      if (Object.prototype.hasOwnProperty.call(map, name)) value = map[name];
      else {
        if (this.missingKeyError) this.fail(node.pos, operandText(node), `map has no entry for key "${name}"`);
        value = MISSING;
      }
    }
    return value;
  }

  private call(dot: unknown, name: string, pos: number, cmd: Command, argNodes: Operand[], final: { value: unknown } | undefined): unknown {
    const at = commandText(cmd);
    if (name === 'and' || name === 'or') {
      // Evaluated lazily: the first falsy (and) or truthy (or) argument, else the last.
      const nodes = argNodes;
      if (nodes.length + (final ? 1 : 0) < 1) this.fail(pos, name, `wrong number of args for ${name}: want at least 1 got 0`);
      let value: unknown = undefined;
      for (const node of nodes) {
        value = this.arg(dot, node);
        if (truth(value) === (name === 'or')) return value;
      }
      if (final) value = final.value;
      return value;
    }
    const fn = FUNCS[name]!;
    const args = argNodes.map((node) => this.arg(dot, node));
    if (final) args.push(final.value);
    if (args.length < fn.min || (fn.max !== undefined && args.length > fn.max)) {
      const want = fn.max === fn.min ? `${fn.min}` : `at least ${fn.min}`;
      this.fail(pos, name, `wrong number of args for ${name}: want ${want} got ${args.length}`);
    }
    try {
      return fn.call(args.map((a) => (a === MISSING ? null : a)));
    } catch (error) {
      if (error instanceof FuncError) this.fail(cmd.pos, at, `error calling ${name}: ${error.message}`);
      throw error;
    }
  }

  private arg(dot: unknown, node: Operand): unknown {
    const value = this.operand(dot, node);
    return value === null ? MISSING : value;
  }
}

export type TemplateResult = { ok: true; text: string } | { ok: false; phase: 'parse' | 'exec'; text: string; error: string };

/** Parses and runs a template over data; `missingKeyError` is --allow-missing-template-keys=false. */
export function executeGoTemplate(template: string, data: unknown, options: { missingKeyError?: boolean } = {}): TemplateResult {
  let nodes: TNode[];
  try {
    nodes = parseTemplate(template, FUNC_NAMES);
  } catch (error) {
    if (error instanceof TemplateError) return { ok: false, phase: 'parse', text: '', error: error.message };
    throw error;
  }
  const state = new State(template, options.missingKeyError ?? false, data);
  try {
    state.walk(data, nodes);
  } catch (error) {
    if (error instanceof TemplateError) return { ok: false, phase: 'exec', text: state.out, error: error.message };
    throw error;
  }
  return { ok: true, text: state.out };
}

export function checkGoTemplate(template: string): string | undefined {
  try {
    parseTemplate(template, FUNC_NAMES);
    return undefined;
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
}
