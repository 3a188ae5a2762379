// The ShellControl a running command receives: its view of the shell, bound to the interpreter
// (and the stdin / `VAR=x` prefixes) of that one invocation.
import type { IO } from './io.ts';
import type { ShellHooks } from './invoker.ts';
import { Session } from './session.ts';
import type { CommandResult, ShellControl } from './types.ts';

/** The parts of the Interpreter this needs (kept narrow so the two files stay apart). */
export interface ControlledShell {
  readonly session: Session;
  readonly hooks: ShellHooks;
  readonly subshell: boolean;
  getVar(name: string): string | undefined;
  stop(): void;
  loopControl(kind: 'break' | 'continue', levels: number): boolean;
  makeLocal(name: string): boolean;
  returnFromFunction(status: number): boolean;
  runCaptured(argv: string[], stdin: string, env: Record<string, string>, session?: Session): CommandResult;
  runSourceCaptured(
    source: string,
    options: { stdin?: string; subshell?: boolean; arg0?: string; args?: string[] },
    env: Record<string, string>,
  ): CommandResult;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function createShellControl(shell: ControlledShell, io: IO, env: Record<string, string>): ShellControl {
  const session = shell.session;
  return {
    enter: (host) => {
      if (!shell.subshell) shell.hooks.enter(host);
    },
    exit: () => {
      shell.stop();
      return shell.subshell ? false : shell.hooks.exit();
    },
    history: () => shell.hooks.history(),
    depth: () => shell.hooks.depth(),
    setCwd: (path) => session.setCwd(path),
    getVar: (name) => shell.getVar(name),
    setVar: (name, value, exported) => session.set(name, value, exported),
    unsetVar: (name) => session.unset(name),
    markExported: (name, exported) => session.markExported(name, exported),
    variables: () => session.variables(),
    exportedWithoutValue: () => session.exportedWithoutValue(),
    clearHistory: () => {
      if (!shell.subshell) shell.hooks.clearHistory();
    },
    readLine: () => io.stdin.readLine(),
    loopControl: (kind, levels) => shell.loopControl(kind, levels),
    functions: () => [...session.functions.keys()].sort(byName),
    unsetFunction: (name) => session.functions.delete(name),
    declareLocal: (name) => shell.makeLocal(name),
    returnFromFunction: (status) => shell.returnFromFunction(status),
    aliases: () => [...session.aliases].sort((a, b) => byName(a[0], b[0])),
    setAlias: (name, value) => {
      if (value === null) session.aliases.delete(name);
      else session.aliases.set(name, value);
    },
    // What a command runs inherits its `VAR=x` prefixes, like a child process's environment.
    run: (argv, stdin, extra = {}) => shell.runCaptured(argv, stdin, { ...env, ...extra }),
    runOn: (host, argv, stdin, extra = {}) => shell.runCaptured(argv, stdin, extra, Session.start(host)),
    runScript: (source, options = {}) => shell.runSourceCaptured(source, options, env),
  };
}
