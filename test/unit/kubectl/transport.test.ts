// The transport check: kubectl reaches the API server only when the path engine lets TCP 443
// through from the calling host. No kubeconfig, an unknown context, a blocked public endpoint
// (authorized IP ranges), a private cluster seen from outside, a stopped cluster; and
// runKubectl for callers that run kubectl inside the cluster (az aks command invoke).
import { describe, expect, it } from 'vitest';
import { runKubectl } from '../../../sandbox/cli/kubectl/index.ts';
import type { ManagedCluster } from '../../../sandbox/model/azure/types.ts';
import { buildScenario } from '../../../sandbox/scenarios/build.ts';
import { getScenario } from '../../../sandbox/scenarios/registry.ts';
import { harness, type Harness } from '../../support/harness.ts';
import { expectGolden, lab, transcript } from './fixture.ts';

function scenario(id: string): Harness {
  const { world, files } = buildScenario(getScenario(id));
  return harness(world, files);
}

function cluster(h: Harness): ManagedCluster {
  return h.sim.world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/managedClusters')[0]!;
}

/** Runs a line and returns its result with the virtual seconds it took. */
function timed(h: Harness, line: string): { stderr: string; exitCode: number; seconds: number } {
  const t0 = h.sim.world.now();
  const r = h.run(line);
  return { stderr: r.stderr, exitCode: r.exitCode, seconds: (h.sim.world.now() - t0) / 1000 };
}

describe('kubectl transport', () => {
  it('reports configuration errors before any connection', () => {
    const h = lab();
    expectGolden(
      'transport-config.txt',
      transcript(h, [
        'kubectl --context nope get pods',
        'kubectl --kubeconfig /nope get pods',
        'kubectl --kubeconfig /nope config view',
        'mv ~/.kube/config /tmp/kc',
        'kubectl get pods',
        'kubectl version',
        'kubectl config view',
        'KUBECONFIG=/tmp/kc kubectl get deploy',
        'kubectl --kubeconfig=/tmp/kc get deploy',
      ]),
    );
  });

  it('times out against a public endpoint that does not trust the workstation', () => {
    const h = scenario('authorized-ip');
    const r = timed(h, 'kubectl get pods');
    expect(r.exitCode).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    for (const line of lines.slice(0, 5)) expect(line).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: Get \\"https:\/\/aks1-[^"]+\.hcp\.eastus\.azmk8s\.io:443\/api\?timeout=32s\\": dial tcp [\d.]+:443: i\/o timeout"$/);
    expect(lines[5]).toMatch(/^Unable to connect to the server: dial tcp [\d.]+:443: i\/o timeout$/);
    // Five attempts at the dialer's 30 s.
    expect(r.seconds).toBeGreaterThanOrEqual(150);
    expect(r.seconds).toBeLessThan(160);
    // kubectl version asks /version once: no discovery lines.
    const v = h.run('kubectl version');
    expect(v.stdout).toBe('Client Version: v1.34.1\nKustomize Version: v5.7.1\n');
    expect(v.stderr).toMatch(/^Unable to connect to the server: dial tcp [\d.]+:443: i\/o timeout\n$/);
    // Reading the kubeconfig needs no server.
    expect(h.run('kubectl config current-context').stdout).toBe('aks1\n');
  });

  it('works again once the workstation is authorized', () => {
    const h = scenario('authorized-ip');
    const mc = cluster(h);
    h.sim.world.putResource({ ...mc, apiServerAccessProfile: { ...mc.apiServerAccessProfile, authorizedIpRanges: ['0.0.0.0/0'] } });
    h.sim.settle();
    const r = h.run('kubectl get deploy web');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^NAME +READY/);
  });

  it('cannot resolve a private cluster from outside its VNet', () => {
    const h = scenario('private-cluster-system');
    const r = timed(h, 'kubectl get nodes');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^Unable to connect to the server: dial tcp: lookup aks1-[a-z0-9-]+\.[0-9a-f-]+\.privatelink\.eastus\.azmk8s\.io on [\d.]+:53: no such host$/);
    expect(r.seconds).toBeLessThan(5);
  });

  it('gets no answer from a stopped cluster', () => {
    const h = lab();
    h.sim.world.putResource({ ...cluster(h), powerState: { code: 'Stopped' } });
    const r = timed(h, 'kubectl get pods');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/Unable to connect to the server: dial tcp [\d.]+:443: i\/o timeout\n$/);
  });

  it('runs inside the cluster for az aks command invoke, past the blocked endpoint', () => {
    const h = scenario('authorized-ip');
    const workstation = h.sim.hosts.workstation();
    const kubeconfigText = workstation.fs.readFile('/home/learner/.kube/config');
    expect(typeof kubeconfigText).toBe('string');
    const r = runKubectl(h.sim, workstation, ['kubectl', 'get', 'deploy', 'web', '-o', 'jsonpath={.status.readyReplicas}'], { kubeconfigText: String(kubeconfigText) });
    expect(r).toEqual({ stdout: '3', stderr: '', exitCode: 0 });
    const applied = runKubectl(h.sim, workstation, ['kubectl', 'apply', '-f', '-'], {
      kubeconfigText: String(kubeconfigText),
      stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: lab\n',
    });
    expect(applied).toEqual({ stdout: 'configmap/settings created\n', stderr: '', exitCode: 0 });
    // The same kubectl on the workstation still cannot connect.
    expect(runKubectl(h.sim, workstation, ['kubectl', 'get', 'cm'], { checkTransport: true }).exitCode).toBe(1);
  });
});
