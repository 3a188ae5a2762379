// One terminal session: keys in, sandbox calls out, bytes to the screen. It knows neither
// the DOM nor xterm.js (both are behind two small ports), so it is unit-tested with fakes.
import type { Completion, ExecResult } from '../../../sandbox/worker/client.ts';
import { completionStep, formatColumns } from './completion.ts';
import { tokenize, type InputToken } from './keys.ts';
import { LineEditor, moveToEnd, renderFull, renderUpdate, visibleWidth } from './line-editor.ts';

/** The sandbox as the session needs it (the worker's API: every call is async). */
export interface SandboxPort {
  exec(line: string): Promise<ExecResult>;
  complete(line: string, cursor: number): Promise<Completion>;
  prompt(): Promise<string>;
  cancel(): Promise<void>;
}

/** The screen as the session needs it. */
export interface ScreenPort {
  write(data: string): void;
  readonly cols: number;
}

export interface SessionOptions {
  screen: ScreenPort;
  sandbox: SandboxPort;
  history?: readonly string[];
  /** Called with the whole history after each recorded line, to persist it. */
  onHistory?: (lines: string[]) => void;
  /** Called when a command line starts and stops running in the sandbox. */
  onRunning?: (running: boolean) => void;
}

/** Clears the screen and the scrollback and homes the cursor, in order with other writes. */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';
const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[39m';

const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

export class TerminalSession {
  private readonly editor: LineEditor;
  private promptText = '';
  private started = false;
  /** True while a chunk of input or a queued command is being processed. */
  private busy = false;
  /** What the session is waiting for while busy: Ctrl-C behaves differently in each. */
  private waitingFor: 'nothing' | 'exec' | 'complete' | 'prompt' = 'nothing';
  private interrupted = false;
  /** The previous key was a Tab that found several candidates: the next Tab lists them. */
  private tabAgain = false;
  private readonly queue: string[] = [];
  /** Keys typed while a command runs: replayed afterwards, as a real terminal's type-ahead. */
  private readonly typeAhead: InputToken[] = [];

  constructor(private readonly options: SessionOptions) {
    this.editor = new LineEditor(options.history ?? []);
  }

  get isBusy(): boolean {
    return this.busy;
  }

  /** Shows the first prompt (and a warning from start(), if any), then runs queued commands. */
  start(prompt: string, warning?: string): void {
    if (warning) this.write(`${YELLOW}${crlf(warning.replace(/\n?$/, '\n'))}${RESET}`);
    this.promptText = prompt;
    this.write(renderFull(prompt, this.editor.state, this.cols));
    this.started = true;
    if (this.queue.length > 0) void this.pump([]);
  }

  /** Bytes from the terminal (typing, keys, pastes). While busy they wait, except Ctrl-C. */
  handleData(data: string): void {
    if (!this.started) return;
    if (this.busy) {
      if (data.includes('\x03')) this.interrupt();
      else this.typeAhead.push(...tokenize(data));
      return;
    }
    void this.pump(tokenize(data));
  }

  /** Types `command` (one or more lines) and runs each line, after anything already queued. */
  run(command: string): void {
    this.queue.push(command);
    if (this.started && !this.busy) void this.pump([]);
  }

  private get cols(): number {
    return Math.max(1, this.options.screen.cols);
  }

  private get view() {
    return { promptWidth: visibleWidth(this.promptText), cols: this.cols };
  }

  private write(data: string): void {
    if (data) this.options.screen.write(data);
  }

  private async pump(tokens: InputToken[]): Promise<void> {
    this.busy = true;
    try {
      await this.process(tokens);
      while (!this.interrupted) {
        if (this.typeAhead.length > 0) {
          await this.process(this.typeAhead.splice(0));
        } else if (this.queue.length > 0) {
          const command = this.queue.shift()!;
          this.edit(() => this.editor.reset());
          await this.process(commandTokens(command));
        } else break;
      }
    } finally {
      if (this.interrupted) {
        this.interrupted = false;
        await this.showPrompt();
      }
      this.busy = false;
    }
  }

  private async process(tokens: InputToken[]): Promise<void> {
    for (const token of tokens) {
      if (this.interrupted) return;
      const wasTab = this.tabAgain;
      this.tabAgain = false;
      if (token.kind === 'text') {
        this.edit(() => this.editor.insert(token.text));
        continue;
      }
      await this.key(token.key, wasTab);
    }
  }

  private async key(key: string, tabAgain: boolean): Promise<void> {
    const e = this.editor;
    switch (key) {
      case 'enter':
        return this.submit();
      case 'tab':
        return this.complete(tabAgain);
      case 'interrupt':
        this.write(moveToEnd(e.state, this.view) + '^C\r\n');
        e.reset();
        await this.options.sandbox.cancel().catch(() => undefined);
        return this.showPrompt();
      case 'clear-screen':
        this.write(CLEAR_SCREEN + renderFull(this.promptText, e.state, this.cols));
        return;
      case 'left': return this.edit(() => e.left());
      case 'right': return this.edit(() => e.right());
      case 'home': return this.edit(() => e.home());
      case 'end': return this.edit(() => e.end());
      case 'word-left': return this.edit(() => e.wordLeft());
      case 'word-right': return this.edit(() => e.wordRight());
      case 'up': return this.edit(() => e.historyPrev());
      case 'down': return this.edit(() => e.historyNext());
      case 'backspace': return this.edit(() => e.backspace());
      case 'delete': return this.edit(() => e.delete());
      case 'eof': return this.edit(() => e.delete());
      case 'kill-to-start': return this.edit(() => e.killToStart());
      case 'kill-to-end': return this.edit(() => e.killToEnd());
      case 'delete-word': return this.edit(() => e.deleteWordBack());
      default:
        return; // Escape and unknown sequences do nothing.
    }
  }

  /** Applies an edit and writes the bytes that bring the screen up to date. */
  private edit(change: () => void): void {
    const before = this.editor.state;
    change();
    this.write(renderUpdate(before, this.editor.state, this.view));
  }

  private async submit(): Promise<void> {
    this.write(moveToEnd(this.editor.state, this.view) + '\r\n');
    const line = this.editor.accept();
    if (line.trim() !== '') this.options.onHistory?.(this.editor.entries());
    this.waitingFor = 'exec';
    this.options.onRunning?.(true);
    let result: ExecResult;
    try {
      result = await this.options.sandbox.exec(line);
    } catch (error) {
      result = { stdout: '', stderr: `sandbox error: ${error instanceof Error ? error.message : String(error)}\n`, exitCode: 1 };
    } finally {
      this.waitingFor = 'nothing';
      this.options.onRunning?.(false);
    }
    // Interrupted: the command ran anyway (the worker cannot be stopped mid-call), but
    // like a shell that got Ctrl-C, its output is dropped and a fresh prompt follows.
    if (this.interrupted) return;
    this.printResult(result);
    await this.showPrompt();
  }

  private printResult(result: ExecResult): void {
    if (result.clearScreen) this.write(CLEAR_SCREEN);
    const out = crlf(result.stdout);
    const err = crlf(result.stderr);
    this.write(out);
    if (err) this.write(RED + err + RESET);
    // Keep the next prompt at the start of a line even when output has no final newline.
    const printed = out + err;
    if (printed && !printed.endsWith('\n')) this.write('\r\n');
  }

  private async complete(tabAgain: boolean): Promise<void> {
    const { buffer, cursor } = this.editor.state;
    this.waitingFor = 'complete';
    let result: Completion;
    try {
      result = await this.options.sandbox.complete(buffer, cursor);
    } catch {
      result = { from: cursor, candidates: [] };
    } finally {
      this.waitingFor = 'nothing';
    }
    if (this.interrupted) return;
    const step = completionStep(buffer.slice(result.from, cursor), result.candidates);
    if (step.kind === 'insert') {
      this.edit(() => this.editor.replaceRange(result.from, cursor, step.text));
      this.tabAgain = new Set(result.candidates).size > 1;
    } else if (step.kind === 'ambiguous') {
      if (tabAgain) this.listCandidates(step.candidates);
      this.tabAgain = true;
    }
  }

  private listCandidates(candidates: string[]): void {
    const state = this.editor.state;
    const rows = formatColumns(candidates, this.cols);
    this.write(moveToEnd(state, this.view) + '\r\n' + rows.join('\r\n') + '\r\n' + renderFull(this.promptText, state, this.cols));
  }

  private async showPrompt(): Promise<void> {
    this.waitingFor = 'prompt';
    try {
      this.promptText = await this.options.sandbox.prompt();
    } catch {
      // Keep the previous prompt: better than none.
    } finally {
      this.waitingFor = 'nothing';
    }
    this.write(renderFull(this.promptText, this.editor.state, this.cols));
  }

  /** Ctrl-C while busy: abandon the line and whatever input or commands are still queued. */
  private interrupt(): void {
    if (this.interrupted || this.waitingFor === 'prompt') return;
    this.interrupted = true;
    this.queue.length = 0;
    this.typeAhead.length = 0;
    // While a command runs the cursor is already on a fresh line below the command.
    const atLine = this.waitingFor !== 'exec';
    this.write((atLine ? moveToEnd(this.editor.state, this.view) : '') + '^C\r\n');
    this.editor.reset();
    void this.options.sandbox.cancel().catch(() => undefined);
  }
}

/** A command from the bus as tokens: each line typed, then Enter. */
function commandTokens(command: string): InputToken[] {
  const lines = command.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  // Tabs would trigger completion mid-line: a command from the page is typed literally.
  return lines.flatMap((line): InputToken[] => [
    { kind: 'text', text: line.replace(/\t/g, '    ') },
    { kind: 'key', key: 'enter' },
  ]);
}
