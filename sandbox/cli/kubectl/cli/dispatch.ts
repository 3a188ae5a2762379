// From argv to a command run, as cobra does it for kubectl: find the command by walking the tree
// past flags (cobra Find/stripFlags, including its quirks), refuse an unknown verb with cobra's
// "Did you mean this?" suggestions, parse flags (command's own plus the persistent global ones)
// with pflag, show help for -h/--help, and run. Errors read as kubectl prints them.
import type { CommandResult } from '../../../shell/types.ts';
import type { Invocation, KubectlCommand, KubectlEnv } from './command.ts';
import { FlagSet, goQuote, type FlagSpec } from './flags.ts';
import { GLOBAL_FLAGS } from './global-flags.ts';
import { renderHelp } from './help.ts';
import { failure } from './output.ts';
import { suggestionsFor } from './suggest.ts';

export const HELP_FLAG: FlagSpec = { name: 'help', shorthand: 'h', type: 'bool', usage: 'help for this command', hidden: true };

export function flagSetFor(cmd: KubectlCommand): FlagSet {
  return new FlagSet([...(cmd.flags ?? []), ...GLOBAL_FLAGS, HELP_FLAG]);
}

function takesValueLong(name: string, flags: FlagSet): boolean {
  const spec = flags.lookup(name);
  return spec ? flags.takesValue(spec) : true;
}

function takesValueShort(name: string, flags: FlagSet): boolean {
  const spec = flags.byShorthand.get(name[0] ?? '');
  return spec ? flags.takesValue(spec) : true;
}

/** cobra stripFlags: the words of args that are not flags or flag values. */
export function stripFlags(args: readonly string[], flags: FlagSet): string[] {
  const commands: string[] = [];
  let rest = args.slice();
  while (rest.length > 0) {
    const s = rest.shift()!;
    if (s === '--') break;
    if ((s.startsWith('--') && !s.includes('=') && takesValueLong(s.slice(2), flags)) || (s.startsWith('-') && !s.startsWith('--') && !s.includes('=') && s.length === 2 && takesValueShort(s.slice(1), flags))) {
      if (rest.length <= 1) break;
      rest = rest.slice(1);
      continue;
    }
    if (s !== '' && !s.startsWith('-')) commands.push(s);
  }
  return commands;
}

/** cobra argsMinusFirstX: args without the first occurrence of the subcommand's name. */
function argsMinusFirst(args: readonly string[], name: string, flags: FlagSet): string[] {
  for (let pos = 0; pos < args.length; pos++) {
    const s = args[pos]!;
    if (s === '--') break;
    if ((s.startsWith('--') && !s.includes('=') && takesValueLong(s.slice(2), flags)) || (s.startsWith('-') && !s.startsWith('--') && !s.includes('=') && s.length === 2 && takesValueShort(s.slice(1), flags))) {
      pos++;
      continue;
    }
    if (!s.startsWith('-') && s === name) return [...args.slice(0, pos), ...args.slice(pos + 1)];
  }
  return args.slice();
}

function findNext(cmd: KubectlCommand, name: string): KubectlCommand | undefined {
  return (cmd.subcommands ?? []).find((c) => c.name === name || (c.aliases ?? []).includes(name));
}

export interface Found {
  command: KubectlCommand;
  /** Names from the root: ['kubectl', 'config', 'view']. */
  names: string[];
  args: string[];
}

/** cobra Find: the deepest command the words name, and the args left for it. */
export function findCommand(root: KubectlCommand, args: readonly string[]): Found {
  let cmd = root;
  const names = [root.name];
  let rest = args.slice();
  for (;;) {
    const flags = flagSetFor(cmd);
    const words = stripFlags(rest, flags);
    if (words.length === 0) break;
    const next = findNext(cmd, words[0]!);
    if (!next) break;
    rest = argsMinusFirst(rest, words[0]!, flags);
    cmd = next;
    names.push(next.name);
  }
  return { command: cmd, names, args: rest };
}

export function runCommandLine(root: KubectlCommand, argv: readonly string[], env: KubectlEnv): CommandResult {
  const found = findCommand(root, argv.slice(1));
  const { command } = found;
  const path = found.names.join(' ');
  const isRoot = command === root;
  if (isRoot) {
    const words = stripFlags(found.args, flagSetFor(root));
    if (words.length > 0) {
      const typed = words[0]!;
      return failure(`error: unknown command ${goQuote(typed)} for "kubectl"${suggestionsFor(root, typed)}`);
    }
  }
  const parsed = flagSetFor(command).parse(found.args);
  if (!parsed.ok) return failure(`error: ${parsed.error}\nSee '${path} --help' for usage.`);
  const { flags, args, argsLenAtDash, help, warnings } = parsed.parsed;
  const notices = warnings.map((w) => `${w}\n`).join('');
  if (help || isRoot) return { stdout: renderHelp(command, path, isRoot), stderr: notices, exitCode: 0 };
  if (!command.run) {
    // cmdutil.DefaultSubCommandRun: help on stdout and exit 1, or a usage error for extra words.
    if (args.length > 0) return failure(`${notices}error: unknown command ${goQuote(args.join(' '))}\nSee '${path} -h' for help and examples`);
    const help = renderHelp(command, path, false);
    if (command.groupHelpTo === 'stdout') return { stdout: help, stderr: notices, exitCode: 1 };
    return { stdout: '', stderr: notices + help, exitCode: 1 };
  }
  const missing = (command.required ?? []).filter((name) => !flags.changed(name));
  if (missing.length > 0) return failure(`${notices}error: required flag(s) ${missing.map((m) => `"${m}"`).join(', ')} not set`);
  const inv: Invocation = { env, command, path, flags, args, argsLenAtDash };
  const result = command.run(inv);
  return notices ? { ...result, stderr: notices + result.stderr } : result;
}
