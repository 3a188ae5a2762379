// The shell's serialisable state (history and the host session stack) and its validation.
// Each host's filesystem is saved by whoever owns the host, not here.
import { MAX_HISTORY } from './limits.ts';
import { Session, type SessionState } from './session.ts';
import type { Host } from './types.ts';

export type { SessionState } from './session.ts';

export interface ShellState {
  version: 1;
  history: string[];
  /** Bottom (the learner's own shell) first. */
  sessions: SessionState[];
}

/** Most nested sessions (`kubectl exec` inside `ssh` inside ...) the shell keeps. */
export const MAX_SESSIONS = 16;

export function restoreShellState(
  json: unknown,
  resolveHost: (id: string) => Host | undefined,
): { history: string[]; sessions: Session[] } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('shell state: expected an object');
  }
  const state = json as Record<string, unknown>;
  if (state.version !== 1) throw new Error(`shell state: unsupported version ${JSON.stringify(state.version)}`);
  if (!Array.isArray(state.history) || !state.history.every((h) => typeof h === 'string')) {
    throw new Error('shell state: history must be an array of strings');
  }
  if (!Array.isArray(state.sessions) || state.sessions.length === 0) {
    throw new Error('shell state: sessions must be a non-empty array');
  }
  if (state.sessions.length > MAX_SESSIONS) throw new Error(`shell state: more than ${MAX_SESSIONS} sessions`);
  const sessions = state.sessions.map((s, i) => Session.fromJSON(s, resolveHost, `sessions[${i}]`));
  return { history: (state.history as string[]).slice(-MAX_HISTORY), sessions };
}
