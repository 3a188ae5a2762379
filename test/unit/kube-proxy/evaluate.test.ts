// The NAT evaluator on the golden kubenet cluster plus a few extra services. Node i has the
// address 10.224.0.(4+i) and the pod range 10.244.i.0/24; flow numbers pick endpoints.
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateNat, evaluateRules, ipMasqDecision, nodeRules, type NatVerdict, type PacketIn } from '../../../sandbox/network/kube-proxy/index.ts';
import type { World } from '../../../sandbox/model/world.ts';
import { addService, addSlice, CLUSTER_ID, nodeIp, nodeName, smallCluster } from './fixtures.ts';

let world: World;

beforeAll(() => {
  world = smallCluster('kubenet');
  // A NodePort with externalTrafficPolicy Cluster, its one pod on node 1.
  addService(world, { name: 'api', type: 'NodePort', clusterIP: '10.0.33.44', ports: [{ port: 8443, nodePort: 30443 }] });
  addSlice(world, { name: 'api' }, [{ port: 8443 }], [{ ip: '10.244.1.20', node: 1, pod: 'api-6b7c8d9e0-aaaaa' }]);
  // A ClusterIP and a NodePort with no endpoints at all (selector matches nothing ready).
  addService(world, { name: 'empty', clusterIP: '10.0.50.50', ports: [{ port: 80 }] });
  addService(world, { name: 'empty-np', type: 'NodePort', clusterIP: '10.0.50.51', ports: [{ port: 80, nodePort: 30080 }] });
  addSlice(world, { name: 'empty-np' }, [{ port: 80 }], [{ ip: '10.244.2.30', node: 2, ready: false }]);
  // internalTrafficPolicy Local, pod on node 1 only.
  addService(world, { name: 'local-only', clusterIP: '10.0.60.60', ports: [{ port: 80 }], internalTrafficPolicy: 'Local' });
  addSlice(world, { name: 'local-only' }, [{ port: 80 }], [{ ip: '10.244.1.40', node: 1 }]);
  // Both traffic policies Local, pod on node 1.
  addService(world, {
    name: 'both-local',
    type: 'LoadBalancer',
    clusterIP: '10.0.61.61',
    ports: [{ port: 80, nodePort: 31061 }],
    internalTrafficPolicy: 'Local',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 32061,
    loadBalancerIP: '20.10.3.61',
  });
  addSlice(world, { name: 'both-local' }, [{ port: 80 }], [{ ip: '10.244.1.61', node: 1 }]);
  // loadBalancerSourceRanges.
  addService(world, {
    name: 'fenced',
    type: 'LoadBalancer',
    clusterIP: '10.0.70.70',
    ports: [{ port: 443, nodePort: 31443 }],
    loadBalancerIP: '20.10.3.9',
    loadBalancerSourceRanges: ['198.51.100.0/24'],
  });
  addSlice(world, { name: 'fenced' }, [{ port: 443 }], [{ ip: '10.244.2.50', node: 2 }]);
});

function run(node: number, packet: PacketIn, origin: 'pod' | 'node' | 'external', flow = 0.25): NatVerdict {
  return evaluateNat(world, CLUSTER_ID, nodeName(node), packet, origin, flow)!;
}

const tcp = (src: string, dst: string, dport: number): PacketIn => ({ src, dst, dport, protocol: 'tcp' });

