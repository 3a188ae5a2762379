// Recursive-descent parser from tokens to the AST, and `parse()`, the one entry point the shell
// uses: it says whether a line is complete, broken (with bash's message) or runnable.
import type { AndOr, Assignment, Command, Pipeline, Program, Redirect, SimpleCommand, Word } from './ast.ts';
import { COMPOUND, parseFunction, parseSubshell } from './compound-parser.ts';
import { Lexer, type SubParser, type Token } from './lexer.ts';
import { MAX_NESTING } from './limits.ts';
import { IncompleteInput, nestingTooDeep, ShellSyntaxError } from './parse-errors.ts';

export type ParseOutcome =
  | { status: 'ok'; program: Program }
  | { status: 'incomplete' }
  | { status: 'error'; message: string };

/**
 * What running out of tokens means:
 * top: more lines may come (after `|`, inside `if`) but a redirection needs its word now;
 * partial: the lexer already ran out mid-word, so any end is "incomplete";
 * nested: the end is the `)` of `$( )`; backquote: the closing backquote.
 */
type Mode = 'top' | 'partial' | 'nested' | 'backquote';

const RESERVED_CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', '}', 'esac', ']]']);
const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;

type Aliases = ReadonlyMap<string, string>;
const NO_ALIASES: Aliases = new Map();
/** Longest chain of aliases expanding into aliases. */
const MAX_ALIAS_CHAIN = 16;

