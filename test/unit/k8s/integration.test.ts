// The Kubernetes controllers on a cluster built by the AKS provisioning controllers (real VMSS,
// NICs and Node objects), settled together as the sandbox will run them.
import { describe, expect, it } from 'vitest';
import { aksControllers, createManagedCluster } from '../../../sandbox/controllers/aks/index.ts';
import { k8sControllers } from '../../../sandbox/controllers/k8s/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import { inCidr } from '../../../sandbox/core/ip.ts';
import { isAzureError } from '../../../sandbox/model/azure/errors.ts';
import { newResourceGroup } from '../../../sandbox/model/azure/factories.ts';
import type { ManagedCluster, NetworkInterface } from '../../../sandbox/model/azure/types.ts';
import type { Node, Pod } from '../../../sandbox/model/k8s/types.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { World } from '../../../sandbox/model/world.ts';
import { deployment } from './fixtures.ts';

function build(request: Record<string, unknown>, seed = 'k8s-integration') {
  const world = new World(createWorldState(seed));
  world.putResourceGroup(newResourceGroup({ subscriptionId: world.state.subscription.id, name: 'rg1', location: 'eastus' }));
  const mc = createManagedCluster(world, { resourceGroup: 'rg1', name: 'aks1', ...request } as never);
  if (isAzureError(mc)) throw new Error(mc.message);
  const controllers = [...aksControllers(), ...k8sControllers()];
  const first = settle(world, controllers);
  return { world, mc: mc as ManagedCluster, controllers, first };
}

describe('on clusters built by the AKS controllers', () => {
  it('kubenet: system pods run, user pods take addresses from each node podCIDR', () => {
    const { world, mc, controllers, first } = build({ networkPlugin: 'kubenet', nodeCount: 3 });
    expect(first.settled).toBe(true);
    world.k8sPut(mc.id, deployment('web', 3));
    expect(settle(world, controllers).settled).toBe(true);
    expect(settle(world, controllers)).toEqual({ rounds: 1, settled: true });
    const nodes = new Map(world.k8sList<Node>(mc.id, 'Node').map((n) => [n.metadata.name, n]));
    const pods = world.k8sList<Pod>(mc.id, 'Pod');
    expect(pods.every((p) => p.status.phase === 'Running')).toBe(true);
    const web = pods.filter((p) => p.metadata.name.startsWith('web-'));
    expect(new Set(web.map((p) => p.spec.nodeName)).size).toBe(3);
    for (const p of pods.filter((x) => !x.spec.hostNetwork)) expect(inCidr(nodes.get(p.spec.nodeName!)!.spec.podCIDR!, p.status.podIP!)).toBe(true);
  });

  it('Azure CNI: pods take their node NIC secondary IPs', () => {
    const { world, mc } = build({ networkPlugin: 'azure', nodeCount: 2 });
    const secondary = new Set(
      world
        .resourcesOfType<NetworkInterface>('Microsoft.Network/networkInterfaces')
        .flatMap((n) => n.ipConfigurations.filter((c) => !c.primary).map((c) => c.privateIPAddress)),
    );
    const pods = world.k8sList<Pod>(mc.id, 'Pod').filter((p) => !p.spec.hostNetwork);
    expect(pods.length).toBeGreaterThan(0);
    for (const p of pods) expect(secondary.has(p.status.podIP!)).toBe(true);
  });

  it('builds a 1,000-node overlay cluster with its system pods (timing printed, not asserted)', () => {
    const start = performance.now();
    const { world, mc, first } = build({ networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 1000, podCidr: '100.64.0.0/10' }, 'k8s-scale');
    const ms = performance.now() - start;
    console.log(`AKS + Kubernetes build of 1,000 overlay nodes: ${ms.toFixed(0)} ms in ${first.rounds} rounds`);
    expect(first.settled).toBe(true);
    const running = world.k8sList<Pod>(mc.id, 'Pod').filter((p) => p.status.phase === 'Running');
    // 6 node agents per node (kube-proxy, ip-masq-agent, cloud-node-manager, 2 CSI, azure-cns)
    // plus coredns (63 at 16 nodes per replica), its autoscaler, konnectivity and metrics-server.
    expect(running).toHaveLength(6000 + 63 + 1 + 2 + 2);
  });
});
