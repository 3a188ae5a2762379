// Tab completion of kubectl in the terminal: verbs, subcommands, flags and their values,
// resource types, and object names read from the cluster the kubeconfig points at.
import { describe, expect, it } from 'vitest';
import { lab } from './fixture.ts';

function complete(line: string): string[] {
  const h = lab();
  return h.shell.complete(line, line.length).candidates;
}

describe('kubectl completion', () => {
  it('completes verbs and subcommands', () => {
    const verbs = complete('kubectl ');
    expect(verbs).toContain('get');
    expect(verbs).toContain('rollout');
    expect(verbs).not.toContain('help');
    expect(complete('kubectl desc')).toEqual(['describe']);
    expect(complete('kubectl config u')).toEqual(['use-context']);
    expect(complete('kubectl rollout ')).toEqual(['history', 'pause', 'restart', 'resume', 'status', 'undo']);
  });

  it('completes resource types, then names from the cluster', () => {
    expect(complete('kubectl get po')).toEqual(['pods']);
    expect(complete('kubectl get deploy')).toEqual(['deployments.apps']);
    expect(complete('kubectl get pods ')).toEqual(['web-84d7d89658-6znw9', 'web-84d7d89658-9z9l7', 'web-84d7d89658-mfxbr']);
    expect(complete('kubectl -n kube-system get deploy co')).toEqual(['coredns', 'coredns-autoscaler']);
    expect(complete('kubectl describe deploy/')).toEqual(['deploy/web']);
    expect(complete('kubectl logs web-84d7d89658-m')).toEqual(['web-84d7d89658-mfxbr']);
    expect(complete('kubectl rollout status ')).toEqual(['daemonset', 'deployment', 'statefulset']);
    expect(complete('kubectl describe node ')).toHaveLength(3);
  });

  it('completes flags and flag values', () => {
    expect(complete('kubectl get pods --all-')).toEqual(['--all-namespaces']);
    expect(complete('kubectl get pods -o ')).toContain('jsonpath');
    expect(complete('kubectl -n ')).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(complete('kubectl --context ')).toEqual(['aks1']);
    expect(complete('kubectl config use-context ')).toEqual(['aks1']);
  });
});
