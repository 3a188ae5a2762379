// One VM scale set per node pool, sized to the pool's count, each instance with its NIC:
// - the primary ip configuration `ipconfig1` takes the lowest free address of the pool's subnet;
// - Azure CNI (node subnet) pre-allocates max-pods secondary ip configurations per NIC
//   (`ipconfig2`…), which is why its nodes sit 31 addresses apart (x.x.x.4, .35, .66);
//   overlay and kubenet NICs have only the primary;
// - with the loadBalancer outbound type the primary sits in both backend pools of `kubernetes`;
// - on a learner's subnet the AKS NSG is attached to the NIC (the subnet keeps its own NSG).
// Scaling down removes the highest instance ids first (the VMSS default scale-in policy).
import {
  internalDomainNameSuffixFor,
  newNetworkInterface,
  newNicIpConfig,
  newVirtualMachineScaleSet,
} from '../../model/azure/factories.ts';
import type { NetworkInterface, VirtualMachineScaleSet, VmssInstance } from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { clusterContext, type ClusterContext, type PoolLayout } from './context.ts';
import { buildIpamIndex, findSubnet, type IpamIndex, type SubnetAllocator } from './ipam.ts';
import { computerName } from './naming.ts';
import { clustersInOperation } from './operations.ts';
import { addressesPerNode } from './capacity.ts';

function nicIdOf(pool: PoolLayout, instanceId: number): string {
  return `${pool.vmssId}/virtualMachines/${instanceId}/networkInterfaces/${pool.vmssName}`;
}

function instanceOf(pool: PoolLayout, instanceId: number): VmssInstance {
  return {
    instanceId: String(instanceId),
    name: `${pool.vmssName}_${instanceId}`,
    computerName: computerName(pool.vmssName, instanceId),
    networkInterface: nicIdOf(pool, instanceId),
  };
}

function backendPools(ctx: ClusterContext): string[] {
  return ctx.cluster.networkProfile.outboundType === 'loadBalancer' ? [ctx.inboundPoolId, ctx.outboundPoolId] : [];
}

/** The NIC as AKS wants it, keeping the addresses it already has. */
function desiredNic(ctx: ClusterContext, pool: PoolLayout, instanceId: number, ips: string[]): NetworkInterface {
  const nicId = nicIdOf(pool, instanceId);
  const configs = ips.map((ip, i) =>
    newNicIpConfig({
      nicId,
      resourceGroup: ctx.nodeResourceGroup,
      name: `ipconfig${i + 1}`,
      primary: i === 0,
      privateIp: ip,
      subnetId: pool.subnetId,
      backendPoolIds: i === 0 ? backendPools(ctx) : undefined,
    }),
  );
  return newNetworkInterface({
    id: nicId,
    name: pool.vmssName,
    resourceGroup: ctx.nodeResourceGroup,
    location: ctx.location,
    ipConfigurations: configs,
    networkSecurityGroupId: pool.profile.vnetSubnetId ? ctx.nsgId : null,
    virtualMachineId: `${pool.vmssId}/virtualMachines/${instanceId}`,
    // Exported AKS scale sets show both on for the node NICs.
    enableIPForwarding: true,
    enableAcceleratedNetworking: true,
    internalDomainNameSuffix: internalDomainNameSuffixFor(ctx.nodeVnetId),
  });
}

function reconcilePool(world: World, ctx: ClusterContext, pool: PoolLayout, ipam: IpamIndex): void {
  const existing = world.resource<VirtualMachineScaleSet>(pool.vmssId);
  const instances = [...(existing?.instances ?? [])].sort((a, b) => Number(a.instanceId) - Number(b.instanceId));
  let nextInstanceId = existing?.nextInstanceId ?? 0;
  const perNode = addressesPerNode(ctx.mode, pool.profile.maxPods);

  while (instances.length > pool.profile.count) {
    const removed = instances.pop()!;
    world.deleteResource(removed.networkInterface);
  }

  const found = findSubnet(world, pool.subnetId);
  let allocator: SubnetAllocator | undefined;
  const takeAddresses = (): string[] | undefined => {
    if (!found) return undefined;
    allocator ??= ipam.allocator(pool.subnetId, found.subnet.addressPrefix);
    return allocator.take(perNode);
  };

  // Existing instances keep their addresses; a NIC deleted behind AKS's back gets new ones.
  for (const instance of instances) {
    const id = Number(instance.instanceId);
    const nic = world.resource<NetworkInterface>(instance.networkInterface);
    const ips = nic ? nic.ipConfigurations.map((c) => c.privateIPAddress) : takeAddresses();
    if (ips) world.applyResource(desiredNic(ctx, pool, id, ips));
  }
  while (instances.length < pool.profile.count) {
    const ips = takeAddresses();
    // Subnet full: AKS's capacity check normally refuses first; a learner can still fill the
    // subnet by hand, and then the scale set simply stops short.
    if (!ips) break;
    const id = nextInstanceId++;
    instances.push(instanceOf(pool, id));
    world.applyResource(desiredNic(ctx, pool, id, ips));
  }

  const vmss = newVirtualMachineScaleSet({
    id: pool.vmssId,
    name: pool.vmssName,
    resourceGroup: ctx.nodeResourceGroup,
    location: ctx.location,
    vmSize: pool.profile.vmSize,
    agentPool: pool.profile.name,
    instances,
    nextInstanceId,
    tags: {
      'aks-managed-orchestrator': `Kubernetes:${pool.profile.currentOrchestratorVersion}`,
      'aks-managed-poolName': pool.profile.name,
      'aks-managed-resourceNameSuffix': ctx.suffix,
    },
  });
  world.applyResource(existing ? { ...existing, ...vmss, tags: existing.tags ?? vmss.tags } : vmss);
}

export const nodePoolController: Controller = {
  name: 'aks-node-pools',
  reconcile(world: World): void {
    const clusters = clustersInOperation(world);
    if (clusters.length === 0) return;
    const ipam = buildIpamIndex(world);
    for (const cluster of clusters) {
      const ctx = clusterContext(world, cluster);
      for (const pool of ctx.pools) reconcilePool(world, ctx, pool, ipam);
    }
  },
};
