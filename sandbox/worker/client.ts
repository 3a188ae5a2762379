// The only sandbox module the site imports at run time: starts the worker and wraps it.
import * as Comlink from 'comlink';
import type { WorkerApi } from './protocol.ts';

export type { WorkerApi, StartOptions, StartResult } from './protocol.ts';
export type { ExecResult, Completion, SandboxSnapshot } from '../api.ts';

export interface SandboxConnection {
  /** The worker's API; every call returns a promise. */
  api: Comlink.Remote<WorkerApi>;
  /** Stop the worker (a fresh connection starts a new one). */
  terminate(): void;
}

export function connectSandbox(): SandboxConnection {
  const worker = new Worker(new URL('./entry.ts', import.meta.url), { type: 'module', name: 'aks-sandbox' });
  return { api: Comlink.wrap<WorkerApi>(worker), terminate: () => worker.terminate() };
}
