// Compound commands for the parser: if, for, while/until, { }, ( ), case, functions and [[ ]].
// Each function starts at its keyword (the parser's current token) and returns the command.
import type { Command, CondExpr, Program, Word, WordPart } from './ast.ts';
import { ShellSyntaxError } from './parse-errors.ts';
import { isKeyword, isOp, keywordText, NAME, type Parser } from './parser.ts';
import type { Token } from './lexer.ts';
import { WordReader } from './word-reader.ts';

const COND_UNARY = new Set([
  '-e', '-f', '-d', '-s', '-r', '-w', '-x', '-z', '-n', '-L', '-h', '-a', '-b', '-c', '-p', '-S', '-g', '-u', '-k',
  '-O', '-G', '-N', '-v', '-o', '-t',
]);
const COND_BINARY = new Set(['==', '=', '!=', '=~', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);
/** What a function body may be. */
const FUNCTION_BODIES = new Set(['group', 'if', 'for', 'while', 'case', 'arith', 'arithfor', 'cond']);

export const COMPOUND: Record<string, (p: Parser) => Command> = {
  if: parseIf,
  for: parseFor,
  while: parseWhile,
  until: parseWhile,
  '{': parseGroup,
  case: parseCase,
  function: (p) => parseFunction(p, true),
  '[[': parseCond,
};

export function parseSubshell(p: Parser): Command {
  p.i++;
  p.enter();
  const body = p.parseList([], true);
  if (body.items.length === 0) p.unexpected(p.peek());
  p.expectOp(')');
  p.leave();
  return { kind: 'group', subshell: true, body, redirects: p.parseRedirects() };
}

function parseIf(p: Parser): Command {
  p.i++;
  p.enter();
  const clauses: { condition: Program; body: Program }[] = [];
  let elseBody: Program | null = null;
  for (;;) {
    const condition = p.body(['then']);
    p.expectKeyword('then');
    const body = p.body(['elif', 'else', 'fi']);
    clauses.push({ condition, body });
    if (isKeyword(p.peek(), 'elif')) {
      p.i++;
      continue;
    }
    if (isKeyword(p.peek(), 'else')) {
      p.i++;
      elseBody = p.body(['fi']);
    }
    p.expectKeyword('fi');
    break;
  }
  p.leave();
  return { kind: 'if', clauses, elseBody, redirects: p.parseRedirects() };
}

function parseFor(p: Parser): Command {
  p.i++;
  p.enter();
  const nameToken = p.peek();
  if (!nameToken) p.needMore();
  if (nameToken.type === 'arith') return parseArithFor(p, nameToken);
  if (nameToken.type !== 'word') p.unexpected(nameToken);
  const name = keywordText(nameToken);
  if (name === null || !NAME.test(name)) {
    throw new ShellSyntaxError(`bash: \`${nameToken.word.raw}': not a valid identifier`);
  }
  p.i++;
  let words: Word[] | null = null;
  p.skipNewlines();
  if (isKeyword(p.peek(), 'in')) {
    p.i++;
    words = [];
    for (let token = p.peek(); token?.type === 'word'; token = p.peek()) {
      words.push(token.word);
      p.i++;
    }
    const end = p.peek();
    if (!end) p.needMore();
    if (!isOp(end, ';') && !isOp(end, '\n')) p.unexpected(end);
    p.i++;
  } else if (isOp(p.peek(), ';')) {
    p.i++;
  }
  p.skipNewlines();
  p.expectKeyword('do');
  const body = p.body(['done']);
  p.expectKeyword('done');
  p.leave();
  return { kind: 'for', name, words, body, redirects: p.parseRedirects() };
}

/** `for (( init; cond; step ))` */
function parseArithFor(p: Parser, token: Extract<Token, { type: 'arith' }>): Command {
  p.i++;
  const pieces = token.raw.split(';');
  if (pieces.length !== 3) throw new ShellSyntaxError('bash: syntax error: arithmetic expression required');
  const [init, cond, step] = pieces.map((piece) => WordReader.quotedText(piece, p.level, p.sub));
  if (isOp(p.peek(), ';')) p.i++;
  p.skipNewlines();
  p.expectKeyword('do');
  const body = p.body(['done']);
  p.expectKeyword('done');
  p.leave();
  return { kind: 'arithfor', init, cond, step, body, redirects: p.parseRedirects() };
}

function parseWhile(p: Parser): Command {
  const until = isKeyword(p.peek(), 'until');
  p.i++;
  p.enter();
  const condition = p.body(['do']);
  p.expectKeyword('do');
  const body = p.body(['done']);
  p.expectKeyword('done');
  p.leave();
  return { kind: 'while', until, condition, body, redirects: p.parseRedirects() };
}

function parseGroup(p: Parser): Command {
  p.i++;
  p.enter();
  const body = p.body(['}']);
  p.expectKeyword('}');
  p.leave();
  return { kind: 'group', subshell: false, body, redirects: p.parseRedirects() };
}

function parseCase(p: Parser): Command {
  p.i++;
  p.enter();
  const subject = p.peek();
  if (!subject) p.needMore();
  if (subject.type !== 'word') p.unexpected(subject);
  p.i++;
  p.skipNewlines();
  p.expectKeyword('in');
  p.skipNewlines();
  const clauses: { patterns: Word[]; body: Program }[] = [];
  for (;;) {
    const token = p.peek();
    if (!token) p.needMore();
    if (isKeyword(token, 'esac')) {
      p.i++;
      break;
    }
    if (isOp(token, '(')) p.i++;
    const patterns: Word[] = [];
    for (;;) {
      const pattern = p.peek();
      if (!pattern) p.needMore();
      if (pattern.type !== 'word') p.unexpected(pattern);
      patterns.push(pattern.word);
      p.i++;
      if (!isOp(p.peek(), '|')) break;
      p.i++;
    }
    p.expectOp(')');
    const body = p.parseList(['esac'], false);
    clauses.push({ patterns, body });
    const end = p.peek();
    if (isOp(end, ';;')) {
      p.i++;
      p.skipNewlines();
    } else if (!isKeyword(end, 'esac')) {
      if (!end) p.needMore();
      p.unexpected(end);
    }
  }
  p.leave();
  return { kind: 'case', word: subject.word, clauses, redirects: p.parseRedirects() };
}

/** `name() body` (keyword false) or `function name [()] body`. */
export function parseFunction(p: Parser, keyword: boolean): Command {
  if (keyword) p.i++;
  const nameToken = p.peek();
  if (!nameToken) p.needMore();
  const name = keywordText(nameToken);
  if (name === null || /[=$`'"\\/]/.test(name)) p.unexpected(nameToken);
  p.i++;
  if (isOp(p.peek(), '(')) {
    p.i++;
    p.expectOp(')');
  } else if (!keyword) p.unexpected(p.peek());
  p.skipNewlines();
  const start = p.peek();
  if (!start) p.needMore();
  p.enter();
  const body = p.parseCommand();
  p.leave();
  if (!FUNCTION_BODIES.has(body.kind) && !(body.kind === 'group')) p.unexpected(start);
  return { kind: 'function', name, body };
}

function condError(token: Token | undefined): never {
  const text = !token ? 'newline' : token.type === 'word' ? token.word.raw : token.type === 'op' ? token.op : token.type === 'redir' ? token.op : '((';
  throw new ShellSyntaxError(`bash: syntax error in conditional expression: unexpected token \`${text}'`);
}

function parseCond(p: Parser): Command {
  p.i++;
  p.enter();
  const expr = condOr(p);
  p.skipNewlines();
  const end = p.peek();
  if (!end) p.needMore();
  if (!isKeyword(end, ']]')) condError(end);
  p.i++;
  p.leave();
  return { kind: 'cond', expr, redirects: p.parseRedirects() };
}

function condOr(p: Parser): CondExpr {
  let left = condAnd(p);
  while (isOp(p.peek(), '||')) {
    p.i++;
    left = { kind: 'or', left, right: condAnd(p) };
  }
  return left;
}

function condAnd(p: Parser): CondExpr {
  let left = condNot(p);
  while (isOp(p.peek(), '&&')) {
    p.i++;
    left = { kind: 'and', left, right: condNot(p) };
  }
  return left;
}

function condNot(p: Parser): CondExpr {
  p.skipNewlines();
  if (isKeyword(p.peek(), '!')) {
    p.i++;
    p.enter();
    const expr = condNot(p);
    p.leave();
    return { kind: 'not', expr };
  }
  return condPrimary(p);
}

function condPrimary(p: Parser): CondExpr {
  p.skipNewlines();
  const token = p.peek();
  if (!token) p.needMore();
  if (isOp(token, '(')) {
    p.i++;
    p.enter();
    const expr = condOr(p);
    p.skipNewlines();
    if (!isOp(p.peek(), ')')) condError(p.peek());
    p.i++;
    p.leave();
    return expr;
  }
  if (token.type !== 'word' || isKeyword(token, ']]')) condError(token);
  const text = keywordText(token);
  const next = p.peekAt(1);
  if (text !== null && COND_UNARY.has(text) && next?.type === 'word' && !isKeyword(next, ']]')) {
    p.i += 2;
    return { kind: 'unary', op: text, operand: next.word };
  }
  p.i++;
  const op = p.peek();
  const opText = keywordText(op);
  if (opText !== null && COND_BINARY.has(opText)) {
    p.i++;
    const right = opText === '=~' ? regexOperand(p) : condWord(p);
    return { kind: 'binary', op: opText, left: token.word, right };
  }
  if (op?.type === 'redir' && op.fd === null && (op.op === '<' || op.op === '>')) {
    p.i++;
    return { kind: 'binary', op: op.op, left: token.word, right: condWord(p) };
  }
  return { kind: 'word', word: token.word };
}

function condWord(p: Parser): Word {
  const token = p.peek();
  if (!token) p.needMore();
  if (token.type !== 'word' || isKeyword(token, ']]')) condError(token);
  p.i++;
  return token.word;
}

/** After =~ the regex may hold ( ) and | unquoted: the lexer made them operators, so rejoin. */
function regexOperand(p: Parser): Word {
  const parts: WordPart[] = [];
  let raw = '';
  let depth = 0;
  for (;;) {
    const token = p.peek();
    if (!token) p.needMore();
    if (token.type === 'word') {
      if (isKeyword(token, ']]') && depth === 0) break;
      parts.push(...token.word.parts);
      raw += token.word.raw;
    } else if (token.type === 'op' && (token.op === '(' || token.op === ')' || token.op === '|' || token.op === '||')) {
      if (token.op === '(') depth++;
      if (token.op === ')') {
        if (depth === 0) break;
        depth--;
      }
      parts.push({ kind: 'lit', text: token.op, quoted: false });
      raw += token.op;
    } else break;
    p.i++;
  }
  if (parts.length === 0) condError(p.peek());
  return { parts, raw };
}
