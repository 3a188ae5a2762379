// Word expansion in bash's order: braces, then tilde / parameters / command substitution /
// arithmetic, then word splitting of unquoted results, then pathname expansion.
import type { ParamPart, Program, Word, WordPart } from './ast.ts';
import { ArithError, evaluateArith } from './arith.ts';
import { BraceError, expandBraces } from './brace.ts';
import { escapeGlob, expandPathname, globMatcher, globToRegexSource, hasGlob } from './glob.ts';
import { DEFAULT_IFS, ifsPieces } from './ifs.ts';
import type { MemFS } from './memfs.ts';

/** An expansion bash refuses; `message` is the whole stderr line. */
export class ExpansionError extends Error {}

/** What expansion needs from the running shell. */
export interface Expander {
  fs: MemFS;
  cwd: string;
  home(): string;
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  positional(): string[];
  /** Runs `$( )` in a subshell and returns its stdout. */
  substitute(program: Program): string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Field {
  text: string;
  /** The same text as a glob pattern: quoted characters escaped. */
  pattern: string;
  glob: boolean;
  /** Only the empty marker of an opening `"` so far (dropped by a `"$@"` with no parameters). */
  onlyQuotes: boolean;
}

/** Collects fields: quoted text sticks to the current field, unquoted expansions split it. */
class Fields {
  readonly out: Field[] = [];
  private current: Field | null = null;

  field(): Field {
    this.current ??= { text: '', pattern: '', glob: false, onlyQuotes: true };
    return this.current;
  }

  quoted(text: string): void {
    const f = this.field();
    f.text += text;
    f.pattern += escapeGlob(text);
    if (text) f.onlyQuotes = false;
  }

  /** `"$@"` with no positional parameters makes no word at all. */
  dropEmptyQuotes(): void {
    if (this.current?.onlyQuotes) this.current = null;
  }

  unquoted(text: string): void {
    if (!text) return;
    const f = this.field();
    f.onlyQuotes = false;
    f.text += text;
    f.pattern += text.replace(/\\/g, '\\\\');
    if (!f.glob && hasGlob(text)) f.glob = true;
  }

  /** An unquoted expansion result: split by IFS. */
  split(text: string, ifs: string): void {
    if (ifs === DEFAULT_IFS) {
      const pieces = text.split(/[ \t\n]+/);
      for (let k = 0; k < pieces.length; k++) {
        if (k > 0) this.end();
        this.unquoted(pieces[k]);
      }
      return;
    }
    for (const piece of ifsPieces(text, ifs)) {
      this.unquoted(piece.text);
      if (!piece.delimited) break;
      // a non-blank delimiter ends a field even when it is empty (a::b has three)
      if (piece.hard) this.field();
      this.end();
    }
  }

  end(): void {
    if (this.current) this.out.push(this.current);
    this.current = null;
  }
}

function ifsOf(ex: Expander): string {
  return ex.getVar('IFS') ?? DEFAULT_IFS;
}

/** A command's words → argv. */
export function expandWords(words: Word[], ex: Expander): string[] {
  const out: string[] = [];
  for (const word of words) out.push(...expandWord(word, ex));
  return out;
}

export function expandWord(word: Word, ex: Expander): string[] {
  if (word.assignment) return [expandText(word.parts, ex)];
  let words: Word[];
  try {
    words = expandBraces(word);
  } catch (error) {
    if (error instanceof BraceError) throw new ExpansionError(error.message);
    throw error;
  }
  const out: string[] = [];
  for (const w of words) {
    const fields = new Fields();
    addParts(w.parts, fields, ex);
    fields.end();
    for (const f of fields.out) {
      if (f.glob) {
        const matches = expandPathname(ex.fs, ex.cwd, f.pattern);
        if (matches.length > 0) {
          out.push(...matches);
          continue;
        }
      }
      out.push(f.text);
    }
  }
  return out;
}

/** A redirection's file name: exactly one field, or bash's "ambiguous redirect". */
export function expandRedirectTarget(word: Word, ex: Expander): string {
  const fields = expandWord(word, ex);
  if (fields.length !== 1) throw new ExpansionError(`bash: ${word.raw}: ambiguous redirect`);
  return fields[0];
}

/** Expansion without splitting or globbing: assignments, heredoc bodies, here-strings. */
export function expandText(parts: WordPart[], ex: Expander): string {
  let out = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'lit':
        out += part.text;
        break;
      case 'tilde':
        out += ex.home();
        break;
      default:
        out += valueOf(part, ex);
    }
  }
  return out;
}

function addParts(parts: WordPart[], fields: Fields, ex: Expander): void {
  for (const part of parts) {
    switch (part.kind) {
      case 'lit':
        if (part.quoted) fields.quoted(part.text);
        else fields.unquoted(part.text);
        break;
      case 'tilde':
        fields.quoted(ex.home());
        break;
      case 'param':
        if (part.name === '@' && part.op === '' && part.quoted) {
          // "$@": one field per positional parameter
          if (ex.positional().length === 0) fields.dropEmptyQuotes();
          ex.positional().forEach((arg, i) => {
            if (i > 0) fields.end();
            fields.quoted(arg);
          });
          break;
        }
        if (part.quoted) fields.quoted(valueOf(part, ex));
        else fields.split(valueOf(part, ex), ifsOf(ex));
        break;
      default: {
        const value = valueOf(part, ex);
        if ('quoted' in part && part.quoted) fields.quoted(value);
        else fields.split(value, ifsOf(ex));
      }
    }
  }
}

