import { describe, expect, it } from 'vitest';
import { portProtoHash, sepChain, servicePortName, svcChain } from '../../../sandbox/network/kube-proxy/chain-names.ts';

describe('kube-proxy chain names', () => {
  it('reproduces the three check values from the facts', () => {
    expect(svcChain('default/kubernetes:https', 'tcp')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(svcChain('kube-system/kube-dns:dns', 'udp')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(svcChain('kube-system/kube-dns:dns-tcp', 'tcp')).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
  });

  it('appends ip:port for endpoint chains (matches a published AKS dump)', () => {
    // From a real iptables-save: KUBE-SEP-222YD7DQOUNKFRLL DNATs kube-dns:dns to 10.244.1.4:53.
    expect(sepChain('kube-system/kube-dns:dns', 'udp', '10.244.1.4:53')).toBe('KUBE-SEP-222YD7DQOUNKFRLL');
    expect(sepChain('kube-system/kube-dns:dns-tcp', 'tcp', '10.244.1.4:53')).toBe('KUBE-SEP-5BME6LXGYWTVD5D3');
  });

  it('names unnamed ports without a colon and lowercases the protocol', () => {
    expect(servicePortName('default', 'web', '')).toBe('default/web');
    expect(servicePortName('default', 'web', 'http')).toBe('default/web:http');
    expect(portProtoHash('default/web', 'TCP')).toBe(portProtoHash('default/web', 'tcp'));
    expect(portProtoHash('default/web', 'tcp')).toHaveLength(16);
  });
});
