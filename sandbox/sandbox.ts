// The sandbox: one scenario's world plus the learner's shell, behind the SandboxApi.
import type { Completion, ExecResult, SandboxApi, SandboxInfo, SandboxSnapshot } from './api.ts';
import { createRuntime, type Runtime } from './cli/runtime.ts';
import { SandboxError } from './core/errors.ts';
import { createWorkstation, WORKSTATION_ID } from './machines/workstation.ts';
import { World, type WorldState } from './model/world.ts';
import { buildScenario } from './scenarios/build.ts';
import { getScenario } from './scenarios/registry.ts';
import type { ScenarioDefinition } from './scenarios/types.ts';
import { MemFS } from './shell/memfs.ts';
import { Shell } from './shell/shell.ts';
import type { Host } from './shell/types.ts';

export const SNAPSHOT_VERSION = 2;

/** Virtual seconds that pass with each command line: ages tick and time-driven controllers act. */
const SECONDS_PER_COMMAND = 1;

export interface CreateSandboxOptions {
  scenario?: string;
  /** Earlier command lines, oldest first, for `history`. */
  history?: string[];
}

/** The simulated cloud plus the learner's workstation, wired together. */
interface Lab {
  world: World;
  workstation: Host;
  runtime: Runtime;
}

function labFor(world: World, workstation: Host): Lab {
  return { world, workstation, runtime: createRuntime(world, workstation) };
}

function buildLab(scenario: ScenarioDefinition): Lab {
  const built = buildScenario(scenario);
  return labFor(built.world, createWorkstation(built.files));
}

function isWorldState(value: unknown): value is WorldState {
  const v = value as Partial<WorldState> | null;
  return (
    !!v && typeof v === 'object' && v.version === 1 && typeof v.clockMs === 'number' &&
    !!v.resources && typeof v.resources === 'object' && !!v.clusters && typeof v.clusters === 'object' &&
    !!v.machines && typeof v.machines === 'object' && !!v.subscription
  );
}

class Sandbox implements SandboxApi {
  private scenario: ScenarioDefinition;
  private lab: Lab;
  private shell: Shell;

  constructor(options: CreateSandboxOptions) {
    this.scenario = getScenario(options.scenario);
    this.lab = buildLab(this.scenario);
    this.shell = new Shell(this.lab.workstation);
    if (options.history) this.shell.setHistory(options.history);
  }

  exec(line: string): ExecResult {
    try {
      const result = this.shell.exec(String(line));
      if (!result.incomplete) this.lab.runtime.sim.advance(SECONDS_PER_COMMAND);
      return result;
    } catch (error) {
      // The shell promises not to throw; if it ever does, the learner still gets a prompt back.
      this.shell.cancel();
      return { stdout: '', stderr: `sandbox: internal error: ${describe(error)}\n`, exitCode: 1 };
    }
  }

  complete(line: string, cursor: number): Completion {
    try {
      return this.shell.complete(String(line), cursor);
    } catch {
      return { from: cursor, candidates: [] };
    }
  }

  prompt(): string {
    return this.shell.prompt();
  }

  cancel(): void {
    this.shell.cancel();
  }

  info(): SandboxInfo {
    return { scenario: this.scenario.id, title: this.scenario.title, prompt: this.prompt() };
  }

  snapshot(): SandboxSnapshot {
    // Node and pod hosts are rebuilt from the world on demand; only the workstation's files are the learner's.
    return {
      version: SNAPSHOT_VERSION,
      scenario: this.scenario.id,
      shell: this.shell.toJSON(),
      world: { state: cloneJson(this.lab.world.state), files: { [WORKSTATION_ID]: this.lab.workstation.fs.toJSON() } },
    };
  }

  restore(snapshot: SandboxSnapshot): void {
    // Build everything aside first, so a bad snapshot leaves the current state untouched.
    if (!snapshot || typeof snapshot !== 'object') throw badSnapshot('not an object');
    if (snapshot.version !== SNAPSHOT_VERSION) {
      throw badSnapshot(`version ${String(snapshot.version)} is not ${SNAPSHOT_VERSION}`);
    }
    let scenario: ScenarioDefinition;
    try {
      scenario = getScenario(snapshot.scenario);
    } catch (error) {
      throw badSnapshot(describe(error));
    }
    try {
      const saved = snapshot.world as { state?: unknown; files?: Record<string, unknown> } | null;
      if (!isWorldState(saved?.state)) throw new Error('the simulated world is missing or malformed');
      const workstation = createWorkstation();
      const files = saved!.files ?? {};
      for (const [id, json] of Object.entries(files)) {
        if (id !== WORKSTATION_ID) throw new Error(`unknown host "${id}"`);
        workstation.fs = MemFS.fromJSON(json);
      }
      const lab = labFor(new World(cloneJson(saved!.state)), workstation);
      const shell = new Shell(workstation);
      shell.load(snapshot.shell as Parameters<Shell['load']>[0], (id) => lab.runtime.hosts.get(id));
      this.scenario = scenario;
      this.lab = lab;
      this.shell = shell;
    } catch (error) {
      throw badSnapshot(describe(error));
    }
  }
}

/** The world is plain JSON by design, so a JSON round trip is a faithful deep copy. */
function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function badSnapshot(reason: string): SandboxError {
  return new SandboxError('BadSnapshot', `saved sandbox state cannot be used: ${reason}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createSandbox(options: CreateSandboxOptions = {}): SandboxApi {
  return new Sandbox(options);
}
