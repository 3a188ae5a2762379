// az aks nodepool add|list|show|scale|delete.
import { cliError, isAzureError, resourceNotFound } from '../../../model/azure/errors.ts';
import type { AgentPoolProfile, ManagedCluster, VirtualMachineScaleSet } from '../../../model/azure/types.ts';
import type { World } from '../../../model/world.ts';
import { addNodePool, agentPoolId, requestOperation, scaleNodePool, type AddNodePoolRequest } from '../../../controllers/aks/index.ts';
import type { ArgSpec, AzInvocation, CommandSpec } from '../spec.ts';
import { clusterNames } from './aks-args.ts';
import { nodepoolListTable, nodepoolShowTable } from './aks-format.ts';
import { getCluster } from './aks-lookup.ts';
import { flag, NO_WAIT, num, RESOURCE_GROUP, str } from './common.ts';

const CLUSTER: ArgSpec = { dest: 'cluster_name', options: ['--cluster-name'], required: true, help: 'The cluster name.', complete: clusterNames };

function poolNames(world: World): string[] {
  return world
    .resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters')
    .flatMap((c) => c.agentPoolProfiles.map((p) => p.name))
    .sort();
}

const POOL: ArgSpec = { dest: 'nodepool_name', options: ['--name', '-n'], required: true, help: 'The node pool name.', complete: poolNames };

/** An agent pool as `az aks nodepool show` prints it: the profile as its own ARM child resource. */
export function agentPoolView(cluster: ManagedCluster, pool: AgentPoolProfile): Record<string, unknown> {
  return { ...pool, id: agentPoolId(cluster.id, pool.name), resourceGroup: cluster.resourceGroup, type: 'Microsoft.ContainerService/managedClusters/agentPools' };
}

function cluster(inv: AzInvocation): ManagedCluster | ReturnType<typeof getCluster> {
  return getCluster(inv.world, str(inv, 'resource_group_name')!, str(inv, 'cluster_name')!);
}

function poolNotFound(c: ManagedCluster, name: string) {
  return resourceNotFound('Microsoft.ContainerService/managedClusters/agentPools', `${c.name}/${name}`, c.resourceGroup);
}

function current(inv: AzInvocation, c: ManagedCluster, name: string) {
  inv.sim.settle();
  inv.sim.advance(120);
  if (flag(inv, 'no_wait')) return { result: undefined };
  const now = inv.world.resource<ManagedCluster>(c.id)!;
  const pool = now.agentPoolProfiles.find((p) => p.name === name);
  return { result: pool ? agentPoolView(now, pool) : undefined };
}

