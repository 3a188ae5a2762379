// The one API every host uses: the Web Worker, the headless CLI and the tests.
// Types only live here so the site can import them without pulling in the engine.

/** What one command line produced, as a terminal would show it. */
export interface ExecResult {
  /** Text for standard output, with '\n' line ends (hosts convert for their terminal). */
  stdout: string;
  /** Text for standard error. */
  stderr: string;
  /** The shell's $? after the line ran. */
  exitCode: number;
  /**
   * True when the line did not finish a command (an open quote, a trailing pipe or `\`,
   * a heredoc still waiting for its delimiter). Nothing ran; the host shows `prompt` and
   * sends the next line, which the sandbox appends to what it buffered.
   */
  incomplete?: boolean;
  /** Set by `clear` and Ctrl-L equivalents: the host should clear its screen. */
  clearScreen?: boolean;
}

/** Candidates for Tab: replace line.slice(from, cursor) with one of them. */
export interface Completion {
  from: number;
  candidates: string[];
}

/** A whole sandbox state, JSON-serialisable, restorable in any host. */
export interface SandboxSnapshot {
  version: number;
  scenario: string;
  shell: unknown;
  world: unknown;
}

export interface SandboxInfo {
  scenario: string;
  title: string;
  prompt: string;
}

export interface SandboxApi {
  /** Run one line of input (may be a continuation of an incomplete one). */
  exec(line: string): ExecResult;
  /** Tab completion for `line` with the cursor at `cursor`. */
  complete(line: string, cursor: number): Completion;
  /** The prompt to show before the next line (`> ` while input is incomplete). */
  prompt(): string;
  /** Drop any buffered incomplete input (Ctrl-C). */
  cancel(): void;
  snapshot(): SandboxSnapshot;
  /** Replace the state; throws a SandboxError with a readable message when the snapshot is unusable. */
  restore(snapshot: SandboxSnapshot): void;
  info(): SandboxInfo;
}
