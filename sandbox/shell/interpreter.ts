// Walks the AST: lists, pipelines, compound commands and simple commands, with expansions,
// redirections and command lookup in the host's registry. Subshells (pipeline members, `$( )`,
// `( )`, scripts) are interpreters over a cloned session.
import type { AndOr, Assignment, Command, FunctionDefinition, Pipeline, Program, Redirect, SimpleCommand, WordPart } from './ast.ts';
import { ArithError, evaluateArith } from './arith.ts';
import { evaluateCond } from './conditional.ts';
import { escapeGlob, globMatcher } from './glob.ts';
import { ExpansionError, expandQuotedAs, expandRedirectTarget, expandText, expandWords, type Expander } from './expand.ts';
import { InputStream, OutputBuffer, writeTo, type IO, type OutputTarget } from './io.ts';
import { MAX_CALL_DEPTH, MAX_FUNCTION_DEPTH, MAX_STEPS, MAX_VALUE } from './limits.ts';
import { describeError } from './memfs.ts';
import { parse } from './parser.ts';
import { applyRedirects } from './redirects.ts';
import { defineVar, Session } from './session.ts';
import type { CommandContext, CommandDefinition, CommandResult, Host, ShellControl } from './types.ts';

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

export class Interpreter {
  readonly session: Session;
  private readonly hooks: ShellHooks;
  private readonly state: RunState;
  private readonly subshell: boolean;
  private readonly callDepth: number;
  /** `exit` ran: skip the rest of this (sub)shell's input. */
  private stopped = false;
  private loops = 0;
  private signal: { kind: 'break' | 'continue' | 'return'; levels: number } | null = null;
  /** Status carried by `return`. */
  private returnStatus = 0;
  /** One entry per running function: variables made `local`, with what to restore. */
  private frames: Map<string, { value: string | undefined; exported: boolean }>[] = [];
  /** Status of the last `$( )` while expanding the current command (for `x=$(false)`). */
  private substitutionStatus: number | null = null;

  constructor(session: Session, hooks: ShellHooks, state: RunState, options: { subshell: boolean; callDepth: number }) {
    this.session = session;
    this.hooks = hooks;
    this.state = state;
    this.subshell = options.subshell;
    this.callDepth = options.callDepth;
  }

  runProgram(program: Program, io: IO): number {
    let status = this.session.lastExit;
    for (const item of program.items) {
      if (this.halted()) break;
      status = this.runAndOr(item, io);
    }
    return status;
  }

  private halted(): boolean {
    return this.stopped || this.signal !== null || this.state.aborted !== null;
  }

  /** Counts a command against MAX_STEPS; true when the line must stop. */
  private tick(): boolean {
    if (this.state.aborted) return true;
    if (++this.state.steps > MAX_STEPS) {
      this.state.aborted = `bash: more than ${MAX_STEPS} commands in one line; stopped`;
      return true;
    }
    return false;
  }

  private fork(): Interpreter {
    const child = new Interpreter(this.session.clone(), this.hooks, this.state, { subshell: true, callDepth: this.callDepth });
    // `local` and `return` stay legal in a subshell of a function; what they change dies with it.
    child.frames = this.frames.map(() => new Map());
    return child;
  }

  private runAndOr(list: AndOr, io: IO): number {
    let status = this.runPipeline(list.first, io);
    for (const { op, pipeline } of list.rest) {
      if (this.halted()) break;
      if ((op === '&&') === (status === 0)) status = this.runPipeline(pipeline, io);
    }
    return status;
  }

