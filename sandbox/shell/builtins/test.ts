// test and [: file, string and integer tests with !, -a, -o and parentheses.
import { fileTest as checkFile, FILE_TESTS } from '../file-tests.ts';
import type { CommandContext, CommandDefinition, CommandResult } from '../types.ts';

class TestError extends Error {}

const UNARY_FILE = FILE_TESTS;
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function evaluate(args: string[], ctx: CommandContext, name: string): boolean {
  let i = 0;
  const peek = (): string | undefined => args[i];
  const integer = (text: string): bigint => {
    const t = text.trim();
    if (!/^[+-]?\d+$/.test(t)) throw new TestError(`bash: ${name}: ${text}: integer expression expected`);
    return BigInt(t);
  };
  const fileTest = (op: string, operand: string): boolean => checkFile(ctx.fs, ctx.cwd, op, operand);
  const binary = (left: string, op: string, right: string): boolean => {
    switch (op) {
      case '=':
      case '==':
        return left === right;
      case '!=':
        return left !== right;
      case '<':
        return left < right;
      case '>':
        return left > right;
      case '-eq':
        return integer(left) === integer(right);
      case '-ne':
        return integer(left) !== integer(right);
      case '-lt':
        return integer(left) < integer(right);
      case '-le':
        return integer(left) <= integer(right);
      case '-gt':
        return integer(left) > integer(right);
      case '-ge':
        return integer(left) >= integer(right);
      default:
        return false;
    }
  };
  const primary = (): boolean => {
    const t = peek();
    if (t === undefined) throw new TestError(`bash: ${name}: argument expected`);
    if (t === '!') {
      i++;
      return !primary();
    }
    if (t === '(' && args.length - i >= 3) {
      i++;
      const v = orExpr();
      if (peek() !== ')') throw new TestError(`bash: ${name}: \`)' expected`);
      i++;
      return v;
    }
    if (BINARY.has(args[i + 1] ?? '') && i + 2 < args.length) {
      const left = args[i];
      const op = args[i + 1];
      const right = args[i + 2];
      i += 3;
      return binary(left, op, right);
    }
    if ((t === '-z' || t === '-n') && i + 1 < args.length) {
      i += 2;
      return t === '-z' ? args[i - 1] === '' : args[i - 1] !== '';
    }
    if (UNARY_FILE.has(t) && i + 1 < args.length) {
      i += 2;
      return fileTest(t, args[i - 1]);
    }
    i++;
    return t !== '';
  };
  const andExpr = (): boolean => {
    let v = primary();
    while (peek() === '-a') {
      i++;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const orExpr = (): boolean => {
    let v = andExpr();
    while (peek() === '-o') {
      i++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  if (args.length === 0) return false;
  // POSIX rules for few arguments come first; they avoid misreading `[ -n ]` etc.
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    if (args[0] === '!') return args[1] === '';
    if (args[0] === '-z') return args[1] === '';
    if (args[0] === '-n') return args[1] !== '';
    if (UNARY_FILE.has(args[0])) return fileTest(args[0], args[1]);
    throw new TestError(`bash: ${name}: ${args[0]}: unary operator expected`);
  }
  if (args.length === 3 && BINARY.has(args[1])) return binary(args[0], args[1], args[2]);
  const result = orExpr();
  if (i < args.length) throw new TestError(`bash: ${name}: too many arguments`);
  return result;
}

function runTest(ctx: CommandContext, name: 'test' | '['): CommandResult {
  let args = ctx.argv.slice(1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') return { stdout: '', stderr: "bash: [: missing `]'\n", exitCode: 2 };
    args = args.slice(0, -1);
  }
  try {
    return { stdout: '', stderr: '', exitCode: evaluate(args, ctx, name) ? 0 : 1 };
  } catch (error) {
    if (error instanceof TestError) return { stdout: '', stderr: `${error.message}\n`, exitCode: 2 };
    throw error;
  }
}

export const test: CommandDefinition = {
  name: 'test',
  summary: 'evaluate a condition (files, strings, numbers) for if and while',
  run: (ctx) => runTest(ctx, 'test'),
};

export const bracket: CommandDefinition = {
  name: '[',
  summary: 'same as test; the last argument must be ]',
  run: (ctx) => runTest(ctx, '['),
};
