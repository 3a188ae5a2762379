import { describe, expect, it } from 'vitest';
import { addNodePool, aksControllers, scaleNodePool } from '../../../sandbox/controllers/aks/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import { isAzureError } from '../../../sandbox/model/azure/errors.ts';
import type { VirtualMachineScaleSet } from '../../../sandbox/model/azure/types.ts';
import { byoVnet, clusterLb, create, internalIp, newWorld, nics, nodes, ofType, routeTables, subnetIdOf } from './helpers.ts';

const names = (world: ReturnType<typeof newWorld>, cluster: ReturnType<typeof create>) => nodes(world, cluster).map((n) => n.metadata.name.slice(-6));

describe('scaling a kubenet pool', () => {
  const world = newWorld();
  const cluster = create(world, { networkPlugin: 'kubenet' });

  it('scales up: new instances, next addresses, next /24s and routes', () => {
    const pool = scaleNodePool(world, cluster.id, 'nodepool1', 5);
    expect(isAzureError(pool)).toBe(false);
    expect(names(world, cluster)).toEqual(['000000', '000001', '000002', '000003', '000004']);
    expect(nodes(world, cluster).map((n) => [internalIp(n), n.spec.podCIDR]).slice(3)).toEqual([
      ['10.224.0.7', '10.244.3.0/24'],
      ['10.224.0.8', '10.244.4.0/24'],
    ]);
    expect(routeTables(world)[0]!.routes).toHaveLength(5);
    expect(clusterLb(world, cluster)!.backendAddressPools.map((p) => p.backendIPConfigurations.length)).toEqual([5, 5]);
  });

  it('scales down from the highest instance id; routes, NICs and Nodes go with them', () => {
    scaleNodePool(world, cluster.id, 'nodepool1', 2);
    expect(names(world, cluster)).toEqual(['000000', '000001']);
    expect(nics(world)).toHaveLength(2);
    expect(routeTables(world)[0]!.routes.map((r) => r.addressPrefix)).toEqual(['10.244.0.0/24', '10.244.1.0/24']);
    const vmss = ofType<VirtualMachineScaleSet>(world, 'Microsoft.Compute/virtualMachineScaleSets')[0]!;
    expect(vmss.sku.capacity).toBe(2);
    expect(vmss.nextInstanceId).toBe(5);
  });

  it('scales up again: new instance ids continue, freed addresses and /24s are reused lowest first', () => {
    scaleNodePool(world, cluster.id, 'nodepool1', 3);
    const added = nodes(world, cluster)[2]!;
    expect(added.metadata.name.endsWith('000005')).toBe(true);
    expect(internalIp(added)).toBe('10.224.0.6');
    expect(added.spec.podCIDR).toBe('10.244.2.0/24');
    expect(settle(world, aksControllers()).rounds).toBe(1);
  });

  it('a pool that does not exist', () => {
    expect(scaleNodePool(world, cluster.id, 'nope', 3)).toMatchObject({ code: 'ResourceNotFound', exitCode: 3 });
  });
});

describe('scaling and adding pools on Azure CNI', () => {
  it('refuses growth beyond the subnet with the same P and A arithmetic', () => {
    const world = newWorld();
    byoVnet(world, 'spoke', ['10.20.0.0/16'], [{ name: 'small', prefix: '10.20.1.0/24' }]);
    const cluster = create(world, { networkPlugin: 'azure', vnetSubnetId: subnetIdOf(world, 'spoke', 'small'), nodeCount: 3 });
    const error = scaleNodePool(world, cluster.id, 'nodepool1', 9);
    expect(error).toMatchObject({ code: 'InsufficientSubnetSize' });
    expect((error as { message: string }).message).toMatch(/^Pre-allocated IPs 186 exceeds IPs available 158 in Subnet Cidr 10\.20\.1\.0\/24, Subnet Name small\. /);
    expect(nodes(world, cluster)).toHaveLength(3);
    expect(isAzureError(scaleNodePool(world, cluster.id, 'nodepool1', 8))).toBe(false);
    expect(nodes(world, cluster).map(internalIp).at(-1)).toBe('10.20.1.221');
  });

  it('adds a user pool in the same subnet, with its own scale set', () => {
    const world = newWorld();
    const cluster = create(world, { networkPlugin: 'azure' });
    const pool = addNodePool(world, cluster.id, { name: 'user1', nodeCount: 2 });
    expect(pool).toMatchObject({ name: 'user1', count: 2, mode: 'User', maxPods: 30, vnetSubnetId: null });
    const userNodes = nodes(world, cluster).filter((n) => n.metadata.labels!.agentpool === 'user1');
    expect(userNodes.map((n) => [n.metadata.name.replace(/-\d{8}-/, '-N-'), internalIp(n), n.metadata.labels!['kubernetes.azure.com/mode']])).toEqual([
      ['aks-user1-N-vmss000000', '10.224.0.97', 'user'],
      ['aks-user1-N-vmss000001', '10.224.0.128', 'user'],
    ]);
    expect(ofType(world, 'Microsoft.Compute/virtualMachineScaleSets')).toHaveLength(2);
    expect(addNodePool(world, cluster.id, { name: 'user1' })).toMatchObject({
      message: "Node pool user1 already exists, please try a different name, use 'aks nodepool list' to get current list of node pool",
    });
    expect(addNodePool(world, cluster.id, { name: 'averyverylongname' })).toMatchObject({ message: '--nodepool-name can contain at most 12 characters' });
    expect(addNodePool(world, cluster.id, { name: 'pool-2' })).toMatchObject({ message: '--nodepool-name should contain only alphanumeric characters' });
  });
});
