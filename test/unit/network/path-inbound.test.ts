// Golden traces for traffic arriving from the internet: a LoadBalancer Service frontend with its
// probes, an instance public IP, addresses that accept nothing.
import { describe, expect, it } from 'vitest';
import type { LoadBalancer, Probe } from '../../../sandbox/model/azure/types.ts';
import { traceFromInternet, traceFromMachine, traceFromNic } from '../../../sandbox/network/azure-path.ts';
import type { AzurePathResult } from '../../../sandbox/network/walk.ts';
import { emptyWorld, machine, natGateway, nic, publicIp, subnetId, vnet, type RuleSpec } from './fixtures.ts';
import { NODE_PORT, SERVICE_IP, SERVICE_RULE, aksKubenet, nodeIp } from './fixtures-aks.ts';

const brief = (r: AzurePathResult) => r.hops.map((h) => [h.at, h.decision, h.reason]);
const LB_AT = 'load balancer kubernetes (frontend a1b2c3d4e5f60718293a4b5c6d7e8f90)';
const NSG_IN = 'NSG aks-agentpool-12345678-nsg (subnet aks-subnet, inbound)';
const allowService: RuleSpec = { name: 'k8s-azure-lb_allow_IPv4_0b1c', priority: 500, protocol: 'Tcp', source: 'Internet', destination: SERVICE_IP, ports: '80' };
const client = { srcIp: '203.0.113.50', srcPort: 50000, dstIp: SERVICE_IP, dstPort: 80, protocol: 'tcp' as const };

describe('inbound through the service load balancer', () => {
  it('reaches a healthy node with the frontend IP kept (floating IP), after the NSG allows it', () => {
    const world = emptyWorld();
    aksKubenet(world, { nodes: 3, service: {}, nsgRules: [allowService] });
    const r = traceFromInternet(world, client);
    expect(brief(r)).toEqual([
      [
        LB_AT,
        'pass',
        `Rule ${SERVICE_RULE} (Tcp 80 → 80) picks backend 10.224.0.6 (aks-nodepool1-12345678-vmss000002) out of 3 healthy of 3; floating IP is on, so the packet keeps destination ${SERVICE_IP}.`,
      ],
      [NSG_IN, 'pass', `Rule k8s-azure-lb_allow_IPv4_0b1c (priority 500) allows TCP 203.0.113.50:50000 → ${SERVICE_IP}:80.`],
      [
        'aks-nodepool1-12345678-vmss000002 eth0',
        'deliver',
        `NIC aks-nodepool1-12345678-vmss-nic-2 receives TCP 203.0.113.50:50000 → ${SERVICE_IP}:80: the load balancer delivers it with the frontend address ${SERVICE_IP} unchanged (floating IP).`,
      ],
    ]);
    expect(r.verdict).toBe('delivered');
    expect(r.delivery).toMatchObject({ kind: 'nic', host: 'aks-nodepool1-12345678-vmss000002', forwarded: false, viaLoadBalancer: { rule: SERVICE_RULE, frontendIp: SERVICE_IP, floatingIp: true } });
    expect([r.finalDestination, r.sourceSeenAs]).toEqual([{ ip: SERVICE_IP, port: 80 }, '203.0.113.50']);
  });

  it('asks the probe callback and only uses backends that are Up', () => {
    const world = emptyWorld();
    aksKubenet(world, { nodes: 3, service: {}, nsgRules: [allowService] });
    const asked: string[] = [];
    const probeState = (lb: LoadBalancer, probe: Probe, ip: string) => {
      asked.push(`${lb.name} ${probe.port} ${ip}`);
      return ip === nodeIp(1) ? ('Up' as const) : ('Down' as const);
    };
    const r = traceFromInternet(world, client, { probeState });
    expect(asked).toEqual([`kubernetes ${NODE_PORT} 10.224.0.4`, `kubernetes ${NODE_PORT} 10.224.0.5`, `kubernetes ${NODE_PORT} 10.224.0.6`]);
    expect(r.hops[0]!.reason).toContain('picks backend 10.224.0.5 (aks-nodepool1-12345678-vmss000001) out of 1 healthy of 3');
    expect(r.verdict).toBe('delivered');
  });

  it('times out when every probe is down', () => {
    const world = emptyWorld();
    aksKubenet(world, { nodes: 2, service: {}, nsgRules: [allowService] });
    const r = traceFromInternet(world, client, { probeState: () => 'Down' });
    expect(brief(r)).toEqual([
      [LB_AT, 'drop', `Rule ${SERVICE_RULE} matches, but all 2 backends fail the health probe, so the load balancer has nowhere to send the flow.`],
    ]);
    expect(r.verdict).toBe('timed-out');
  });

  it('an NSG that blocks AzureLoadBalancer makes every probe fail', () => {
    const world = emptyWorld();
    aksKubenet(world, { nodes: 2, service: {}, nsgRules: [allowService, { name: 'deny-probes', priority: 100, access: 'Deny', source: 'AzureLoadBalancer' }] });
    const r = traceFromInternet(world, client);
    expect(brief(r)).toEqual([
      [LB_AT, 'drop', `Rule ${SERVICE_RULE} matches, but all 2 backends fail the health probe (an NSG blocks the probes from 168.63.129.16 on some), so the load balancer has nowhere to send the flow.`],
    ]);
  });

  it('without an NSG rule for the service, the default DenyAllInBound drops it at the node', () => {
    const world = emptyWorld();
    aksKubenet(world, { nodes: 1, service: {} });
    const r = traceFromInternet(world, client);
    expect(brief(r).at(-1)).toEqual([NSG_IN, 'drop', `Default rule DenyAllInBound (priority 65500) denies TCP 203.0.113.50:50000 → ${SERVICE_IP}:80.`]);
    expect(r.verdict).toBe('dropped');
  });

  it('a port with no load-balancing rule is dropped silently by the Standard LB', () => {
    const world = emptyWorld();
    aksKubenet(world, { nodes: 1, service: {}, nsgRules: [allowService] });
    const r = traceFromInternet(world, { ...client, dstPort: 443 });
    expect(brief(r)).toEqual([[LB_AT, 'drop', `No load-balancing rule on frontend a1b2c3d4e5f60718293a4b5c6d7e8f90 (${SERVICE_IP}) matches TCP port 443; a Standard load balancer drops such packets silently.`]]);
    expect(r.verdict).toBe('timed-out');
  });

  it('without floating IP the load balancer rewrites the destination to the backend', () => {
    const world = emptyWorld();
    aksKubenet(world, { nodes: 1, service: { floatingIp: false }, nsgRules: [{ ...allowService, destination: '10.224.0.0/16' }] });
    const r = traceFromInternet(world, client);
    expect(r.hops[0]).toMatchObject({ decision: 'rewrite', details: { after: 'TCP 203.0.113.50:50000 → 10.224.0.4:80' } });
    expect(r.hops[0]!.reason).toContain('the destination becomes 10.224.0.4:80.');
    expect(r.finalDestination).toEqual({ ip: '10.224.0.4', port: 80 });
  });

  it('a pod calling its own service public IP leaves through SNAT and comes back through the LB', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 2, service: {}, nsgRules: [allowService] });
    const r = traceFromNic(world, nics[0]!.id, { srcIp: '10.224.0.4', srcPort: 40000, dstIp: SERVICE_IP, dstPort: 80, protocol: 'tcp' });
    expect(r.hops.map((h) => h.action)).toEqual(['nsg', 'route', 'snat', 'lb', 'nsg', 'deliver']);
    expect([r.verdict, r.sourceSeenAs]).toEqual(['delivered', '20.50.0.10']);
  });
});

