// The DNS engine on clusters built by the AKS provisioning and Kubernetes controllers (real
// VMSS, NICs, private zones, CoreDNS pods, kube-dns Service and Endpoints), not hand-made fixtures.
import { describe, expect, it } from 'vitest';
import { aksControllers, createManagedCluster } from '../../../sandbox/controllers/aks/index.ts';
import { k8sControllers } from '../../../sandbox/controllers/k8s/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import { isAzureError } from '../../../sandbox/model/azure/errors.ts';
import { newResourceGroup } from '../../../sandbox/model/azure/factories.ts';
import type { ManagedCluster } from '../../../sandbox/model/azure/types.ts';
import type { Node, Pod } from '../../../sandbox/model/k8s/types.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { World } from '../../../sandbox/model/world.ts';
import { resolveName, resolvConfFor } from '../../../sandbox/network/dns/index.ts';
import { openReach, workstation } from './fixtures.ts';

function build(request: Record<string, unknown>) {
  const world = new World(createWorldState('dns-integration'));
  world.putResourceGroup(newResourceGroup({ subscriptionId: world.state.subscription.id, name: 'rg1', location: 'eastus' }));
  const mc = createManagedCluster(world, { resourceGroup: 'rg1', name: 'aks1', ...request } as never);
  if (isAzureError(mc)) throw new Error(mc.message);
  expect(settle(world, [...aksControllers(), ...k8sControllers()]).settled).toBe(true);
  const cluster = world.resource<ManagedCluster>(mc.id)!;
  const pods = world.k8sList<Pod>(mc.id, 'Pod');
  const nodes = world.k8sList<Node>(mc.id, 'Node').map((n) => n.metadata.name).sort();
  return { world, cluster, pods, nodes };
}

describe('on controller-built clusters', () => {
  it('a kubenet cluster: kube-dns resolves from a system pod, external names go through Azure DNS', () => {
    const { world, cluster, pods, nodes } = build({ networkPlugin: 'kubenet', nodeCount: 2 });
    const client = pods.find((p) => !p.spec.hostNetwork && p.metadata.labels?.['k8s-app'] !== 'kube-dns')!;
    expect(client).toBeDefined();
    const from = { kind: 'pod' as const, clusterId: cluster.id, namespace: client.metadata.namespace!, name: client.metadata.name };
    const conf = resolvConfFor(world, from)!;
    expect(conf.nameservers).toEqual(['10.0.0.10']);
    expect(conf.search[0]).toBe(`${client.metadata.namespace}.svc.cluster.local`);
    expect(conf.search[3]).toMatch(/\.internal\.cloudapp\.net$/);
    const svc = resolveName(world, from, 'kube-dns.kube-system.svc.cluster.local.', { type: 'A', reach: openReach });
    expect(svc.answers.map((a) => a.data)).toEqual(['10.0.0.10']);
    expect(svc.server.name).toMatch(/^coredns-/);
    const ext = resolveName(world, from, 'mcr.microsoft.com', { type: 'A', reach: openReach });
    expect(ext.answers.map((a) => a.data)).toEqual(['mcr-0001.mcr-msedge.net.', '150.171.69.10']);
    const node = resolveName(world, { kind: 'node', clusterId: cluster.id, name: nodes[0]! }, nodes[1]!, { type: 'A', reach: openReach });
    expect(node.status).toBe('NOERROR');
    expect(resolveName(world, workstation, cluster.fqdn!, { type: 'A', reach: openReach }).answers[0]!.data).toBe(world.state.controlPlanes[cluster.id.toLowerCase()]!.publicIp);
  });

  it('a private cluster: the private FQDN resolves from its nodes and not from the workstation', () => {
    const { world, cluster, nodes } = build({ networkPlugin: 'azure', nodeCount: 2, enablePrivateCluster: true });
    const plane = world.state.controlPlanes[cluster.id.toLowerCase()]!;
    const fromNode = resolveName(world, { kind: 'node', clusterId: cluster.id, name: nodes[0]! }, cluster.privateFqdn!, { type: 'A', reach: openReach });
    expect(fromNode.answers.map((a) => a.data)).toEqual([plane.privateIp]);
    expect(resolveName(world, workstation, cluster.privateFqdn!, { type: 'A', reach: openReach }).status).toBe('NXDOMAIN');
    expect(resolveName(world, workstation, cluster.fqdn!, { type: 'A', reach: openReach }).answers.map((a) => a.data)).toEqual([plane.privateIp]);
  });
});
