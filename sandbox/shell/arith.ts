// `$(( ))`: bash integer arithmetic with 64-bit wrap-around, variables, assignments and the
// usual C operators.

export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Node =
  | { t: 'num'; v: bigint }
  | { t: 'var'; name: string }
  | { t: 'un'; op: string; a: Node }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'cond'; c: Node; a: Node; b: Node }
  | { t: 'assign'; op: string; name: string; b: Node }
  | { t: 'inc'; op: '++' | '--'; prefix: boolean; name: string };

const BINARY: [number, string[]][] = [
  [1, ['||']],
  [2, ['&&']],
  [3, ['|']],
  [4, ['^']],
  [5, ['&']],
  [6, ['==', '!=']],
  [7, ['<=', '>=', '<', '>']],
  [8, ['<<', '>>']],
  [9, ['+', '-']],
  [10, ['*', '/', '%']],
];
const PRECEDENCE = new Map<string, number>();
for (const [p, ops] of BINARY) for (const op of ops) PRECEDENCE.set(op, p);
const ASSIGN_OPS = ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^='];
const TOKEN = /\s*(0[xX][0-9a-fA-F]+|\d+#[0-9a-zA-Z@_]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*=?|<<=|>>=|\+\+|--|[-+*/%&|^<>=!]=|&&|\|\||<<|>>|[-+*/%()?:!~<>=&|^,])/y;
const MAX_DEPTH = 200;

export function evaluateArith(source: string, vars: ArithVars, nesting = 0): bigint {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < source.length) {
    if (/^\s*$/.test(source.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(source);
    if (!m) throw syntax(source, source.slice(pos).trim());
    tokens.push(m[1]);
    pos = TOKEN.lastIndex;
  }
  if (tokens.length === 0) return 0n;
  let i = 0;
  let depth = 0;
  const peek = (): string | undefined => tokens[i];
  const rest = (): string => tokens.slice(i).join(' ');

  const parseComma = (): Node => {
    let node = parseAssign();
    while (peek() === ',') {
      i++;
      node = { t: 'bin', op: ',', a: node, b: parseAssign() };
    }
    return node;
  };
  const parseAssign = (): Node => {
    const name = tokens[i];
    const op = tokens[i + 1];
    if (name && /^[A-Za-z_]/.test(name) && op && (ASSIGN_OPS.includes(op) || op === '**=')) {
      i += 2;
      return { t: 'assign', op, name, b: parseAssign() };
    }
    return parseCond();
  };
  const parseCond = (): Node => {
    const c = parseBinary(1);
    if (peek() !== '?') return c;
    i++;
    const a = parseAssign();
    if (peek() !== ':') throw syntax(source, rest() || source);
    i++;
    return { t: 'cond', c, a, b: parseAssign() };
  };
  const parseBinary = (min: number): Node => {
    let left = parseUnary();
    for (;;) {
      const op = peek();
      const p = op === undefined ? undefined : PRECEDENCE.get(op);
      if (p === undefined || p < min) return left;
      i++;
      left = { t: 'bin', op: op!, a: left, b: parseBinary(p + 1) };
    }
  };
  const parseUnary = (): Node => {
    if (++depth > MAX_DEPTH) throw new ArithError(`bash: ${source}: expression recursion level exceeded`);
    try {
      const t = peek();
      if (t === '++' || t === '--') {
        i++;
        const name = tokens[i++];
        if (!name || !/^[A-Za-z_]/.test(name)) throw syntax(source, name ?? '');
        return { t: 'inc', op: t, prefix: true, name };
      }
      if (t === '-' || t === '+' || t === '!' || t === '~') {
        i++;
        return { t: 'un', op: t, a: parseUnary() };
      }
      return parsePower();
    } finally {
      depth--;
    }
  };
  const parsePower = (): Node => {
    const base = parsePrimary();
    if (peek() === '**') {
      i++;
      return { t: 'bin', op: '**', a: base, b: parseUnary() };
    }
    return base;
  };
  const parsePrimary = (): Node => {
    const t = tokens[i++];
    if (t === undefined) throw new ArithError(`bash: ${source}: syntax error: operand expected (error token is "${source.trim()}")`);
    if (t === '(') {
      const node = parseComma();
      if (tokens[i++] !== ')') throw syntax(source, rest() || ')');
      return node;
    }
    if (/^\d/.test(t)) return { t: 'num', v: parseNumber(t, source) };
    if (/^[A-Za-z_]/.test(t)) {
      const n = peek();
      if (n === '++' || n === '--') {
        i++;
        return { t: 'inc', op: n, prefix: false, name: t };
      }
      return { t: 'var', name: t };
    }
    i--;
    throw syntax(source, rest());
  };

  const tree = parseComma();
  if (i < tokens.length) throw syntax(source, rest());
  return evaluate(tree, vars, source, nesting);
}

function syntax(source: string, token: string): ArithError {
  return new ArithError(`bash: ${source.trim()}: syntax error: invalid arithmetic operator (error token is "${token}")`);
}

function parseNumber(text: string, source: string): bigint {
  try {
    if (/^0[xX]/.test(text)) return BigInt(text);
    const based = /^(\d+)#(.+)$/.exec(text);
    if (based) {
      const base = Number(based[1]);
      if (base < 2 || base > 64) throw new Error();
      let v = 0n;
      for (const ch of based[2]) {
        const d = digitValue(ch, base);
        if (d < 0 || d >= base) throw new Error();
        v = v * BigInt(base) + BigInt(d);
      }
      return wrap(v);
    }
    if (text.length > 1 && text.startsWith('0')) {
      if (!/^[0-7]+$/.test(text)) throw new Error();
      return wrap(BigInt(`0o${text.slice(1)}`));
    }
    return wrap(BigInt(text));
  } catch {
    throw new ArithError(`bash: ${source.trim()}: value too great for base (error token is "${text}")`);
  }
}

function digitValue(ch: string, base: number): number {
  if (/[0-9]/.test(ch)) return Number(ch);
  if (/[a-z]/.test(ch)) return ch.charCodeAt(0) - 87;
  if (/[A-Z]/.test(ch)) return base <= 36 ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 29;
  if (ch === '@') return 62;
  if (ch === '_') return 63;
  return -1;
}

function wrap(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

function variable(name: string, vars: ArithVars, depth: number): bigint {
  const text = (vars.get(name) ?? '').trim();
  if (text === '') return 0n;
  if (/^-?\d+$/.test(text)) return wrap(BigInt(text));
  // bash evaluates a variable's value as an expression of its own
  if (depth > 16) throw new ArithError(`bash: ${name}: expression recursion level exceeded`);
  return evaluateArith(text, vars, depth + 1);
}

function evaluate(node: Node, vars: ArithVars, source: string, depth: number): bigint {
  const ev = (n: Node): bigint => evaluate(n, vars, source, depth);
  switch (node.t) {
    case 'num':
      return node.v;
    case 'var':
      return variable(node.name, vars, depth);
    case 'un': {
      const a = ev(node.a);
      if (node.op === '-') return wrap(-a);
      if (node.op === '+') return a;
      if (node.op === '!') return a === 0n ? 1n : 0n;
      return wrap(~a);
    }
    case 'inc': {
      const old = variable(node.name, vars, depth);
      const updated = wrap(node.op === '++' ? old + 1n : old - 1n);
      vars.set(node.name, String(updated));
      return node.prefix ? updated : old;
    }
    case 'assign': {
      const b = ev(node.b);
      const value = node.op === '=' ? b : binary(node.op.slice(0, -1), variable(node.name, vars, depth), b, source);
      vars.set(node.name, String(value));
      return value;
    }
    case 'cond':
      return ev(node.c) !== 0n ? ev(node.a) : ev(node.b);
    case 'bin':
      if (node.op === '&&') return ev(node.a) !== 0n && ev(node.b) !== 0n ? 1n : 0n;
      if (node.op === '||') return ev(node.a) !== 0n || ev(node.b) !== 0n ? 1n : 0n;
      if (node.op === ',') {
        ev(node.a);
        return ev(node.b);
      }
      return binary(node.op, ev(node.a), ev(node.b), source);
  }
}

function binary(op: string, a: bigint, b: bigint, source: string): bigint {
  switch (op) {
    case '+': return wrap(a + b);
    case '-': return wrap(a - b);
    case '*': return wrap(a * b);
    case '/':
    case '%':
      if (b === 0n) throw new ArithError(`bash: ${source.trim()}: division by 0 (error token is "${source.trim().split(/[/%]/).pop()?.trim() ?? '0'}")`);
      return wrap(op === '/' ? a / b : a % b);
    case '**':
      if (b < 0n) throw new ArithError(`bash: ${source.trim()}: exponent less than 0 (error token is "${String(b)}")`);
      return wrap(powMod(a, b));
    case '<<': return wrap(a << (b & 63n));
    case '>>': return wrap(a >> (b & 63n));
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '<': return a < b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    default: throw new ArithError(`bash: ${source.trim()}: syntax error: invalid arithmetic operator (error token is "${op}")`);
  }
}

/** a**b wrapped to 64 bits at each step so huge exponents stay cheap. */
function powMod(a: bigint, b: bigint): bigint {
  let result = 1n;
  let base = wrap(a);
  let e = b;
  while (e > 0n) {
    if (e & 1n) result = wrap(result * base);
    base = wrap(base * base);
    e >>= 1n;
  }
  return result;
}
