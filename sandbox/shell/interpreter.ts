// Walks the AST: lists, pipelines, compound commands and simple commands, with expansions and
// redirections. Subshells (pipeline members, `$( )`, `( )`) are interpreters over a cloned
// session; running the command itself is Invoker's job.
import type { AndOr, Assignment, Command, Pipeline, Program, Redirect, SimpleCommand, WordPart } from './ast.ts';
import { ArithError, evaluateArith } from './arith.ts';
import { evaluateCond } from './conditional.ts';
import { ExpansionError, expandQuotedAs, expandRedirectTarget, expandText, expandWords, type Expander } from './expand.ts';
import { escapeGlob, globMatcher } from './glob.ts';
import { InputStream, OutputBuffer, writeTo, type IO, type OutputTarget } from './io.ts';
import { MAX_VALUE } from './limits.ts';
import { applyRedirects } from './redirects.ts';
import { defineVar, type Session } from './session.ts';
import { Invoker } from './invoker.ts';

export { newRunState, type RunState, type ShellHooks } from './invoker.ts';

export class Interpreter extends Invoker {
  /** Status of the last `$( )` while expanding the current command (for `x=$(false)`). */
  private substitutionStatus: number | null = null;

  override runProgram(program: Program, io: IO): number {
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

  protected override spawn(session: Session, subshell: boolean, callDepth: number): Interpreter {
    return new Interpreter(session, this.hooks, this.state, { subshell, callDepth });
  }

  private fork(): Interpreter {
    const child = this.spawn(this.session.clone(), true, this.callDepth);
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

  protected override runCommand(command: Command, io: IO): number {
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












}
