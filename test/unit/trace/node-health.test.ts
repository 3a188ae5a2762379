// Node readiness from reachability: kubelets that cannot reach the API server go Unknown once
// node-monitor-grace-period (40 s of virtual time) has passed since their last heartbeat, their
// pods leave the Services, and everything comes back when the path does. Plus the tunnel the
// API server uses for logs/exec: konnectivity agents, or direct access with VNet integration.
import { describe, expect, it } from 'vitest';
import { kubeletReachable, NODE_MONITOR_GRACE_MS, nodeHealthMemory, tunnelStatus } from '../../../sandbox/controllers/node-health/index.ts';
import type { Endpoints, K8sEvent, Node, Pod } from '../../../sandbox/model/k8s/types.ts';
import type { World } from '../../../sandbox/model/world.ts';
import { addNsgRule, agentNsg, lab, nodeIp, nodesOf, pod, service, settleAll } from './fixtures.ts';

function ready(world: World, id: string): Record<string, string> {
  return Object.fromEntries(nodesOf(world, id).map((n) => [n.metadata.name, n.status.conditions.find((c) => c.type === 'Ready')!.status]));
}

describe('an NSG that lets only part of the subnet reach the API server (part III, case 1)', () => {
  const { world, id, nodes, mc } = lab({ networkPlugin: 'kubenet', nodeCount: 4 }, 'node-health');
  const names = nodes.map((n) => n.metadata.name);
  const apiIp = world.state.controlPlanes[id.toLowerCase()]!.publicIp!;
  for (let i = 0; i < 4; i++) pod(world, id, `web-${i}`, names[i]!, { labels: { app: 'web' } });
  service(world, id, 'web');
  settleAll(world);
  const start = world.now();

  it('starts with every node Ready', () => {
    expect(Object.values(ready(world, id))).toEqual(['True', 'True', 'True', 'True']);
    expect(NODE_MONITOR_GRACE_MS).toBe(40_000);
  });

  it('only the nodes outside the allowed range go Unknown, and only after 40 s', () => {
    // Nodes 10.224.0.6 and .7 are denied; .4 and .5 keep their path.
    addNsgRule(world, agentNsg(world, mc), { name: 'deny-api', priority: 100, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '10.224.0.6/31', destinationAddressPrefix: apiIp, destinationPortRange: '443' });
    settleAll(world);
    world.advance(39_000);
    settleAll(world);
    expect(Object.values(ready(world, id))).toEqual(['True', 'True', 'True', 'True']);
    world.advance(2_000);
    settleAll(world);
    expect(ready(world, id)).toEqual({ [names[0]!]: 'True', [names[1]!]: 'True', [names[2]!]: 'Unknown', [names[3]!]: 'Unknown' });
    const down = world.k8sGet<Node>(id, 'Node', undefined, names[2]!)!;
    const now = world.timestamp();
    const kubeletOwned = down.status.conditions.filter((c) => c.type !== 'NetworkUnavailable');
    expect(kubeletOwned.map((c) => [c.type, c.status, c.reason, c.message, c.lastTransitionTime])).toEqual(
      ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((t) => [t, 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', now]),
    );
    // The heartbeat stays the last one the kubelet posted; the route controller's condition is not the kubelet's.
    expect(kubeletOwned.every((c) => c.lastHeartbeatTime === nodes[2]!.status.conditions.find((x) => x.type === c.type)!.lastHeartbeatTime)).toBe(true);
    expect(down.status.conditions.find((c) => c.type === 'NetworkUnavailable')).toMatchObject({ status: 'False', reason: 'RouteCreated' });
    expect(nodeHealthMemory(world).nodes[`${id.toLowerCase()}|${names[2]}`]!.lastHeartbeatMs).toBe(start);
    const events = world.k8sList<K8sEvent>(id, 'Event', 'default').filter((e) => e.reason === 'NodeNotReady' && e.involvedObject.kind === 'Node');
    expect(events.map((e) => e.message).sort()).toEqual([`Node ${names[2]} status is now: NodeNotReady`, `Node ${names[3]} status is now: NodeNotReady`]);
  });

  it('marks the pods of those nodes not ready, so they leave the Service', () => {
    const podReady = (n: string) => world.k8sGet<Pod>(id, 'Pod', 'default', n)!.status.conditions!.find((c) => c.type === 'Ready')!.status;
    expect(['web-0', 'web-1', 'web-2', 'web-3'].map(podReady)).toEqual(['True', 'True', 'False', 'False']);
    const ep = world.k8sGet<Endpoints>(id, 'Endpoints', 'default', 'web')!;
    expect(ep.subsets![0]!.addresses!.map((a) => a.nodeName).sort()).toEqual([names[0], names[1]]);
    expect(ep.subsets![0]!.notReadyAddresses!.map((a) => a.nodeName).sort()).toEqual([names[2], names[3]]);
  });

  it('recovers when the rule goes: Ready again, pods back in the Service', () => {
    const nsg = agentNsg(world, mc);
    world.putResource({ ...nsg, securityRules: nsg.securityRules.filter((r) => r.name !== 'deny-api') });
    world.advance(5_000);
    settleAll(world);
    expect(Object.values(ready(world, id))).toEqual(['True', 'True', 'True', 'True']);
    const back = world.k8sGet<Node>(id, 'Node', undefined, names[3]!)!;
    expect(back.status.conditions.find((c) => c.type === 'Ready')).toMatchObject({ reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: world.timestamp(), lastTransitionTime: world.timestamp() });
    const ep = world.k8sGet<Endpoints>(id, 'Endpoints', 'default', 'web')!;
    expect(ep.subsets![0]!.addresses!.length).toBe(4);
  });
});

describe('nodes stay Ready in every API server access mode', () => {
  for (const [label, request] of [
    ['public', { networkPlugin: 'kubenet' as const }],
    ['authorized ranges', { networkPlugin: 'kubenet' as const, apiServerAuthorizedIpRanges: ['203.0.113.0/24'] }],
    ['private cluster', { networkPlugin: 'azure' as const, enablePrivateCluster: true }],
    ['VNet integration', { networkPlugin: 'azure' as const, networkPluginMode: 'overlay' as const, enableApiserverVnetIntegration: true }],
  ] as const) {
    it(label, () => {
      const { world, id } = lab({ ...request, nodeCount: 2 }, `ready-${label}`);
      world.advance(60_000);
      settleAll(world);
      expect(Object.values(ready(world, id))).toEqual(['True', 'True']);
    });
  }
});

describe('the control-plane tunnel', () => {
  it('konnectivity: up while an agent reaches the API server; logs/exec need the kubelet port too', () => {
    const { world, id, nodes, mc } = lab({ networkPlugin: 'kubenet', nodeCount: 3 }, 'tunnel');
    const apiIp = world.state.controlPlanes[id.toLowerCase()]!.publicIp!;
    const up = tunnelStatus(world, id);
    expect([up.mode, up.ok, up.agentPod]).toEqual(['konnectivity', true, expect.stringMatching(/^konnectivity-agent-/)]);
    expect(up.hops.at(-1)!.at).toBe('kube-apiserver of aks1 (public endpoint)');
    const agentNode = world.k8sGet<Pod>(id, 'Pod', 'kube-system', up.agentPod!)!.spec.nodeName!;
    const other = nodes.find((n) => n.metadata.name !== agentNode && !world.k8sList<Pod>(id, 'Pod', 'kube-system').some((p) => p.metadata.name.startsWith('konnectivity-agent') && p.spec.nodeName === n.metadata.name))
      ?? nodes.find((n) => n.metadata.name !== agentNode)!;
    expect(kubeletReachable(world, id, other.metadata.name)).toMatchObject({ ok: true });

    // The kubelet port of one node closed: the tunnel is fine, exec on that node is not.
    addNsgRule(world, agentNsg(world, mc), { name: 'deny-kubelet', priority: 110, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', destinationAddressPrefix: nodeIp(other), destinationPortRange: '10250' });
    const noKubelet = kubeletReachable(world, id, other.metadata.name);
    expect([noKubelet.ok, noKubelet.error]).toEqual([false, `error dialing backend: dial tcp ${nodeIp(other)}:10250: i/o timeout`]);

    // API server out of reach for the whole subnet: no agent connects.
    addNsgRule(world, agentNsg(world, mc), { name: 'deny-api', priority: 100, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', destinationAddressPrefix: apiIp, destinationPortRange: '443' });
    const down = tunnelStatus(world, id);
    expect(down.ok).toBe(false);
    expect(down.reason).toMatch(new RegExp(`^No konnectivity-agent pod reaches the API server at ${apiIp.replace(/\./g, '\\.')}:443 \\(dropped\\): NSG aks-agentpool-\\d+-nsg \\(subnet aks-subnet, outbound\\): Rule deny-api \\(priority 100\\) denies TCP`));
    expect(kubeletReachable(world, id, nodes[0]!.metadata.name)).toMatchObject({ ok: false, error: 'error dialing backend: No agent available' });
    settleAll(world);
    expect(nodeHealthMemory(world).tunnels[id.toLowerCase()]).toMatchObject({ ok: false });
  });

  it('VNet integration: no tunnel, the API server dials kubelets through the VNet', () => {
    const { world, id, nodes } = lab({ networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 2, enableApiserverVnetIntegration: true }, 'tunnel-direct');
    expect(tunnelStatus(world, id)).toMatchObject({ mode: 'direct', ok: true });
    const k = kubeletReachable(world, id, nodes[1]!.metadata.name);
    expect(k.ok).toBe(true);
    expect(k.hops[0]!.at).toBe(`kube-apiserver (${world.state.controlPlanes[id.toLowerCase()]!.privateIp})`);
    expect(k.hops.at(-1)!.reason).toMatch(/^kubelet listens on TCP 10250: it accepts TCP /);
    expect(world.k8sList<Pod>(id, 'Pod', 'kube-system').some((p) => p.metadata.name.startsWith('konnectivity-agent'))).toBe(false);
  });
});
