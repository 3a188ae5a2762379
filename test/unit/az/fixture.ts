// Worlds and a terminal for the az tests: a scenario world (kubenet cluster aks1 in rg-lab) or an
// empty one, and `az()` that runs a line with stdout and stderr going to files (not the
// terminal, so errors carry the `ERROR: ` prefix, as in scripts and CI logs).
import { harness, type Harness } from '../../support/harness.ts';
import { buildScenario } from '../../../sandbox/scenarios/build.ts';
import { getScenario } from '../../../sandbox/scenarios/registry.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { World } from '../../../sandbox/model/world.ts';

export interface AzRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function labHarness(): Harness {
  const built = buildScenario(getScenario('kubenet-basic'));
  return harness(built.world, built.files);
}

export function emptyHarness(seed = 'az-tests'): Harness {
  return harness(new World(createWorldState(seed)));
}

export function az(h: Harness, line: string): AzRun {
  const result = h.run(`${line} >/tmp/.az-out 2>/tmp/.az-err`);
  const fs = h.sim.hosts.workstation().fs;
  const read = (path: string) => (fs.exists(path) ? fs.readFile(path) : '');
  return { stdout: read('/tmp/.az-out'), stderr: read('/tmp/.az-err'), exitCode: result.exitCode };
}

/** The transcript form golden files use. */
export function transcript(line: string, run: AzRun): string {
  return `$ ${line}\n${run.stdout}${run.stderr ? `--- stderr ---\n${run.stderr}` : ''}--- exit ${run.exitCode} ---\n`;
}
