// Golden traces for kubenet: pod traffic between nodes rides the per-node UDRs to the node NIC,
// which must have IP forwarding on; a None route drops.
import { describe, expect, it } from 'vitest';
import { traceFromNic } from '../../../sandbox/network/azure-path.ts';
import type { AzurePathResult } from '../../../sandbox/network/walk.ts';
import { emptyWorld, nic, routeTable, subnetId, vnet } from './fixtures.ts';
import { aksKubenet } from './fixtures-aks.ts';

export const brief = (r: AzurePathResult) => r.hops.map((h) => [h.at, h.decision, h.reason]);

const NSG_OUT = 'NSG aks-agentpool-12345678-nsg (subnet aks-subnet, outbound)';
const NSG_IN = 'NSG aks-agentpool-12345678-nsg (subnet aks-subnet, inbound)';
const ROUTES = 'route table aks-agentpool-12345678-routetable (subnet aks-subnet)';

describe('kubenet pod routing', () => {
  it('pod → pod on another node: UDR to the node, IP forwarding lets the NIC accept it', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 3 });
    const r = traceFromNic(world, nics[0]!.id, { srcIp: '10.244.0.5', srcPort: 40000, dstIp: '10.244.1.7', dstPort: 80, protocol: 'tcp' });
    expect(brief(r)).toEqual([
      [NSG_OUT, 'pass', 'Default rule AllowVnetOutBound (priority 65000) allows TCP 10.244.0.5:40000 → 10.244.1.7:80.'],
      [ROUTES, 'pass', 'Route aks-nodepool1-12345678-vmss000001 (10.244.1.0/24) is the longest prefix matching 10.244.1.7: it sends the packet to the virtual appliance 10.224.0.5.'],
      [NSG_IN, 'pass', 'Default rule AllowVnetInBound (priority 65000) allows TCP 10.244.0.5:40000 → 10.244.1.7:80.'],
      [
        'aks-nodepool1-12345678-vmss000001 eth0',
        'deliver',
        "NIC aks-nodepool1-12345678-vmss-nic-1 receives TCP 10.244.0.5:40000 → 10.244.1.7:80: 10.244.1.7 is not the NIC's own address; IP forwarding on the NIC lets it accept the packet for the host to route.",
      ],
    ]);
    expect(r.verdict).toBe('delivered');
    expect(r.delivery).toMatchObject({ kind: 'nic', host: 'aks-nodepool1-12345678-vmss000001', forwarded: true });
    expect(r.finalDestination).toEqual({ ip: '10.244.1.7', port: 80 });
    expect(r.sourceSeenAs).toBe('10.244.0.5');
  });

  it('node → pod on another node with IP forwarding off on the target NIC is dropped there', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 2, forwarding: false });
    const r = traceFromNic(world, nics[0]!.id, { srcIp: '10.224.0.4', srcPort: 40000, dstIp: '10.244.1.7', dstPort: 8080, protocol: 'tcp' });
    expect(brief(r)).toEqual([
      [NSG_OUT, 'pass', 'Default rule AllowVnetOutBound (priority 65000) allows TCP 10.224.0.4:40000 → 10.244.1.7:8080.'],
      [ROUTES, 'pass', 'Route aks-nodepool1-12345678-vmss000001 (10.244.1.0/24) is the longest prefix matching 10.244.1.7: it sends the packet to the virtual appliance 10.224.0.5.'],
      [
        'aks-nodepool1-12345678-vmss000001 eth0',
        'drop',
        'The route sends 10.244.1.7 to 10.224.0.5 (NIC aks-nodepool1-12345678-vmss-nic-1), but IP forwarding is off on that NIC, so Azure drops a packet not addressed to it.',
      ],
    ]);
    expect(r.verdict).toBe('dropped');
  });

  it('a pod source on a NIC without IP forwarding is dropped as spoofed before it leaves', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 2, forwarding: false });
    const r = traceFromNic(world, nics[0]!.id, { srcIp: '10.244.0.5', srcPort: 40000, dstIp: '10.244.1.7', dstPort: 80, protocol: 'tcp' });
    expect(brief(r)).toEqual([
      ['aks-nodepool1-12345678-vmss000000 eth0', 'drop', 'Source 10.244.0.5 is not an address of NIC aks-nodepool1-12345678-vmss-nic-0 and IP forwarding is off on it, so Azure drops the packet as spoofed.'],
    ]);
    expect(r.verdict).toBe('dropped');
  });

  it('a pod CIDR with no node route is outside VirtualNetwork, so the default NSG rules deny it', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 2 });
    const r = traceFromNic(world, nics[0]!.id, { srcIp: '10.244.0.5', srcPort: 40000, dstIp: '10.244.7.9', dstPort: 53, protocol: 'udp' });
    expect(brief(r)).toEqual([[NSG_OUT, 'drop', 'Default rule DenyAllOutBound (priority 65500) denies UDP 10.244.0.5:40000 → 10.244.7.9:53.']]);
    expect(r.verdict).toBe('dropped');
  });

  it('without an NSG, a private address outside the VNet meets the system None route for 10.0.0.0/8', () => {
    const world = emptyWorld();
    vnet(world, 'v', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24' }]);
    const vm = nic(world, { name: 'vm-nic', subnet: subnetId('v', 's'), ip: '10.1.0.4' });
    const r = traceFromNic(world, vm.id, { srcIp: '10.1.0.4', srcPort: 40000, dstIp: '10.244.7.9', dstPort: 53, protocol: 'udp' });
    expect(brief(r)).toEqual([
      ['system routes (subnet s)', 'drop', 'System route 10.0.0.0/8 (None) is the longest prefix matching 10.244.7.9: the route table sends it to None, so Azure drops it.'],
    ]);
    expect(r.verdict).toBe('dropped');
  });

  it('a UDR to None drops internet traffic', () => {
    const world = emptyWorld();
    routeTable(world, 'blackhole', [{ name: 'no-internet', prefix: '0.0.0.0/0', type: 'None' }]);
    vnet(world, 'v', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24', routeTable: 'blackhole' }]);
    const vm = nic(world, { name: 'vm-nic', subnet: subnetId('v', 's'), ip: '10.1.0.4' });
    const r = traceFromNic(world, vm.id, { srcIp: '10.1.0.4', srcPort: 40000, dstIp: '8.8.8.8', dstPort: 443, protocol: 'tcp' });
    expect(brief(r)).toEqual([
      ['route table blackhole (subnet s)', 'drop', 'Route no-internet (0.0.0.0/0) is the longest prefix matching 8.8.8.8: the route table sends it to None, so Azure drops it.'],
    ]);
    expect(r.verdict).toBe('dropped');
  });

  it('a UDR to a virtual appliance address nobody owns loses the packet', () => {
    const world = emptyWorld();
    routeTable(world, 'rt', [{ name: 'via-nva', prefix: '0.0.0.0/0', type: 'VirtualAppliance', ip: '10.1.9.9' }]);
    vnet(world, 'v', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24', routeTable: 'rt' }]);
    const vm = nic(world, { name: 'vm-nic', subnet: subnetId('v', 's'), ip: '10.1.0.4' });
    const r = traceFromNic(world, vm.id, { srcIp: '10.1.0.4', srcPort: 40000, dstIp: '8.8.8.8', dstPort: 443, protocol: 'tcp' });
    expect(brief(r).at(-1)).toEqual([
      'virtual appliance 10.1.9.9',
      'drop',
      "The route's next hop 10.1.9.9 is not an address of any NIC or firewall, so Azure has nowhere to send the packet.",
    ]);
    expect(r.verdict).toBe('timed-out');
  });

  it('an address inside the VNet that nobody owns times out', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 1 });
    const r = traceFromNic(world, nics[0]!.id, { srcIp: '10.224.0.4', srcPort: 40000, dstIp: '10.224.3.3', dstPort: 22, protocol: 'tcp' });
    expect(brief(r).at(-1)).toEqual(['virtual network', 'drop', 'No NIC, load balancer or endpoint in the virtual network has the address 10.224.3.3; Azure drops the packet and the client waits.']);
    expect(r.verdict).toBe('timed-out');
  });
});
