// The terminal's event bus: any island (Run buttons today, the manifest editor and the
// network map later) can type a command into the lesson's terminal and run it.
import { atom } from 'nanostores';

export interface TerminalCommand {
  /** Increases with every request, so the same command twice is two requests. */
  id: number;
  command: string;
}

/** The latest command asked for; the terminal listens and queues each one it sees. */
export const terminalCommand = atom<TerminalCommand | null>(null);

export type TerminalStatus = 'starting' | 'ready' | 'busy' | 'failed';

/** What the terminal is doing, for islands that want to reflect it. */
export const terminalStatus = atom<TerminalStatus>('starting');

let lastId = 0;

/** Types `command` into the terminal and runs it; several lines run one after another. */
export function runInTerminal(command: string): void {
  terminalCommand.set({ id: ++lastId, command });
}
