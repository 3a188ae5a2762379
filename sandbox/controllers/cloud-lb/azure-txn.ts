// A working copy of the Azure resources one EnsureLoadBalancer call touches. Reads see earlier
// staged edits; nothing reaches the world until commit(), so a call that fails half-way (a
// missing public IP, a port conflict) leaves Azure as it was, as a rejected ARM PUT does.
import type { AzureResource } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class AzureTxn {
  readonly world: World;
  /** Lower-cased id → staged copy, or null for a staged delete. Insertion order is commit order. */
  private readonly staged = new Map<string, AzureResource | null>();

  constructor(world: World) {
    this.world = world;
  }

  /** A read-only view: the staged copy when there is one, else the world's object (do not mutate it). */
  peek<T extends AzureResource>(id: string): T | undefined {
    const key = id.toLowerCase();
    if (this.staged.has(key)) return (this.staged.get(key) ?? undefined) as T | undefined;
    return this.world.resource<T>(id);
  }

  /** A private copy to change; it is committed with the transaction. */
  edit<T extends AzureResource>(id: string): T | undefined {
    const key = id.toLowerCase();
    if (this.staged.has(key)) return (this.staged.get(key) ?? undefined) as T | undefined;
    const current = this.world.resource<T>(id);
    if (!current) return undefined;
    const copy = clone(current);
    this.staged.set(key, copy);
    return copy;
  }

  put(resource: AzureResource): void {
    this.staged.set(resource.id.toLowerCase(), resource);
  }

  remove(id: string): void {
    this.staged.set(id.toLowerCase(), null);
  }

  /** Resources of a type (optionally in one resource group), staged edits included. */
  list<T extends AzureResource>(type: T['type'], resourceGroup?: string): T[] {
    const rg = resourceGroup?.toLowerCase();
    const out: T[] = [];
    const seen = new Set<string>();
    for (const r of this.world.resourcesOfType<T>(type)) {
      const key = r.id.toLowerCase();
      seen.add(key);
      const current = this.staged.has(key) ? (this.staged.get(key) as T | null) : r;
      if (current && (rg === undefined || current.resourceGroup.toLowerCase() === rg)) out.push(current);
    }
    for (const [key, r] of this.staged) {
      if (seen.has(key) || !r || r.type.toLowerCase() !== type.toLowerCase()) continue;
      if (rg === undefined || r.resourceGroup.toLowerCase() === rg) out.push(r as T);
    }
    return out;
  }

  /** Writes what changed; unchanged copies are skipped by applyResource, so a no-op call stays a no-op. */
  commit(): void {
    for (const [key, r] of this.staged) {
      if (r) this.world.applyResource(r);
      else this.world.deleteResource(key);
    }
    this.staged.clear();
  }
}