  private runPipeline(pipeline: Pipeline, io: IO): number {
    const { commands } = pipeline;
    let status = 0;
    if (commands.length === 1) {
      status = this.runCommand(commands[0], io);
    } else {
      let input = io.stdin;
      for (let i = 0; i < commands.length; i++) {
        const last = i === commands.length - 1;
        const buffer = last ? null : new OutputBuffer();
        const stdout: OutputTarget = buffer ? { kind: 'buffer', buffer } : io.stdout;
        const stderr = pipeline.pipeStderr[i] ? stdout : io.stderr;
        status = this.fork().runCommand(commands[i], { stdin: input, stdout, stderr, tty: last && io.tty });
        if (buffer) {
          input = new InputStream(buffer.text());
          if (buffer.truncated) this.state.truncated = true;
        }
        if (this.state.aborted) break;
      }
    }
    if (pipeline.negate) status = status === 0 ? 1 : 0;
    this.session.lastExit = status;
    return status;
  }

  private runCommand(command: Command, io: IO): number {
    if (command.kind === 'simple') return this.runSimple(command, io);
    if (command.kind === 'function') {
      this.session.functions.set(command.name, command);
      return 0;
    }
    const opened = this.redirect(command.redirects, io, this.expander(io));
    if (!opened) return 1;
    switch (command.kind) {
      case 'group':
        return command.subshell ? this.fork().runProgram(command.body, opened) : this.runProgram(command.body, opened);
      case 'if':
        for (const clause of command.clauses) {
          const status = this.runProgram(clause.condition, opened);
          if (this.halted()) return status;
          if (status === 0) return this.runProgram(clause.body, opened);
        }
        return command.elseBody ? this.runProgram(command.elseBody, opened) : 0;
      case 'for': {
        let values: string[];
        try {
          values = command.words ? expandWords(command.words, this.expander(opened)) : this.session.args.slice();
        } catch (error) {
          return this.expansionFailed(error, opened);
        }
        return this.loop(() => {
          const value = values.shift();
          if (value === undefined) return false;
          this.session.set(command.name, value);
          return true;
        }, command.body, opened);
      }
      case 'while':
        return this.loop(() => {
          const status = this.runProgram(command.condition, opened);
          return !this.halted() && (status === 0) !== command.until;
        }, command.body, opened);
      case 'arith': {
        const value = this.arithmetic(command.expr, opened);
        return value === null ? 1 : value !== 0n ? 0 : 1;
      }
      case 'case': {
        const ex = this.expander(opened);
        try {
          const subject = expandText(command.word.parts, ex);
          for (const clause of command.clauses) {
            const hit = clause.patterns.some((p) => globMatcher(expandQuotedAs(p.parts, ex, escapeGlob)).test(subject));
            if (hit) return clause.body.items.length === 0 ? 0 : this.runProgram(clause.body, opened);
          }
        } catch (error) {
          return this.expansionFailed(error, opened);
        }
        return 0;
      }
      case 'cond': {
        if (this.tick()) return 1;
        const ex = this.expander(opened);
        try {
          return evaluateCond(command.expr, {
            fs: this.session.host.fs,
            cwd: this.session.cwd,
            text: (word) => expandText(word.parts, ex),
            pattern: (word) => expandQuotedAs(word.parts, ex, escapeGlob),
            regex: (word) => expandQuotedAs(word.parts, ex, (t) => t.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')),
            arith: (text) => {
              try {
                return evaluateArith(text, { get: (n) => ex.getVar(n), set: (n, v) => ex.setVar(n, v) });
              } catch (error) {
                if (error instanceof ArithError) throw new ExpansionError(error.message);
                throw error;
              }
            },
            isSet: (name) => this.getVar(name) !== undefined,
            setMatch: (match) => this.session.set('BASH_REMATCH', match),
          });
        } catch (error) {
          return this.expansionFailed(error, opened);
        }
      }
      case 'arithfor': {
        if (this.arithmetic(command.init, opened) === null) return 1;
        let first = true;
        let failed = false;
        const status = this.loop(() => {
          if (!first && this.arithmetic(command.step, opened) === null) failed = true;
          first = false;
          if (failed) return false;
          const blank = expandText(command.cond, this.expander(opened)).trim() === '';
          const value = blank ? 1n : this.arithmetic(command.cond, opened);
          if (value === null) failed = true;
          return value !== null && value !== 0n;
        }, command.body, opened);
        return failed ? 1 : status;
      }
    }
  }

  /** Evaluates `(( ))` text; null (after printing bash's message) when it is invalid. */
  private arithmetic(expr: WordPart[], io: IO): bigint | null {
    const ex = this.expander(io);
    try {
      const text = expandText(expr, ex);
      if (text.trim() === '') return 0n;
      return evaluateArith(text, { get: (n) => ex.getVar(n), set: (n, v) => ex.setVar(n, v) });
    } catch (error) {
      if (error instanceof ArithError || error instanceof ExpansionError) {
        writeTo(io.stderr, `${error.message}\n`);
        return null;
      }
      throw error;
    }
  }

  /** Runs `body` while `next()` says so, handling break/continue and the step limit. */
  private loop(next: () => boolean, body: Program, io: IO): number {
    let status = 0;
    this.loops++;
    try {
      for (;;) {
        if (this.tick() || !next()) break;
        status = this.runProgram(body, io);
        const signal = this.signal;
        if (signal) {
          if (signal.kind === 'return') break;
          if (signal.levels > 1) {
            signal.levels--;
            break;
          }
          this.signal = null;
          if (signal.kind === 'break') break;
        }
        if (this.halted()) break;
      }
    } finally {
      this.loops--;
    }
    return status;
  }

  private runSimple(command: SimpleCommand, io: IO): number {
    if (this.tick()) return 1;
    this.substitutionStatus = null;
    const ex = this.expander(io);
    let argv: string[];
    try {
      argv = expandWords(command.words, ex);
    } catch (error) {
      return this.expansionFailed(error, io);
    }
    if (this.state.aborted) return 1;
    if (argv.length === 0) {
      // Only assignments and redirections: they affect the shell itself.
      try {
        for (const a of command.assigns) this.session.set(a.name, this.assignedValue(a, ex));
      } catch (error) {
        return this.expansionFailed(error, io);
      }
      if (!this.redirect(command.redirects, io, ex)) return 1;
      return this.substitutionStatus ?? 0;
    }
    const env: Record<string, string> = {};
    try {
      for (const a of command.assigns) defineVar(env, a.name, this.assignedValue(a, ex));
    } catch (error) {
      return this.expansionFailed(error, io);
    }
    const opened = this.redirect(command.redirects, io, ex);
    if (!opened) return 1;
    return this.invoke(argv, env, opened);
  }

  private assignedValue(a: Assignment, ex: Expander): string {
    const value = expandText(a.value.parts, ex);
    const result = a.append ? (this.session.get(a.name) ?? '') + value : value;
    if (result.length > MAX_VALUE) throw new ExpansionError(`bash: ${a.name}: value too long (more than ${MAX_VALUE} characters)`);
    return result;
  }

  private expansionFailed(error: unknown, io: IO): number {
    if (!(error instanceof ExpansionError)) throw error;
    writeTo(io.stderr, `${error.message}\n`);
    return 1;
  }

  private redirect(redirects: Redirect[], io: IO, ex: Expander): IO | null {
    const outcome = applyRedirects(redirects, io, {
      fs: this.session.host.fs,
      cwd: this.session.cwd,
      target: (word) => expandRedirectTarget(word, ex),
      text: (parts) => expandText(parts, ex),
    });
    if (outcome.ok) return outcome.io;
    writeTo(outcome.stderr, `${outcome.message}\n`);
    return null;
  }

  private expander(io: IO): Expander {
    return {
      fs: this.session.host.fs,
      cwd: this.session.cwd,
      home: () => this.session.get('HOME') ?? this.session.host.home,
      getVar: (name) => this.getVar(name),
      setVar: (name, value) => this.session.set(name, value),
      positional: () => this.session.args,
      substitute: (program) => {
        const buffer = new OutputBuffer();
        const sub = this.fork();
        const status = sub.runProgram(program, {
          stdin: new InputStream(''),
          stdout: { kind: 'buffer', buffer },
          stderr: io.stderr,
          tty: false,
        });
        this.substitutionStatus = status;
        if (buffer.truncated) this.state.truncated = true;
        return buffer.text();
      },
    };
  }

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
  private invoke(argv: string[], env: Record<string, string>, io: IO): number {
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
  private callFunction(fn: FunctionDefinition, argv: string[], env: Record<string, string>, io: IO): number {
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

  private makeLocal(name: string): boolean {
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
      shell: this.control(io, env),
      tty: io.tty,
      // Read lazily: a command that never looks at stdin leaves it for the next one (`read`).
      get stdin(): string {
        stdin ??= io.stdin.readAll();
        return stdin;
      },
    };
  }

  /** `env`: the command's `VAR=x` prefixes, inherited by what it runs (like a child process). */
  private control(io: IO, env: Record<string, string>): ShellControl {
    return {
      enter: (host) => {
        if (!this.subshell) this.hooks.enter(host);
      },
      exit: () => {
        this.stopped = true;
        return this.subshell ? false : this.hooks.exit();
      },
      history: () => this.hooks.history(),
      depth: () => this.hooks.depth(),
      setCwd: (path) => this.session.setCwd(path),
      getVar: (name) => this.getVar(name),
      setVar: (name, value, exported) => this.session.set(name, value, exported),
      unsetVar: (name) => this.session.unset(name),
      markExported: (name, exported) => this.session.markExported(name, exported),
      variables: () => this.session.variables(),
      exportedWithoutValue: () => this.session.exportedWithoutValue(),
      clearHistory: () => {
        if (!this.subshell) this.hooks.clearHistory();
      },
      readLine: () => io.stdin.readLine(),
      loopControl: (kind, levels) => {
        if (this.loops === 0) return false;
        this.signal = { kind, levels: Math.max(1, Math.min(levels, this.loops)) };
        return true;
      },
      functions: () => [...this.session.functions.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      unsetFunction: (name) => this.session.functions.delete(name),
      declareLocal: (name) => this.makeLocal(name),
      returnFromFunction: (status) => {
        if (this.frames.length === 0) return false;
        this.signal = { kind: 'return', levels: 1 };
        this.returnStatus = status;
        return true;
      },
      aliases: () => [...this.session.aliases].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
      setAlias: (name, value) => {
        if (value === null) this.session.aliases.delete(name);
        else this.session.aliases.set(name, value);
      },
      run: (argv, stdin, extra = {}) => this.runCaptured(argv, stdin, { ...env, ...extra }),
      runOn: (host, argv, stdin, extra = {}) => this.runCaptured(argv, stdin, extra, Session.start(host)),
      runScript: (source, options = {}) => {
        const out = new OutputBuffer();
        const err = new OutputBuffer();
        const status = this.runSource(
          source,
          { stdin: new InputStream(options.stdin ?? ''), stdout: { kind: 'buffer', buffer: out }, stderr: { kind: 'buffer', buffer: err }, tty: false },
          { subshell: options.subshell ?? true, arg0: options.arg0, args: options.args, env },
        );
        if (out.truncated || err.truncated) this.state.truncated = true;
        return { stdout: out.text(), stderr: err.text(), exitCode: status };
      },
    };
  }

  /** A command run on behalf of another (xargs, env): like a child process, in a subshell. */
  private runCaptured(argv: string[], stdin: string, env: Record<string, string>, session?: Session): CommandResult {
    if (this.callDepth + 1 > MAX_CALL_DEPTH) return tooDeep();
    if (argv.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
    if (this.tick()) return { stdout: '', stderr: '', exitCode: 1 };
    const out = new OutputBuffer();
    const err = new OutputBuffer();
    const child = new Interpreter(session ?? this.session.clone(), this.hooks, this.state, {
      subshell: true,
      callDepth: this.callDepth + 1,
    });
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
  private runSource(
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
    const child = new Interpreter(session, this.hooks, this.state, {
      subshell: options.subshell || this.subshell,
      callDepth: this.callDepth + 1,
    });
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
