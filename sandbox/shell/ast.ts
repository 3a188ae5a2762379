// The parsed form of a command line. The lexer builds words, the parser the rest; the
// interpreter walks it. Plain data, no behaviour.

export type WordPart =
  /** Literal text; quoted text is neither split nor globbed. */
  | { kind: 'lit'; text: string; quoted: boolean }
  /** An unquoted `~` at the start of a word: $HOME. */
  | { kind: 'tilde' }
  | ParamPart
  /** `${...}` that bash would reject when expanding it. */
  | { kind: 'bad'; text: string }
  | { kind: 'cmdsub'; program: Program; quoted: boolean }
  | { kind: 'arith'; expr: WordPart[]; quoted: boolean };

/**
 * `$name`, `${name}` and `${name<op><arg>}`. Ops: '' plain, 'len' (${#x}), ':-' '-' ':=' '='
 * ':+' '+' ':?' '?', '#' '##' '%' '%%' (pattern removal), '/' '//' (replace, arg2 = replacement),
 * ':' (substring, arg = offset, arg2 = length), '^^' ',,' '^' ',' (case).
 */
export interface ParamPart {
  kind: 'param';
  name: string;
  op: string;
  arg: WordPart[] | null;
  arg2: WordPart[] | null;
  quoted: boolean;
}

export interface Word {
  parts: WordPart[];
  /** Source text, for messages such as "ambiguous redirect". */
  raw: string;
  /** `NAME=value` given to export/declare/local/readonly: expanded like an assignment (no splitting). */
  assignment?: boolean;
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface HereDoc {
  delimiter: string;
  /** Delimiter was quoted: the body is taken literally. */
  quoted: boolean;
  /** `<<-`: leading tabs removed. */
  strip: boolean;
  /** Filled in when the lexer reaches the lines after the command. */
  body: WordPart[];
}

export interface Redirect {
  /** Explicit file descriptor (`2>`), or null for the operator's default. */
  fd: number | null;
  op: RedirOp;
  /** The file, fd number or here-string; null for heredocs. */
  target: Word | null;
  heredoc: HereDoc | null;
}

export interface Assignment {
  name: string;
  value: Word;
  /** `NAME+=value` */
  append: boolean;
}

export interface SimpleCommand {
  kind: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface IfCommand {
  kind: 'if';
  clauses: { condition: Program; body: Program }[];
  elseBody: Program | null;
  redirects: Redirect[];
}

export interface ForCommand {
  kind: 'for';
  name: string;
  /** null: `for x; do` (the positional parameters, always empty here). */
  words: Word[] | null;
  body: Program;
  redirects: Redirect[];
}

export interface WhileCommand {
  kind: 'while';
  until: boolean;
  condition: Program;
  body: Program;
  redirects: Redirect[];
}

/** `{ list; }` runs in this shell, `( list )` in a subshell. */
export interface GroupCommand {
  kind: 'group';
  subshell: boolean;
  body: Program;
  redirects: Redirect[];
}

/** `(( expr ))`: status 0 when the value is not zero. */
export interface ArithCommand {
  kind: 'arith';
  expr: WordPart[];
  redirects: Redirect[];
}

/** `for (( init; cond; step )); do ...; done` (an empty cond is true). */
export interface ArithForCommand {
  kind: 'arithfor';
  init: WordPart[];
  cond: WordPart[];
  step: WordPart[];
  body: Program;
  redirects: Redirect[];
}

/** `case word in pattern|pattern) list ;; ... esac` */
export interface CaseCommand {
  kind: 'case';
  word: Word;
  clauses: { patterns: Word[]; body: Program }[];
  redirects: Redirect[];
}

/** `name() { ...; }` or `function name { ...; }`: defines, runs nothing. */
export interface FunctionDefinition {
  kind: 'function';
  name: string;
  body: Command;
}

/** `[[ expression ]]` */
export interface CondCommand {
  kind: 'cond';
  expr: CondExpr;
  redirects: Redirect[];
}

export type CondExpr =
  | { kind: 'and' | 'or'; left: CondExpr; right: CondExpr }
  | { kind: 'not'; expr: CondExpr }
  | { kind: 'unary'; op: string; operand: Word }
  | { kind: 'binary'; op: string; left: Word; right: Word }
  | { kind: 'word'; word: Word };

export type Command =
  | SimpleCommand
  | IfCommand
  | ForCommand
  | WhileCommand
  | GroupCommand
  | ArithCommand
  | ArithForCommand
  | CaseCommand
  | FunctionDefinition
  | CondCommand;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
  /** pipeStderr[i]: command i is followed by `|&` (stderr goes down the pipe too). */
  pipeStderr: boolean[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface Program {
  items: AndOr[];
}
