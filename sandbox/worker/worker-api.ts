// The worker's side of the protocol: one sandbox per worker, created by start().
import type { Completion, ExecResult, SandboxApi, SandboxSnapshot } from '../api.ts';
import { createSandbox } from '../sandbox.ts';
import type { StartOptions, StartResult, WorkerApi } from './protocol.ts';

export function createWorkerApi(): WorkerApi {
  let sandbox: SandboxApi | undefined;

  const current = (): SandboxApi => (sandbox ??= createSandbox());

  return {
    start(options: StartOptions): StartResult {
      sandbox = createSandbox({ scenario: options.scenario, history: options.history });
      let warning: string | undefined;
      if (options.snapshot) {
        try {
          sandbox.restore(options.snapshot);
        } catch (error) {
          warning = error instanceof Error ? error.message : String(error);
        }
      }
      return { ...sandbox.info(), ...(warning ? { warning } : {}) };
    },
    exec: (line: string): ExecResult => current().exec(line),
    complete: (line: string, cursor: number): Completion => current().complete(line, cursor),
    prompt: (): string => current().prompt(),
    cancel: (): void => current().cancel(),
    snapshot: (): SandboxSnapshot => current().snapshot(),
  };
}
