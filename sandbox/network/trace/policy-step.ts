// The NetworkPolicy step of a trace: egress on the sending pod, ingress on the receiving pod,
// written as hops. A cluster without an engine still gets one hop when a policy would have
// applied, because "my deny-all policy does nothing" is a lesson of its own.
import type { Pod } from '../../model/k8s/types.ts';
import type { ClusterEntry, NodeEntry } from './cluster-index.ts';
import { addHop, end, portText } from './hops.ts';
import { evaluatePolicies, policyEngine, type PolicyDirection } from './network-policy.ts';
import { nodeLocalAddresses } from './node-stack.ts';
import type { Ctx, Ending } from './types.ts';

function podName(pod: Pod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

/**
 * Checks the policies of `subject` for traffic with the peer at `peerIp`. Returns an ending when
 * the packet is dropped, else undefined.
 */
export function policyStep(ctx: Ctx, cluster: ClusterEntry, node: NodeEntry, subject: Pod, direction: PolicyDirection, peerIp: string): Ending | undefined {
  const own = subject.status?.podIP;
  // A pod cannot block itself, nor its own node (kubelet probes come from there).
  if (peerIp === own || nodeLocalAddresses(cluster, node).includes(peerIp)) return undefined;
  const p = ctx.pkt;
  const peerPod = cluster.podsByIp.get(peerIp);
  const verdict = evaluatePolicies(cluster, direction, subject, peerPod ? { ip: peerIp, pod: peerPod } : { ip: peerIp }, p.protocol, p.dstPort);
  if (!verdict.isolated) return undefined;
  const engine = policyEngine(cluster.mc);
  const peer = peerPod ? `pod ${podName(peerPod)} (${peerIp})` : peerIp;
  const what = direction === 'Egress' ? `to ${peer} on ${portText(p)}` : `from ${peer} on ${portText(p)}`;
  const policies = verdict.policies.join(', ');
  if (!engine) {
    // Report only once per trace: both ends may be selected.
    if (!ctx.hops.some((h) => h.action === 'policy')) {
      addHop(ctx, {
        at: `pod ${podName(subject)}`,
        action: 'policy',
        decision: 'pass',
        reason: `NetworkPolicy ${policies} selects pod ${podName(subject)}, but the cluster has no network policy engine (networkProfile.networkPolicy is none), so nothing enforces it.`,
      });
    }
    return undefined;
  }
  const at = `${engine} on ${node.name} (pod ${podName(subject)}, ${direction.toLowerCase()})`;
  if (verdict.allowed) {
    addHop(ctx, {
      at,
      action: 'policy',
      decision: 'pass',
      reason: `NetworkPolicy ${verdict.allowedBy!.policy} (${direction.toLowerCase()} rule ${verdict.allowedBy!.rule}) allows traffic ${what}.`,
      details: { policy: verdict.allowedBy!.policy, direction },
    });
    return undefined;
  }
  addHop(ctx, {
    at,
    action: 'policy',
    decision: 'drop',
    reason: `NetworkPolicy ${policies} ${verdict.policies.length > 1 ? 'select' : 'selects'} pod ${podName(subject)} for ${direction} and no rule allows traffic ${what}, so ${engine} drops the packet.`,
    details: { policies, direction },
  });
  return end('dropped');
}
