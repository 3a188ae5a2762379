// Running one command: functions, registry commands, script files, and commands run on behalf
// of others (xargs, sh -c, kubectl exec). The Interpreter (AST walking) builds on this.
import type { Command, FunctionDefinition, Program } from './ast.ts';
import { InputStream, OutputBuffer, writeTo, type IO } from './io.ts';
import { MAX_CALL_DEPTH, MAX_FUNCTION_DEPTH, MAX_STEPS } from './limits.ts';
import { describeError } from './memfs.ts';
import { parse } from './parser.ts';
import type { Session } from './session.ts';
import { createShellControl } from './shell-control.ts';
import type { CommandContext, CommandDefinition, CommandResult, Host } from './types.ts';

/** What only the Shell object (not a session) knows. */
export interface ShellHooks {
  history(): string[];
  clearHistory(): void;
  enter(host: Host): void;
  exit(): boolean;
  depth(): number;
}

/** Shared by every interpreter working on one exec, subshells included. */
export interface RunState {
  steps: number;
  clearScreen: boolean;
  /** Some output (a pipe, `$( )`, the terminal) hit MAX_OUTPUT and was cut. */
  truncated: boolean;
  /** Set when a limit stopped the line; the message goes to stderr once. */
  aborted: string | null;
}

export function newRunState(): RunState {
  return { steps: 0, clearScreen: false, truncated: false, aborted: null };
}

/** `$$`: fixed, so transcripts are reproducible. */
const SHELL_PID = '4242';

type Resolved = { def: CommandDefinition } | { script: string } | { error: string; status: number };
type Frame = Map<string, { value: string | undefined; exported: boolean }>;

export abstract class Invoker {
  readonly session: Session;
  readonly hooks: ShellHooks;
  protected readonly state: RunState;
  /** A pipeline member, `$( )`, `( )` or script: `exit` and `enter` do not touch the host stack. */
  readonly subshell: boolean;
  protected readonly callDepth: number;
  /** `exit` ran: skip the rest of this (sub)shell's input. */
  protected stopped = false;
  protected loops = 0;
  protected signal: { kind: 'break' | 'continue' | 'return'; levels: number } | null = null;
  /** Status carried by `return`. */
  protected returnStatus = 0;
  /** One entry per running function: variables made `local`, with what to restore. */
  protected frames: Frame[] = [];

  constructor(session: Session, hooks: ShellHooks, state: RunState, options: { subshell: boolean; callDepth: number }) {
    this.session = session;
    this.hooks = hooks;
    this.state = state;
    this.subshell = options.subshell;
    this.callDepth = options.callDepth;
  }

  abstract runProgram(program: Program, io: IO): number;
  protected abstract runCommand(command: Command, io: IO): number;
  /** A new interpreter sharing this one's hooks and run state. */
  protected abstract spawn(session: Session, subshell: boolean, callDepth: number): Invoker;

  /** Counts a command against MAX_STEPS; true when the line must stop. */
  protected tick(): boolean {
    if (this.state.aborted) return true;
    if (++this.state.steps > MAX_STEPS) {
      this.state.aborted = `bash: more than ${MAX_STEPS} commands in one line; stopped`;
      return true;
    }
    return false;
  }

  /** A variable, special parameters ($? $# $1 ...) included. */
  getVar(name: string): string | undefined {
    const s = this.session;
    switch (name) {
      case '?':
        return String(s.lastExit);
      case '$':
        return SHELL_PID;
      case '#':
        return String(s.args.length);
      case '0':
        return s.arg0;
      case '-':
        return 'hB';
      case '!':
        return undefined;
      case '*':
      case '@':
        return s.args.join(' ');
    }
    if (/^\d+$/.test(name)) return s.args[Number(name) - 1];
    return s.get(name);
  }

