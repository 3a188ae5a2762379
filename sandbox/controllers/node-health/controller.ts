// Node readiness from mechanics: each node's kubelet must reach the API server (the address its
// kubeconfig leads to) on TCP 443. While it does, its heartbeat is fresh; once the last good
// heartbeat is older than node-monitor-grace-period the node lifecycle controller marks the node
// Unknown and its pods not ready. When the path comes back the kubelet posts Ready again.
// Reachability is traced only when the world or the clock moved since the last look.
import type { ManagedCluster } from '../../model/azure/types.ts';
import type { Node as K8sNode, Pod } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { idKey } from '../../network/arm-ids.ts';
import { ALWAYS_UP } from '../../network/load-balancer.ts';
import { traceIndex } from '../../network/trace/cluster-index.ts';
import { trace } from '../../network/trace/index.ts';
import type { Controller } from '../types.ts';
import { apiServerTarget } from './api-target.ts';
import { postedConditions, readyStatus, unknownConditions } from './conditions.ts';
import { markPodsNotReady, podsByNode, restorePods } from './mark-pods.ts';
import { memoryOf, nodeKey, type NodeHealthMemory } from './memory.ts';
import { checkTunnel } from './tunnel.ts';
import { recordEvent } from '../k8s/events.ts';

/**
 * kube-controller-manager --node-monitor-grace-period: 40 s, the long-standing default (newer
 * upstream releases raised it to 50 s; AKS's own value is not published [assumption]).
 */
export const NODE_MONITOR_GRACE_MS = 40_000;

interface Look {
  revision: number;
  now: number;
  /** Node name → whether its kubelet reached the API server, valid while the revision holds. */
  reach: Map<string, boolean>;
}

// Reachability depends only on the world's content, the grace timer only on the clock: a clock
// tick alone re-reads the cached verdicts instead of tracing every node again.
const looks = new WeakMap<World, Map<string, Look>>();

function heartbeatOf(node: K8sNode, fallback: number): number {
  const text = node.status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime;
  const ms = text ? Date.parse(text) : NaN;
  return Number.isFinite(ms) ? ms : fallback;
}

function reachability(world: World, mc: ManagedCluster, look: Look | undefined): Map<string, boolean> {
  if (look && look.revision === world.revision) return look.reach;
  const reach = new Map<string, boolean>();
  const target = apiServerTarget(world, mc.id);
  const cluster = traceIndex(world).clusters.get(idKey(mc.id));
  if (!target || !cluster) return reach;
  for (const entry of cluster.nodes.values()) {
    const t = trace(world, { from: { kind: 'node', clusterId: mc.id, name: entry.name }, to: { ip: target.ip, port: target.port }, protocol: 'tcp' }, { probeState: ALWAYS_UP, established: true });
    reach.set(entry.name, t.verdict === 'delivered');
  }
  return reach;
}

function reconcileCluster(world: World, mc: ManagedCluster, memory: NodeHealthMemory, reach: Map<string, boolean>): void {
  const now = world.now();
  let pods: Map<string, Pod[]> | undefined;
  for (const [name, reachable] of reach) {
    const node = world.k8sGet<K8sNode>(mc.id, 'Node', undefined, name);
    if (!node) continue;
    const record = (memory.nodes[nodeKey(mc.id, name)] ??= { lastHeartbeatMs: heartbeatOf(node, now) });
    if (reachable) {
      record.lastHeartbeatMs = now;
      if (record.markedUnknown) {
        world.k8sPut(mc.id, { ...node, status: { ...node.status, conditions: postedConditions(node, world.timestamp()) } });
        recordEvent(world, mc.id, node, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`, 'kubelet', { host: name });
        restorePods(world, mc.id, name, record.podsMarked ?? []);
        delete record.markedUnknown;
        delete record.podsMarked;
      }
      continue;
    }
    if (now - record.lastHeartbeatMs < NODE_MONITOR_GRACE_MS || readyStatus(node) === 'Unknown') continue;
    world.k8sPut(mc.id, { ...node, status: { ...node.status, conditions: unknownConditions(node, world.timestamp()) } });
    recordEvent(world, mc.id, node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, 'node-controller');
    record.markedUnknown = true;
    pods ??= podsByNode(world, mc.id);
    record.podsMarked = markPodsNotReady(world, mc.id, pods.get(name) ?? []);
  }
  const tunnel = checkTunnel(world, mc.id);
  memory.tunnels[idKey(mc.id)] = { ok: tunnel.ok, reason: tunnel.reason, checkedAtMs: now };
}

/** Clusters whose control plane runs: a stopped cluster has no API server and no nodes to judge. */
function runningClusters(world: World): ManagedCluster[] {
  return world
    .resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters')
    .filter((mc) => mc.powerState?.code !== 'Stopped')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const nodeHealthController: Controller = {
  name: 'node-health',
  reconcile(world: World): void {
    const memory = memoryOf(world);
    let perCluster = looks.get(world);
    if (!perCluster) looks.set(world, (perCluster = new Map()));
    for (const mc of runningClusters(world)) {
      const key = idKey(mc.id);
      const look = perCluster.get(key);
      if (look && look.revision === world.revision && look.now === world.now()) continue;
      const reach = reachability(world, mc, look);
      reconcileCluster(world, mc, memory, reach);
      // Stamped after our own writes: they change no path, so the verdicts stay valid.
      perCluster.set(key, { revision: world.revision, now: world.now(), reach });
    }
  },
};
