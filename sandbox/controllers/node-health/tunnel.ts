// The control plane's way into the nodes, for `kubectl logs/exec/port-forward`, webhooks and
// metrics. With konnectivity, agent pods in kube-system dial the API server on TCP 443 and the
// API server sends kubelet traffic back through them, so the tunnel needs one agent that gets
// through, and that agent must then reach the kubelet (10250). With API Server VNet Integration
// there is no tunnel: the API server, projected into its subnet, dials kubelets directly.
import type { ManagedCluster } from '../../model/azure/types.ts';
import type { Pod } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Hop } from '../../network/flow.ts';
import { ALWAYS_UP } from '../../network/load-balancer.ts';
import { nodeEntry } from '../../network/trace/cluster-index.ts';
import { trace, type TraceResult } from '../../network/trace/index.ts';
import { apiServerTarget } from './api-target.ts';

export interface TunnelStatus {
  mode: 'konnectivity' | 'direct' | 'none';
  ok: boolean;
  reason: string;
  hops: Hop[];
  /** The agent pod whose connection carries the tunnel, when one gets through. */
  agentPod?: string;
}

export interface KubeletReach {
  ok: boolean;
  reason: string;
  hops: Hop[];
  /** What the API server answers `kubectl logs/exec` with when it cannot reach the kubelet (after "Error from server: "). */
  error?: string;
}

const AGENT_LABEL = 'konnectivity-agent';

function agents(world: World, clusterId: string): Pod[] {
  return world
    .k8sList<Pod>(clusterId, 'Pod', 'kube-system')
    .filter((p) => p.metadata.labels?.['app'] === AGENT_LABEL && p.status?.phase === 'Running' && !!p.status.podIP && !p.metadata.deletionTimestamp)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

function lastReason(t: TraceResult): string {
  const last = t.hops[t.hops.length - 1];
  return last ? `${last.at}: ${last.reason}` : t.verdict;
}

function modeOf(world: World, clusterId: string): TunnelStatus['mode'] {
  const plane = world.state.controlPlanes[clusterId.toLowerCase()];
  if (!plane) return 'none';
  return plane.tunnel;
}

/** Whether the control plane has a way to the kubelets (uncached; the controller records the verdict). */
export function checkTunnel(world: World, clusterId: string): TunnelStatus {
  const mode = modeOf(world, clusterId);
  if (mode === 'none') return { mode, ok: false, reason: 'The cluster has no control plane.', hops: [] };
  if (world.resource<ManagedCluster>(clusterId)?.powerState?.code === 'Stopped') return { mode, ok: false, reason: 'The cluster is stopped.', hops: [] };
  if (mode === 'direct') {
    return { mode, ok: true, reason: 'API Server VNet Integration: there is no tunnel; the API server reaches each kubelet directly through the VNet.', hops: [] };
  }
  const target = apiServerTarget(world, clusterId);
  if (!target) return { mode, ok: false, reason: 'The API server has no address the agents could dial.', hops: [] };
  const pods = agents(world, clusterId);
  if (pods.length === 0) return { mode, ok: false, reason: 'No konnectivity-agent pod is running in kube-system, so nothing opens the tunnel.', hops: [] };
  let failed: TraceResult | undefined;
  for (const pod of pods) {
    const t = trace(world, { from: { kind: 'pod', clusterId, namespace: 'kube-system', name: pod.metadata.name }, to: { ip: target.ip, port: 443 }, protocol: 'tcp' }, { probeState: ALWAYS_UP, established: true });
    if (t.verdict === 'delivered') {
      return { mode, ok: true, reason: `konnectivity-agent pod ${pod.metadata.name} on ${pod.spec.nodeName} holds the tunnel to the API server at ${target.ip}:443.`, hops: t.hops, agentPod: pod.metadata.name };
    }
    failed ??= t;
  }
  return { mode, ok: false, reason: `No konnectivity-agent pod reaches the API server at ${target.ip}:443 (${failed!.verdict}): ${lastReason(failed!)}`, hops: failed!.hops };
}

export function tunnelStatus(world: World, clusterId: string): TunnelStatus {
  return checkTunnel(world, clusterId);
}

function dialError(ip: string, verdict: TraceResult['verdict']): string {
  // The dial error as the API server reports it [assumption: same wording through konnectivity].
  return verdict === 'refused' ? `error dialing backend: dial tcp ${ip}:10250: connect: connection refused` : `error dialing backend: dial tcp ${ip}:10250: i/o timeout`;
}

/** Whether `kubectl logs/exec` can reach the kubelet of the node, and the API server's error when not. */
export function kubeletReachable(world: World, clusterId: string, nodeName: string): KubeletReach {
  const node = nodeEntry(world, clusterId, nodeName);
  if (!node) return { ok: false, reason: `There is no node ${nodeName}.`, hops: [], error: `nodes "${nodeName}" not found` };
  const tunnel = checkTunnel(world, clusterId);
  if (tunnel.mode === 'konnectivity') {
    if (!tunnel.ok || !tunnel.agentPod) return { ok: false, reason: tunnel.reason, hops: tunnel.hops, error: 'error dialing backend: No agent available' };
    const from = { kind: 'pod' as const, clusterId, namespace: 'kube-system', name: tunnel.agentPod };
    const t = trace(world, { from, to: { ip: node.ip, port: 10250 }, protocol: 'tcp' }, { probeState: ALWAYS_UP, established: true });
    if (t.verdict === 'delivered') return { ok: true, reason: `Through konnectivity-agent ${tunnel.agentPod}, the API server reaches the kubelet of ${nodeName} at ${node.ip}:10250.`, hops: t.hops };
    return { ok: false, reason: `The tunnel is up, but konnectivity-agent ${tunnel.agentPod} cannot reach the kubelet of ${nodeName} (${t.verdict}): ${lastReason(t)}`, hops: t.hops, error: dialError(node.ip, t.verdict) };
  }
  if (tunnel.mode === 'direct') {
    const plane = world.state.controlPlanes[clusterId.toLowerCase()]!;
    if (!plane.privateIp) return { ok: false, reason: 'The API server has no address in the VNet.', hops: [], error: dialError(node.ip, 'timed-out') };
    const t = trace(world, { from: { kind: 'ip', ip: plane.privateIp }, to: { ip: node.ip, port: 10250 }, protocol: 'tcp' }, { probeState: ALWAYS_UP, established: true });
    if (t.verdict === 'delivered') return { ok: true, reason: `The API server reaches the kubelet of ${nodeName} at ${node.ip}:10250 directly through the VNet.`, hops: t.hops };
    return { ok: false, reason: `The API server cannot reach the kubelet of ${nodeName} (${t.verdict}): ${lastReason(t)}`, hops: t.hops, error: dialError(node.ip, t.verdict) };
  }
  return { ok: false, reason: tunnel.reason, hops: [], error: 'error dialing backend: No agent available' };
}
