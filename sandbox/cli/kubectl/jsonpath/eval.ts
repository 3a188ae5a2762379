// Executing a parsed kubectl JSONPath template over JSON data (client-go jsonpath.go): fields,
// indexes, slices, unions, wildcards, recursive descent, filters with text/template's typed
// comparisons, and `{range}`/`{end}` with client-go's own bookkeeping. Results print as client-go
// prints them: scalars as text (`null` for null), maps and lists as compact JSON, several
// matches of one action separated by a space, and with -o jsonpath-as-json as indented arrays.
import { goJson } from './go-format.ts';
import { parseJsonPath, type JpList, type JpNode } from './parser.ts';

export class JsonPathError extends Error {}

/** A JSON value as found; `float` marks numbers the Go decoder would hold as float64. */
type Value = unknown;

function goTypeName(v: Value): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'map[string]interface {}';
  }
}

function isMap(v: Value): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

/** A value's elements as reflect walks them: a string's are its bytes (uint8 numbers). */
function children(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return utf8Bytes(v);
  if (isMap(v)) return Object.keys(v).sort().map((k) => v[k]);
  return [];
}

type Kind = 'int' | 'float' | 'string' | 'bool' | 'invalid';

interface Typed {
  kind: Kind;
  value: Value;
}

function typedOf(v: Value, literal?: JpNode): Typed {
  if (literal?.type === 'int') return { kind: 'int', value: literal.value };
  if (literal?.type === 'float') return { kind: 'float', value: literal.value };
  if (typeof v === 'number') return { kind: Number.isInteger(v) ? 'int' : 'float', value: v };
  if (typeof v === 'string') return { kind: 'string', value: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  return { kind: 'invalid', value: v };
}

/** text/template's eq/ne/lt/le/gt/ge on two basic values. */
function compare(op: string, a: Typed, b: Typed): boolean {
  // evalFilter picks the function by operator before comparing anything.
  if (!['<', '>', '==', '!=', '<=', '>='].includes(op)) throw new JsonPathError(`unrecognized filter operator ${op}`);
  if (a.kind === 'invalid' || b.kind === 'invalid') throw new JsonPathError('invalid type for comparison');
  if (a.kind !== b.kind) throw new JsonPathError('incompatible types for comparison');
  if (op === '==') return a.value === b.value;
  if (op === '!=') return a.value !== b.value;
  if (a.kind === 'bool') throw new JsonPathError('invalid type for comparison');
  const x = a.value as number | string;
  const y = b.value as number | string;
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
    default:
      throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

export class JsonPath {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JpNode | undefined;
  private readonly root: JpList;
  allowMissingKeys: boolean;

  constructor(template: string | JpList, options: { allowMissingKeys?: boolean } = {}) {
    this.root = typeof template === 'string' ? parseJsonPath(template) : template;
    this.allowMissingKeys = options.allowMissingKeys ?? false;
  }

  findResults(data: Value, nodes: JpNode[] = this.root.nodes): Value[][] {
    const full: Value[][] = [];
    const cur: Value[] = [data];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const rest = nodes.slice(i + 1);
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, rest));
        } else {
          this.findResults(null, rest);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Value[], node: JpNode): Value[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return this.evalArray(input, node);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap((v) => (v === null || v === undefined ? [] : children(v)));
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((list) => this.evalList(input, list));
      case 'identifier':
        if (node.name === 'range') {
          this.beginRange++;
          return input;
        }
        if (node.name === 'end') {
          if (this.inRange > 0) {
            this.endRange++;
            return [];
          }
          throw new JsonPathError('not in range, nothing to end');
        }
        throw new JsonPathError(`unrecognized identifier ${node.name}`);
    }
  }

  private evalList(input: Value[], list: JpList): Value[] {
    let cur = input;
    for (const node of list.nodes) cur = this.walk(cur, node);
    return cur;
  }

  private evalField(input: Value[], name: string): Value[] {
    const results: Value[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name)) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], node: Extract<JpNode, { type: 'array' }>): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
      const p = node.params.map((e) => ({ ...e }));
      const len = v.length;
      if (!p[0]!.known) p[0]!.value = 0;
      if (p[0]!.value < 0) p[0]!.value += len;
      if (!p[1]!.known) p[1]!.value = len;
      if (p[1]!.value < 0 || (p[1]!.value === 0 && p[1]!.derived)) p[1]!.value += len;
      if (p[1]!.value === p[0]!.value) return result;
      if (p[0]!.value >= len || p[0]!.value < 0) throw new JsonPathError(`array index out of bounds: index ${p[0]!.value}, length ${len}`);
      if (p[1]!.value > len || p[1]!.value < 0) throw new JsonPathError(`array index out of bounds: index ${p[1]!.value - 1}, length ${len}`);
      if (p[0]!.value > p[1]!.value) throw new JsonPathError(`starting index ${p[0]!.value} is greater than ending index ${p[1]!.value}`);
      let step = 1;
      if (p[2]!.known) {
        if (p[2]!.value <= 0) throw new JsonPathError('step must be > 0');
        step = p[2]!.value;
      }
      const slice = v.slice(p[0]!.value, p[1]!.value);
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const kids = children(v);
      if (kids.length > 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: Value[], node: Extract<JpNode, { type: 'filter' }>): Value[] {
    const results: Value[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JsonPathError(`${goSprintShort(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        if (node.operator === 'exists') {
          let lefts: Value[] = [];
          try {
            lefts = this.evalList([item], node.left);
          } catch {
            lefts = [];
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        const lefts = this.evalList([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.evalList([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        const literal = node.right.nodes.length === 1 ? node.right.nodes[0] : undefined;
        if (compare(node.operator, typedOf(lefts[0]), typedOf(rights[0], literal))) results.push(item);
      }
    }
    return results;
  }
}

function goSprintShort(v: Value): string {
  if (isMap(v)) return 'map[...]';
  return String(v);
}

/** Text of one result as client-go prints it. */
export function resultText(v: Value): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return goJson(v);
  if (typeof v === 'number') return goNumberText(v);
  return String(v);
}

/** fmt.Fprint of an int64 or float64 (%v is %g with the shortest digits: exponent below 1e-4 or from 1e6). */
export function goNumberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const [mant, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** Executes a template and prints as `-o jsonpath=` does (no newline added). */
export function executeJsonPath(template: string | JpList, data: Value, options: { allowMissingKeys?: boolean; asJson?: boolean } = {}): string {
  const jp = new JsonPath(template, { allowMissingKeys: options.allowMissingKeys ?? true });
  const lists = jp.findResults(data);
  let out = '';
  for (const results of lists) {
    if (options.asJson) {
      out += `${goJson(results, '    ')}\n`;
      continue;
    }
    out += results.map(resultText).join(' ');
  }
  return out;
}