export const nodepoolCommands: CommandSpec[] = [
  {
    name: 'aks nodepool add',
    summary: 'Add a node pool to the managed Kubernetes cluster.',
    args: [
      RESOURCE_GROUP,
      CLUSTER,
      { ...POOL, complete: undefined },
      { dest: 'node_count', options: ['--node-count', '-c'], kind: 'int', default: 3, help: 'Number of nodes in the Kubernetes agent pool. After creating a cluster, you can change the size of its node pool with `az aks scale`.' },
      { dest: 'node_vm_size', options: ['--node-vm-size', '-s'], help: 'Size of Virtual Machines to create as Kubernetes nodes.' },
      { dest: 'max_pods', options: ['--max-pods', '-m'], kind: 'int', help: 'The maximum number of pods deployable to a node.' },
      { dest: 'mode', options: ['--mode'], choices: ['System', 'User', 'Gateway'], default: 'User', help: 'The mode for a node pool which defines a node pool\'s primary function. If set as "System", AKS prefers system pods scheduling to node pools with mode `System`.' },
      { dest: 'vnet_subnet_id', options: ['--vnet-subnet-id'], help: 'The ID of a subnet in an existing VNet into which to deploy the cluster.' },
      { dest: 'kubernetes_version', options: ['--kubernetes-version', '-k'], help: 'Version of Kubernetes to use for creating the cluster, such as "1.7.12" or "1.8.7".' },
      { dest: 'node_osdisk_type', options: ['--node-osdisk-type'], choices: ['Ephemeral', 'Managed'], help: 'OS disk type to be used for machines in a given agent pool. Defaults to \'Ephemeral\' when possible in conjunction with VM size and OS disk size. May not be changed for this pool after creation.' },
      { dest: 'node_osdisk_size', options: ['--node-osdisk-size'], kind: 'int', help: 'Size in GiB of the OS disk for each node in the agent pool. Minimum 30 GiB.' },
      NO_WAIT,
    ],
    examples: [{ name: 'Create a nodepool in an existing AKS cluster with ephemeral os enabled.', text: 'az aks nodepool add -g MyResourceGroup -n nodepool1 --cluster-name MyManagedCluster --node-osdisk-type Ephemeral --node-osdisk-size 48' }],
    run(inv) {
      const c = cluster(inv);
      if (isAzureError(c)) return c;
      const request: AddNodePoolRequest = { name: str(inv, 'nodepool_name')! };
      if (num(inv, 'node_count') !== undefined) request.nodeCount = num(inv, 'node_count')!;
      if (str(inv, 'node_vm_size')) request.nodeVmSize = str(inv, 'node_vm_size')!;
      if (num(inv, 'max_pods') !== undefined) request.maxPods = num(inv, 'max_pods')!;
      const mode = str(inv, 'mode');
      if (mode === 'System' || mode === 'User') request.mode = mode;
      if (str(inv, 'vnet_subnet_id')) request.vnetSubnetId = str(inv, 'vnet_subnet_id')!;
      if (str(inv, 'kubernetes_version')) request.kubernetesVersion = str(inv, 'kubernetes_version')!;
      const added = addNodePool(inv.world, c.id, request);
      if (isAzureError(added)) return added;
      return current(inv, c, request.name);
    },
  },
  {
    name: 'aks nodepool list',
    summary: 'List node pools in the managed Kubernetes cluster. To get list of nodes in the cluster run `kubectl get nodes` command.',
    args: [RESOURCE_GROUP, CLUSTER],
    table: nodepoolListTable,
    run(inv) {
      const c = cluster(inv);
      if (isAzureError(c)) return c;
      return { result: c.agentPoolProfiles.map((p) => agentPoolView(c, p)) };
    },
  },
  {
    name: 'aks nodepool show',
    summary: 'Show the details for a node pool in the managed Kubernetes cluster.',
    args: [RESOURCE_GROUP, CLUSTER, POOL],
    table: nodepoolShowTable,
    run(inv) {
      const c = cluster(inv);
      if (isAzureError(c)) return c;
      const name = str(inv, 'nodepool_name')!;
      const pool = c.agentPoolProfiles.find((p) => p.name === name);
      return pool ? { result: agentPoolView(c, pool) } : poolNotFound(c, name);
    },
  },
  {
    name: 'aks nodepool scale',
    summary: 'Scale the node pool in a managed Kubernetes cluster.',
    args: [RESOURCE_GROUP, CLUSTER, POOL, { dest: 'node_count', options: ['--node-count', '-c'], kind: 'int', default: 3, help: 'Number of nodes in the Kubernetes node pool.' }, NO_WAIT],
    run(inv) {
      const c = cluster(inv);
      if (isAzureError(c)) return c;
      const name = str(inv, 'nodepool_name')!;
      if (!c.agentPoolProfiles.some((p) => p.name === name)) return poolNotFound(c, name);
      const scaled = scaleNodePool(inv.world, c.id, name, num(inv, 'node_count') ?? 3);
      if (isAzureError(scaled)) return scaled;
      return current(inv, c, name);
    },
  },
  {
    name: 'aks nodepool delete',
    summary: 'Delete the agent pool in the managed Kubernetes cluster.',
    args: [RESOURCE_GROUP, CLUSTER, POOL, NO_WAIT],
    run(inv) {
      const c = cluster(inv);
      if (isAzureError(c)) return c;
      const name = str(inv, 'nodepool_name')!;
      const pool = c.agentPoolProfiles.find((p) => p.name === name);
      if (!pool) return poolNotFound(c, name);
      if (pool.mode === 'System' && c.agentPoolProfiles.filter((p) => p.mode === 'System').length === 1) {
        // Assumption: wording of the service's refusal to remove the last System pool.
        return cliError('OperationNotAllowed', `Cannot delete the last system node pool '${name}'. A cluster must have at least one system node pool.`);
      }
      const emptied = scaleNodePool(inv.world, c.id, name, 0);
      if (isAzureError(emptied)) return emptied;
      const now = inv.world.resource<ManagedCluster>(c.id)!;
      for (const vmss of inv.world.resourcesOfType<VirtualMachineScaleSet>('Microsoft.Compute/virtualMachineScaleSets')) {
        if (vmss.agentPool === name && vmss.id.toLowerCase().includes(`/resourcegroups/${now.nodeResourceGroup.toLowerCase()}/`)) inv.world.deleteResource(vmss.id);
      }
      inv.world.putResource({ ...now, agentPoolProfiles: now.agentPoolProfiles.filter((p) => p.name !== name) });
      requestOperation(inv.world, c.id);
      inv.sim.settle();
      if (!flag(inv, 'no_wait')) inv.sim.advance(120);
      return { result: undefined };
    },
  },
];
