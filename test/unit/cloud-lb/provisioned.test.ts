// The controller on a cluster made by the AKS provisioning controllers, with the Kubernetes
// controllers allocating node ports and building EndpointSlices, and the dataplane tracing a
// client through the new frontend with the probe answers of this module.
import { describe, expect, it } from 'vitest';
import { aksControllers } from '../../../sandbox/controllers/aks/index.ts';
import { cloudLoadBalancerController, kubernetesProbeState, probeState } from '../../../sandbox/controllers/cloud-lb/index.ts';
import { k8sControllers } from '../../../sandbox/controllers/k8s/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import type { LoadBalancer, NetworkSecurityGroup } from '../../../sandbox/model/azure/types.ts';
import type { Node, Pod, Service } from '../../../sandbox/model/k8s/types.ts';
import { traceFromInternet } from '../../../sandbox/network/azure-path.ts';
import { clusterLb, create, newWorld } from '../aks/helpers.ts';
import { deployment, service } from '../k8s/fixtures.ts';

const controllers = [...aksControllers(), ...k8sControllers(), cloudLoadBalancerController];

describe('on an AKS-provisioned kubenet cluster', () => {
  const world = newWorld('cloud-lb-e2e');
  const cluster = create(world, { networkPlugin: 'kubenet' });
  settle(world, controllers);
  world.k8sPut(cluster.id, deployment('web', 1, { ports: [{ containerPort: 80 }] }));
  world.k8sPut(cluster.id, service('web', { type: 'LoadBalancer', selector: { app: 'web' }, externalTrafficPolicy: 'Local' }));
  const result = settle(world, controllers);
  const svc = world.k8sGet<Service>(cluster.id, 'Service', 'default', 'web')!;
  const lb = clusterLb(world, cluster)!;
  const nodes = world.k8sList<Node>(cluster.id, 'Node').map((n) => n.metadata.name).sort();
  const podNode = world.k8sList<Pod>(cluster.id, 'Pod', 'default').find((p) => p.metadata.name.startsWith('web-'))!.spec.nodeName!;

  it('settles with every controller, and stays settled', () => {
    expect(result.settled).toBe(true);
    expect(settle(world, controllers)).toEqual({ rounds: 1, settled: true });
  });

  it('gets an external IP and a healthz probe on the allocated healthCheckNodePort', () => {
    const ip = svc.status.loadBalancer.ingress?.[0]?.ip;
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const probe = lb.probes.find((p) => p.port === svc.spec.healthCheckNodePort)!;
    expect(probe).toMatchObject({ protocol: 'Http', requestPath: '/healthz' });
    expect(lb.loadBalancingRules).toHaveLength(1);
    const nsg = world.resourcesOfType<NetworkSecurityGroup>('Microsoft.Network/networkSecurityGroups')[0]!;
    expect(nsg.securityRules.map((r) => [r.priority, r.destinationAddressPrefix, r.destinationPortRanges])).toEqual([[500, ip, ['80']]]);
  });

  it('marks only the pod\'s node healthy', () => {
    const probe = lb.probes[0]!;
    const states = nodes.map((n) => `${n === podNode ? 'pod' : 'none'}:${probeState(world, cluster.id, lb, probe, n).state}`);
    expect(states.sort()).toEqual(['none:Down', 'none:Down', 'pod:Up']);
  });

  it('a client on the internet reaches the frontend and lands on the pod\'s node', () => {
    const ip = svc.status.loadBalancer.ingress![0]!.ip!;
    const trace = traceFromInternet(world, { srcIp: '45.33.10.10', dstIp: ip, dstPort: 80, protocol: 'tcp' }, { probeState: kubernetesProbeState(world) });
    expect(trace.verdict).toBe('delivered');
    const podNodeIp = world.k8sGet<Node>(cluster.id, 'Node', undefined, podNode)!.status.addresses.find((a) => a.type === 'InternalIP')!.address;
    expect(JSON.stringify(trace.hops)).toContain(podNodeIp);
  });

  it('deleting the Service gives the LB back as AKS made it', () => {
    const lbBefore = JSON.stringify(clusterLb(world, cluster));
    expect(lbBefore).toContain(svc.metadata.uid.replace(/-/g, '').slice(0, 31));
    world.k8sDelete(cluster.id, 'Service', 'default', 'web');
    settle(world, controllers);
    const after = clusterLb(world, cluster) as LoadBalancer;
    expect(after.frontendIPConfigurations).toHaveLength(1);
    expect(after.loadBalancingRules).toEqual([]);
    expect(after.probes).toEqual([]);
    expect(world.resourcesOfType('Microsoft.Network/publicIPAddresses')).toHaveLength(1);
  });
});