describe('ClusterIP', () => {
  it('DNATs a pod to an endpoint without SNAT, following KUBE-SERVICES → SVC → SEP', () => {
    const v = run(0, tcp('10.244.0.20', '10.0.184.17', 80), 'pod', 0.25);
    expect(v.action).toBe('dnat');
    expect(v.to).toEqual({ ip: '10.244.1.5', port: 8080, endpointPod: { namespace: 'default', name: 'web-5d9c8b7f6-abcde' }, endpointNode: nodeName(1) });
    expect(v.chainPath).toEqual(['KUBE-SERVICES', 'KUBE-SVC-LOLE4ISW44XBNF3G', 'KUBE-SEP-XQWD6PXGZUTOOIVQ']);
    expect(v.masquerade).toBe(false);
    expect(v.ipMasqAgent).toBe(false);
    expect(v.servicePort).toBe('default/web');
    expect(v.reason).toBe('default/web -> 10.244.1.5:8080');
  });

  it('chooses the endpoint from the flow number', () => {
    expect(run(0, tcp('10.244.0.20', '10.0.184.17', 80), 'pod', 0.75).to?.ip).toBe('10.244.2.7');
    expect(run(0, tcp('10.244.0.20', '10.0.184.17', 80), 'pod', 0.4999).to?.ip).toBe('10.244.1.5');
  });

  it('masquerades traffic from the node itself (source outside the cluster CIDR)', () => {
    const v = run(0, tcp(nodeIp(0), '10.0.184.17', 80), 'node', 0.25);
    expect(v.action).toBe('dnat');
    expect(v.chainPath).toEqual(['KUBE-SERVICES', 'KUBE-SVC-LOLE4ISW44XBNF3G', 'KUBE-MARK-MASQ', 'KUBE-SEP-XQWD6PXGZUTOOIVQ']);
    expect(v.masquerade).toBe(true);
    expect(v.snatTo).toBe(nodeIp(0));
  });

  it('SNATs to the cbr0 bridge address when the chosen pod sits on this kubenet node', () => {
    const v = run(0, tcp(nodeIp(0), '10.0.92.31', 80), 'node');
    expect(v.to?.ip).toBe('10.244.0.9');
    expect(v.masquerade).toBe(true);
    expect(v.snatTo).toBe('10.244.0.1');
  });

  it('hairpins: a pod reaching itself through its service is masqueraded', () => {
    const v = run(1, tcp('10.244.1.5', '10.0.184.17', 80), 'pod', 0.1);
    expect(v.to?.ip).toBe('10.244.1.5');
    expect(v.masquerade).toBe(true);
    expect(v.snatTo).toBe('10.244.1.1');
  });

  it('resolves DNS over UDP to a CoreDNS pod', () => {
    const v = run(2, { src: '10.244.2.8', dst: '10.0.0.10', dport: 53, protocol: 'udp' }, 'pod', 0.9);
    expect(v.action).toBe('dnat');
    expect(v.to).toEqual({ ip: '10.244.1.4', port: 53, endpointPod: { namespace: 'kube-system', name: 'coredns-789789675-k2w8n' }, endpointNode: nodeName(1) });
    expect(v.chainPath).toEqual(['KUBE-SERVICES', 'KUBE-SVC-TCOU7JCQXEZGVUNU', 'KUBE-SEP-222YD7DQOUNKFRLL']);
  });

  it('leaves a port the service does not expose alone', () => {
    const v = run(0, tcp('10.244.0.20', '10.0.184.17', 81), 'pod');
    expect(v.action).toBe('accept');
    expect(v.reason).toBe('no service rule matched');
  });
});

describe('services without endpoints', () => {
  it('rejects a ClusterIP with no endpoints (curl: Connection refused)', () => {
    for (const [origin, src] of [['pod', '10.244.0.20'], ['node', nodeIp(0)]] as const) {
      const v = run(0, tcp(src, '10.0.50.50', 80), origin);
      expect(v.action).toBe('reject');
      expect(v.reason).toBe('default/empty has no endpoints');
      expect(v.filterChain).toBe('KUBE-SERVICES');
      expect(v.servicePort).toBe('default/empty');
      expect(v.to).toBeUndefined();
    }
  });

  it('rejects a NodePort whose only endpoint is not ready', () => {
    const v = run(1, tcp('203.0.113.7', nodeIp(1), 30080), 'external');
    expect(v.action).toBe('reject');
    expect(v.reason).toBe('default/empty-np has no endpoints');
    expect(v.filterChain).toBe('KUBE-EXTERNAL-SERVICES');
  });

  it("rejects the node's own connection to its NodePort too (it loops back through INPUT)", () => {
    const v = run(1, tcp(nodeIp(1), nodeIp(1), 30080), 'node');
    expect(v.action).toBe('reject');
    expect(v.filterChain).toBe('KUBE-EXTERNAL-SERVICES');
  });
});

