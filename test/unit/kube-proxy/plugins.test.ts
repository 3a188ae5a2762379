// What changes with the network plugin: kube-proxy's cluster CIDR, azure-ip-masq-agent's
// non-masquerade ranges (from its ConfigMaps, or derived when none is stored), and Cilium
// replacing kube-proxy altogether.
import { describe, expect, it } from 'vitest';
import { clusterProxyView, evaluateNat, iptablesListRules, ipMasqDecision, nodeRules } from '../../../sandbox/network/kube-proxy/index.ts';
import { addConfigMap, addService, addSlice, CLUSTER_ID, makeWorld, nodeIp, nodeName, smallCluster } from './fixtures.ts';

const ipMasqChain = (world: ReturnType<typeof makeWorld>) => iptablesListRules(nodeRules(world, CLUSTER_ID, nodeName(0))!, 'nat', 'IP-MASQ-AGENT');

describe('per plugin', () => {
  it('kubenet: cluster CIDR = pod CIDR, ip-masq-agent exempts only the pod CIDR', () => {
    const view = clusterProxyView(makeWorld('kubenet'), CLUSTER_ID);
    expect(view.clusterCidr).toBe('10.244.0.0/16');
    expect(view.ipMasq).toEqual({ nonMasqueradeCIDRs: ['10.244.0.0/16'], masqLinkLocal: true, source: 'derived' });
  });

  it('Azure CNI: cluster CIDR = node subnet, ip-masq-agent exempts subnet, service range and VNet', () => {
    const world = makeWorld('azure');
    const view = clusterProxyView(world, CLUSTER_ID);
    expect(view.clusterCidr).toBe('10.224.0.0/16');
    expect(view.ipMasq?.nonMasqueradeCIDRs).toEqual(['10.224.0.0/16', '10.0.0.0/16', '10.224.0.0/12']);
    expect(ipMasqChain(world)).toBe(
      [
        '-N IP-MASQ-AGENT',
        '-A IP-MASQ-AGENT -d 10.224.0.0/16 -m comment --comment "ip-masq-agent: local traffic is not subject to MASQUERADE" -j RETURN',
        '-A IP-MASQ-AGENT -d 10.0.0.0/16 -m comment --comment "ip-masq-agent: local traffic is not subject to MASQUERADE" -j RETURN',
        '-A IP-MASQ-AGENT -d 10.224.0.0/12 -m comment --comment "ip-masq-agent: local traffic is not subject to MASQUERADE" -j RETURN',
        '-A IP-MASQ-AGENT -m comment --comment "ip-masq-agent: outbound traffic is subject to MASQUERADE (must be last in chain)" -j MASQUERADE',
        '',
      ].join('\n'),
    );
    const rules = nodeRules(world, CLUSTER_ID, nodeName(0))!;
    expect(rules.bridgeIp).toBeNull();
    expect(ipMasqDecision(rules, '10.224.0.40', '10.225.3.4').masquerade).toBe(false);
    expect(ipMasqDecision(rules, '10.224.0.40', '172.16.0.4')).toMatchObject({ masquerade: true, snatTo: nodeIp(0) });
  });

  it('overlay: pod CIDR only, so VNet destinations see the node IP', () => {
    const world = makeWorld('overlay');
    const view = clusterProxyView(world, CLUSTER_ID);
    expect(view.clusterCidr).toBe('10.244.0.0/16');
    expect(view.ipMasq?.nonMasqueradeCIDRs).toEqual(['10.244.0.0/16']);
    expect(ipMasqDecision(nodeRules(world, CLUSTER_ID, nodeName(0))!, '10.244.0.7', '10.224.0.5').masquerade).toBe(true);
  });

  it('Cilium dataplane: no kube-proxy chains at all, traffic to a service IP is not translated here', () => {
    const world = smallCluster('cilium');
    const rules = nodeRules(world, CLUSTER_ID, nodeName(0))!;
    expect(rules.kubeProxyAbsent).toBe('Azure CNI powered by Cilium replaces kube-proxy with eBPF');
    expect([...rules.tables.nat.chains.keys()].filter((c) => c.startsWith('KUBE-'))).toEqual(['KUBE-KUBELET-CANARY']);
    const v = evaluateNat(world, CLUSTER_ID, nodeName(0), { src: '10.244.0.7', dst: '10.0.184.17', dport: 80, protocol: 'tcp' }, 'pod', 0.1)!;
    expect(v.action).toBe('accept');
    expect(v.reason).toBe('no service rule matched (no kube-proxy: Azure CNI powered by Cilium replaces kube-proxy with eBPF)');
  });
});