  /** Finds and runs argv[0]: registry command, script file, or bash's error. */
  protected invoke(argv: string[], env: Record<string, string>, io: IO): number {
    const name = argv[0];
    const fn = this.session.functions.get(name);
    if (fn) return this.callFunction(fn, argv, env, io);
    const resolved = this.resolve(name);
    if ('error' in resolved) {
      writeTo(io.stderr, `${resolved.error}\n`);
      return resolved.status;
    }
    if ('script' in resolved) {
      const fs = this.session.host.fs;
      return this.runSource(fs.readFile(resolved.script), io, { subshell: true, arg0: name, args: argv.slice(1), env });
    }
    let result: CommandResult;
    try {
      result = resolved.def.run(this.context(argv, env, io));
    } catch (error) {
      result = { stdout: '', stderr: `${name}: ${describeError(error)}\n`, exitCode: 1 };
    }
    if (!result || typeof result !== 'object') {
      result = { stdout: '', stderr: `${name}: internal error: no result\n`, exitCode: 1 };
    }
    writeTo(io.stdout, typeof result.stdout === 'string' ? result.stdout : '');
    writeTo(io.stderr, typeof result.stderr === 'string' ? result.stderr : '');
    if (result.clearScreen) this.state.clearScreen = true;
    return exitStatus(result.exitCode);
  }

  /** Runs a shell function in this shell: $1.. are its arguments, `local`s are undone after. */
  protected callFunction(fn: FunctionDefinition, argv: string[], env: Record<string, string>, io: IO): number {
    if (this.frames.length >= MAX_FUNCTION_DEPTH) {
      writeTo(io.stderr, `bash: ${fn.name}: maximum function nesting level exceeded (${MAX_FUNCTION_DEPTH})\n`);
      return 1;
    }
    const session = this.session;
    const savedArgs = session.args;
    const frame = new Map<string, { value: string | undefined; exported: boolean }>();
    this.frames.push(frame);
    session.args = argv.slice(1);
    for (const [name, value] of Object.entries(env)) {
      this.makeLocal(name);
      session.set(name, value, true);
    }
    let status: number;
    try {
      status = this.runCommand(fn.body, io);
      if (this.signal?.kind === 'return') {
        status = this.returnStatus;
        this.signal = null;
      }
    } finally {
      this.frames.pop();
      session.args = savedArgs;
      for (const [name, saved] of frame) {
        if (saved.value === undefined) session.unset(name);
        else {
          session.set(name, saved.value);
          session.markExported(name, saved.exported);
        }
      }
    }
    return status;
  }

