// Shared pieces of the `az network` commands: id-part arguments, lookups of top-level and child
// resources with ARM's errors, and show/list/delete commands built from a resource type.
import { resourceGroupNotFound, resourceNotFound, type AzureError } from '../../../model/azure/errors.ts';
import { armId } from '../../../model/azure/ids.ts';
import type { AzureResource, Subnet, VirtualNetwork } from '../../../model/azure/types.ts';
import type { World } from '../../../model/world.ts';
import type { ArgSpec, AzInvocation, CommandSpec } from '../spec.ts';
import { RESOURCE_GROUP, RESOURCE_GROUP_ID, resourcesInGroup, str } from './common.ts';

export function namesOf(type: string): (world: World) => string[] {
  return (world) => [...new Set(world.resourcesOfType(type as AzureResource['type']).map((r) => r.name))].sort();
}

/** `--name -n` as an id part (network show/update/delete accept --ids). */
export function idName(help: string, type?: string, options: string[] = ['--name', '-n'], dest = 'name'): ArgSpec {
  const arg: ArgSpec = { dest, options, required: true, idPart: true, group: 'Resource Id', help };
  if (type) arg.complete = namesOf(type);
  return arg;
}

export function networkId(world: World, resourceGroup: string, type: string, name: string, ...children: string[]): string {
  return armId(world.state.subscription.id, resourceGroup, 'Microsoft.Network', type, name, ...children);
}

/** A Microsoft.Network top-level resource, or ARM's not-found (group first). */
export function getNetwork<T extends AzureResource>(world: World, resourceGroup: string, type: string, name: string): T | AzureError {
  const found = world.resource<T>(networkId(world, resourceGroup, type, name));
  if (found) return found;
  if (!world.resourceGroup(resourceGroup)) return resourceGroupNotFound(resourceGroup);
  return resourceNotFound(`Microsoft.Network/${type}`, name, resourceGroup);
}

export function childNotFound(parentType: string, parent: string, childType: string, child: string, resourceGroup: string): AzureError {
  return resourceNotFound(`Microsoft.Network/${parentType}/${parent}/${childType}`, child, resourceGroup);
}

export function getSubnet(world: World, resourceGroup: string, vnetName: string, name: string): { vnet: VirtualNetwork; subnet: Subnet } | AzureError {
  const vnet = getNetwork<VirtualNetwork>(world, resourceGroup, 'virtualNetworks', vnetName);
  if ('kind' in vnet) return vnet;
  const subnet = vnet.subnets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!subnet) return childNotFound('virtualNetworks', vnet.name, 'subnets', name, resourceGroup);
  return { vnet, subnet };
}

/** Resolves a name or an id given for another resource (`--network-security-group nsg1` or an id). */
export function refId(world: World, resourceGroup: string, type: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return value.startsWith('/') ? value : networkId(world, resourceGroup, type, value);
}

interface Simple {
  /** `network vnet` */
  group: string;
  /** ARM type under Microsoft.Network, e.g. `virtualNetworks`. */
  type: string;
  /** "virtual network" for help texts. */
  noun: string;
  table?: (result: unknown) => unknown;
  /** What `show` returns (defaults to the resource). */
  view?: (resource: AzureResource, world: World) => unknown;
}

export function showCommand(s: Simple, extra: Partial<CommandSpec> = {}): CommandSpec {
  const spec: CommandSpec = {
    name: `${s.group} show`,
    summary: `Get the details of a ${s.noun}.`,
    args: [RESOURCE_GROUP_ID, idName(`The ${s.noun} name.`, `Microsoft.Network/${s.type}`)],
    ids: true,
    examples: [{ name: `Get the details of a ${s.noun}.`, text: `az ${s.group} show -g MyResourceGroup -n MyName` }],
    run(inv) {
      const found = getNetwork(inv.world, str(inv, 'resource_group_name')!, s.type, str(inv, 'name')!);
      if ('kind' in found) return found;
      return { result: s.view ? s.view(found, inv.world) : found };
    },
    ...extra,
  };
  if (s.table && !extra.table) spec.table = (r) => s.table!([r]);
  return spec;
}

export function listCommand(s: Simple, extra: Partial<CommandSpec> = {}): CommandSpec {
  const spec: CommandSpec = {
    name: `${s.group} list`,
    summary: `List ${s.noun}s.`,
    args: [{ ...RESOURCE_GROUP, required: false }],
    examples: [{ name: `List ${s.noun}s.`, text: `az ${s.group} list -g MyResourceGroup` }],
    run(inv) {
      const group = str(inv, 'resource_group_name');
      if (group && !inv.world.resourceGroup(group)) return resourceGroupNotFound(group);
      const all = resourcesInGroup(inv.world, `Microsoft.Network/${s.type}`, group);
      return { result: all.map((r) => (s.view ? s.view(r, inv.world) : r)) };
    },
    ...extra,
  };
  if (s.table && !extra.table) spec.table = s.table;
  return spec;
}

/** A delete that checks `inUse` first (ARM's InUse... errors). */
export function deleteCommand(s: Simple, inUse?: (resource: AzureResource, world: World) => AzureError | undefined): CommandSpec {
  return {
    name: `${s.group} delete`,
    summary: `Delete a ${s.noun}.`,
    args: [RESOURCE_GROUP_ID, idName(`The ${s.noun} name.`, `Microsoft.Network/${s.type}`)],
    ids: true,
    examples: [{ name: `Delete a ${s.noun}.`, text: `az ${s.group} delete -g MyResourceGroup -n MyName` }],
    run(inv: AzInvocation) {
      const found = getNetwork(inv.world, str(inv, 'resource_group_name')!, s.type, str(inv, 'name')!);
      // Deleting something that is not there succeeds silently (ARM answers 204).
      if ('kind' in found) return found.code === 'ResourceGroupNotFound' ? found : { result: undefined };
      const problem = inUse?.(found, inv.world);
      if (problem) return problem;
      inv.world.deleteResource(found.id);
      inv.sim.settle();
      return { result: undefined };
    },
  };
}

export function locationOf(inv: AzInvocation): string | AzureError {
  const given = str(inv, 'location');
  if (given) return given.toLowerCase();
  const group = inv.world.resourceGroup(str(inv, 'resource_group_name')!);
  return group ? group.location : resourceGroupNotFound(str(inv, 'resource_group_name')!);
}