describe('NodePort and LoadBalancer from outside', () => {
  it('Cluster policy: any node forwards to the pod and masquerades', () => {
    for (const node of [0, 1, 2]) {
      const v = run(node, tcp('203.0.113.7', nodeIp(node), 30443), 'external');
      expect(v.action).toBe('dnat');
      expect(v.to?.ip).toBe('10.244.1.20');
      expect(v.masquerade).toBe(true);
      expect(v.chainPath.slice(0, 4)).toEqual(['KUBE-SERVICES', 'KUBE-NODEPORTS', v.chainPath[2], 'KUBE-MARK-MASQ']);
      expect(v.chainPath[2]).toMatch(/^KUBE-EXT-/);
    }
  });

  it('Local policy: the node with a local pod DNATs and keeps the client address', () => {
    const v = run(0, tcp('203.0.113.7', nodeIp(0), 31852), 'external');
    expect(v.action).toBe('dnat');
    expect(v.to?.ip).toBe('10.244.0.9');
    expect(v.masquerade).toBe(false);
    expect(v.ipMasqAgent).toBe(false);
    expect(v.chainPath).toEqual(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-EXT-PFINMTQ5Y2TT4XZK', 'KUBE-SVL-PFINMTQ5Y2TT4XZK', 'KUBE-SEP-RMJZV3LOXEU2KYZL']);
  });

  it('Local policy: a node without local pods drops NodePort and load balancer traffic', () => {
    const np = run(2, tcp('203.0.113.7', nodeIp(2), 31852), 'external');
    expect(np.action).toBe('drop');
    expect(np.reason).toBe('default/shop has no local endpoints');
    expect(np.filterChain).toBe('KUBE-EXTERNAL-SERVICES');
    const lb = run(2, tcp('203.0.113.7', '20.10.3.4', 80), 'external');
    expect(lb.action).toBe('drop');
    expect(lb.chainPath).toEqual(['KUBE-SERVICES', 'KUBE-EXT-PFINMTQ5Y2TT4XZK']);
  });

  it('Local policy: the load balancer IP reaches the local pod with the client address kept', () => {
    const v = run(0, tcp('203.0.113.7', '20.10.3.4', 80), 'external');
    expect(v.action).toBe('dnat');
    expect(v.to?.ip).toBe('10.244.0.9');
    expect(v.masquerade).toBe(false);
  });

  it('Local policy: pods and the node itself are short-circuited to any endpoint', () => {
    const pod = run(2, tcp('10.244.2.8', '20.10.3.4', 80), 'pod');
    expect(pod.action).toBe('dnat');
    expect(pod.to?.ip).toBe('10.244.0.9');
    expect(pod.masquerade).toBe(false);
    const host = run(2, tcp(nodeIp(2), nodeIp(2), 31852), 'node');
    expect(host.action).toBe('dnat');
    expect(host.masquerade).toBe(true);
  });

  it('answers the health check node port on every node, with the local endpoint count', () => {
    const with1 = run(0, tcp('168.63.129.16', nodeIp(0), 32561), 'external');
    expect(with1.action).toBe('accept');
    expect(with1.healthCheck).toEqual({ namespace: 'default', name: 'shop', localEndpoints: 1 });
    expect(with1.reason).toBe('default/shop health check node port');
    const with0 = run(2, tcp('168.63.129.16', nodeIp(2), 32561), 'external');
    expect(with0.action).toBe('accept');
    expect(with0.healthCheck).toEqual({ namespace: 'default', name: 'shop', localEndpoints: 0 });
  });

  it('loadBalancerSourceRanges: allowed sources reach the pod, others are dropped', () => {
    const ok = run(0, tcp('198.51.100.9', '20.10.3.9', 443), 'external');
    expect(ok.action).toBe('dnat');
    expect(ok.to?.ip).toBe('10.244.2.50');
    expect(ok.chainPath.slice(0, 3)).toEqual(['KUBE-SERVICES', ok.chainPath[1], ok.chainPath[2]]);
    expect(ok.chainPath[1]).toMatch(/^KUBE-FW-/);
    const denied = run(0, tcp('203.0.113.7', '20.10.3.9', 443), 'external');
    expect(denied.action).toBe('drop');
    expect(denied.filterChain).toBe('KUBE-PROXY-FIREWALL');
    expect(denied.reason).toMatch(/^default\/fenced traffic not accepted by KUBE-FW-/);
  });
});

describe('internalTrafficPolicy Local', () => {
  it('drops cluster IP traffic on nodes without a local endpoint', () => {
    const v = run(0, tcp('10.244.0.20', '10.0.60.60', 80), 'pod');
    expect(v.action).toBe('drop');
    expect(v.reason).toBe('default/local-only has no local endpoints');
    expect(v.filterChain).toBe('KUBE-SERVICES');
  });

  it('with both policies Local, pods still reach the load balancer IP through the short-circuit', () => {
    expect(run(0, tcp('10.244.0.20', '10.0.61.61', 80), 'pod').action).toBe('drop');
    const viaLb = run(0, tcp('10.244.0.20', '20.10.3.61', 80), 'pod');
    expect(viaLb.action).toBe('dnat');
    expect(viaLb.to?.ip).toBe('10.244.1.61');
    expect(viaLb.chainPath[2]).toMatch(/^KUBE-SVC-/);
    expect(run(0, tcp('203.0.113.7', '20.10.3.61', 80), 'external').action).toBe('drop');
    expect(run(1, tcp('203.0.113.7', '20.10.3.61', 80), 'external').to?.ip).toBe('10.244.1.61');
  });

  it('uses the local endpoint where there is one', () => {
    const v = run(1, tcp('10.244.1.9', '10.0.60.60', 80), 'pod');
    expect(v.action).toBe('dnat');
    expect(v.to?.ip).toBe('10.244.1.40');
    expect(v.chainPath[1]).toMatch(/^KUBE-SVL-/);
  });
});

describe('node egress', () => {
  it('ip-masq-agent SNATs pod traffic to the internet, not to other pods', () => {
    const out = run(0, tcp('10.244.0.20', '93.184.216.34', 443), 'pod');
    expect(out.action).toBe('accept');
    expect(out.ipMasqAgent).toBe(true);
    expect(out.masquerade).toBe(false);
    expect(out.snatTo).toBe(nodeIp(0));
    const east = run(0, tcp('10.244.0.20', '10.244.2.7', 8080), 'pod');
    expect(east.ipMasqAgent).toBe(false);
    expect(east.snatTo).toBeUndefined();
  });

  it('AKS blocks pods, not the node, from the WireServer on TCP 80 and 32526', () => {
    const pod = run(0, tcp('10.244.0.20', '168.63.129.16', 80), 'pod');
    expect(pod.action).toBe('drop');
    expect(pod.filterChain).toBe('FORWARD');
    expect(pod.reason).toBe('filter FORWARD: DROP tcp to 168.63.129.16:80');
    expect(run(0, tcp('10.244.0.20', '168.63.129.16', 32526), 'pod').action).toBe('drop');
    expect(run(0, tcp(nodeIp(0), '168.63.129.16', 80), 'node').action).toBe('accept');
    expect(run(0, { src: '10.244.0.20', dst: '168.63.129.16', dport: 53, protocol: 'udp' }, 'pod').action).toBe('accept');
  });

  it('ipMasqDecision: kubenet SNATs everything outside the pod CIDR', () => {
    const rules = nodeRules(world, CLUSTER_ID, nodeName(0))!;
    expect(ipMasqDecision(rules, '10.244.0.20', '10.244.1.5')).toEqual({
      masquerade: false,
      exemptBy: '10.244.0.0/16',
      reason: '10.244.1.5 is inside the non-masquerade range 10.244.0.0/16',
    });
    expect(ipMasqDecision(rules, '10.244.0.20', '10.224.0.5')).toEqual({
      masquerade: true,
      snatTo: nodeIp(0),
      reason: 'ip-masq-agent: outbound traffic is subject to MASQUERADE (must be last in chain)',
    });
    expect(ipMasqDecision(rules, '10.244.0.20', nodeIp(0)).masquerade).toBe(false);
    expect(ipMasqDecision(rules, nodeIp(0), '93.184.216.34').masquerade).toBe(false);
  });

  it('records the rules it took', () => {
    const rules = nodeRules(world, CLUSTER_ID, nodeName(0))!;
    const v = evaluateRules(rules, tcp('10.244.0.20', '10.0.184.17', 80), 'pod', 0.25);
    expect(v.trace.filter((s) => s.table === 'nat').map((s) => `${s.chain}#${s.index}`).slice(0, 4)).toEqual([
      'PREROUTING#0',
      'KUBE-SERVICES#6',
      'KUBE-SVC-LOLE4ISW44XBNF3G#1',
      'KUBE-SEP-XQWD6PXGZUTOOIVQ#1',
    ]);
  });
});
