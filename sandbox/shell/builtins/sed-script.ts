// Parses sed scripts (GNU syntax and error messages) into commands for sed.ts to run.
import { compileRegex, translateRegex } from './posix-regex.ts';

export type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 'regex'; re: RegExp | null };

export interface SedCommand {
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

export class SedError extends Error {}

export class ScriptParser {
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

  parse(): SedCommand[] {
    const commands: SedCommand[] = [];
    for (;;) {
      this.skip(' \t\n;');
      if (this.i >= this.src.length) return commands;
      commands.push(this.command());
    }
  }

  private skip(chars: string): void {
    while (this.i < this.src.length && chars.includes(this.src[this.i])) this.i++;
  }

  private command(): SedCommand {
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
    const cmd: SedCommand = { a1, a2, negate, name };
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

  private substitute(cmd: SedCommand): void {
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

  private transliterate(cmd: SedCommand): void {
    const delim = this.src[this.i++];
    if (delim === undefined || delim === '\n' || delim === '\\') this.error("unterminated `y' command");
    const unescape = (s: string): string[] => [...s.replace(/\\n/g, '\n').replace(/\\\\/g, '\\')];
    const from = unescape(this.delimited(delim, "unterminated `y' command"));
    const to = unescape(this.delimited(delim, "unterminated `y' command"));
    if (from.length !== to.length) this.error("strings for `y' command are different lengths");
    cmd.map = new Map(from.map((c, i) => [c, to[i]]));
  }
}
