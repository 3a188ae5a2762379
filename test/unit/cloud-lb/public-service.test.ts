import { describe, expect, it } from 'vitest';
import type { LoadBalancer, NetworkSecurityGroup, PublicIPAddress } from '../../../sandbox/model/azure/types.ts';
import { addService, eventsOf, getService, NODE_RG, settleLb, setEndpoints, threeNodeCluster } from './fixtures.ts';

const UID = '3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f';
const BASE = 'a3f2c1a9e8b7d4c6e9f102a3b4c5d6e7';

function lbOf(f: ReturnType<typeof threeNodeCluster>): LoadBalancer {
  return f.world.resource<LoadBalancer>(f.lbId)!;
}

describe('public LoadBalancer Service, externalTrafficPolicy Cluster', () => {
  const f = threeNodeCluster();
  addService(f, 'web', { uid: UID });
  setEndpoints(f, 'web', [{ node: 0, ip: '10.244.0.10' }]);
  const result = settleLb(f);
  const pipId = `/subscriptions/${f.sub}/resourceGroups/${NODE_RG}/providers/Microsoft.Network/publicIPAddresses/kubernetes-${BASE}`;
  const fipId = `${f.lbId}/frontendIPConfigurations/${BASE}`;

  it('settles in two rounds (one to act, one to see nothing left to do)', () => {
    expect(result).toEqual({ rounds: 2, settled: true });
  });

  it('creates kubernetes-<base> in the node resource group, Standard and Static, tagged for the service and cluster', () => {
    const pip = f.world.resource<PublicIPAddress>(pipId)!;
    expect(pip.name).toBe(`kubernetes-${BASE}`);
    expect(pip.resourceGroup).toBe(NODE_RG);
    expect(pip.tags).toEqual({ 'k8s-azure-cluster-name': 'kubernetes', 'k8s-azure-service': 'default/web' });
    expect(pip.sku).toEqual({ name: 'Standard', tier: 'Regional' });
    expect(pip.publicIPAllocationMethod).toBe('Static');
    expect(pip.zones).toEqual(['1', '2', '3']);
    expect(pip.ipAddress).toBe('40.88.208.226');
    expect(pip.ipConfiguration).toEqual({ id: fipId });
  });

  it('adds a frontend named after the service on LB kubernetes, keeping the outbound frontend first', () => {
    const lb = lbOf(f);
    expect(lb.frontendIPConfigurations.map((x) => x.name)).toEqual(['5d0c1c2e-0000-4000-8000-000000000001', BASE]);
    const fip = lb.frontendIPConfigurations[1]!;
    expect(fip.id).toBe(fipId);
    expect(fip.publicIPAddress).toEqual({ id: pipId });
    expect(fip.loadBalancingRules).toEqual([{ id: `${f.lbId}/loadBalancingRules/${BASE}-TCP-80` }]);
  });

  it('adds one rule per port with floating IP, TCP reset, 4-minute idle timeout and outbound SNAT disabled', () => {
    const lb = lbOf(f);
    expect(lb.loadBalancingRules).toHaveLength(1);
    const rule = lb.loadBalancingRules[0]!;
    expect(rule).toMatchObject({
      name: `${BASE}-TCP-80`,
      protocol: 'Tcp',
      frontendPort: 80,
      backendPort: 80,
      enableFloatingIP: true,
      enableTcpReset: true,
      idleTimeoutInMinutes: 4,
      loadDistribution: 'Default',
      disableOutboundSnat: true,
      frontendIPConfiguration: { id: fipId },
      backendAddressPool: { id: `${f.lbId}/backendAddressPools/kubernetes` },
      backendAddressPools: [{ id: `${f.lbId}/backendAddressPools/kubernetes` }],
      probe: { id: `${f.lbId}/probes/${BASE}-TCP-80` },
    });
  });

  it('probes TCP on the nodePort every 5 s, 2 probes', () => {
    const probe = lbOf(f).probes[0]!;
    expect(lbOf(f).probes).toHaveLength(1);
    expect(probe).toMatchObject({ name: `${BASE}-TCP-80`, protocol: 'Tcp', port: 31000, intervalInSeconds: 5, probeThreshold: 2, numberOfProbes: 2 });
    expect(probe.requestPath).toBeUndefined();
    expect(probe.loadBalancingRules).toEqual([{ id: `${f.lbId}/loadBalancingRules/${BASE}-TCP-80` }]);
  });

  it('back-references the rule from the kubernetes pool only', () => {
    const [inbound, outbound] = lbOf(f).backendAddressPools;
    expect(inbound!.loadBalancingRules).toEqual([{ id: `${f.lbId}/loadBalancingRules/${BASE}-TCP-80` }]);
    expect(outbound!.loadBalancingRules).toBeUndefined();
  });

  it('opens the frontend IP and port from Internet on the cluster NSG at priority 500', () => {
    const rules = f.world.resource<NetworkSecurityGroup>(f.nsgId)!.securityRules;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      // md5("Tcp_Internet_80")
      name: 'k8s-azure-lb_allow_IPv4_d39272f7f57ed937951650d93992ad77',
      priority: 500,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefix: 'Internet',
      sourcePortRange: '*',
      destinationAddressPrefix: '40.88.208.226',
      destinationPortRanges: ['80'],
    });
  });

  it('writes the ingress IP with ipMode VIP, adds the cleanup finalizer and records the events', () => {
    const svc = getService(f, 'web')!;
    expect(svc.status.loadBalancer).toEqual({ ingress: [{ ip: '40.88.208.226', ipMode: 'VIP' }] });
    expect(svc.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    expect(eventsOf(f, 'web')).toEqual(['Normal EnsuringLoadBalancer: Ensuring load balancer', 'Normal EnsuredLoadBalancer: Ensured load balancer']);
  });

  it('is idempotent: settling again does nothing', () => {
    const before = JSON.stringify(f.world.state.resources);
    expect(settleLb(f)).toEqual({ rounds: 1, settled: true });
    expect(JSON.stringify(f.world.state.resources)).toBe(before);
    expect(eventsOf(f, 'web')).toHaveLength(2);
  });
});

