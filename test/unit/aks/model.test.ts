import { describe, expect, it } from 'vitest';
import { isAzureError, resourceNotFound } from '../../../sandbox/model/azure/errors.ts';
import { newNetworkSecurityGroup, newPublicIp, regionalPublicIp } from '../../../sandbox/model/azure/factories.ts';
import { armId, nameOf, parentIdOf, parseArmId, resourceGroupOf, sameArmId, typeOf } from '../../../sandbox/model/azure/ids.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { DEFAULT_EPOCH_MS } from '../../../sandbox/core/clock.ts';
import { inCidr } from '../../../sandbox/core/ip.ts';

describe('ARM ids', () => {
  const sub = '00000000-1111-4222-8333-444444444444';
  const subnet = armId(sub, 'rg1', 'Microsoft.Network', 'virtualNetworks', 'vnet1', 'subnets', 'default');

  it('builds and parses a child id', () => {
    expect(subnet).toBe(`/subscriptions/${sub}/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/default`);
    expect(parseArmId(subnet)).toEqual({
      subscriptionId: sub,
      resourceGroup: 'rg1',
      namespace: 'Microsoft.Network',
      types: ['virtualNetworks', 'subnets'],
      names: ['vnet1', 'default'],
    });
    expect(typeOf(subnet)).toBe('Microsoft.Network/virtualNetworks/subnets');
    expect(parentIdOf(subnet)).toBe(armId(sub, 'rg1', 'Microsoft.Network', 'virtualNetworks', 'vnet1'));
    expect(nameOf(subnet)).toBe('default');
    expect(resourceGroupOf(subnet)).toBe('rg1');
  });

  it('compares case-insensitively and reads AKS-style lower-case segments', () => {
    const aks = `/subscriptions/${sub}/resourcegroups/RG1/providers/Microsoft.ContainerService/managedClusters/aks1`;
    expect(resourceGroupOf(aks)).toBe('RG1');
    expect(sameArmId(aks, aks.toUpperCase())).toBe(true);
    expect(sameArmId(aks, null)).toBe(false);
    expect(parseArmId('/subscriptions/x')).toBeUndefined();
    expect(parseArmId(`/subscriptions/${sub}/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks`)).toBeUndefined();
    expect(parseArmId(`/subscriptions/${sub}/resourceGroups/rg1`)).toMatchObject({ resourceGroup: 'rg1', namespace: '', types: [] });
  });

  it('parses the nested id of a scale set NIC', () => {
    const nic = armId(sub, 'MC_rg', 'Microsoft.Compute', 'virtualMachineScaleSets', 'vmss', 'virtualMachines', '0', 'networkInterfaces', 'vmss');
    expect(parseArmId(nic)?.types).toEqual(['virtualMachineScaleSets', 'virtualMachines', 'networkInterfaces']);
  });
});

describe('AzureError values', () => {
  it('carry code, message, source and exit code', () => {
    const error = resourceNotFound('Microsoft.ContainerService/managedClusters', 'aks1', 'rg1');
    expect(isAzureError(error)).toBe(true);
    expect(isAzureError({ code: 'x' })).toBe(false);
    expect(error).toEqual({
      kind: 'AzureError',
      source: 'arm',
      code: 'ResourceNotFound',
      message:
        "The Resource 'Microsoft.ContainerService/managedClusters/aks1' under resource group 'rg1' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      exitCode: 3,
    });
  });
});

describe('factories', () => {
  it('a public IP is Standard, static and regional', () => {
    const pip = newPublicIp({ subscriptionId: 's', resourceGroup: 'rg', name: 'pip1', location: 'eastus', ipAddress: '20.121.1.2' });
    expect(pip).toMatchObject({ sku: { name: 'Standard', tier: 'Regional' }, publicIPAllocationMethod: 'Static', publicIPAddressVersion: 'IPv4', idleTimeoutInMinutes: 4 });
    expect(pip.resourceGuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
  });

  it('regional public addresses are deterministic, public and never taken twice', () => {
    const a = regionalPublicIp('eastus', 'seed-a');
    expect(regionalPublicIp('eastus', 'seed-a')).toBe(a);
    expect(['20.121', '20.185', '52.226', '4.156', '40.88']).toContain(a.split('.').slice(0, 2).join('.'));
    expect(regionalPublicIp('eastus', 'seed-a', new Set([a]))).not.toBe(a);
    expect(regionalPublicIp('westeurope', 'x').split('.')[0]).toMatch(/^(20|51|52)$/);
  });

  it('an NSG starts with no rules of its own and the six defaults', () => {
    const nsg = newNetworkSecurityGroup({ subscriptionId: 's', resourceGroup: 'rg', name: 'n', location: 'eastus' });
    expect(nsg.securityRules).toEqual([]);
    expect(nsg.defaultSecurityRules.map((r) => r.name)).toEqual([
      'AllowVnetInBound',
      'AllowAzureLoadBalancerInBound',
      'DenyAllInBound',
      'AllowVnetOutBound',
      'AllowInternetOutBound',
      'DenyAllOutBound',
    ]);
    expect(nsg.defaultSecurityRules[0]).toMatchObject({
      id: `${nsg.id}/defaultSecurityRules/AllowVnetInBound`,
      type: 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules',
      protocol: '*',
      sourcePortRange: '*',
      destinationPortRange: '*',
      description: 'Allow inbound traffic from all VMs in VNET',
    });
  });
});

describe('createWorldState', () => {
  it('an empty subscription, the clock at the epoch, and the two outside machines', () => {
    const state = createWorldState('lesson-1');
    expect(state.subscription).toMatchObject({ name: 'Azure Lab Subscription', user: 'learner@contoso.com' });
    expect(state.subscription.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(state.subscription.tenantId).not.toBe(state.subscription.id);
    expect(state.defaultLocation).toBe('eastus');
    expect(state.clockMs).toBe(DEFAULT_EPOCH_MS);
    expect([state.resourceGroups, state.resources, state.clusters, state.controlPlanes]).toEqual([{}, {}, {}, {}]);
    expect(Object.keys(state.machines)).toEqual(['workstation', 'internet']);
    expect(state.machines.workstation).toMatchObject({ kind: 'workstation', hostname: 'workstation', dnsServers: [] });
    expect(createWorldState('lesson-1')).toEqual(state);
    expect(createWorldState('lesson-2').subscription.id).not.toBe(state.subscription.id);
  });

  it('the machines have public addresses outside private, shared and documentation ranges', () => {
    const excluded = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '127.0.0.0/8'];
    for (let i = 0; i < 200; i++) {
      const state = createWorldState(`seed-${i}`);
      for (const machine of Object.values(state.machines)) {
        expect(excluded.some((cidr) => inCidr(cidr, machine.publicIp))).toBe(false);
        expect(machine.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      }
    }
  });
});
