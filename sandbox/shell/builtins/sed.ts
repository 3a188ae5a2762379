// sed: the everyday subset. Commands s, d, p, q, Q, =, y, a, i, c with line, $, /regex/ and
// range addresses and `!`; options -n, -e, -E/-r, -i, -s. Errors in GNU's words.
import type { CommandDefinition, CommandResult } from '../types.ts';
import { parseArgs } from './options.ts';
import { compileRegex, translateRegex } from './posix-regex.ts';
import { fail, readFileText, splitLines } from './util.ts';

type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 'regex'; re: RegExp | null };

interface Command {
  a1: Address | null;
  a2: Address | null;
  negate: boolean;
  name: string;
  /** s: regex (null = reuse the last one), replacement, flags */
  re?: RegExp | null;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: boolean;
  /** y: map; a/i/c: text; q/Q: exit code */
  map?: Map<string, string>;
  text?: string;
  code?: number;
  /** range state */
  active?: boolean;
  endLine?: number;
}

class SedError extends Error {}

class ScriptParser {
  private i = 0;
  private readonly src: string;
  private readonly extended: boolean;
  private readonly expression: number;

  constructor(src: string, extended: boolean, expression: number) {
    this.src = src;
    this.extended = extended;
    this.expression = expression;
  }

  private error(message: string): never {
    throw new SedError(`sed: -e expression #${this.expression}, char ${this.i}: ${message}`);
  }

  parse(): Command[] {
    const commands: Command[] = [];
    for (;;) {
      this.skip(' \t\n;');
      if (this.i >= this.src.length) return commands;
      commands.push(this.command());
    }
  }

  private skip(chars: string): void {
    while (this.i < this.src.length && chars.includes(this.src[this.i])) this.i++;
  }

  private command(): Command {
    const a1 = this.address();
    let a2: Address | null = null;
    if (a1 && this.src[this.i] === ',') {
      this.i++;
      a2 = this.address();
      if (!a2) this.error('unexpected `,\'');
    }
    this.skip(' \t');
    let negate = false;
    while (this.src[this.i] === '!') {
      negate = true;
      this.i++;
      this.skip(' \t');
    }
    const name = this.src[this.i++];
    if (name === undefined) this.error('missing command');
    const cmd: Command = { a1, a2, negate, name };
    switch (name) {
      case 'd':
      case 'p':
      case '=':
      case 'n':
        break;
      case 'q':
      case 'Q': {
        this.skip(' \t');
        const m = /^\d+/.exec(this.src.slice(this.i));
        cmd.code = m ? Number(m[0]) : 0;
        if (m) this.i += m[0].length;
        break;
      }
      case 's':
        this.substitute(cmd);
        break;
      case 'y':
        this.transliterate(cmd);
        break;
      case 'a':
      case 'i':
      case 'c': {
        // GNU one-liner forms: `a text`, `a\text`, and `a\` + newline + text
        if (this.src[this.i] === '\\') {
          this.i++;
          if (this.src[this.i] === '\n') this.i++;
        } else this.skip(' \t');
        const end = this.src.indexOf('\n', this.i);
        cmd.text = this.src.slice(this.i, end === -1 ? undefined : end).replace(/\\(.)/g, '$1');
        this.i = end === -1 ? this.src.length : end;
        return cmd;
      }
      case '}':
      case '{':
        this.error(`unknown command: \`${name}'`);
        break;
      default:
        this.error(`unknown command: \`${name}'`);
    }
    this.skip(' \t');
    const next = this.src[this.i];
    if (next !== undefined && next !== ';' && next !== '\n' && next !== '}') {
      this.error(`extra characters after command`);
    }
    return cmd;
  }