function valueOf(part: Exclude<WordPart, { kind: 'lit' } | { kind: 'tilde' }>, ex: Expander): string {
  switch (part.kind) {
    case 'bad':
      throw new ExpansionError(`bash: ${part.text}: bad substitution`);
    case 'cmdsub':
      return ex.substitute(part.program).replace(/\n+$/, '');
    case 'arith':
      return String(arith(expandText(part.expr, ex), ex));
    case 'param':
      return paramValue(part, ex);
  }
}

function arith(expression: string, ex: Expander): bigint {
  try {
    return evaluateArith(expression, { get: (n) => ex.getVar(n), set: (n, v) => ex.setVar(n, v) });
  } catch (error) {
    if (error instanceof ArithError) throw new ExpansionError(error.message);
    throw error;
  }
}

function paramValue(part: ParamPart, ex: Expander): string {
  const { name, op } = part;
  const value = name === '@' || name === '*' ? ex.positional().join(' ') : ex.getVar(name);
  const empty = value === undefined || value === '';
  const arg = (): string => defaultText(part.arg ?? [], ex);
  switch (op) {
    case '':
      return value ?? '';
    case 'len':
      if (name === '@' || name === '*') return String(ex.positional().length);
      return String(value === undefined ? 0 : [...value].length);
    case ':-':
      return empty ? arg() : value;
    case '-':
      return value === undefined ? arg() : value;
    case ':=':
    case '=': {
      if (op === ':=' ? !empty : value !== undefined) return value ?? '';
      if (!NAME.test(name)) throw new ExpansionError(`bash: $${name}: cannot assign in this way`);
      const v = arg();
      ex.setVar(name, v);
      return v;
    }
    case ':+':
      return empty ? '' : arg();
    case '+':
      return value === undefined ? '' : arg();
    case ':?':
    case '?':
      if (op === ':?' ? empty : value === undefined) {
        const message = arg() || (op === ':?' ? 'parameter null or not set' : 'parameter not set');
        throw new ExpansionError(`bash: ${name}: ${message}`);
      }
      return value ?? '';
    case '#':
    case '##':
    case '%':
    case '%%':
      return removePattern(value ?? '', patternOf(part.arg ?? [], ex), op);
    case '/':
    case '//':
      return replacePattern(value ?? '', patternOf(part.arg ?? [], ex), expandText(part.arg2 ?? [], ex), op === '//');
    case ':':
      return substring(value ?? '', part, ex);
    case '^^':
      return (value ?? '').toUpperCase();
    case ',,':
      return (value ?? '').toLowerCase();
    case '^':
      return (value ?? '').slice(0, 1).toUpperCase() + (value ?? '').slice(1);
    case ',':
      return (value ?? '').slice(0, 1).toLowerCase() + (value ?? '').slice(1);
    default:
      throw new ExpansionError(`bash: \${${name}${op}}: bad substitution`);
  }
}

/** The word of `${x:-word}`; a leading `~` in it is the home directory, as in bash. */
function defaultText(parts: WordPart[], ex: Expander): string {
  const first = parts[0];
  if (first?.kind === 'lit' && !first.quoted && /^~(\/|$)/.test(first.text)) {
    return ex.home() + first.text.slice(1) + expandText(parts.slice(1), ex);
  }
  return expandText(parts, ex);
}

/** A pattern operand: quoted characters match literally, unquoted ones are wildcards. */
function patternOf(parts: WordPart[], ex: Expander): string {
  return expandQuotedAs(parts, ex, escapeGlob);
}

/** Expands parts, passing quoted text through `escape` (patterns: `case`, `[[ == ]]`, `[[ =~ ]]`). */
export function expandQuotedAs(parts: WordPart[], ex: Expander, escape: (text: string) => string): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'lit') out += part.quoted ? escape(part.text) : part.text;
    else if (part.kind === 'tilde') out += escape(ex.home());
    else {
      const value = valueOf(part, ex);
      out += 'quoted' in part && part.quoted ? escape(value) : value;
    }
  }
  return out;
}

function removePattern(value: string, pattern: string, op: string): string {
  if (op === '#' || op === '##') {
    const m = new RegExp(`^(?:${globToRegexSource(pattern, op === '#')})`).exec(value);
    return m ? value.slice(m[0].length) : value;
  }
  if (op === '%%') {
    const m = new RegExp(`(?:${globToRegexSource(pattern)})$`).exec(value);
    return m ? value.slice(0, m.index) : value;
  }
  const whole = globMatcher(pattern);
  for (let i = value.length; i >= 0; i--) {
    if (whole.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  let anchor = '';
  if (pattern.startsWith('#') || pattern.startsWith('%')) {
    anchor = pattern[0];
    pattern = pattern.slice(1);
  }
  if (pattern === '' && anchor === '') return value;
  const source = globToRegexSource(pattern);
  const regex = new RegExp(anchor === '#' ? `^(?:${source})` : anchor === '%' ? `(?:${source})$` : source, all ? 'g' : '');
  return value.replace(regex, () => replacement);
}

function substring(value: string, part: ParamPart, ex: Expander): string {
  const chars = [...value];
  let offset = Number(arith(expandText(part.arg ?? [], ex), ex));
  if (offset < 0) offset = Math.max(0, chars.length + offset);
  if (offset > chars.length) return '';
  if (!part.arg2) return chars.slice(offset).join('');
  const lengthText = expandText(part.arg2, ex);
  let length = Number(arith(lengthText, ex));
  if (length < 0) {
    length = chars.length + length - offset;
    if (length < 0) throw new ExpansionError(`bash: ${lengthText.trim()}: substring expression < 0`);
  }
  return chars.slice(offset, offset + length).join('');
}
