// Evaluates `[[ ... ]]`: no word splitting or globbing of operands, `==` matches a pattern,
// `=~` a regular expression (ERE), -eq and friends compare arithmetic values.
import type { CondExpr, Word } from './ast.ts';
import { compileRegex, translateRegex } from './builtins/posix-regex.ts';
import { fileTest, FILE_TESTS } from './file-tests.ts';
import { globMatcher } from './glob.ts';
import type { MemFS } from './memfs.ts';

export interface CondEnv {
  fs: MemFS;
  cwd: string;
  /** The operand's value (no splitting, no globbing). */
  text(word: Word): string;
  /** The operand as a glob pattern: quoted characters literal. */
  pattern(word: Word): string;
  /** The operand as an ERE: quoted characters literal. */
  regex(word: Word): string;
  arith(text: string): bigint;
  isSet(name: string): boolean;
  /** BASH_REMATCH after a successful =~ (the whole match; arrays are not supported). */
  setMatch(match: string): void;
}

/** `[[ ]]`: 0 true, 1 false, 2 for an invalid regular expression. */
export function evaluateCond(expr: CondExpr, env: CondEnv): number {
  try {
    return truth(expr, env) ? 0 : 1;
  } catch (error) {
    if (error instanceof BadRegex) return 2;
    throw error;
  }
}

class BadRegex extends Error {}

function truth(expr: CondExpr, env: CondEnv): boolean {
  switch (expr.kind) {
    case 'and':
      return truth(expr.left, env) && truth(expr.right, env);
    case 'or':
      return truth(expr.left, env) || truth(expr.right, env);
    case 'not':
      return !truth(expr.expr, env);
    case 'word':
      return env.text(expr.word) !== '';
    case 'unary': {
      const value = env.text(expr.operand);
      if (expr.op === '-z') return value === '';
      if (expr.op === '-n') return value !== '';
      if (expr.op === '-v') return env.isSet(value);
      if (FILE_TESTS.has(expr.op)) return fileTest(env.fs, env.cwd, expr.op, value);
      return false;
    }
    case 'binary': {
      const left = env.text(expr.left);
      switch (expr.op) {
        case '==':
        case '=':
          return globMatcher(env.pattern(expr.right)).test(left);
        case '!=':
          return !globMatcher(env.pattern(expr.right)).test(left);
        case '=~': {
          const t = translateRegex(env.regex(expr.right), true);
          if ('error' in t) throw new BadRegex();
          const re = compileRegex(t.source, '');
          if ('error' in re) throw new BadRegex();
          const m = re.exec(left);
          if (m) env.setMatch(m[0]);
          return m !== null;
        }
        case '<':
          return left < env.text(expr.right);
        case '>':
          return left > env.text(expr.right);
        case '-nt':
        case '-ot':
        case '-ef':
          return false;
        default: {
          const a = env.arith(left);
          const b = env.arith(env.text(expr.right));
          if (expr.op === '-eq') return a === b;
          if (expr.op === '-ne') return a !== b;
          if (expr.op === '-lt') return a < b;
          if (expr.op === '-le') return a <= b;
          if (expr.op === '-gt') return a > b;
          return a >= b;
        }
      }
    }
  }
}
