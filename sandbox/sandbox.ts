// The sandbox: one scenario's world plus the learner's shell, behind the SandboxApi.
import type { Completion, ExecResult, SandboxApi, SandboxInfo, SandboxSnapshot } from './api.ts';
import { SandboxError } from './core/errors.ts';
import { createWorkstation, WORKSTATION_ID } from './machines/workstation.ts';
import { getScenario } from './scenarios/registry.ts';
import type { ScenarioDefinition } from './scenarios/types.ts';
import { MemFS } from './shell/memfs.ts';
import { Shell } from './shell/shell.ts';
import type { Host } from './shell/types.ts';

export const SNAPSHOT_VERSION = 1;

export interface CreateSandboxOptions {
  scenario?: string;
  /** Earlier command lines, oldest first, for `history`. */
  history?: string[];
}

interface World {
  hosts: Map<string, Host>;
}

function buildWorld(scenario: ScenarioDefinition): World {
  const workstation = createWorkstation(scenario.files);
  return { hosts: new Map([[workstation.id, workstation]]) };
}

class Sandbox implements SandboxApi {
  private scenario: ScenarioDefinition;
  private world: World;
  private shell: Shell;

  constructor(options: CreateSandboxOptions) {
    this.scenario = getScenario(options.scenario);
    this.world = buildWorld(this.scenario);
    this.shell = new Shell(this.workstation());
    if (options.history) this.shell.setHistory(options.history);
  }

  private workstation(): Host {
    return this.world.hosts.get(WORKSTATION_ID)!;
  }

  exec(line: string): ExecResult {
    try {
      return this.shell.exec(String(line));
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
    const files: Record<string, unknown> = {};
    for (const [id, host] of this.world.hosts) files[id] = host.fs.toJSON();
    return {
      version: SNAPSHOT_VERSION,
      scenario: this.scenario.id,
      shell: this.shell.toJSON(),
      world: { files },
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
    const world = buildWorld(scenario);
    try {
      const files = (snapshot.world as { files?: Record<string, unknown> } | null)?.files ?? {};
      for (const [id, json] of Object.entries(files)) {
        const host = world.hosts.get(id);
        if (!host) throw new Error(`unknown host "${id}"`);
        host.fs = MemFS.fromJSON(json);
      }
      const shell = new Shell(world.hosts.get(WORKSTATION_ID)!);
      shell.load(snapshot.shell as Parameters<Shell['load']>[0], (id) => world.hosts.get(id));
      this.scenario = scenario;
      this.world = world;
      this.shell = shell;
    } catch (error) {
      throw badSnapshot(describe(error));
    }
  }
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
