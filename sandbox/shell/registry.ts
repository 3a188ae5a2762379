// The commands a host knows. Builtins and tools (kubectl, az, curl) all live here, so `help`,
// `which` and Tab completion see one list.
import type { CommandDefinition } from './types.ts';

export class CommandRegistry {
  private readonly defs = new Map<string, CommandDefinition>();

  /** Adds a command; a later registration with the same name replaces the earlier one. */
  register(def: CommandDefinition): void {
    if (!def || typeof def.name !== 'string' || !/^[^\s/]+$/.test(def.name)) {
      throw new Error(`CommandRegistry.register: invalid command name ${JSON.stringify(def?.name)}`);
    }
    if (typeof def.run !== 'function') throw new Error(`CommandRegistry.register: ${def.name} has no run()`);
    this.defs.set(def.name, def);
  }

  get(name: string): CommandDefinition | undefined {
    return this.defs.get(name);
  }

  has(name: string): boolean {
    return this.defs.has(name);
  }

  /** Sorted by code point, like `LC_ALL=C ls`. */
  names(): string[] {
    return [...this.defs.keys()].sort(compareText);
  }
}

/** Code-point order: the one deterministic collation every sorted listing in the shell uses. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
