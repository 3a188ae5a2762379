import { describe, expect, it } from 'vitest';
import type { LoadBalancer, NetworkInterface, NetworkSecurityGroup, VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import { newSubnet } from '../../../sandbox/model/azure/factories.ts';
import { addService, eventsOf, getService, NODE_RG, settleLb, threeNodeCluster } from './fixtures.ts';

const INTERNAL = { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' };
const UID_A = '11111111-aaaa-4bbb-8ccc-dddddddddddd';
const UID_B = '22222222-aaaa-4bbb-8ccc-dddddddddddd';
const BASE_A = 'a11111111aaaa4bbb8cccdddddddddddd'.slice(0, 32);

describe('internal LoadBalancer Service', () => {
  const f = threeNodeCluster();
  addService(f, 'api', { uid: UID_A, annotations: INTERNAL });
  settleLb(f);
  const ilb = f.world.resource<LoadBalancer>(f.internalLbId)!;

  it('creates kubernetes-internal with the kubernetes backend pool holding every node', () => {
    expect(ilb.name).toBe('kubernetes-internal');
    expect(ilb.resourceGroup).toBe(NODE_RG);
    expect(ilb.sku).toEqual({ name: 'Standard', tier: 'Regional' });
    expect(ilb.backendAddressPools.map((p) => p.name)).toEqual(['kubernetes']);
    expect(ilb.backendAddressPools[0]!.backendIPConfigurations).toEqual(f.nicIds.map((id) => ({ id: `${id}/ipConfigurations/ipconfig1` })));
    const nic = f.world.resource<NetworkInterface>(f.nicIds[0]!)!;
    expect(nic.ipConfigurations[0]!.loadBalancerBackendAddressPools!.map((p) => p.id.split('/').slice(-3).join('/'))).toEqual([
      'kubernetes/backendAddressPools/kubernetes',
      'kubernetes/backendAddressPools/aksOutboundBackendPool',
      'kubernetes-internal/backendAddressPools/kubernetes',
    ]);
  });

  it('gives the frontend the next free address of the node subnet, dynamically', () => {
    expect(ilb.frontendIPConfigurations).toHaveLength(1);
    expect(ilb.frontendIPConfigurations[0]).toMatchObject({
      name: BASE_A,
      privateIPAddress: '10.224.0.7',
      privateIPAllocationMethod: 'Dynamic',
      subnet: { id: f.subnetId },
    });
    expect(getService(f, 'api')!.status.loadBalancer).toEqual({ ingress: [{ ip: '10.224.0.7', ipMode: 'VIP' }] });
  });

  it('uses rule settings like the public LB and opens nothing on the NSG (VNet traffic is allowed already)', () => {
    expect(ilb.loadBalancingRules[0]).toMatchObject({ name: `${BASE_A}-TCP-80`, enableFloatingIP: true, disableOutboundSnat: true });
    expect(f.world.resource<NetworkSecurityGroup>(f.nsgId)!.securityRules).toEqual([]);
  });

  it('a second internal Service gets the next address; a requested one is static', () => {
    addService(f, 'api2', { uid: UID_B, annotations: INTERNAL });
    addService(f, 'api3', { uid: '33333333-aaaa-4bbb-8ccc-dddddddddddd', annotations: INTERNAL, loadBalancerIP: '10.224.10.50' });
    settleLb(f);
    const fips = f.world.resource<LoadBalancer>(f.internalLbId)!.frontendIPConfigurations;
    expect(fips.map((x) => [x.privateIPAddress, x.privateIPAllocationMethod])).toEqual([
      ['10.224.0.7', 'Dynamic'],
      ['10.224.0.8', 'Dynamic'],
      ['10.224.10.50', 'Static'],
    ]);
  });

  it('a requested address already taken fails the sync', () => {
    addService(f, 'clash', { uid: '44444444-aaaa-4bbb-8ccc-dddddddddddd', annotations: INTERNAL, loadBalancerIP: '10.224.0.5' });
    settleLb(f);
    expect(eventsOf(f, 'clash')[1]).toMatch(/^Warning SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: Private IP address 10\.224\.0\.5 is in use/);
    expect(getService(f, 'clash')!.status.loadBalancer).toEqual({});
  });
});

describe('internal subnet annotation and switching', () => {
  it('places the frontend in the named subnet and names frontend and rules with it', () => {
    const f = threeNodeCluster();
    const vnet = structuredClone(f.world.resource<VirtualNetwork>(f.vnetId)!);
    vnet.subnets.push(newSubnet({ vnetId: vnet.id, resourceGroup: NODE_RG, name: 'ilb-subnet', addressPrefix: '10.225.0.0/24' }));
    f.world.putResource(vnet);
    addService(f, 'api', { uid: UID_A, annotations: { ...INTERNAL, 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'ilb-subnet' } });
    settleLb(f);
    const ilb = f.world.resource<LoadBalancer>(f.internalLbId)!;
    expect(ilb.frontendIPConfigurations[0]).toMatchObject({ name: `${BASE_A}-ilb-subnet`, privateIPAddress: '10.225.0.4' });
    expect(ilb.loadBalancingRules[0]!.name).toBe(`${BASE_A}-ilb-subnet-TCP-80`);
  });

  it('a missing subnet fails with CPA\'s message', () => {
    const f = threeNodeCluster();
    addService(f, 'api', { uid: UID_A, annotations: { ...INTERNAL, 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'nope' } });
    settleLb(f);
    expect(eventsOf(f, 'api')[1]).toBe(
      'Warning SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: ensure(default/api): lb(kubernetes-internal) - failed to get subnet: aks-vnet-12345678/nope',
    );
    expect(f.world.resource(f.internalLbId)).toBeUndefined();
  });

  it('public → internal moves the frontend and releases the public IP (its NSG rule goes at the next sync); internal → public deletes the empty internal LB', () => {
    const f = threeNodeCluster();
    addService(f, 'web', { uid: UID_A });
    settleLb(f);
    const pips = () => f.world.resourcesOfType('Microsoft.Network/publicIPAddresses').map((p) => p.name);
    expect(pips()).toContain(`kubernetes-${BASE_A}`);

    const internal = structuredClone(getService(f, 'web')!);
    internal.metadata.annotations = { ...INTERNAL };
    f.world.k8sPut(f.clusterId, internal);
    settleLb(f);
    expect(pips()).toEqual(['5d0c1c2e-0000-4000-8000-000000000001']);
    expect(f.world.resource<LoadBalancer>(f.lbId)!.frontendIPConfigurations).toHaveLength(1);
    expect(f.world.resource<LoadBalancer>(f.lbId)!.loadBalancingRules).toEqual([]);
    expect(getService(f, 'web')!.status.loadBalancer.ingress![0]!.ip).toBe('10.224.0.7');
    // CPA's retain step keeps every address some Service still shows in its status, and this
    // Service still showed its public IP while it was synced: the old allow rule outlives the switch...
    const nsgRules = () => f.world.resource<NetworkSecurityGroup>(f.nsgId)!.securityRules.map((r) => r.destinationAddressPrefix);
    const oldIp = f.world.resourcesOfType<NetworkSecurityGroup>('Microsoft.Network/networkSecurityGroups')[0]!.securityRules[0]!.destinationAddressPrefix;
    expect(nsgRules()).toEqual([oldIp]);
    // ...until the next Service sync trims it.
    addService(f, 'other', { uid: UID_B, ports: [{ port: 8443 }] });
    settleLb(f);
    expect(nsgRules()).toEqual([getService(f, 'other')!.status.loadBalancer.ingress![0]!.ip]);

    const back = structuredClone(getService(f, 'web')!);
    delete back.metadata.annotations;
    f.world.k8sPut(f.clusterId, back);
    settleLb(f);
    expect(f.world.resource(f.internalLbId)).toBeUndefined();
    const nic = f.world.resource<NetworkInterface>(f.nicIds[2]!)!;
    expect(nic.ipConfigurations[0]!.loadBalancerBackendAddressPools).toHaveLength(2);
    expect(getService(f, 'web')!.status.loadBalancer.ingress![0]!.ip).toMatch(/^(20|40|52|4)\./);
  });
});