/** `aliases`: expanded in command position, as in an interactive bash (scripts pass none). */
export function parse(src: string, aliases: Aliases = NO_ALIASES): ParseOutcome {
  const sub = subParser(aliases);
  const lexer = new Lexer(src, 0, 0, false, sub);
  let tokens: Token[];
  let partial = false;
  try {
    tokens = lexer.run();
  } catch (error) {
    if (!(error instanceof IncompleteInput)) return failure(error);
    // Still parse what we have: bash reports `| x "unclosed` as an error, not as "more input".
    tokens = lexer.tokens;
    partial = true;
  }
  try {
    const program = new Parser(tokens, 0, partial ? 'partial' : 'top', aliases, sub).parseProgram();
    return partial ? { status: 'incomplete' } : { status: 'ok', program };
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): ParseOutcome {
  if (error instanceof IncompleteInput) return { status: 'incomplete' };
  if (error instanceof ShellSyntaxError) return { status: 'error', message: error.message };
  if (error instanceof RangeError) return { status: 'error', message: nestingTooDeep().message };
  return { status: 'error', message: `bash: ${error instanceof Error ? error.message : String(error)}` };
}

function subParser(aliases: Aliases): SubParser {
  const sub: SubParser = {
    substitution(src, start, depth) {
      if (depth > MAX_NESTING) throw nestingTooDeep();
      const lexer = new Lexer(src, start, depth, true, sub);
      const tokens = lexer.run();
      const program = new Parser(tokens, depth, 'nested', aliases, sub).parseProgram();
      return { program, end: lexer.pos };
    },
    backquote(src, depth) {
      if (depth > MAX_NESTING) throw nestingTooDeep();
      let tokens: Token[];
      try {
        tokens = new Lexer(src, 0, depth, false, sub).run();
      } catch (error) {
        if (error instanceof IncompleteInput) {
          throw new ShellSyntaxError('bash: command substitution: syntax error: unexpected end of file');
        }
        throw error;
      }
      return new Parser(tokens, depth, 'backquote', aliases, sub).parseProgram();
    },
  };
  return sub;
}

export class Parser {
  /** Index of the next token (compound-parser.ts moves it too). */
  i = 0;
  private readonly tokens: Token[];
  private readonly mode: Mode;
  /** Nesting so far, against MAX_NESTING. */
  level: number;
  private readonly aliases: Aliases;
  readonly sub: SubParser;

  constructor(tokens: Token[], depth: number, mode: Mode, aliases: Aliases, sub: SubParser) {
    this.tokens = tokens.slice();
    this.mode = mode;
    this.level = depth;
    this.aliases = aliases;
    this.sub = sub;
  }

  /** Replaces the word at `i` by its alias's tokens; false when it is not an alias here. */
  private expandAlias(token: Extract<Token, { type: 'word' }>): boolean {
    if (this.aliases.size === 0) return false;
    const name = keywordText(token);
    if (name === null) return false;
    const value = this.aliases.get(name);
    const chain = token.aliasChain ?? [];
    if (value === undefined || chain.includes(name) || chain.length >= MAX_ALIAS_CHAIN) return false;
    let replacement: Token[];
    try {
      replacement = new Lexer(value, 0, this.level, false, this.sub).run();
    } catch {
      return false; // an alias that does not lex on its own is used as the plain word
    }
    for (const t of replacement) if (t.type === 'word') t.aliasChain = [...chain, name];
    this.tokens.splice(this.i, 1, ...replacement);
    return true;
  }

  parseProgram(): Program {
    const program = this.parseList([], false);
    const rest = this.peek();
    if (rest) throw ShellSyntaxError.near(describe(rest));
    return program;
  }

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  peekAt(offset: number): Token | undefined {
    return this.tokens[this.i + offset];
  }

  /** End of tokens where a construct still needs more: a continuation line may supply it. */
  needMore(): never {
    if (this.mode === 'top' || this.mode === 'partial') throw new IncompleteInput();
    if (this.mode === 'nested') throw ShellSyntaxError.near(')');
    throw new ShellSyntaxError('bash: command substitution: syntax error: unexpected end of file');
  }

  /** End of tokens where a word was required right away (`ls >`). */
  needWord(): never {
    if (this.mode === 'partial') throw new IncompleteInput();
    if (this.mode === 'nested') throw ShellSyntaxError.near(')');
    throw ShellSyntaxError.near('newline');
  }

  unexpected(token: Token | undefined): never {
    if (!token) return this.needWord();
    throw ShellSyntaxError.near(describe(token));
  }

  skipNewlines(): void {
    while (isOp(this.peek(), '\n')) this.i++;
  }

  enter(): void {
    if (++this.level > MAX_NESTING) throw nestingTooDeep();
  }

  parseList(stops: string[], closeParen: boolean): Program {
    const items: AndOr[] = [];
    this.skipNewlines();
    for (;;) {
      const token = this.peek();
      if (!token) break;
      if (stops.some((s) => isKeyword(token, s)) || (closeParen && isOp(token, ')')) || isOp(token, ';;')) break;
      items.push(this.parseAndOr());
      const next = this.peek();
      if (next && next.type === 'op' && (next.op === ';' || next.op === '&' || next.op === '\n')) {
        this.i++;
        this.skipNewlines();
        continue;
      }
      break;
    }
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const token = this.peek();
      if (!token || token.type !== 'op' || (token.op !== '&&' && token.op !== '||')) break;
      this.i++;
      this.skipNewlines();
      if (!this.peek()) this.needMore();
      rest.push({ op: token.op, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    let negate = false;
    while (isKeyword(this.peek(), '!')) {
      negate = !negate;
      this.i++;
    }
    const commands: Command[] = [this.parseCommand()];
    const pipeStderr: boolean[] = [];
    for (;;) {
      const token = this.peek();
      if (!token || token.type !== 'op' || (token.op !== '|' && token.op !== '|&')) break;
      this.i++;
      pipeStderr.push(token.op === '|&');
      this.skipNewlines();
      if (!this.peek()) this.needMore();
      commands.push(this.parseCommand());
    }
    pipeStderr.push(false);
    return { negate, commands, pipeStderr };
  }

  parseCommand(): Command {
    let token = this.peek();
    let aliased = false;
    while (token?.type === 'word' && this.expandAlias(token)) {
      aliased = true;
      token = this.peek();
    }
    if (aliased && (!token || (token.type === 'op' && token.op !== '('))) {
      // an alias that expanded to nothing: an empty command, like bash
      return { kind: 'simple', assigns: [], words: [], redirects: [] };
    }
    if (!token) return this.needWord();
    if (token.type === 'arith') {
      this.i++;
      return { kind: 'arith', expr: token.expr, redirects: this.parseRedirects() };
    }
    if (token.type === 'op') {
      if (token.op !== '(') this.unexpected(token);
      return parseSubshell(this);
    }
    if (token.type === 'word') {
      const text = keywordText(token);
      const compound = text === null ? undefined : COMPOUND[text];
      if (compound) return compound(this);
      if (text !== null && RESERVED_CLOSERS.has(text)) this.unexpected(token);
      if (text !== null && isOp(this.tokens[this.i + 1], '(') && isOp(this.tokens[this.i + 2], ')')) {
        return parseFunction(this, false);
      }
    }
    return this.parseSimple();
  }

  private parseSimple(): SimpleCommand {
    const command: SimpleCommand = { kind: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      const token = this.peek();
      if (!token) break;
      if (token.type === 'redir') {
        command.redirects.push(this.parseRedirect());
      } else if (token.type === 'word') {
        const assignment = command.words.length === 0 ? asAssignment(token.word) : null;
        // after `VAR=x`, the command word may still be an alias; its tokens are parsed from here
        if (!assignment && command.words.length === 0 && this.expandAlias(token)) continue;
        if (assignment) command.assigns.push(assignment);
        else command.words.push(this.declarationArgument(command, token.word));
        this.i++;
      } else {
        break;
      }
    }
    if (command.assigns.length + command.words.length + command.redirects.length === 0) {
      this.unexpected(this.peek());
    }
    return command;
  }

  /**
   * Arguments that look like assignments: bash expands `~` after their `=` (`echo X=~/a`), and
   * for export/declare/local/readonly also skips word splitting (`export X=$Y`).
   */
  private declarationArgument(command: SimpleCommand, word: Word): Word {
    const first = command.words[0];
    if (!first) return word;
    const assignment = asAssignment(word);
    if (!assignment) return word;
    const prefix = `${assignment.name}${assignment.append ? '+' : ''}=`;
    if (DECLARATIONS.has(first.raw)) {
      return { parts: [{ kind: 'lit', text: prefix, quoted: true }, ...assignment.value.parts], raw: word.raw, assignment: true };
    }
    if (assignment.value.parts[0]?.kind !== 'tilde') return word;
    return { parts: [{ kind: 'lit', text: prefix, quoted: false }, ...assignment.value.parts], raw: word.raw };
  }

  private parseRedirect(): Redirect {
    const token = this.tokens[this.i++] as Extract<Token, { type: 'redir' }>;
    if (token.op === '<<' || token.op === '<<-') {
      if (!token.heredoc) this.unexpected(this.peek());
      return { fd: token.fd, op: token.op, target: null, heredoc: token.heredoc };
    }
    const next = this.peek();
    if (!next || next.type !== 'word') this.unexpected(next);
    this.i++;
    return { fd: token.fd, op: token.op, target: next.word, heredoc: null };
  }

  parseRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    while (this.peek()?.type === 'redir') redirects.push(this.parseRedirect());
    return redirects;
  }

  expectKeyword(word: string): void {
    const token = this.peek();
    if (!token) this.needMore();
    if (!isKeyword(token, word)) this.unexpected(token);
    this.i++;
  }

  expectOp(op: string): void {
    const token = this.peek();
    if (!token) this.needMore();
    if (!isOp(token, op)) this.unexpected(token);
    this.i++;
  }

  /** A body that must hold at least one command (`then fi` is an error in bash). */
  body(stops: string[]): Program {
    const program = this.parseList(stops, false);
    if (program.items.length === 0) {
      if (!this.peek()) this.needMore();
      this.unexpected(this.peek());
    }
    return program;
  }

  /** Leaves a nesting level entered with enter(). */
  leave(): void {
    this.level--;
  }
}

export function isOp(token: Token | undefined, op: string): boolean {
  return token !== undefined && token.type === 'op' && token.op === op;
}

/** The word's text when it is one unquoted literal (how reserved words are recognised). */
export function keywordText(token: Token | undefined): string | null {
  if (!token || token.type !== 'word') return null;
  const parts = token.word.parts;
  if (parts.length !== 1 || parts[0].kind !== 'lit' || parts[0].quoted) return null;
  return parts[0].text;
}

export function isKeyword(token: Token | undefined, word: string): boolean {
  return keywordText(token) === word;
}

function describe(token: Token): string {
  if (token.type === 'word') return token.word.raw;
  if (token.type === 'arith') return '((';
  if (token.type === 'redir') return token.op;
  return token.op === '\n' ? 'newline' : token.op;
}

/** `NAME=value` / `NAME+=value` as a command prefix. */
function asAssignment(word: Word): Assignment | null {
  const first = word.parts[0];
  if (!first || first.kind !== 'lit' || first.quoted) return null;
  const m = ASSIGNMENT.exec(first.text);
  if (!m) return null;
  const rest = first.text.slice(m[0].length);
  const parts = word.parts.slice(1);
  if (rest.startsWith('~') && (rest.length === 1 || rest[1] === '/')) {
    parts.unshift({ kind: 'tilde' }, { kind: 'lit', text: rest.slice(1), quoted: false });
  } else if (rest) {
    parts.unshift({ kind: 'lit', text: rest, quoted: false });
  }
  return { name: m[1], append: m[2] === '+', value: { parts, raw: word.raw.slice(m[0].length) } };
}
