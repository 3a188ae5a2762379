// Golden traces for traffic leaving for the internet: which public IP SNAT picks, the SNAT port
// budget, and a UDR 0.0.0.0/0 through Azure Firewall.
import { describe, expect, it } from 'vitest';
import { traceFromNic } from '../../../sandbox/network/azure-path.ts';
import { automaticPortsPerInstance } from '../../../sandbox/network/snat.ts';
import type { AzurePathResult } from '../../../sandbox/network/walk.ts';
import { emptyWorld, firewall, natGateway, nic, publicIp, routeTable, subnetId, vnet } from './fixtures.ts';
import { OUTBOUND_IP, SUBNET, VNET, aksKubenet } from './fixtures-aks.ts';

const brief = (r: AzurePathResult) => r.hops.map((h) => [h.at, h.decision, h.reason]);
const web = { srcPort: 40000, dstIp: '93.184.216.34', dstPort: 443, protocol: 'tcp' as const };

describe('outbound SNAT', () => {
  it('a node in the LB outbound pool leaves from the outbound rule frontend IP', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 3 });
    const r = traceFromNic(world, nics[0]!.id, { srcIp: '10.224.0.4', ...web });
    expect(brief(r).slice(1)).toEqual([
      ['system routes (subnet aks-subnet)', 'pass', 'System route 0.0.0.0/0 (Internet) is the longest prefix matching 93.184.216.34: it leaves for the internet.'],
      [
        'load balancer kubernetes (outbound rule aksOutboundRule)',
        'rewrite',
        'Ip configuration ipconfig1 of NIC aks-nodepool1-12345678-vmss-nic-0 is in backend pool aksOutboundBackendPool of load balancer kubernetes; rule aksOutboundRule translates 10.224.0.4 to 20.50.0.10 (1024 SNAT ports per instance, the automatic allocation for a backend pool of 3, 0 in use).',
      ],
      ['internet', 'deliver', `93.184.216.34 is a host on the internet; the flow reaches it from ${OUTBOUND_IP}.`],
    ]);
    expect([r.verdict, r.sourceSeenAs]).toEqual(['delivered', OUTBOUND_IP]);
    expect(r.delivery).toEqual({ kind: 'internet' });
  });

  it('a NAT gateway on the subnet beats the load balancer', () => {
    const world = emptyWorld();
    publicIp(world, 'natgw-ip', '20.90.0.7');
    natGateway(world, 'aks-natgw', ['natgw-ip'], [subnetId(VNET, SUBNET)]);
    const { nics } = aksKubenet(world, { nodes: 2 });
    const r = traceFromNic(world, nics[1]!.id, { srcIp: '10.224.0.5', ...web });
    expect(brief(r)[2]).toEqual([
      'NAT gateway aks-natgw',
      'rewrite',
      'NAT gateway aks-natgw is attached to subnet aks-subnet, so it translates 10.224.0.5 to its public IP 20.90.0.7 (a NAT gateway takes precedence over instance public IPs and load balancer outbound rules).',
    ]);
    expect(r.sourceSeenAs).toBe('20.90.0.7');
  });

  it('an instance-level public IP beats the load balancer and keeps the port', () => {
    const world = emptyWorld();
    vnet(world, 'v', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24' }]);
    publicIp(world, 'vm-pip', '20.91.0.8');
    const vm = nic(world, { name: 'vm-nic', subnet: subnetId('v', 's'), ip: '10.1.0.4', publicIp: 'vm-pip' });
    const r = traceFromNic(world, vm.id, { srcIp: '10.1.0.4', ...web });
    expect(brief(r)[1]).toEqual(['public IP vm-pip', 'rewrite', 'Ip configuration ipconfig1 of NIC vm-nic has its own public IP vm-pip, so Azure translates 10.1.0.4 to 20.91.0.8.']);
    expect(r.hops[1]!.details).toMatchObject({ after: 'TCP 20.91.0.8:40000 → 93.184.216.34:443' });
  });

  it('with no NAT gateway, public IP or LB pool there is no way out', () => {
    const world = emptyWorld();
    vnet(world, 'v', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24' }]);
    const vm = nic(world, { name: 'vm-nic', subnet: subnetId('v', 's'), ip: '10.1.0.4' });
    const r = traceFromNic(world, vm.id, { srcIp: '10.1.0.4', ...web });
    expect(brief(r).at(-1)).toEqual([
      'subnet s',
      'drop',
      'The route leads to the internet, but subnet s has no NAT gateway, NIC vm-nic has no public IP and is in no load balancer pool with outbound SNAT: nothing translates 10.1.0.4 to a public address, so the connection times out.',
    ]);
    expect(r.verdict).toBe('timed-out');
  });

  it('a node past its SNAT port budget cannot open new connections; others still can', () => {
    const world = emptyWorld();
    world.state.conditions['snatUsage'] = { '10.224.0.4': 1100, '10.224.0.5': 300 };
    const { nics } = aksKubenet(world, { nodes: 3 });
    const busy = traceFromNic(world, nics[0]!.id, { srcIp: '10.224.0.4', ...web });
    expect(brief(busy).at(-1)).toEqual([
      'load balancer kubernetes (outbound rule aksOutboundRule)',
      'drop',
      'Ip configuration ipconfig1 of NIC aks-nodepool1-12345678-vmss-nic-0 is in backend pool aksOutboundBackendPool of load balancer kubernetes, but 10.224.0.4 already uses 1100 of its 1024 SNAT ports per instance, the automatic allocation for a backend pool of 3; the new connection gets no SNAT port and its packets are dropped.',
    ]);
    expect(busy.verdict).toBe('timed-out');
    const calm = traceFromNic(world, nics[1]!.id, { srcIp: '10.224.0.5', ...web });
    expect([calm.verdict, calm.hops[2]!.details?.['used']]).toEqual(['delivered', '300']);
  });

  it('allocatedOutboundPorts overrides the automatic budget', () => {
    const world = emptyWorld();
    world.state.conditions['snatUsage'] = { '10.224.0.4': 1100 };
    const { nics } = aksKubenet(world, { nodes: 3, allocatedOutboundPorts: 4000 });
    const r = traceFromNic(world, nics[0]!.id, { srcIp: '10.224.0.4', ...web });
    expect(r.verdict).toBe('delivered');
    expect(r.hops[2]!.reason).toContain('(4000 SNAT ports per instance, 1100 in use)');
  });

  it('follows the automatic port table by pool size', () => {
    expect([1, 50, 51, 100, 101, 200, 201, 400, 401, 800, 801, 1000].map(automaticPortsPerInstance)).toEqual([1024, 1024, 512, 512, 256, 256, 128, 128, 64, 64, 32, 32]);
  });
});