  /** `local name`: false outside a function. */
  makeLocal(name: string): boolean {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) return false;
    if (!frame.has(name)) frame.set(name, { value: this.session.get(name), exported: this.session.isExported(name) });
    return true;
  }

  private resolve(name: string): Resolved {
    const registry = this.session.host.commands;
    if (!name.includes('/')) {
      const def = name === '' ? undefined : registry.get(name);
      return def ? { def } : { error: `bash: ${name}: command not found`, status: 127 };
    }
    const fs = this.session.host.fs;
    const path = fs.resolve(this.session.cwd, name);
    if (!fs.exists(path)) {
      // `which` says commands live in /usr/bin, so that path must work too.
      const bin = /^\/(?:usr\/(?:local\/)?)?s?bin\/([^/]+)$/.exec(path);
      const def = bin ? registry.get(bin[1]) : undefined;
      if (def) return { def };
      return { error: `bash: ${name}: No such file or directory`, status: 127 };
    }
    const stat = fs.stat(path);
    if (stat.type === 'dir') return { error: `bash: ${name}: Is a directory`, status: 126 };
    if (stat.type !== 'file' || (stat.mode & 0o111) === 0) return { error: `bash: ${name}: Permission denied`, status: 126 };
    return { script: path };
  }

  private context(argv: string[], env: Record<string, string>, io: IO): CommandContext {
    let stdin: string | null = null;
    const session = this.session;
    return {
      argv,
      env: session.env(env),
      cwd: session.cwd,
      fs: session.host.fs,
      host: session.host,
      shell: createShellControl(this, io, env),
      tty: io.tty,
      // Read lazily: a command that never looks at stdin leaves it for the next one (`read`).
      get stdin(): string {
        stdin ??= io.stdin.readAll();
        return stdin;
      },
    };
  }

  /** `env`: the command's `VAR=x` prefixes, inherited by what it runs (like a child process). */
  /** `exit` ran: the rest of this (sub)shell's input is skipped. */
  stop(): void {
    this.stopped = true;
  }

  /** `break` / `continue`: false when no loop is running. */
  loopControl(kind: 'break' | 'continue', levels: number): boolean {
    if (this.loops === 0) return false;
    this.signal = { kind, levels: Math.max(1, Math.min(levels, this.loops)) };
    return true;
  }

  /** `return`: false outside a function. */
  returnFromFunction(status: number): boolean {
    if (this.frames.length === 0) return false;
    this.signal = { kind: 'return', levels: 1 };
    this.returnStatus = status;
    return true;
  }

  /** Shell source run with captured output (`bash -c`, `source`, `eval`). */
  runSourceCaptured(
    source: string,
    options: { stdin?: string; subshell?: boolean; arg0?: string; args?: string[] },
    env: Record<string, string>,
  ): CommandResult {
    const out = new OutputBuffer();
    const err = new OutputBuffer();
    const status = this.runSource(
      source,
      { stdin: new InputStream(options.stdin ?? ''), stdout: { kind: 'buffer', buffer: out }, stderr: { kind: 'buffer', buffer: err }, tty: false },
      { subshell: options.subshell ?? true, arg0: options.arg0, args: options.args, env },
    );
    if (out.truncated || err.truncated) this.state.truncated = true;
    return { stdout: out.text(), stderr: err.text(), exitCode: status };
  }

  /** A command run on behalf of another (xargs, env): like a child process, in a subshell. */
  runCaptured(argv: string[], stdin: string, env: Record<string, string>, session?: Session): CommandResult {
    if (this.callDepth + 1 > MAX_CALL_DEPTH) return tooDeep();
    if (argv.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
    if (this.tick()) return { stdout: '', stderr: '', exitCode: 1 };
    const out = new OutputBuffer();
    const err = new OutputBuffer();
    const child = this.spawn(session ?? this.session.clone(), true, this.callDepth + 1);
    const status = child.invoke(argv.map(String), env, {
      stdin: new InputStream(String(stdin ?? '')),
      stdout: { kind: 'buffer', buffer: out },
      stderr: { kind: 'buffer', buffer: err },
      tty: false,
    });
    if (out.truncated || err.truncated) this.state.truncated = true;
    return { stdout: out.text(), stderr: err.text(), exitCode: status };
  }

  /** Parses and runs shell source: a script, `bash -c`, or `source` (subshell false). */
  protected runSource(
    source: string,
    io: IO,
    options: { subshell: boolean; arg0?: string; args?: string[]; env?: Record<string, string> },
  ): number {
    if (this.callDepth + 1 > MAX_CALL_DEPTH) {
      writeTo(io.stderr, tooDeep().stderr);
      return 1;
    }
    // Like bash, scripts and `bash -c` see no aliases; `source` and `eval` do.
    const parsed = parse(String(source), options.subshell ? undefined : this.session.aliases);
    if (parsed.status === 'incomplete') {
      writeTo(io.stderr, 'bash: syntax error: unexpected end of file\n');
      return 2;
    }
    if (parsed.status === 'error') {
      writeTo(io.stderr, `${parsed.message}\n`);
      return 2;
    }
    const session = options.subshell ? this.session.clone() : this.session;
    if (options.subshell) {
      if (options.arg0 !== undefined) session.arg0 = options.arg0;
      if (options.args) session.args = options.args.slice();
      for (const [name, value] of Object.entries(options.env ?? {})) session.set(name, value, true);
    }
    const child = this.spawn(session, options.subshell || this.subshell, this.callDepth + 1);
    const status = child.runProgram(parsed.program, io);
    if (!options.subshell && child.stopped) this.stopped = true;
    return status;
  }
}

function tooDeep(): CommandResult {
  return { stdout: '', stderr: `bash: maximum nesting level exceeded (${MAX_CALL_DEPTH})\n`, exitCode: 1 };
}

function exitStatus(code: unknown): number {
  if (typeof code !== 'number' || !Number.isFinite(code)) return 1;
  return ((Math.trunc(code) % 256) + 256) % 256;
}
