// sed: the everyday subset. Commands s, d, p, q, Q, =, y, a, i, c with line, $, /regex/ and
// range addresses and `!`; options -n, -e, -E/-r, -i, -s. Errors in GNU's words.
import type { CommandDefinition, CommandResult } from '../types.ts';
import { parseArgs } from './options.ts';
import { type Address, ScriptParser, type SedCommand, SedError } from './sed-script.ts';
import { fail, readFileText, splitLines } from './util.ts';

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

function substituteLine(line: string, cmd: SedCommand, re: RegExp): string | null {
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

function selects(cmd: SedCommand, line: string, n: number, isLast: boolean, state: RunState): boolean {
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
function execute(commands: SedCommand[], text: string, quiet: boolean): { out: string; quit: number | null } {
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
    let commands: SedCommand[];
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
