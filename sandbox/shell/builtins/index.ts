// Registers every builtin in a host's registry: the shell's own commands and the coreutils a
// lesson needs. Tools (kubectl, az, curl) are registered next to these by their own modules.
import type { CommandRegistry } from '../registry.ts';
import { alias, evalCommand, set, unalias } from './aliases.ts';
import type { CommandDefinition } from '../types.ts';
import {
  bash, breakCommand, colon, continueCommand, dot, exit, falseCommand, local, returnCommand, sh, sleep, source, trueCommand,
} from './control.ts';
import { cut } from './cut.ts';
import { echo } from './echo.ts';
import { cat, chmod, cp, mkdir, mv, rm, rmdir, tee, touch } from './files.ts';
import { grep } from './grep.ts';
import { headCommand, tailCommand } from './head-tail.ts';
import { clear, help, history, hostname, type, which, whoami } from './info.ts';
import { ls } from './ls.ts';
import { cd, pwd } from './navigation.ts';
import { printf } from './printf.ts';
import { sed } from './sed.ts';
import { sort, uniq } from './sort-uniq.ts';
import { bracket, test } from './test.ts';
import { basename, dirname, seq } from './text-tools.ts';
import { tr } from './tr.ts';
import { env, exportCommand, read, unset } from './variables.ts';
import { wc } from './wc.ts';
import { xargs } from './xargs.ts';

export const BUILTINS: readonly CommandDefinition[] = [
  // the shell itself
  help, clear, history, which, type, cd, pwd, exportCommand, unset, env, read, trueCommand, falseCommand, colon,
  exit, breakCommand, continueCommand, sleep, source, dot, bash, sh, test, bracket, whoami, hostname,
  alias, unalias, set, evalCommand, local, returnCommand,
  // printing
  echo, printf,
  // files
  cat, ls, mkdir, rmdir, rm, touch, cp, mv, tee, chmod,
  // text
  grep, headCommand, tailCommand, wc, sort, uniq, cut, tr, sed, xargs, seq, basename, dirname,
];

export function registerBuiltins(registry: CommandRegistry): void {
  for (const def of BUILTINS) registry.register(def);
}
