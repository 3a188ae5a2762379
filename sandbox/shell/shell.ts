// The learner's shell: a stack of host sessions, history, continuation lines, and the public
// API the sandbox calls. Nothing here throws to the caller: failures become stderr text.
import type { Completion, ExecResult } from '../api.ts';
import { completeLine } from './completion.ts';
import { Interpreter, newRunState, type ShellHooks } from './interpreter.ts';
import { InputStream, OutputBuffer } from './io.ts';
import { MAX_HISTORY, MAX_INPUT, MAX_OUTPUT } from './limits.ts';
import { parse } from './parser.ts';
import { Session } from './session.ts';
import { MAX_SESSIONS, restoreShellState, type ShellState } from './shell-state.ts';
import type { Host } from './types.ts';

export type { ShellState } from './shell-state.ts';

export class Shell {
  private sessions: Session[];
  private lines: string[] = [];
  /** Input so far of a command that is not complete yet. */
  private pending: string | null = null;
  private readonly hooks: ShellHooks;

  constructor(host: Host) {
    this.sessions = [Session.start(host)];
    this.hooks = {
      history: () => this.lines.slice(),
      clearHistory: () => {
        this.lines = [];
      },
      enter: (next) => {
        if (this.sessions.length < MAX_SESSIONS) this.sessions.push(Session.start(next));
      },
      exit: () => {
        if (this.sessions.length <= 1) return false;
        this.sessions.pop();
        return true;
      },
      depth: () => this.sessions.length,
    };
  }

  private top(): Session {
    return this.sessions[this.sessions.length - 1];
  }

  /** The host the next command runs on. */
  current(): Host {
    return this.top().host;
  }

  prompt(): string {
    if (this.pending !== null) return '> ';
    const session = this.top();
    const { user, hostname } = session.host;
    const home = session.get('HOME') ?? session.host.home;
    const cwd = session.cwd;
    let dir = cwd;
    if (home && home !== '/' && cwd === home) dir = '~';
    else if (home && home !== '/' && cwd.startsWith(`${home}/`)) dir = `~${cwd.slice(home.length)}`;
    // bash's \$: `#` for root (node and pod shells), `$` for everyone else.
    return `${user}@${hostname}:${dir}${user === 'root' ? '#' : '$'} `;
  }

  /** Drops buffered incomplete input (Ctrl-C). */
  cancel(): void {
    this.pending = null;
  }

  history(): string[] {
    return this.lines.slice();
  }

  setHistory(lines: string[]): void {
    if (!Array.isArray(lines)) return;
    this.lines = lines.filter((l) => typeof l === 'string' && l.trim() !== '').slice(-MAX_HISTORY);
  }

  exec(line: string): ExecResult {
    try {
      return this.execLine(String(line));
    } catch (error) {
      this.pending = null;
      const message = error instanceof Error ? error.message : String(error);
      return { stdout: '', stderr: `bash: internal error: ${message}\n`, exitCode: 1 };
    }
  }

  private execLine(line: string): ExecResult {
    const session = this.top();
    const input = this.pending === null ? line : `${this.pending}\n${line}`;
    if (input.length > MAX_INPUT) {
      this.pending = null;
      session.lastExit = 1;
      return { stdout: '', stderr: `bash: input longer than ${MAX_INPUT} characters; discarded\n`, exitCode: 1 };
    }
    const parsed = parse(input, session.aliases);
    if (parsed.status === 'incomplete') {
      this.pending = input;
      return { stdout: '', stderr: '', exitCode: session.lastExit, incomplete: true };
    }
    this.pending = null;
    if (input.trim() !== '') {
      this.lines.push(input);
      if (this.lines.length > MAX_HISTORY) this.lines.splice(0, this.lines.length - MAX_HISTORY);
    }
    if (parsed.status === 'error') {
      session.lastExit = 2;
      return { stdout: '', stderr: `${parsed.message}\n`, exitCode: 2 };
    }

    const state = newRunState();
    const out = new OutputBuffer();
    const err = new OutputBuffer();
    const interpreter = new Interpreter(session, this.hooks, state, { subshell: false, callDepth: 0 });
    const status = interpreter.runProgram(parsed.program, {
      stdin: new InputStream(''),
      stdout: { kind: 'buffer', buffer: out },
      stderr: { kind: 'buffer', buffer: err },
      tty: true,
    });
    // A line stopped by a limit ends like one interrupted with Ctrl-C.
    const final = state.aborted ? 130 : status;
    // After `exit` popped a session, the one below takes its status (like `kubectl exec` returning).
    this.top().lastExit = final;

    let stderr = err.text();
    if (state.aborted) stderr += `${state.aborted}\n`;
    if (out.truncated || err.truncated || state.truncated) stderr += `bash: output truncated to ${MAX_OUTPUT} characters\n`;
    const result: ExecResult = { stdout: out.text(), stderr, exitCode: final };
    if (state.clearScreen) result.clearScreen = true;
    return result;
  }

  complete(line: string, cursor: number): Completion {
    const text = String(line);
    try {
      const session = this.top();
      return completeLine(text, cursor, {
        host: session.host,
        cwd: session.cwd,
        env: session.env(),
        varNames: session.variables().map((v) => v.name),
        extraCommands: [...session.aliases.keys(), ...session.functions.keys()],
        home: session.get('HOME') ?? session.host.home,
      });
    } catch {
      const at = Number.isInteger(cursor) ? Math.max(0, Math.min(cursor, text.length)) : text.length;
      return { from: at, candidates: [] };
    }
  }

  toJSON(): ShellState {
    return { version: 1, history: this.lines.slice(), sessions: this.sessions.map((s) => s.toJSON()) };
  }

  /** Restores history and sessions; throws an Error naming the problem, changing nothing. */
  load(state: ShellState, resolveHost: (id: string) => Host | undefined): void {
    const restored = restoreShellState(state, resolveHost);
    this.lines = restored.history;
    this.sessions = restored.sessions;
    this.pending = null;
  }
}
