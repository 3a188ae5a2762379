// What accepts a connection at the far end: declared container ports, the ports the lessons'
// sample images serve whether declared or not, CoreDNS on 53, and the node's own daemons.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../sandbox/model/k8s/types.ts';
import { imageRepository, nodeListens, podListens } from '../../../sandbox/network/trace/index.ts';

function podWith(image: string, ports: { containerPort: number; protocol?: 'TCP' | 'UDP' }[] = []): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: { containers: [{ name: 'app', image, ...(ports.length ? { ports } : {}) }] },
    status: { phase: 'Running' },
  };
}

describe('imageRepository', () => {
  it('drops the registry host, library/, tag and digest', () => {
    expect(imageRepository('nginx')).toBe('nginx');
    expect(imageRepository('nginx:1.27')).toBe('nginx');
    expect(imageRepository('docker.io/library/nginx:latest')).toBe('nginx');
    expect(imageRepository('mcr.microsoft.com/azuredocs/aks-helloworld:v1')).toBe('azuredocs/aks-helloworld');
    expect(imageRepository('registry.k8s.io/echoserver@sha256:abc')).toBe('echoserver');
    expect(imageRepository('localhost:5000/team/app:1')).toBe('team/app');
  });
});

describe('podListens', () => {
  it('knows what the sample images serve without a declared port', () => {
    expect(podListens(podWith('nginx:1.27'), 'tcp', 80).listening).toBe(true);
    expect(podListens(podWith('mcr.microsoft.com/azuredocs/aks-helloworld:v1'), 'tcp', 80).listening).toBe(true);
    expect(podListens(podWith('registry.k8s.io/echoserver:1.10'), 'tcp', 8080).listening).toBe(true);
    expect(podListens(podWith('jmalloc/echo-server'), 'tcp', 8080).detail).toBe('container app (jmalloc/echo-server) listens on TCP 8080');
    expect(podListens(podWith('nginx'), 'tcp', 8080)).toEqual({ listening: false, detail: 'its containers listen on 80/TCP' });
    expect(podListens(podWith('nginx'), 'udp', 80).listening).toBe(false);
  });

  it('an unknown image serves only what it declares', () => {
    expect(podListens(podWith('contoso/api:2', [{ containerPort: 5000 }]), 'tcp', 5000).listening).toBe(true);
    expect(podListens(podWith('contoso/api:2', [{ containerPort: 5000 }]), 'tcp', 80)).toEqual({ listening: false, detail: 'its containers listen on 5000/TCP' });
    expect(podListens(podWith('busybox'), 'tcp', 80)).toEqual({ listening: false, detail: 'its containers listen on no ports' });
  });

  it('CoreDNS answers on 53 over UDP and TCP; ICMP is answered by any pod', () => {
    const coredns = podWith('mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.11.3-6');
    expect([podListens(coredns, 'udp', 53).listening, podListens(coredns, 'tcp', 53).listening, podListens(coredns, 'udp', 54).listening]).toEqual([true, true, false]);
    expect(podListens(podWith('busybox'), 'icmp', undefined).listening).toBe(true);
  });
});

describe('nodeListens', () => {
  it('kubelet, sshd, kube-proxy health (only with kube-proxy) and host-network pods', () => {
    expect(nodeListens([], true, 'tcp', 10250).detail).toBe('kubelet listens on TCP 10250');
    expect(nodeListens([], true, 'tcp', 10256).listening).toBe(true);
    expect(nodeListens([], false, 'tcp', 10256).listening).toBe(false);
    expect(nodeListens([podWith('contoso/agent', [{ containerPort: 9100 }])], true, 'tcp', 9100).detail).toBe('host-network pod default/p: container app declares and listens on TCP 9100');
    expect(nodeListens([], true, 'tcp', 8080).listening).toBe(false);
  });
});