describe('ip-masq-agent ConfigMaps', () => {
  it('merges the user ConfigMap and the reconciled one (user file first, duplicates once, masqLinkLocal OR-ed)', () => {
    const world = makeWorld('kubenet');
    addConfigMap(world, 'azure-ip-masq-agent-config-reconciled', {
      'ip-masq-agent-reconciled': 'nonMasqueradeCIDRs:\n  - 10.244.0.0/16\nmasqLinkLocal: true\n',
    });
    addConfigMap(world, 'azure-ip-masq-agent-config', {
      'ip-masq-agent': 'nonMasqueradeCIDRs:\n  - 192.168.10.0/24\n  - 10.244.0.0/16\nmasqLinkLocal: false\n',
    });
    expect(clusterProxyView(world, CLUSTER_ID).ipMasq).toEqual({
      nonMasqueradeCIDRs: ['192.168.10.0/24', '10.244.0.0/16'],
      masqLinkLocal: true,
      source: 'configmap',
    });
    const rules = nodeRules(world, CLUSTER_ID, nodeName(0))!;
    expect(ipMasqDecision(rules, '10.244.0.7', '192.168.10.20')).toMatchObject({ masquerade: false, exemptBy: '192.168.10.0/24' });
  });

  it('keeps link-local un-NATed when masqLinkLocal is false everywhere', () => {
    const world = makeWorld('kubenet');
    addConfigMap(world, 'azure-ip-masq-agent-config-reconciled', {
      'ip-masq-agent-reconciled': 'nonMasqueradeCIDRs:\n  - 10.244.0.0/16\nmasqLinkLocal: false\n',
    });
    const chain = ipMasqChain(world)!.split('\n');
    expect(chain[1]).toBe('-A IP-MASQ-AGENT -d 169.254.0.0/16 -m comment --comment "ip-masq-agent: local traffic is not subject to MASQUERADE" -j RETURN');
    expect(chain[2]).toContain('-d 10.244.0.0/16');
  });

  it('ignores a ConfigMap with an invalid CIDR, as the agent refuses the file', () => {
    const world = makeWorld('kubenet');
    addConfigMap(world, 'azure-ip-masq-agent-config', { 'ip-masq-agent': 'nonMasqueradeCIDRs:\n  - 10.1.2.300/24\n' });
    expect(clusterProxyView(world, CLUSTER_ID).ipMasq?.source).toBe('derived');
  });

  it('rebuilds after the world changes and not before', () => {
    const world = makeWorld('kubenet');
    const before = nodeRules(world, CLUSTER_ID, nodeName(0));
    expect(nodeRules(world, CLUSTER_ID, nodeName(0))).toBe(before);
    addService(world, { name: 'late', clusterIP: '10.0.99.99', ports: [{ port: 80 }] });
    addSlice(world, { name: 'late' }, [{ port: 80 }], [{ ip: '10.244.1.99', node: 1 }]);
    const after = nodeRules(world, CLUSTER_ID, nodeName(0))!;
    expect(after).not.toBe(before);
    expect(after.tables.nat.chains.get('KUBE-SERVICES')!.rules.some((r) => r.dst?.text === '10.0.99.99')).toBe(true);
    expect(nodeRules(world, CLUSTER_ID, 'no-such-node')).toBeNull();
  });
});

describe('session affinity', () => {
  it('writes recent-module rules kube-proxy uses for ClientIP affinity', () => {
    const world = makeWorld('kubenet');
    addService(world, { name: 'sticky', clusterIP: '10.0.12.12', ports: [{ port: 80 }], sessionAffinity: 'ClientIP' });
    addSlice(world, { name: 'sticky' }, [{ port: 80 }], [
      { ip: '10.244.1.5', node: 1 },
      { ip: '10.244.2.5', node: 2 },
    ]);
    const rules = nodeRules(world, CLUSTER_ID, nodeName(0))!;
    const text = iptablesListRules(rules, 'nat')!;
    expect(text).toMatch(
      /-A (KUBE-SVC-\w+) -m comment --comment "default\/sticky -> 10\.244\.1\.5:80" -m recent --rcheck --seconds 10800 --reap --name (KUBE-SEP-\w+) --mask 255\.255\.255\.255 --rsource -j \2\n/,
    );
    expect(text).toMatch(/-A KUBE-SEP-\w+ -p tcp -m comment --comment "default\/sticky" -m recent --set --name KUBE-SEP-\w+ --mask 255\.255\.255\.255 --rsource -m tcp -j DNAT --to-destination 10\.244\.2\.5:80\n/);
    const v = evaluateNat(world, CLUSTER_ID, nodeName(0), { src: '10.244.0.9', dst: '10.0.12.12', dport: 80, protocol: 'tcp' }, 'pod', 0.9)!;
    expect(v.to?.ip).toBe('10.244.2.5');
  });
});
