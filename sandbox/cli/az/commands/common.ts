// Arguments and helpers most az commands share: resource group, name, location, tags,
// --no-wait, --yes; ARM lookups with ARM's not-found errors; delete confirmation.
import { cliError, resourceGroupNotFound, resourceNotFound, type AzureError } from '../../../model/azure/errors.ts';
import { armId } from '../../../model/azure/ids.ts';
import type { AzureResource, ResourceGroup } from '../../../model/azure/types.ts';
import type { World } from '../../../model/world.ts';
import type { ArgSpec, AzInvocation } from '../spec.ts';

export function groupNames(world: World): string[] {
  return Object.values(world.state.resourceGroups).map((g) => g.name).sort();
}

export const RESOURCE_GROUP: ArgSpec = {
  dest: 'resource_group_name',
  options: ['--resource-group', '-g'],
  required: true,
  help: 'Name of resource group. You can configure the default group using `az configure --defaults group=<name>`.',
  complete: groupNames,
};

export const RESOURCE_GROUP_ID: ArgSpec = { ...RESOURCE_GROUP, idPart: true, group: 'Resource Id' };

export const LOCATION: ArgSpec = {
  dest: 'location',
  options: ['--location', '-l'],
  help: 'Location. Values from: `az account list-locations`. You can configure the default location using `az configure --defaults location=<location>`.',
};

export const TAGS: ArgSpec = {
  dest: 'tags',
  options: ['--tags'],
  kind: 'list*',
  help: 'Space-separated tags: key[=value] [key[=value] ...]. Use "" to clear existing tags.',
};

export const NO_WAIT: ArgSpec = { dest: 'no_wait', options: ['--no-wait'], kind: 'flag', help: 'Do not wait for the long-running operation to finish.' };

export const YES: ArgSpec = { dest: 'yes', options: ['--yes', '-y'], kind: 'flag', help: 'Do not prompt for confirmation.' };

/** A `--name -n` argument; `idPart` for commands that take --ids. */
export function nameArg(help: string, extra: Partial<ArgSpec> = {}): ArgSpec {
  return { dest: 'name', options: ['--name', '-n'], required: true, help, ...extra };
}

/** azure-cli validate_tags: `k=v` pairs, `k` alone is an empty value, `""` clears. */
export function parseTags(values: unknown): Record<string, string> | undefined {
  if (!Array.isArray(values)) return undefined;
  const tags: Record<string, string> = {};
  for (const raw of values as string[]) {
    if (raw === '') continue;
    const at = raw.indexOf('=');
    if (at < 0) tags[raw] = '';
    else tags[raw.slice(0, at)] = raw.slice(at + 1);
  }
  return tags;
}

export function str(inv: AzInvocation, dest: string): string | undefined {
  const value = inv.args[dest];
  return typeof value === 'string' ? value : undefined;
}

export function num(inv: AzInvocation, dest: string): number | undefined {
  const value = inv.args[dest];
  return typeof value === 'number' ? value : undefined;
}

export function flag(inv: AzInvocation, dest: string): boolean {
  return inv.args[dest] === true;
}

export function list(inv: AzInvocation, dest: string): string[] | undefined {
  const value = inv.args[dest];
  return Array.isArray(value) ? (value as string[]) : undefined;
}

export function group(world: World, name: string): ResourceGroup | AzureError {
  return world.resourceGroup(name) ?? resourceGroupNotFound(name);
}

/** A top-level resource by group, provider type and name, or ARM's not-found (the group's first). */
export function findResource<T extends AzureResource>(world: World, resourceGroup: string, type: string, name: string): T | AzureError {
  const [namespace, ...types] = type.split('/');
  const id = armId(world.state.subscription.id, resourceGroup, namespace!, types[0]!, name);
  const found = world.resource<T>(id);
  if (found) return found;
  if (!world.resourceGroup(resourceGroup)) return resourceGroupNotFound(resourceGroup);
  return resourceNotFound(type, name, resourceGroup);
}

export function subscriptionId(inv: AzInvocation): string {
  return inv.world.state.subscription.id;
}

export function resourcesInGroup<T extends AzureResource>(world: World, type: string, resourceGroup?: string): T[] {
  const all = world.resourcesOfType<T>(type as T['type']);
  const filtered = resourceGroup ? all.filter((r) => r.resourceGroup.toLowerCase() === resourceGroup.toLowerCase()) : all;
  return filtered.sort((a, b) => (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : 1));
}

/**
 * knack's prompt_y_n for commands with confirmation: a line on stdin answers it; on the
 * terminal with nothing typed ahead the sandbox answers yes for the learner (and shows it); a
 * script without a terminal gets az's NoTTY error. Returns the prompt text to print, or the error.
 */
export function confirm(inv: AzInvocation, question = 'Are you sure you want to perform this operation?'): string | AzureError {
  if (flag(inv, 'yes')) return '';
  const prompt = `${question} (y/n): `;
  const line = inv.ctx.shell.readLine();
  if (line !== null) {
    if (/^y(es)?$/i.test(line.trim())) return prompt;
    return cliError('CLIError', 'Operation cancelled.');
  }
  if (inv.ctx.tty) return `${prompt}y\n`;
  return cliError('NoTTYError', 'Unable to prompt for confirmation as no tty available. Use --yes.');
}