describe('UDR 0.0.0.0/0 through Azure Firewall', () => {
  function egressWorld() {
    const world = emptyWorld();
    routeTable(world, 'aks-egress', [{ name: 'to-firewall', prefix: '0.0.0.0/0', type: 'VirtualAppliance', ip: '10.42.0.4' }]);
    vnet(world, 'egress-vnet', ['10.42.0.0/16'], [
      { name: 'AzureFirewallSubnet', prefix: '10.42.0.0/26' },
      { name: 'aks', prefix: '10.42.1.0/24', routeTable: 'aks-egress' },
    ]);
    publicIp(world, 'fw-ip', '20.60.0.1');
    firewall(world, 'aks-fw', {
      privateIp: '10.42.0.4',
      publicIp: 'fw-ip',
      subnet: subnetId('egress-vnet', 'AzureFirewallSubnet'),
      network: [{ name: 'time', priority: 200, action: 'Allow', rules: [{ name: 'ntp', protocols: ['UDP'], sourceAddresses: ['10.42.1.0/24'], destinationAddresses: ['*'], destinationFqdns: [], destinationPorts: ['123'] }] }],
      application: [
        { name: 'blocked', priority: 100, action: 'Deny', rules: [{ name: 'no-gambling', sourceAddresses: ['*'], targetFqdns: ['*.casino.example'], fqdnTags: [], protocols: [{ protocolType: 'Https', port: 443 }] }] },
        {
          name: 'aks-egress',
          priority: 300,
          action: 'Allow',
          rules: [
            { name: 'ubuntu', sourceAddresses: ['10.42.1.0/24'], targetFqdns: ['*.ubuntu.com'], fqdnTags: [], protocols: [{ protocolType: 'Http', port: 80 }, { protocolType: 'Https', port: 443 }] },
            { name: 'aks-required', sourceAddresses: ['10.42.1.0/24'], targetFqdns: [], fqdnTags: ['AzureKubernetesService'], protocols: [{ protocolType: 'Https', port: 443 }] },
          ],
        },
      ],
    });
    const node = nic(world, { name: 'node-nic', subnet: subnetId('egress-vnet', 'aks'), ip: '10.42.1.4' });
    return { world, node };
  }

  it('an allowed FQDN leaves from the firewall public IP', () => {
    const { world, node } = egressWorld();
    const r = traceFromNic(world, node.id, { srcIp: '10.42.1.4', srcPort: 40000, dstIp: '91.189.91.81', dstPort: 443, protocol: 'tcp', host: 'archive.ubuntu.com' });
    expect(brief(r)).toEqual([
      ['route table aks-egress (subnet aks)', 'pass', 'Route to-firewall (0.0.0.0/0) is the longest prefix matching 91.189.91.81: it sends the packet to the virtual appliance 10.42.0.4.'],
      ['Azure Firewall aks-fw', 'pass', 'Rule ubuntu in application rule collection aks-egress (priority 300) allows archive.ubuntu.com (91.189.91.81:443).'],
      ['Azure Firewall aks-fw', 'rewrite', 'Azure Firewall aks-fw sends it to the internet from its public IP 20.60.0.1.'],
      ['internet', 'deliver', '91.189.91.81 is a host on the internet; the flow reaches it from 20.60.0.1.'],
    ]);
    expect([r.verdict, r.sourceSeenAs]).toEqual(['delivered', '20.60.0.1']);
  });

  it('the AzureKubernetesService FQDN tag covers the API server and MCR', () => {
    const { world, node } = egressWorld();
    for (const host of ['aks1-abc.hcp.westeurope.azmk8s.io', 'mcr.microsoft.com', 'westeurope.data.mcr.microsoft.com']) {
      const r = traceFromNic(world, node.id, { srcIp: '10.42.1.4', dstIp: '20.1.1.1', dstPort: 443, protocol: 'tcp', host });
      expect([host, r.verdict, r.hops[1]!.reason]).toEqual([host, 'delivered', `Rule aks-required in application rule collection aks-egress (priority 300) allows ${host} (20.1.1.1:443).`]);
    }
  });

  it('an FQDN no rule allows is denied: HTTPS is reset, HTTP gets a 470 answer', () => {
    const { world, node } = egressWorld();
    const tls = traceFromNic(world, node.id, { srcIp: '10.42.1.4', srcPort: 40000, dstIp: '93.184.216.34', dstPort: 443, protocol: 'tcp', host: 'example.com' });
    expect(brief(tls).at(-1)).toEqual([
      'Azure Firewall aks-fw',
      'drop',
      'No network or application rule matches example.com (93.184.216.34:443), so the firewall denies it by default; it answers the client itself (connection reset during the TLS handshake).',
    ]);
    expect([tls.verdict, tls.answer]).toEqual(['refused', 'connection reset during the TLS handshake']);
    const http = traceFromNic(world, node.id, { srcIp: '10.42.1.4', srcPort: 40000, dstIp: '93.184.216.34', dstPort: 80, protocol: 'tcp', host: 'example.com' });
    expect([http.verdict, http.answer]).toEqual(['refused', 'HTTP 470 Action: Deny. Reason: No rule matched. Proceeding with default action.']);
    const denied = traceFromNic(world, node.id, { srcIp: '10.42.1.4', dstIp: '93.184.216.35', dstPort: 443, protocol: 'tcp', host: 'www.casino.example' });
    expect(denied.hops[1]!.reason).toBe('Rule no-gambling in application rule collection blocked (priority 100) denies www.casino.example (93.184.216.35:443); it answers the client itself (connection reset during the TLS handshake).');
  });

  it('network rules decide non-web traffic; anything else is dropped silently', () => {
    const { world, node } = egressWorld();
    const ntp = traceFromNic(world, node.id, { srcIp: '10.42.1.4', srcPort: 40000, dstIp: '162.159.200.1', dstPort: 123, protocol: 'udp' });
    expect([ntp.verdict, ntp.hops[1]!.reason]).toEqual(['delivered', 'Rule ntp in network rule collection time (priority 200) allows UDP 10.42.1.4:40000 → 162.159.200.1:123.']);
    const dns = traceFromNic(world, node.id, { srcIp: '10.42.1.4', srcPort: 40000, dstIp: '8.8.8.8', dstPort: 53, protocol: 'udp' });
    expect(brief(dns).at(-1)).toEqual(['Azure Firewall aks-fw', 'drop', 'No network or application rule matches UDP 10.42.1.4:40000 → 8.8.8.8:53, so the firewall denies it by default.']);
    expect(dns.verdict).toBe('dropped');
  });
});