  private address(): Address | null {
    const c = this.src[this.i];
    if (c === undefined) return null;
    if (/\d/.test(c)) {
      const m = /^\d+/.exec(this.src.slice(this.i))!;
      this.i += m[0].length;
      return { kind: 'line', n: Number(m[0]) };
    }
    if (c === '$') {
      this.i++;
      return { kind: 'last' };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        this.i++;
        delim = this.src[this.i];
      }
      this.i++;
      const body = this.delimited(delim, 'unterminated address regex');
      let flags = '';
      while (this.src[this.i] === 'I' || this.src[this.i] === 'M') {
        if (this.src[this.i] === 'I') flags += 'i';
        this.i++;
      }
      return { kind: 'regex', re: this.regex(body, flags) };
    }
    return null;
  }

  /** Text up to an unescaped delimiter (consumed); `\delim` becomes delim. */
  private delimited(delim: string, message: string): string {
    let out = '';
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined || (c === '\n' && delim !== '\n')) this.error(message);
      this.i++;
      if (c === delim) return out;
      if (c === '\\') {
        const n = this.src[this.i];
        if (n === undefined) this.error(message);
        this.i++;
        if (n === delim && delim !== '&') out += delim;
        else if (n === 'n') out += '\\n';
        else out += `\\${n}`;
        continue;
      }
      out += c;
    }
  }

  private regex(body: string, flags: string): RegExp | null {
    if (body === '') return null;
    const t = translateRegex(body, this.extended);
    if ('error' in t) this.error(t.error);
    const re = compileRegex(t.source, `g${flags}`);
    if ('error' in re) this.error(re.error);
    return re;
  }

  private substitute(cmd: Command): void {
    const delim = this.src[this.i++];
    if (delim === undefined || delim === '\n' || delim === '\\') this.error("unterminated `s' command");
    const pattern = this.delimited(delim, "unterminated `s' command");
    cmd.replacement = this.delimited(delim, "unterminated `s' command");
    let flags = '';
    cmd.global = false;
    cmd.occurrence = 1;
    for (;;) {
      const c = this.src[this.i];
      if (c === 'g') cmd.global = true;
      else if (c === 'p') cmd.print = true;
      else if (c === 'i' || c === 'I') flags += 'i';
      else if (c !== undefined && /\d/.test(c)) {
        const m = /^\d+/.exec(this.src.slice(this.i))!;
        cmd.occurrence = Number(m[0]);
        if (cmd.occurrence === 0) this.error("number option to `s' command may not be zero");
        this.i += m[0].length - 1;
      } else if (c === 'e' || c === 'm' || c === 'M') {
        // accepted, no effect here
      } else break;
      this.i++;
    }
    cmd.re = this.regex(pattern, flags);
  }

  private transliterate(cmd: Command): void {
    const delim = this.src[this.i++];
    if (delim === undefined || delim === '\n' || delim === '\\') this.error("unterminated `y' command");
    const unescape = (s: string): string[] => [...s.replace(/\\n/g, '\n').replace(/\\\\/g, '\\')];
    const from = unescape(this.delimited(delim, "unterminated `y' command"));
    const to = unescape(this.delimited(delim, "unterminated `y' command"));
    if (from.length !== to.length) this.error("strings for `y' command are different lengths");
    cmd.map = new Map(from.map((c, i) => [c, to[i]]));
  }
}

/** Expands & and \1..\9 (and \n, \t, \&, \\) in a replacement. */
function replace(template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '&') out += m[0];
    else if (c === '\\' && i + 1 < template.length) {
      const n = template[++i];
      if (n >= '0' && n <= '9') out += m[Number(n)] ?? '';
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
    } else out += c;
  }
  return out;
}

function substituteLine(line: string, cmd: Command, re: RegExp): string | null {
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let count = 0;
  let changed = false;
  let m: RegExpExecArray | null;
  let previousEnd = -1;
  while ((m = re.exec(line)) !== null) {
    // Like GNU sed, an empty match right after the previous match does not count.
    if (m[0] === '' && m.index === previousEnd) {
      re.lastIndex++;
      if (re.lastIndex > line.length) break;
      continue;
    }
    previousEnd = m.index + m[0].length;
    count++;
    if (count >= cmd.occurrence! && (cmd.global || count === cmd.occurrence)) {
      out += line.slice(last, m.index) + replace(cmd.replacement!, m);
      last = m.index + m[0].length;
      changed = true;
      if (!cmd.global) break;
    }
    if (m[0] === '') re.lastIndex++;
    if (re.lastIndex > line.length) break;
  }
  return changed ? out + line.slice(last) : null;
}

interface RunState {
  lastRegex: RegExp | null;
}

function matchAddress(a: Address, line: string, n: number, isLast: boolean, state: RunState): boolean {
  if (a.kind === 'line') return n === a.n;
  if (a.kind === 'last') return isLast;
  const re = a.re ?? state.lastRegex;
  if (!re) return false;
  state.lastRegex = re;
  re.lastIndex = 0;
  return re.test(line);
}

function selects(cmd: Command, line: string, n: number, isLast: boolean, state: RunState): boolean {
  let hit: boolean;
  if (!cmd.a1) hit = true;
  else if (!cmd.a2) hit = matchAddress(cmd.a1, line, n, isLast, state);
  else if (cmd.active) {
    hit = true;
    const end = cmd.a2;
    if (end.kind === 'line' ? n >= end.n : matchAddress(end, line, n, isLast, state)) cmd.active = false;
  } else if (matchAddress(cmd.a1, line, n, isLast, state)) {
    hit = true;
    const end = cmd.a2;
    // a line-number end at or before the start closes the range at once
    cmd.active = end.kind === 'line' ? end.n > n : end.kind === 'last' ? !isLast : true;
  } else hit = false;
  return hit !== cmd.negate;
}

