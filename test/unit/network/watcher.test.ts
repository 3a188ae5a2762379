import { describe, expect, it } from 'vitest';
import { showNextHop, testConnectivity } from '../../../sandbox/network/watcher.ts';
import { emptyWorld, firewall, id, nic, publicIp, routeTable, subnetId, vnet } from './fixtures.ts';
import { ROUTE_TABLE, aksKubenet } from './fixtures-aks.ts';

describe('show-next-hop', () => {
  it('names the UDR table for user routes and "System Route" otherwise', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 2 });
    expect(showNextHop(world, nics[0]!, '10.224.0.4', '10.244.1.7')).toEqual({
      nextHopIpAddress: '10.224.0.5',
      nextHopType: 'VirtualAppliance',
      routeTableId: id('Microsoft.Network/routeTables', ROUTE_TABLE),
    });
    expect(showNextHop(world, nics[0]!, '10.224.0.4', '8.8.8.8')).toEqual({ nextHopIpAddress: null, nextHopType: 'Internet', routeTableId: 'System Route' });
    expect(showNextHop(world, nics[0]!, '10.224.0.4', '10.224.0.5')).toEqual({ nextHopIpAddress: null, nextHopType: 'VnetLocal', routeTableId: 'System Route' });
    expect(showNextHop(world, nics[0]!, '10.224.0.4', '192.168.1.1')).toEqual({ nextHopIpAddress: null, nextHopType: 'None', routeTableId: 'System Route' });
    expect(showNextHop(world, nics[0]!, '10.9.9.9', '8.8.8.8')).toBeUndefined();
  });
});

describe('test-connectivity', () => {
  it('reports a reachable VNet destination as Source → VnetLocal with deterministic ids', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 2 });
    const result = testConnectivity(world, nics[0]!, { ip: '10.224.0.5', port: 22 });
    expect(result).toMatchObject({ connectionStatus: 'Reachable', avgLatencyInMs: 1, minLatencyInMs: 0, maxLatencyInMs: 3, probesSent: 100, probesFailed: 0 });
    expect(result.hops.map((h) => [h.type, h.address, h.resourceId.split('/').slice(-3).join('/'), h.issues.length])).toEqual([
      ['Source', '10.224.0.4', 'aks-nodepool1-12345678-vmss-nic-0/ipConfigurations/ipconfig1', 0],
      ['VnetLocal', '10.224.0.5', 'aks-nodepool1-12345678-vmss-nic-1/ipConfigurations/ipconfig1', 0],
    ]);
    expect(result.hops[0]!.nextHopIds).toEqual([result.hops[1]!.id]);
    expect(result.hops[1]!.nextHopIds).toEqual([]);
    expect(result.hops[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(testConnectivity(world, nics[0]!, { ip: '10.224.0.5', port: 22 })).toEqual(result);
  });

  it('puts an inbound NSG deny on the destination hop and an outbound one on the source', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, {
      nodes: 2,
      nsgRules: [
        { name: 'deny-ssh', priority: 100, access: 'Deny', ports: '22' },
        { name: 'deny-smtp-out', priority: 100, direction: 'Outbound', access: 'Deny', ports: '25' },
      ],
    });
    const ssh = testConnectivity(world, nics[0]!, { ip: '10.224.0.5', port: 22 });
    expect(ssh).toMatchObject({ connectionStatus: 'Unreachable', avgLatencyInMs: null, probesFailed: 100 });
    expect(ssh.hops.map((h) => [h.type, h.issues])).toEqual([
      ['Source', []],
      ['VnetLocal', [{ context: [{ key: 'RuleName', value: 'deny-ssh' }], origin: 'Inbound', severity: 'Error', type: 'NetworkSecurityRule' }]],
    ]);
    const smtp = testConnectivity(world, nics[0]!, { ip: '10.224.0.5', port: 25 });
    expect(smtp.hops[0]!.issues).toEqual([{ context: [{ key: 'RuleName', value: 'deny-smtp-out' }], origin: 'Outbound', severity: 'Error', type: 'NetworkSecurityRule' }]);
  });

  it('reports a None route as a UserDefinedRoute issue and an Unknown destination', () => {
    const world = emptyWorld();
    routeTable(world, 'blackhole', [{ name: 'no-internet', prefix: '0.0.0.0/0', type: 'None' }]);
    vnet(world, 'v', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24', routeTable: 'blackhole' }]);
    const vm = nic(world, { name: 'vm-nic', subnet: subnetId('v', 's'), ip: '10.1.0.4' });
    const r = testConnectivity(world, vm, { ip: '13.107.21.200', port: 80 });
    expect(r.hops.map((h) => [h.type, h.resourceId, h.issues])).toEqual([
      ['Source', vm.ipConfigurations[0]!.id, [{ context: [{ key: 'RouteType', value: 'User' }], origin: 'Outbound', severity: 'Error', type: 'UserDefinedRoute' }]],
      ['Destination', 'Unknown', []],
    ]);
  });

  it('shows the firewall as a VirtualAppliance hop before the internet', () => {
    const world = emptyWorld();
    routeTable(world, 'egress', [{ name: 'fw', prefix: '0.0.0.0/0', type: 'VirtualAppliance', ip: '10.42.0.4' }]);
    vnet(world, 'v', ['10.42.0.0/16'], [
      { name: 'AzureFirewallSubnet', prefix: '10.42.0.0/26' },
      { name: 's', prefix: '10.42.1.0/24', routeTable: 'egress' },
    ]);
    publicIp(world, 'fw-ip', '20.60.0.1');
    const fw = firewall(world, 'fw', {
      privateIp: '10.42.0.4',
      publicIp: 'fw-ip',
      subnet: subnetId('v', 'AzureFirewallSubnet'),
      network: [{ name: 'web', priority: 100, action: 'Allow', rules: [{ name: 'any-80', protocols: ['TCP'], sourceAddresses: ['*'], destinationAddresses: ['*'], destinationFqdns: [], destinationPorts: ['80'] }] }],
    });
    const vm = nic(world, { name: 'vm-nic', subnet: subnetId('v', 's'), ip: '10.42.1.4' });
    const r = testConnectivity(world, vm, { ip: '13.107.21.200', port: 80 });
    expect(r.connectionStatus).toBe('Reachable');
    expect(r.hops.map((h) => [h.type, h.address, h.resourceId])).toEqual([
      ['Source', '10.42.1.4', vm.ipConfigurations[0]!.id],
      ['VirtualAppliance', '10.42.0.4', fw.id],
      ['Internet', '13.107.21.200', 'Internet'],
    ]);
  });
});
