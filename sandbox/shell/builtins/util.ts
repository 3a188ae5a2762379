// Small helpers every builtin uses: results, line splitting, reading operands like coreutils.
import { describeError } from '../memfs.ts';
import type { CommandContext, CommandResult } from '../types.ts';

export function ok(stdout = '', stderr = ''): CommandResult {
  return { stdout, stderr, exitCode: 0 };
}

export function fail(stderr: string, exitCode = 1, stdout = ''): CommandResult {
  return { stdout, stderr, exitCode };
}

export function tryHelp(cmd: string): string {
  return `Try '${cmd} --help' for more information.\n`;
}

/** GNU's locale quotes, as in `head: invalid number of lines: ‘x’`. */
export function q(text: string): string {
  return `‘${text}’`;
}

/** Lines of text without their newlines; a final newline does not start an extra line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/** Lines each keeping its newline (the last one may have none). */
export function splitKeepingNewlines(text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      if (start < text.length) out.push(text.slice(start));
      return out;
    }
    out.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
}

/** Joins lines, each followed by a newline. */
export function joinLines(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export interface Input {
  /** As given on the command line ('-' for stdin). */
  name: string;
  text: string;
}

/**
 * Reads operands the way cat, grep, wc do: none or '-' means stdin. Failures are reported as
 * `cmd: name: No such file or directory` (or with `format`) and skipped.
 */
export function readInputs(
  ctx: CommandContext,
  cmd: string,
  operands: string[],
  format: (name: string, reason: string) => string = (name, reason) => `${cmd}: ${name}: ${reason}\n`,
): { inputs: Input[]; errors: string } {
  const names = operands.length === 0 ? ['-'] : operands;
  const inputs: Input[] = [];
  let errors = '';
  let stdinUsed = false;
  for (const name of names) {
    if (name === '-') {
      inputs.push({ name, text: stdinUsed ? '' : ctx.stdin });
      stdinUsed = true;
      continue;
    }
    const read = readFileText(ctx, name);
    if (typeof read === 'string') inputs.push({ name, text: read });
    else errors += format(name, read.error);
  }
  return { inputs, errors };
}

/** A file's text, or why it cannot be read ("No such file or directory", "Is a directory"). */
export function readFileText(ctx: CommandContext, name: string): string | { error: string } {
  const path = ctx.fs.resolve(ctx.cwd, name);
  try {
    if (ctx.fs.isDir(path)) return { error: 'Is a directory' };
    return ctx.fs.readFile(path);
  } catch (error) {
    return { error: describeError(error) };
  }
}

/** Parses a decimal integer (optional sign); null when it is not one. */
export function parseInteger(text: string): number | null {
  if (!/^[+-]?\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) ? n : n > 0 ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
}

/** Right-aligns `text` in `width` columns. */
export function pad(text: string | number, width: number): string {
  return String(text).padStart(width, ' ');
}
