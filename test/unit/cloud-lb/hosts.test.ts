import { describe, expect, it } from 'vitest';
import type { LoadBalancer, NetworkInterface, VirtualMachineScaleSet } from '../../../sandbox/model/azure/types.ts';
import { newNetworkInterface, newNicIpConfig } from '../../../sandbox/model/azure/factories.ts';
import type { Node } from '../../../sandbox/model/k8s/types.ts';
import { addService, eventsOf, LOCATION, NODE_RG, NODES, settleLb, threeNodeCluster, type Fixture } from './fixtures.ts';

const INTERNAL = { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' };

/** Scales the pool out by one node the way AKS would: NIC, scale set instance, Node object. */
function addNode(f: Fixture, labels: Record<string, string> = {}): string {
  const vmss = structuredClone(f.world.resourcesOfType<VirtualMachineScaleSet>('Microsoft.Compute/virtualMachineScaleSets')[0]!);
  const index = vmss.nextInstanceId;
  const name = `aks-nodepool1-12345678-vmss${index.toString(36).padStart(6, '0')}`;
  const nicId = `${vmss.id}/virtualMachines/${index}/networkInterfaces/${vmss.name}`;
  const ip = `10.224.0.${4 + index}`;
  f.world.putResource(
    newNetworkInterface({
      id: nicId,
      name: vmss.name,
      resourceGroup: NODE_RG,
      location: LOCATION,
      internalDomainNameSuffix: 'x.bx.internal.cloudapp.net',
      ipConfigurations: [newNicIpConfig({ nicId, resourceGroup: NODE_RG, name: 'ipconfig1', primary: true, privateIp: ip, subnetId: f.subnetId })],
    }),
  );
  vmss.instances.push({ instanceId: String(index), name: `${vmss.name}_${index}`, computerName: name, networkInterface: nicId });
  vmss.nextInstanceId = index + 1;
  f.world.putResource(vmss);
  const node = structuredClone(f.world.k8sGet<Node>(f.clusterId, 'Node', undefined, NODES[0]!)!);
  node.metadata = { name, uid: '', resourceVersion: '', creationTimestamp: '', labels: { ...node.metadata.labels, ...labels } };
  node.status.addresses = [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }];
  f.world.k8sPut(f.clusterId, node);
  return nicId;
}

describe('node set changes', () => {
  it('a new node joins the internal LB pool and every LB Service records UpdatedLoadBalancer', () => {
    const f = threeNodeCluster();
    addService(f, 'api', { uid: 'a1a1a1a1-0000-4000-8000-000000000001', annotations: INTERNAL });
    addService(f, 'web', { uid: 'a2a2a2a2-0000-4000-8000-000000000002', ports: [{ port: 443 }] });
    settleLb(f);
    const nicId = addNode(f);
    expect(settleLb(f).settled).toBe(true);
    const pool = f.world.resource<LoadBalancer>(f.internalLbId)!.backendAddressPools[0]!;
    expect(pool.backendIPConfigurations.map((r) => r.id)).toEqual([...f.nicIds, nicId].map((id) => `${id}/ipConfigurations/ipconfig1`));
    const nic = f.world.resource<NetworkInterface>(nicId)!;
    expect(nic.ipConfigurations[0]!.loadBalancerBackendAddressPools).toEqual([{ id: `${f.internalLbId}/backendAddressPools/kubernetes` }]);
    expect(eventsOf(f, 'api').at(-1)).toBe('Normal UpdatedLoadBalancer: Updated load balancer with new hosts');
    expect(eventsOf(f, 'web').at(-1)).toBe('Normal UpdatedLoadBalancer: Updated load balancer with new hosts');
    expect(settleLb(f)).toEqual({ rounds: 1, settled: true });
  });

  it('a node labelled exclude-from-external-load-balancers stays out, and its arrival changes nothing', () => {
    const f = threeNodeCluster();
    addService(f, 'api', { uid: 'a1a1a1a1-0000-4000-8000-000000000001', annotations: INTERNAL });
    settleLb(f);
    addNode(f, { 'node.kubernetes.io/exclude-from-external-load-balancers': 'true' });
    settleLb(f);
    expect(f.world.resource<LoadBalancer>(f.internalLbId)!.backendAddressPools[0]!.backendIPConfigurations).toHaveLength(3);
    expect(eventsOf(f, 'api')).toEqual(['Normal EnsuringLoadBalancer: Ensuring load balancer', 'Normal EnsuredLoadBalancer: Ensured load balancer']);
  });

  it('without nodes the Service still gets its frontend, with the UnAvailableLoadBalancer warning', () => {
    const f = threeNodeCluster();
    for (const n of NODES) f.world.k8sDelete(f.clusterId, 'Node', undefined, n);
    addService(f, 'web', { uid: 'a2a2a2a2-0000-4000-8000-000000000002' });
    settleLb(f);
    expect(eventsOf(f, 'web')).toEqual([
      'Normal EnsuringLoadBalancer: Ensuring load balancer',
      'Warning UnAvailableLoadBalancer: There are no available nodes for LoadBalancer',
      'Normal EnsuredLoadBalancer: Ensured load balancer',
    ]);
  });
});
