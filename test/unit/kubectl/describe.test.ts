// kubectl describe per kind, against golden transcripts.
import { describe, it } from 'vitest';
import { expectGolden, lab, transcript } from './fixture.ts';

describe('kubectl describe', () => {
  it('describes pods, services, deployments and nodes', () => {
    const h = lab();
    expectGolden(
      'describe-core.txt',
      transcript(h, [
        'kubectl describe pod web-84d7d89658-mfxbr',
        'kubectl describe svc web',
        'kubectl describe svc kube-dns -n kube-system',
        'kubectl describe deployment web',
        'kubectl describe node aks-nodepool1-38813430-vmss000001',
      ]),
    );
  });

  it('describes the other kinds', () => {
    const h = lab();
    expectGolden(
      'describe-other.txt',
      transcript(h, [
        'kubectl describe rs -n kube-system coredns-99c6cd5dc',
        'kubectl describe ds kube-proxy -n kube-system',
        'kubectl describe ep web',
        'kubectl describe endpointslice -l kubernetes.io/service-name=web',
        'kubectl describe ns default',
        'kubectl describe cm coredns-custom -n kube-system',
      ]),
    );
  });

  it('handles several objects, prefixes and errors', () => {
    const h = lab();
    expectGolden(
      'describe-errors.txt',
      transcript(h, ['kubectl describe', 'kubectl describe pod nope', 'kubectl describe svc', 'kubectl describe pods web-84d7d89658-m', 'kubectl describe foo bar']),
    );
  });
});