describe('other public addresses', () => {
  it('an instance public IP is translated 1:1 to the NIC address', () => {
    const world = emptyWorld();
    vnet(world, 'v', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24' }]);
    publicIp(world, 'jump-pip', '20.91.0.8');
    nic(world, { name: 'jump-nic', subnet: subnetId('v', 's'), ip: '10.1.0.4', publicIp: 'jump-pip' });
    const r = traceFromInternet(world, { srcIp: '198.51.100.4', srcPort: 50000, dstIp: '20.91.0.8', dstPort: 22, protocol: 'tcp' });
    expect(brief(r)).toEqual([
      ['public IP jump-pip', 'rewrite', 'Public IP jump-pip (20.91.0.8) belongs to ip configuration ipconfig1 of NIC jump-nic; Azure translates the destination to 10.1.0.4.'],
      ['jump-nic eth0', 'deliver', 'NIC jump-nic receives TCP 198.51.100.4:50000 → 10.1.0.4:22: 10.1.0.4 is an address of this NIC.'],
    ]);
  });

  it('NAT gateway and unattached public IPs accept nothing', () => {
    const world = emptyWorld();
    publicIp(world, 'natgw-ip', '20.90.0.7');
    publicIp(world, 'spare', '20.90.0.8');
    natGateway(world, 'gw', ['natgw-ip'], []);
    const nat = traceFromInternet(world, { srcIp: '198.51.100.4', dstIp: '20.90.0.7', dstPort: 443, protocol: 'tcp' });
    expect(brief(nat)).toEqual([['public IP natgw-ip', 'drop', '20.90.0.7 is an address of NAT gateway gw, which only lets in replies to connections started from inside.']]);
    const spare = traceFromInternet(world, { srcIp: '198.51.100.4', dstIp: '20.90.0.8', dstPort: 443, protocol: 'tcp' });
    expect(brief(spare)).toEqual([['public IP spare', 'drop', 'Public IP spare (20.90.0.8) is not attached to anything, so nothing answers.']]);
    expect([nat.verdict, spare.verdict]).toEqual(['timed-out', 'timed-out']);
  });

  it('the workstation reaches public addresses but not private ones', () => {
    const world = emptyWorld();
    aksKubenet(world, { nodes: 1, service: {}, nsgRules: [allowService] });
    const laptop = machine(world, { id: 'workstation', kind: 'workstation', hostname: 'workstation', publicIp: '198.51.100.23' });
    const ok = traceFromMachine(world, laptop, { srcPort: 50000, dstIp: SERVICE_IP, dstPort: 80, protocol: 'tcp' });
    expect(ok.hops[0]).toMatchObject({ at: 'workstation', decision: 'pass', reason: `workstation sends TCP 198.51.100.23:50000 → ${SERVICE_IP}:80 over the internet from its public address 198.51.100.23.` });
    expect(ok.verdict).toBe('delivered');
    const no = traceFromMachine(world, laptop, { dstIp: '10.224.0.4', dstPort: 22, protocol: 'tcp' });
    expect(brief(no)).toEqual([['workstation', 'drop', 'workstation is outside Azure; the private address 10.224.0.4 is not reachable from there.']]);
    expect(no.verdict).toBe('timed-out');
  });
});
