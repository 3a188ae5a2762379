// Runs command lines against a world as the learner's terminal would: a Shell on the
// workstation with every emulated command installed. For tests of kubectl, az and the tools.
import { createRuntime, type Runtime } from '../../sandbox/cli/runtime.ts';
import { createWorkstation } from '../../sandbox/machines/workstation.ts';
import type { World } from '../../sandbox/model/world.ts';
import { Shell } from '../../sandbox/shell/shell.ts';

export interface Harness extends Runtime {
  shell: Shell;
  /** Runs one complete command line. */
  run(line: string): { stdout: string; stderr: string; exitCode: number };
}

export function harness(world: World, files: Record<string, string> = {}): Harness {
  const workstation = createWorkstation(files);
  const runtime = createRuntime(world, workstation);
  const shell = new Shell(workstation);
  return {
    ...runtime,
    shell,
    run(line) {
      const result = shell.exec(line);
      runtime.sim.settle();
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
    },
  };
}
