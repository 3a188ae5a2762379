// az group create|show|list|delete|exists|update.
import { azureError, cliError, type AzureError } from '../../../model/azure/errors.ts';
import { newResourceGroup } from '../../../model/azure/factories.ts';
import { knownRegions } from '../../../model/azure/regions.ts';
import type { ManagedCluster, ResourceGroup } from '../../../model/azure/types.ts';
import type { World } from '../../../model/world.ts';
import { deleteManagedCluster } from '../../../controllers/aks/delete-cluster.ts';
import type { ArgSpec, CommandSpec } from '../spec.ts';
import { confirm, flag, group, groupNames, NO_WAIT, parseTags, str, TAGS, YES } from './common.ts';

const GROUP_NAME: ArgSpec = {
  dest: 'resource_group_name',
  options: ['--name', '--resource-group', '-n', '-g'],
  required: true,
  help: 'Name of resource group. You can configure the default group using `az configure --defaults group=<name>`.',
  complete: groupNames,
};

function groupTable(result: unknown): unknown {
  const rows = Array.isArray(result) ? result : [result];
  return rows.map((r: ResourceGroup) => ({ Name: r.name, Location: r.location, Status: r.properties.provisioningState }));
}

function locationAvailable(location: string): AzureError | undefined {
  const regions = knownRegions();
  if (regions.includes(location.toLowerCase().replace(/\s+/g, ''))) return undefined;
  return azureError(
    'arm',
    'LocationNotAvailableForResourceGroup',
    `The provided location '${location}' is not available for resource group. List of available regions is '${regions.join(',')}'.`,
    1,
  );
}

/** Deletes a group and everything in it (clusters with their node resource groups). */
export function deleteGroup(world: World, name: string): AzureError | undefined {
  const found = group(world, name);
  if ('kind' in found) return found;
  const key = found.name.toLowerCase();
  const inGroup = (id: string) => id.toLowerCase().includes(`/resourcegroups/${key}/`);
  for (const cluster of world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters')) {
    if (inGroup(cluster.id)) deleteManagedCluster(world, cluster.id);
  }
  for (const resource of Object.values(world.state.resources)) if (inGroup(resource.id)) world.deleteResource(resource.id);
  delete world.state.resourceGroups[key];
  world.touch();
  return undefined;
}

export const groupCommands: CommandSpec[] = [
  {
    name: 'group create',
    summary: 'Create a new resource group.',
    args: [
      GROUP_NAME,
      { dest: 'location', options: ['--location', '-l'], required: true, help: 'Location. Values from: `az account list-locations`. You can configure the default location using `az configure --defaults location=<location>`.' },
      { dest: 'managed_by', options: ['--managed-by'], help: 'The ID of the resource that manages this resource group.' },
      TAGS,
    ],
    examples: [
      { name: 'Create a new resource group in the West US region.', text: 'az group create -l westus -n MyResourceGroup' },
    ],
    run(inv) {
      const name = str(inv, 'resource_group_name')!;
      const location = str(inv, 'location')!;
      const problem = locationAvailable(location);
      if (problem) return problem;
      const existing = inv.world.resourceGroup(name);
      if (existing && existing.location !== location.toLowerCase()) {
        return azureError(
          'arm',
          'InvalidResourceGroupLocation',
          `Invalid resource group location '${location.toLowerCase()}'. The Resource group already exists in location '${existing.location}'.`,
        );
      }
      const tags = parseTags(inv.args.tags);
      const rg = newResourceGroup({
        subscriptionId: inv.world.state.subscription.id,
        name: existing?.name ?? name,
        location: location.toLowerCase(),
        tags: tags ?? existing?.tags ?? null,
        managedBy: str(inv, 'managed_by') ?? existing?.managedBy ?? null,
      });
      inv.world.putResourceGroup(rg);
      inv.sim.settle();
      return { result: rg };
    },
  },
  {
    name: 'group show',
    summary: 'Gets a resource group.',
    args: [GROUP_NAME],
    table: groupTable,
    examples: [{ name: 'Gets a resource group.', text: 'az group show --name MyResourceGroup' }],
    run(inv) {
      const found = group(inv.world, str(inv, 'resource_group_name')!);
      return 'kind' in found ? found : { result: found };
    },
  },
  {
    name: 'group list',
    summary: 'List resource groups.',
    args: [{ dest: 'tag', options: ['--tag'], help: "A single tag in 'key[=value]' format. Use \"\" to clear existing tags." }],
    table: groupTable,
    examples: [{ name: 'List all resource groups located in the West US region.', text: 'az group list --query "[?location==\'westus\']"' }],
    run(inv) {
      let groups = Object.values(inv.world.state.resourceGroups);
      const tag = str(inv, 'tag');
      if (tag) {
        const [k, v] = tag.includes('=') ? [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)] : [tag, undefined];
        groups = groups.filter((g) => g.tags && k! in g.tags && (v === undefined || g.tags[k!] === v));
      }
      return { result: groups.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1)) };
    },
  },
  {
    name: 'group exists',
    summary: 'Check if a resource group exists.',
    args: [GROUP_NAME],
    examples: [{ name: 'Check if \'MyResourceGroup\' exists.', text: 'az group exists -n MyResourceGroup' }],
    run(inv) {
      return { result: inv.world.resourceGroup(str(inv, 'resource_group_name')!) !== undefined };
    },
  },
  {
    name: 'group update',
    summary: 'Update a resource group.',
    args: [GROUP_NAME, TAGS, { dest: 'set', options: ['--set'], kind: 'list', help: 'Update an object by specifying a property path and value to set. Example: --set property1.property2=<value>.', group: 'Generic Update' }],
    run(inv) {
      const found = group(inv.world, str(inv, 'resource_group_name')!);
      if ('kind' in found) return found;
      let tags = found.tags ? { ...found.tags } : null;
      const given = parseTags(inv.args.tags);
      if (given) tags = given;
      for (const expr of (inv.args.set as string[] | undefined) ?? []) {
        const m = /^tags\.([^=]+)=(.*)$/.exec(expr);
        if (!m) return cliError('InvalidArgumentValueError', `Couldn't find '${expr.split('=')[0]}' in ''. Available options: []`);
        tags = { ...(tags ?? {}), [m[1]!]: m[2]! };
      }
      const updated = { ...found, tags };
      inv.world.putResourceGroup(updated);
      inv.sim.settle();
      return { result: updated };
    },
  },
  {
    name: 'group delete',
    summary: 'Delete a resource group.',
    args: [GROUP_NAME, NO_WAIT, YES, { dest: 'force_deletion_types', options: ['--force-deletion-types', '-f'], choices: ['Microsoft.Compute/virtualMachines', 'Microsoft.Compute/virtualMachineScaleSets', 'Microsoft.Databricks/workspaces'], help: 'The resource types you want to force delete.' }],
    examples: [{ name: 'Delete a resource group.', text: 'az group delete -n MyResourceGroup' }],
    run(inv) {
      const name = str(inv, 'resource_group_name')!;
      const found = group(inv.world, name);
      if ('kind' in found) return found;
      const answer = confirm(inv);
      if (typeof answer !== 'string') return answer;
      const error = deleteGroup(inv.world, name);
      if (error) return error;
      inv.sim.settle();
      if (!flag(inv, 'no_wait')) inv.sim.advance(60);
      return answer ? { text: answer } : { result: undefined };
    },
  },
];