/** Runs a script over text; `quit` carries q's exit code. */
function execute(commands: Command[], text: string, quiet: boolean): { out: string; quit: number | null } {
  const lines = splitLines(text);
  const trailingNewline = text.endsWith('\n');
  const state: RunState = { lastRegex: null };
  for (const c of commands) c.active = false;
  let out = '';
  let quit: number | null = null;
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index];
    const n = index + 1;
    const isLast = index === lines.length - 1;
    const eol = isLast && !trailingNewline ? '' : '\n';
    let deleted = false;
    let append = '';
    let autoprint = !quiet;
    for (let k = 0; k < commands.length && !deleted; k++) {
      const cmd = commands[k];
      if (!selects(cmd, line, n, isLast, state)) continue;
      switch (cmd.name) {
        case 'd':
          deleted = true;
          break;
        case 'p':
          out += `${line}\n`;
          break;
        case '=':
          out += `${n}\n`;
          break;
        case 'n':
          if (!quiet) out += line + eol;
          if (index + 1 >= lines.length) {
            autoprint = false;
            deleted = true;
            break;
          }
          index++;
          line = lines[index];
          break;
        case 's': {
          const re = cmd.re ?? state.lastRegex;
          if (!re) break;
          state.lastRegex = re;
          const result = substituteLine(line, cmd, re);
          if (result !== null) {
            line = result;
            if (cmd.print) out += `${line}\n`;
          }
          break;
        }
        case 'y':
          line = [...line].map((c) => cmd.map!.get(c) ?? c).join('');
          break;
        case 'a':
          append += `${cmd.text}\n`;
          break;
        case 'i':
          out += `${cmd.text}\n`;
          break;
        case 'c':
          if (!cmd.a2 || !cmd.active) out += `${cmd.text}\n`;
          deleted = true;
          break;
        case 'q':
          quit = cmd.code ?? 0;
          k = commands.length;
          break;
        case 'Q':
          quit = cmd.code ?? 0;
          autoprint = false;
          deleted = true;
          break;
      }
    }
    if (!deleted && autoprint) out += line + (index === lines.length - 1 && !trailingNewline ? '' : '\n');
    out += append;
    if (quit !== null) break;
  }
  return { out, quit };
}

export const sed: CommandDefinition = {
  name: 'sed',
  summary: 'stream editor: substitute (s/old/new/g), delete or print lines',
  run(ctx): CommandResult {
    const parsed = parseArgs('sed', ctx.argv.slice(1).map((a) => (/^-i.+/.test(a) && !a.startsWith('--') ? '-i' : a)), {
      flags: 'nErisuz',
      values: 'ef',
      long: {
        quiet: 'n', silent: 'n', expression: 'e=', file: 'f=', 'regexp-extended': 'E', 'in-place': '?in-place',
        separate: 's', posix: '+posix', debug: '+debug',
      },
      help: 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n',
    });
    if (!parsed.ok) return parsed.result;
    const { flags, values } = parsed.args;
    const operands = parsed.args.operands.slice();
    const scripts: string[] = [...(values.get('e') ?? [])];
    for (const file of values.get('f') ?? []) {
      const text = readFileText(ctx, file);
      if (typeof text !== 'string') return fail(`sed: couldn't open file ${file}: ${text.error}\n`);
      scripts.push(text);
    }
    if (scripts.length === 0) {
      if (operands.length === 0) {
        return fail('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n', 1);
      }
      scripts.push(operands.shift()!);
    }
    const extended = flags.has('E') || flags.has('r');
    let commands: Command[];
    try {
      commands = scripts.flatMap((s, i) => new ScriptParser(s, extended, i + 1).parse());
    } catch (error) {
      if (error instanceof SedError) return fail(`${error.message}\n`);
      throw error;
    }
    const quiet = flags.has('n');
    const inPlace = flags.has('i') || values.has('in-place');
    if (inPlace) {
      if (operands.length === 0) return fail('sed: no input files\n', 1);
      let stderr = '';
      for (const name of operands) {
        const text = readFileText(ctx, name);
        if (typeof text !== 'string') {
          stderr += `sed: can't read ${name}: ${text.error}\n`;
          continue;
        }
        const { out } = execute(commands, text, quiet);
        ctx.fs.writeFile(ctx.fs.resolve(ctx.cwd, name), out);
      }
      return { stdout: '', stderr, exitCode: stderr ? 2 : 0 };
    }
    let stderr = '';
    let text = '';
    const names = operands.length === 0 ? ['-'] : operands;
    const pieces: string[] = [];
    for (const name of names) {
      if (name === '-') {
        pieces.push(ctx.stdin);
        continue;
      }
      const read = readFileText(ctx, name);
      if (typeof read !== 'string') stderr += `sed: can't read ${name}: ${read.error}\n`;
      else pieces.push(read);
    }
    // Files run together as one stream; a file without a final newline still ends its line.
    for (const piece of pieces) text += text && !text.endsWith('\n') ? `\n${piece}` : piece;
    if (flags.has('s') && pieces.length > 1) {
      let out = '';
      let quit: number | null = null;
      for (const piece of pieces) {
        const r = execute(commands, piece, quiet);
        out += r.out;
        quit = r.quit;
        if (quit !== null) break;
      }
      return { stdout: out, stderr, exitCode: quit ?? (stderr ? 2 : 0) };
    }
    const { out, quit } = execute(commands, text, quiet);
    return { stdout: out, stderr, exitCode: quit ?? (stderr ? 2 : 0) };
  },
};
