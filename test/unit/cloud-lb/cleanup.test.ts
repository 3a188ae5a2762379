import { describe, expect, it } from 'vitest';
import type { LoadBalancer, NetworkSecurityGroup, PublicIPAddress } from '../../../sandbox/model/azure/types.ts';
import { newPublicIp } from '../../../sandbox/model/azure/factories.ts';
import { addService, eventsOf, getService, LOCATION, NODE_RG, settleLb, threeNodeCluster, type Fixture } from './fixtures.ts';

const UID = 'cccccccc-0000-4000-8000-000000000003';
const INTERNAL = { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' };

function snapshot(f: Fixture): string {
  return JSON.stringify(f.world.state.resources);
}

function setUp(options: { internal?: boolean; loadBalancerIP?: string } = {}): { f: Fixture; before: string } {
  const f = threeNodeCluster();
  if (options.loadBalancerIP) {
    f.world.putResource(newPublicIp({ subscriptionId: f.sub, resourceGroup: NODE_RG, name: 'my-ip', location: LOCATION, ipAddress: options.loadBalancerIP }));
  }
  const before = snapshot(f);
  addService(f, 'web', {
    uid: UID,
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 32000,
    annotations: options.internal ? INTERNAL : undefined,
    loadBalancerIP: options.loadBalancerIP,
    ports: [
      { name: 'http', port: 80, nodePort: 30080 },
      { name: 'https', port: 443, nodePort: 30443 },
    ],
  });
  settleLb(f);
  return { f, before };
}

describe('deleting the Service', () => {
  it('through the finalizer: cleans up everything it created, then lets the Service go', () => {
    const { f, before } = setUp();
    expect(snapshot(f)).not.toBe(before);
    const svc = structuredClone(getService(f, 'web')!);
    svc.metadata.deletionTimestamp = f.world.timestamp();
    f.world.k8sPut(f.clusterId, svc);
    settleLb(f);
    expect(snapshot(f)).toBe(before);
    expect(getService(f, 'web')).toBeUndefined();
    expect(eventsOf(f, 'web')).toEqual([
      'Normal EnsuringLoadBalancer: Ensuring load balancer',
      'Normal EnsuredLoadBalancer: Ensured load balancer',
      'Normal DeletingLoadBalancer: Deleting load balancer',
      'Normal DeletedLoadBalancer: Deleted load balancer',
    ]);
    expect(settleLb(f)).toEqual({ rounds: 1, settled: true });
  });

  it('removed outright (no finalizer handling): cleaned up from the controller\'s cached copy', () => {
    const { f, before } = setUp();
    f.world.k8sDelete(f.clusterId, 'Service', 'default', 'web');
    settleLb(f);
    expect(snapshot(f)).toBe(before);
    expect(eventsOf(f, 'web').slice(-2)).toEqual(['Normal DeletingLoadBalancer: Deleting load balancer', 'Normal DeletedLoadBalancer: Deleted load balancer']);
  });

  it('an internal Service takes kubernetes-internal with it when it was the last one', () => {
    const { f, before } = setUp({ internal: true });
    expect(f.world.resource(f.internalLbId)).toBeDefined();
    f.world.k8sDelete(f.clusterId, 'Service', 'default', 'web');
    settleLb(f);
    expect(f.world.resource(f.internalLbId)).toBeUndefined();
    expect(snapshot(f)).toBe(before);
  });

  it('a user-provided public IP stays, detached', () => {
    const { f } = setUp({ loadBalancerIP: '52.226.3.3' });
    const pipId = `/subscriptions/${f.sub}/resourceGroups/${NODE_RG}/providers/Microsoft.Network/publicIPAddresses/my-ip`;
    expect(f.world.resource<PublicIPAddress>(pipId)!.ipConfiguration).not.toBeNull();
    f.world.k8sDelete(f.clusterId, 'Service', 'default', 'web');
    settleLb(f);
    expect(f.world.resource<PublicIPAddress>(pipId)!.ipConfiguration).toBeNull();
    expect(f.world.resource<LoadBalancer>(f.lbId)!.frontendIPConfigurations).toHaveLength(1);
    expect(f.world.resource<NetworkSecurityGroup>(f.nsgId)!.securityRules).toEqual([]);
  });
});

describe('changing the type away from LoadBalancer', () => {
  it('deletes the LB side, clears the status and drops the finalizer', () => {
    const { f, before } = setUp();
    const svc = structuredClone(getService(f, 'web')!);
    svc.spec.type = 'ClusterIP';
    for (const p of svc.spec.ports) delete p.nodePort;
    delete svc.spec.healthCheckNodePort;
    f.world.k8sPut(f.clusterId, svc);
    settleLb(f);
    expect(snapshot(f)).toBe(before);
    const after = getService(f, 'web')!;
    expect(after.status.loadBalancer).toEqual({});
    expect(after.metadata.finalizers).toBeUndefined();
    expect(eventsOf(f, 'web').slice(-2)).toEqual(['Normal DeletingLoadBalancer: Deleting load balancer', 'Normal DeletedLoadBalancer: Deleted load balancer']);
    expect(settleLb(f)).toEqual({ rounds: 1, settled: true });
  });

  it('a Service that never got a load balancer only records DeletedLoadBalancer', () => {
    const f = threeNodeCluster();
    addService(f, 'web', { uid: UID, loadBalancerIP: '52.226.1.2' });
    settleLb(f);
    const svc = structuredClone(getService(f, 'web')!);
    svc.spec.type = 'NodePort';
    f.world.k8sPut(f.clusterId, svc);
    settleLb(f);
    expect(eventsOf(f, 'web').slice(-1)).toEqual(['Normal DeletedLoadBalancer: Deleted load balancer']);
    expect(getService(f, 'web')!.metadata.finalizers).toBeUndefined();
  });
});
