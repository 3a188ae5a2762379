// What the worker exposes over Comlink. Every method is synchronous inside the worker;
// the client sees the same methods returning promises.
import type { Completion, ExecResult, SandboxInfo, SandboxSnapshot } from '../api.ts';

export interface StartOptions {
  /** Scenario id from the registry; the default scenario when omitted. */
  scenario?: string;
  /** Earlier command lines (oldest first) so `history` matches what the terminal recalls. */
  history?: string[];
  /** A snapshot saved earlier; ignored with a warning on stderr of the first prompt if unusable. */
  snapshot?: SandboxSnapshot;
}

export interface StartResult extends SandboxInfo {
  /** Set when a saved snapshot could not be restored and a fresh scenario was built instead. */
  warning?: string;
}

export interface WorkerApi {
  start(options: StartOptions): StartResult;
  exec(line: string): ExecResult;
  complete(line: string, cursor: number): Completion;
  prompt(): string;
  cancel(): void;
  snapshot(): SandboxSnapshot;
}
