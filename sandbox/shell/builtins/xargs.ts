// xargs: build command lines from stdin and run them through the registry.
import type { CommandDefinition, CommandResult } from '../types.ts';
import { lastValue, parseArgs } from './options.ts';
import { fail, q, tryHelp } from './util.ts';

/** Splits xargs input: blanks separate, quotes and backslashes group, like GNU xargs. */
function items(text: string): string[] | string {
  const out: string[] = [];
  let current = '';
  let inItem = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\n') return `xargs: unmatched ${quote === '"' ? 'double' : 'single'} quote; by default quotes are special to xargs unless you use the -0 option`;
      else current += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inItem = true;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      inItem = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inItem) out.push(current);
      current = '';
      inItem = false;
    } else {
      current += c;
      inItem = true;
    }
  }
  if (quote) return `xargs: unmatched ${quote === '"' ? 'double' : 'single'} quote; by default quotes are special to xargs unless you use the -0 option`;
  if (inItem) out.push(current);
  return out;
}

export const xargs: CommandDefinition = {
  name: 'xargs',
  summary: 'run a command with arguments read from stdin',
  run(ctx): CommandResult {
    const parsed = parseArgs('xargs', ctx.argv.slice(1), {
      flags: 'rt0p',
      values: 'nILdP',
      long: { 'no-run-if-empty': 'r', verbose: 't', 'max-args': 'n=', replace: '?I', 'max-procs': 'P=', null: '0', delimiter: 'd=' },
      posix: true,
      help: 'Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nRun COMMAND with arguments INITIAL-ARGS and more arguments read from input.\n',
    });
    if (!parsed.ok) return parsed.result;
    const { flags, operands } = parsed.args;
    const command = operands.length > 0 ? operands : ['echo'];
    const replace = lastValue(parsed.args, 'I') ?? (parsed.args.values.has('I') ? '{}' : undefined);
    const maxArgsText = lastValue(parsed.args, 'n') ?? lastValue(parsed.args, 'L');
    let maxArgs = Infinity;
    if (maxArgsText !== undefined) {
      if (!/^\d+$/.test(maxArgsText) || Number(maxArgsText) < 1) {
        return fail(`xargs: invalid number ${q(maxArgsText)} for -n option\n${tryHelp('xargs')}`);
      }
      maxArgs = Number(maxArgsText);
    }
    const input = ctx.stdin;
    let args: string[];
    const delimiter = lastValue(parsed.args, 'd');
    if (flags.has('0')) args = input.split('\0').filter((s, i, all) => s !== '' || i < all.length - 1);
    else if (delimiter !== undefined) args = input.split(delimiter === '\\n' ? '\n' : delimiter).filter((s, i, all) => s !== '' || i < all.length - 1);
    else if (replace !== undefined) args = input.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
    else {
      const split = items(input);
      if (typeof split === 'string') return fail(`${split}\n`);
      args = split;
    }

    const runs: string[][] = [];
    if (replace !== undefined) {
      for (const arg of args) runs.push(command.map((w) => w.split(replace).join(arg)));
    } else if (args.length === 0) {
      if (!flags.has('r')) runs.push(command.slice());
    } else {
      for (let i = 0; i < args.length; i += maxArgs === Infinity ? args.length : maxArgs) {
        runs.push([...command, ...args.slice(i, i + (maxArgs === Infinity ? args.length : maxArgs))]);
      }
    }

    let stdout = '';
    let stderr = '';
    let status = 0;
    for (const argv of runs) {
      if (!argv[0].includes('/') && !ctx.host.commands.get(argv[0])) {
        return { stdout, stderr: `${stderr}xargs: ${argv[0]}: No such file or directory\n`, exitCode: 127 };
      }
      if (flags.has('t')) stderr += `${argv.join(' ')}\n`;
      const result = ctx.shell.run(argv, '');
      stdout += result.stdout;
      stderr += result.stderr;
      if (result.exitCode === 255) {
        return { stdout, stderr: `${stderr}xargs: ${argv[0]}: exited with status 255; aborting\n`, exitCode: 124 };
      }
      if (result.exitCode !== 0) status = 123;
    }
    return { stdout, stderr, exitCode: status };
  },
};
