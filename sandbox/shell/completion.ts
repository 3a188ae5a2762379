// Tab completion: finds the word under the cursor the way the shell would split the line, then
// offers command names, variable names, a command's own completions, or paths.
import type { Completion } from '../api.ts';
import { compareText } from './registry.ts';
import type { CompletionContext, Host } from './types.ts';

export interface CompletionView {
  host: Host;
  cwd: string;
  env: Readonly<Record<string, string>>;
  /** Every shell variable name (exported or not). */
  varNames: string[];
  /** Aliases and shell functions: they complete like commands. */
  extraCommands?: string[];
  home: string;
}

interface Scan {
  /** Index in the line where the word being completed starts (cursor when none). */
  from: number;
  /** The word so far with quotes and escapes removed. */
  partial: string;
  /** The quote still open at the cursor, if any. */
  quote: string;
  /** Completed words of the current simple command (command name first). */
  words: string[];
  /** The word is in command position. */
  command: boolean;
  /** The word follows `<` or `>`. */
  redirect: boolean;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
const SPECIAL = /[ \t\n'"\\$`&;|()<>*?[\]!{}]/g;

export function completeLine(line: string, cursor: number, view: CompletionView): Completion {
  const at = Math.max(0, Math.min(Number.isInteger(cursor) ? cursor : line.length, line.length));
  const scan = scanLine(line.slice(0, at));
  const raw = line.slice(scan.from, at);

  const variable = /\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(raw);
  if (variable && scan.quote !== "'") {
    const brace = variable[1] === '{';
    const prefix = variable[2] ?? '';
    const names = view.varNames.filter((n) => n.startsWith(prefix));
    return result(scan.from + variable.index, names.map((n) => (brace ? `\${${n}}` : `$${n}`)));
  }

  if (scan.command && !scan.redirect && !scan.partial.includes('/')) {
    // Registered names are plain words: offered as they are.
    const names = [...view.host.commands.names(), ...(view.extraCommands ?? [])].filter((n) => n.startsWith(scan.partial));
    return result(scan.from, scan.quote ? names.map((n) => quoteFor(n, scan)) : names);
  }

  if (!scan.command && !scan.redirect && scan.words.length > 0) {
    const def = view.host.commands.get(scan.words[0]);
    if (def?.complete) {
      const ctx: CompletionContext = { env: view.env, cwd: view.cwd, fs: view.host.fs, host: view.host };
      let offered: unknown = [];
      try {
        offered = def.complete([...scan.words.slice(1), scan.partial], ctx);
      } catch {
        offered = [];
      }
      const words = Array.isArray(offered) ? offered.filter((w): w is string => typeof w === 'string') : [];
      if (words.length > 0) return result(scan.from, words.map((w) => quoteFor(w, scan)));
    }
  }

  return result(scan.from, paths(scan.partial, view).map((p) => quoteFor(p, scan)));
}

function result(from: number, candidates: string[]): Completion {
  return { from, candidates: [...new Set(candidates)].sort(compareText) };
}

/** Rewrites a candidate so it can replace the raw word (keeping an opened quote). */
function quoteFor(text: string, scan: Scan): string {
  if (scan.quote) return scan.quote + text;
  // A leading ~ stays a tilde; everything else special is escaped.
  return text.replace(SPECIAL, '\\$&');
}

function paths(partial: string, view: CompletionView): string[] {
  if (partial === '~') return ['~/'];
  const slash = partial.lastIndexOf('/');
  const dirPart = slash >= 0 ? partial.slice(0, slash + 1) : '';
  const base = slash >= 0 ? partial.slice(slash + 1) : partial;
  const fs = view.host.fs;
  let dir = dirPart === '' ? view.cwd : dirPart;
  if (dir === '~/' || dir.startsWith('~/')) dir = view.home + dir.slice(1);
  const abs = fs.resolve(view.cwd, dir);
  if (!fs.isDir(abs)) return [];
  return fs
    .list(abs)
    .filter((name) => name.startsWith(base) && (base.startsWith('.') || !name.startsWith('.')))
    .map((name) => dirPart + name + (fs.isDir(fs.resolve(abs, name)) ? '/' : ''));
}

function scanLine(text: string): Scan {
  let words: string[] = [];
  let command = true;
  let redirect = false;
  let start = -1;
  let current = '';
  let quote = '';
  const endWord = (): void => {
    if (start < 0) return;
    if (redirect) redirect = false;
    else if (command && ASSIGNMENT.test(current)) {
      // `VAR=x cmd`: still waiting for the command name
    } else if (command) {
      words = [current];
      command = false;
    } else words.push(current);
    start = -1;
    current = '';
  };
  const newCommand = (): void => {
    words = [];
    command = true;
    redirect = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      else current += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) current += text[++i];
      else current += c;
      continue;
    }
    if (c === '\\') {
      if (start < 0) start = i;
      if (i + 1 < text.length) current += text[++i];
    } else if (c === "'" || c === '"') {
      if (start < 0) start = i;
      quote = c;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      endWord();
    } else if (c === ';' || c === '|' || c === '&' || c === '(' || c === '`') {
      endWord();
      newCommand();
    } else if (c === '$' && text[i + 1] === '(') {
      endWord();
      newCommand();
      i++;
    } else if (c === ')') {
      endWord();
    } else if (c === '<' || c === '>') {
      endWord();
      redirect = true;
    } else {
      if (start < 0) start = i;
      current += c;
    }
  }
  const inWord = start >= 0;
  const partial = inWord ? current : '';
  const from = inWord ? start : text.length;
  return { from, partial, quote, words, command, redirect };
}
