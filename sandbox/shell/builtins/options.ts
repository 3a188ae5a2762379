// A getopt_long for builtins: bundled short flags (`-rf`), values (`-n5`, `-n 5`, `--lines=5`),
// unique prefixes of long options, `--` and GNU argument permutation. Errors come back in the
// exact shape coreutils prints them.
import type { CommandResult } from '../types.ts';
import { tryHelp } from './util.ts';

export interface OptionSpec {
  /** Short options without a value, e.g. 'rfv'. */
  flags?: string;
  /** Short options that take a value, e.g. 'nc'. */
  values?: string;
  /**
   * Long options: name → the short letter it means ('i'), 'x=' for a value option, or
   * '=name' / '?name' for a long-only option with a required / optional value (stored under name).
   * A plain long-only flag maps to '+name'.
   */
  long?: Record<string, string>;
  /** Stop at the first operand (POSIX utilities, shell builtins); GNU tools permute. */
  posix?: boolean;
  /** Exit status for usage errors (1 for most, 2 for grep, sort, ls). */
  errorStatus?: number;
  /** Extra line GNU prints before "Try ..." (grep: its Usage line). */
  usageLine?: string;
  /** `--help` text; when absent, `--help` is an unrecognized option. */
  help?: string;
}

export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string[]>;
  operands: string[];
}

export type ParseResult = { ok: true; args: ParsedArgs } | { ok: false; result: CommandResult };

export function parseArgs(cmd: string, args: string[], spec: OptionSpec): ParseResult {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const operands: string[] = [];
  const shortFlags = spec.flags ?? '';
  const shortValues = spec.values ?? '';
  const long = spec.long ?? {};
  const addValue = (key: string, value: string): void => {
    const list = values.get(key) ?? [];
    list.push(value);
    values.set(key, list);
  };
  const error = (message: string): ParseResult => ({
    ok: false,
    result: {
      stdout: '',
      stderr: `${cmd}: ${message}\n${spec.usageLine ? `${spec.usageLine}\n` : ''}${tryHelp(cmd)}`,
      exitCode: spec.errorStatus ?? 1,
    },
  });

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const inline = eq === -1 ? undefined : arg.slice(eq + 1);
      if (name === 'help' && spec.help !== undefined) {
        return { ok: false, result: { stdout: spec.help, stderr: '', exitCode: 0 } };
      }
      const matches = Object.keys(long).filter((k) => k.startsWith(name));
      const key = long[name] !== undefined ? name : matches.length === 1 ? matches[0] : undefined;
      if (key === undefined) {
        if (matches.length > 1) return error(`option '${arg}' is ambiguous`);
        return error(`unrecognized option '${arg}'`);
      }
      const meaning = long[key];
      if (meaning.startsWith('+')) {
        if (inline !== undefined) return error(`option '--${key}' doesn't allow an argument`);
        flags.add(meaning.slice(1));
      } else if (meaning.startsWith('?')) {
        addValue(meaning.slice(1), inline ?? '');
      } else if (meaning.startsWith('=') || meaning.endsWith('=')) {
        const target = meaning.startsWith('=') ? meaning.slice(1) : meaning.slice(0, -1);
        let value = inline;
        if (value === undefined) {
          if (i + 1 >= args.length) return error(`option '--${key}' requires an argument`);
          value = args[++i];
        }
        addValue(target, value);
      } else {
        if (inline !== undefined) return error(`option '--${key}' doesn't allow an argument`);
        flags.add(meaning);
      }
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        if (shortValues.includes(c)) {
          let value = arg.slice(j + 1);
          if (value === '') {
            if (i + 1 >= args.length) return error(`option requires an argument -- '${c}'`);
            value = args[++i];
          }
          addValue(c, value);
          break;
        }
        if (!shortFlags.includes(c)) return error(`invalid option -- '${c}'`);
        flags.add(c);
      }
      continue;
    }
    operands.push(arg);
    if (spec.posix) {
      operands.push(...args.slice(i + 1));
      break;
    }
  }
  return { ok: true, args: { flags, values, operands } };
}

/** The last value given for an option (later ones win, like getopt loops). */
export function lastValue(args: ParsedArgs, key: string): string | undefined {
  const list = args.values.get(key);
  return list ? list[list.length - 1] : undefined;
}
