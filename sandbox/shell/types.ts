// The contracts between the shell and everything that plugs into it (commands, hosts).
import type { MemFS } from './memfs.ts';
import type { CommandRegistry } from './registry.ts';

/** What one command produced. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Set by `clear`: the terminal should wipe its screen. */
  clearScreen?: boolean;
}

/** A machine the learner can be "on": the workstation, an AKS node, a pod. */
export interface Host {
  id: string;
  user: string;
  hostname: string;
  home: string;
  /** Where a new session starts when that is not the home directory (a container's WORKDIR). */
  workdir?: string;
  fs: MemFS;
  /** The environment a new shell session on this host starts with. */
  env: Record<string, string>;
  commands: CommandRegistry;
  /** 'workstation' | 'node' | 'pod' etc. */
  kind: string;
}

/** A variable as the shell holds it. */
export interface ShellVariable {
  name: string;
  value: string;
  exported: boolean;
}

/**
 * The shell as a running command sees it. One object per command invocation: inside a
 * pipeline or `$( )` the command runs in a subshell, so state changes stay there.
 */
export interface ShellControl {
  /** Push a new host session (e.g. `kubectl exec -it pod -- sh`). Ignored in a subshell. */
  enter(host: Host): void;
  /** Pop the current host session; false at the bottom or in a subshell. The rest of the line is skipped. */
  exit(): boolean;
  history(): string[];
  /** Number of host sessions on the stack (1 = the learner's own shell). */
  depth(): number;

  // State the builtins `cd`, `export`, `unset`, `history -c` and `read` change.
  /** Make an absolute, existing directory the working directory (updates PWD and OLDPWD). */
  setCwd(path: string): void;
  getVar(name: string): string | undefined;
  /** Sets a shell variable; `exported: true` also exports it, otherwise its export flag is kept. */
  setVar(name: string, value: string, exported?: boolean): void;
  unsetVar(name: string): void;
  /** Set or clear the export flag (a name may be exported before it has a value, like bash). */
  markExported(name: string, exported: boolean): void;
  /** Every variable that has a value, in creation order. */
  variables(): ShellVariable[];
  /** Names marked for export that have no value yet (`export X` before `X=1`). */
  exportedWithoutValue(): string[];
  clearHistory(): void;
  /** Next line of this command's stdin without its newline, or null at end of input. */
  readLine(): string | null;
  /** `break`/`continue` support: false when not inside a loop. */
  loopControl(kind: 'break' | 'continue', levels: number): boolean;
  /** Names of the shell functions defined in this session. */
  functions(): string[];
  /** Removes a function; false when there was none. */
  unsetFunction(name: string): boolean;
  /** `local`: the variable gets its old value back when the function returns; false outside functions. */
  declareLocal(name: string): boolean;
  /** `return`: leave the running function with this status; false outside functions. */
  returnFromFunction(status: number): boolean;
  /** Aliases of this session, sorted by name. */
  aliases(): [string, string][];
  /** Defines an alias, or removes it with null. */
  setAlias(name: string, value: string | null): void;

  // Running other commands (xargs, env, sh -c, scripts).
  /** Run argv through the registry as a command of this shell; `env` adds variables for it. */
  run(argv: string[], stdin: string, env?: Record<string, string>): CommandResult;
  /**
   * Run argv on another host (e.g. `kubectl exec pod -- cat /etc/resolv.conf`): a fresh login
   * session there, its registry and filesystem, nothing kept afterwards.
   */
  runOn(host: Host, argv: string[], stdin: string, env?: Record<string, string>): CommandResult;
  /** Run shell source: in a subshell (sh -c, scripts) or in this shell (`source`). */
  runScript(source: string, options?: { stdin?: string; subshell?: boolean; arg0?: string; args?: string[] }): CommandResult;
}

export interface CommandContext {
  /** argv[0] is the command name as typed. */
  argv: string[];
  /** Everything the command can read on stdin (reading it consumes it for the next command in a list). */
  stdin: string;
  /** Exported variables plus `VAR=x cmd` prefixes. */
  env: Readonly<Record<string, string>>;
  /** Absolute working directory. */
  cwd: string;
  fs: MemFS;
  host: Host;
  shell: ShellControl;
  /** True when stdout goes straight to the terminal (not a pipe, file or `$( )`), like isatty(1). */
  tty?: boolean;
}

export interface CompletionContext {
  env: Readonly<Record<string, string>>;
  cwd: string;
  fs: MemFS;
  host: Host;
}

export interface CommandDefinition {
  name: string;
  /** One line, for `help`. */
  summary: string;
  run(ctx: CommandContext): CommandResult;
  /** Words typed after the command name; the last one is the partial word being completed. */
  complete?(words: string[], ctx: CompletionContext): string[];
}