describe('Service changes', () => {
  it('a new port adds a rule and a probe, and the NSG rule is replaced by one for both ports', () => {
    const f = threeNodeCluster();
    addService(f, 'web', { uid: UID });
    settleLb(f);
    const svc = structuredClone(getService(f, 'web')!);
    svc.spec.ports.push({ name: 'https', protocol: 'TCP', port: 443, targetPort: 8443, nodePort: 31443 });
    svc.spec.ports[0]!.name = 'http';
    f.world.k8sPut(f.clusterId, svc);
    settleLb(f);
    const lb = lbOf(f);
    expect(lb.loadBalancingRules.map((r) => r.name)).toEqual([`${BASE}-TCP-80`, `${BASE}-TCP-443`]);
    expect(lb.probes.map((p) => [p.name, p.port])).toEqual([
      [`${BASE}-TCP-80`, 31000],
      [`${BASE}-TCP-443`, 31443],
    ]);
    const rules = f.world.resource<NetworkSecurityGroup>(f.nsgId)!.securityRules;
    // The old single-port rule kept its priority until this sync finished, so the new one takes 501.
    expect(rules.map((r) => [r.priority, r.destinationPortRanges])).toEqual([[501, ['443', '80']]]);
    expect(eventsOf(f, 'web')).toEqual(['Normal EnsuringLoadBalancer: Ensuring load balancer (x2)', 'Normal EnsuredLoadBalancer: Ensured load balancer (x2)']);
  });

  it('waits for node ports before touching Azure', () => {
    const f = threeNodeCluster();
    const svc = addService(f, 'web', { uid: UID });
    const copy = structuredClone(svc);
    delete copy.spec.ports[0]!.nodePort;
    f.world.k8sPut(f.clusterId, copy);
    expect(settleLb(f)).toEqual({ rounds: 1, settled: true });
    expect(lbOf(f).frontendIPConfigurations).toHaveLength(1);
    expect(eventsOf(f, 'web')).toEqual([]);
  });

  it('ignores a Service with a loadBalancerClass', () => {
    const f = threeNodeCluster();
    const svc = structuredClone(addService(f, 'web', { uid: UID }));
    svc.spec.loadBalancerClass = 'example.com/other';
    f.world.k8sPut(f.clusterId, svc);
    expect(settleLb(f)).toEqual({ rounds: 1, settled: true });
    expect(getService(f, 'web')!.status.loadBalancer).toEqual({});
  });
});
