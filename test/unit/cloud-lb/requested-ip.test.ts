import { describe, expect, it } from 'vitest';
import type { LoadBalancer, PublicIPAddress } from '../../../sandbox/model/azure/types.ts';
import { newPublicIp } from '../../../sandbox/model/azure/factories.ts';
import { addService, eventsOf, getService, LOCATION, NODE_RG, OUTBOUND_IP, settleLb, threeNodeCluster } from './fixtures.ts';

const UID_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const UID_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const BASE_A = 'aaaaaaaaa00004000800000000000000';
const MISSING =
  'Warning SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: findMatchedPIPByLoadBalancerIP: ' +
  'cannot find public IP with IP address 52.226.1.2 in resource group MC_rg_aks_eastus: getExpectedPIPFromListByIPAddress: cannot find public IP with IP address 52.226.1.2';

function userPip(f: ReturnType<typeof threeNodeCluster>, name: string, ip: string, rg = NODE_RG): PublicIPAddress {
  const pip = newPublicIp({ subscriptionId: f.sub, resourceGroup: rg, name, location: LOCATION, ipAddress: ip });
  f.world.putResource(pip);
  return pip;
}

describe('a requested public IP that does not exist', () => {
  const f = threeNodeCluster();
  addService(f, 'web', { uid: UID_A, loadBalancerIP: '52.226.1.2' });
  const lbBefore = JSON.stringify(f.world.resource(f.lbId));
  settleLb(f);

  it('fails with CPA\'s message and leaves EXTERNAL-IP pending and Azure untouched', () => {
    expect(eventsOf(f, 'web')).toEqual(['Normal EnsuringLoadBalancer: Ensuring load balancer', MISSING]);
    expect(getService(f, 'web')!.status.loadBalancer).toEqual({});
    expect(getService(f, 'web')!.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    expect(JSON.stringify(f.world.resource(f.lbId))).toBe(lbBefore);
    expect(f.world.resourcesOfType('Microsoft.Network/publicIPAddresses')).toHaveLength(1);
  });

  it('does not retry within the same instant (settling again is a no-op)', () => {
    expect(settleLb(f)).toEqual({ rounds: 1, settled: true });
  });

  it('retries with the service controller backoff (5 s, 10 s, 20 s ...) as time passes', () => {
    f.world.advance(4_000);
    settleLb(f);
    expect(eventsOf(f, 'web')).toEqual(['Normal EnsuringLoadBalancer: Ensuring load balancer', MISSING]);
    f.world.advance(1_000); // t = 5 s: first retry
    settleLb(f);
    expect(eventsOf(f, 'web')).toEqual(['Normal EnsuringLoadBalancer: Ensuring load balancer (x2)', `${MISSING} (x2)`]);
    f.world.advance(30_000); // t = 35 s: retries at 15 s and 35 s
    settleLb(f);
    expect(eventsOf(f, 'web')).toEqual(['Normal EnsuringLoadBalancer: Ensuring load balancer (x4)', `${MISSING} (x4)`]);
  });

  it('succeeds at the next retry once the public IP exists, without deleting it later', () => {
    userPip(f, 'my-static-ip', '52.226.1.2');
    settleLb(f);
    expect(getService(f, 'web')!.status.loadBalancer).toEqual({});
    f.world.advance(60_000);
    settleLb(f);
    expect(getService(f, 'web')!.status.loadBalancer).toEqual({ ingress: [{ ip: '52.226.1.2', ipMode: 'VIP' }] });
    const lb = f.world.resource<LoadBalancer>(f.lbId)!;
    const pipId = `/subscriptions/${f.sub}/resourceGroups/${NODE_RG}/providers/Microsoft.Network/publicIPAddresses/my-static-ip`;
    expect(lb.frontendIPConfigurations[1]).toMatchObject({ name: BASE_A, publicIPAddress: { id: pipId } });
    const pip = f.world.resource<PublicIPAddress>(lb.frontendIPConfigurations[1]!.publicIPAddress!.id)!;
    // A user's public IP gets no service tags.
    expect(pip.tags).toBeNull();
    expect(eventsOf(f, 'web').at(-1)).toBe('Normal EnsuredLoadBalancer: Ensured load balancer');
  });
});

describe('public IP selection', () => {
  it('rejects a private address with the validation message', () => {
    const f = threeNodeCluster();
    addService(f, 'web', { uid: UID_A, annotations: { 'service.beta.kubernetes.io/azure-load-balancer-ipv4': '10.1.2.3' } });
    settleLb(f);
    expect(eventsOf(f, 'web')[1]).toBe(
      'Warning SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: external Service "default/web" cannot use non-public LoadBalancer IP "10.1.2.3"; use an internal LoadBalancer annotation or a valid Azure Public IP address',
    );
  });

  it('azure-pip-name must name an existing public IP', () => {
    const f = threeNodeCluster();
    addService(f, 'web', { uid: UID_A, annotations: { 'service.beta.kubernetes.io/azure-pip-name': 'my-pip' } });
    settleLb(f);
    expect(eventsOf(f, 'web')[1]).toBe(
      "Warning SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: PublicIP from annotation azure-pip-name(-IPv6)=my-pip for service default/web doesn't exist",
    );
  });

  it('azure-pip-name and azure-load-balancer-ipv4 pick existing public IPs, which stay untagged', () => {
    const f = threeNodeCluster();
    const byName = userPip(f, 'my-pip', '52.226.5.5');
    const byIp = userPip(f, 'other-pip', '52.226.6.6');
    addService(f, 'named', { uid: UID_A, annotations: { 'service.beta.kubernetes.io/azure-pip-name': 'my-pip' } });
    addService(f, 'pinned', { uid: UID_B, annotations: { 'service.beta.kubernetes.io/azure-load-balancer-ipv4': '52.226.6.6' } });
    settleLb(f);
    expect(getService(f, 'named')!.status.loadBalancer.ingress).toEqual([{ ip: '52.226.5.5', ipMode: 'VIP' }]);
    expect(getService(f, 'pinned')!.status.loadBalancer.ingress).toEqual([{ ip: '52.226.6.6', ipMode: 'VIP' }]);
    expect(f.world.resource<PublicIPAddress>(byName.id)!.tags).toBeNull();
    expect(f.world.resource<PublicIPAddress>(byIp.id)!.ipConfiguration).toEqual({ id: `${f.lbId}/frontendIPConfigurations/abbbbbbbb00004000800000000000000` });
    // Only the outbound IP and the two user IPs exist: nothing was created.
    expect(f.world.resourcesOfType('Microsoft.Network/publicIPAddresses')).toHaveLength(3);
  });

  it('finds the IP in azure-load-balancer-resource-group', () => {
    const f = threeNodeCluster();
    const pip = userPip(f, 'shared-ip', '52.226.7.7', 'rg');
    addService(f, 'web', { uid: UID_A, loadBalancerIP: '52.226.7.7', annotations: { 'service.beta.kubernetes.io/azure-load-balancer-resource-group': 'rg' } });
    settleLb(f);
    expect(f.world.resource<LoadBalancer>(f.lbId)!.frontendIPConfigurations[1]!.publicIPAddress).toEqual({ id: pip.id });
    expect(f.world.resource<PublicIPAddress>(pip.id)!.ipConfiguration).toEqual({ id: `${f.lbId}/frontendIPConfigurations/${BASE_A}` });
  });

  it('refuses a public IP another resource holds', () => {
    const f = threeNodeCluster();
    const pip = userPip(f, 'vm-ip', '52.226.8.8');
    pip.ipConfiguration = { id: `/subscriptions/${f.sub}/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/vm1-nic/ipConfigurations/ipconfig1` };
    addService(f, 'web', { uid: UID_A, loadBalancerIP: '52.226.8.8' });
    settleLb(f);
    expect(eventsOf(f, 'web')[1]).toContain('Code="PublicIPAddressInUse"');
    expect(getService(f, 'web')!.status.loadBalancer).toEqual({});
  });
});

describe('two Services asking for the same IP', () => {
  it('on the same port: the second fails with the port conflict', () => {
    const f = threeNodeCluster();
    userPip(f, 'my-ip', '52.226.9.9');
    addService(f, 'first', { uid: UID_A, loadBalancerIP: '52.226.9.9' });
    settleLb(f);
    f.world.advance(1000);
    addService(f, 'second', { uid: UID_B, loadBalancerIP: '52.226.9.9' });
    settleLb(f);
    expect(getService(f, 'first')!.status.loadBalancer.ingress![0]!.ip).toBe('52.226.9.9');
    expect(eventsOf(f, 'second')).toEqual([
      'Normal EnsuringLoadBalancer: Ensuring load balancer',
      'Warning SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: checkLoadBalancerResourcesConflicts: service port  is trying to consume the port 80 ' +
        `which is being referenced by an existing loadBalancing rule ${BASE_A}-TCP-80 with the same protocol Tcp and frontend IP config with ID ${f.lbId}/frontendIPConfigurations/${BASE_A}`,
    ]);
    expect(getService(f, 'second')!.status.loadBalancer).toEqual({});
  });

  it('on different ports: they share the frontend, and a cluster-made IP lists both Services', () => {
    const f = threeNodeCluster();
    addService(f, 'first', { uid: UID_A });
    settleLb(f);
    const ip = getService(f, 'first')!.status.loadBalancer.ingress![0]!.ip!;
    f.world.advance(1000);
    addService(f, 'second', { uid: UID_B, loadBalancerIP: ip, ports: [{ port: 443, nodePort: 31443 }] });
    settleLb(f);
    expect(getService(f, 'second')!.status.loadBalancer.ingress).toEqual([{ ip, ipMode: 'VIP' }]);
    const lb = f.world.resource<LoadBalancer>(f.lbId)!;
    expect(lb.frontendIPConfigurations.map((x) => x.name)).toEqual(['5d0c1c2e-0000-4000-8000-000000000001', BASE_A]);
    expect(lb.loadBalancingRules.map((r) => [r.name, r.frontendIPConfiguration.id.endsWith(BASE_A)])).toEqual([
      [`${BASE_A}-TCP-80`, true],
      ['abbbbbbbb00004000800000000000000-TCP-443', true],
    ]);
    const pip = f.world.resource<PublicIPAddress>(lb.frontendIPConfigurations[1]!.publicIPAddress!.id)!;
    expect(pip.tags!['k8s-azure-service']).toBe('default/first,default/second');

    // Deleting the first keeps the shared frontend and IP for the second.
    f.world.k8sDelete(f.clusterId, 'Service', 'default', 'first');
    settleLb(f);
    const after = f.world.resource<LoadBalancer>(f.lbId)!;
    expect(after.frontendIPConfigurations.map((x) => x.name)).toEqual(['5d0c1c2e-0000-4000-8000-000000000001', BASE_A]);
    expect(after.loadBalancingRules.map((r) => r.name)).toEqual(['abbbbbbbb00004000800000000000000-TCP-443']);
    expect(f.world.resource<PublicIPAddress>(pip.id)!.tags!['k8s-azure-service']).toBe('default/second');
  });

  it('the outbound IP can be reused for inbound: the rule lands on the outbound frontend', () => {
    const f = threeNodeCluster();
    addService(f, 'web', { uid: UID_A, loadBalancerIP: OUTBOUND_IP });
    settleLb(f);
    const lb = f.world.resource<LoadBalancer>(f.lbId)!;
    expect(lb.frontendIPConfigurations).toHaveLength(1);
    expect(lb.loadBalancingRules[0]!.frontendIPConfiguration.id).toBe(lb.frontendIPConfigurations[0]!.id);
    expect(getService(f, 'web')!.status.loadBalancer.ingress![0]!.ip).toBe(OUTBOUND_IP);
  });
});
