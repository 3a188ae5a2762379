// curl in the situations the course builds: an echo app behind a LoadBalancer shows the client
// address it sees (Cluster policy: a node's address after SNAT; Local: the learner's own public
// IP); bumpy DNS makes curl wait for the resolver's real timeouts; the egress IP changes with
// the outbound type.
import { describe, expect, it } from 'vitest';
import { addNsgRule, agentNsg } from '../trace/fixtures.ts';
import { lab, lbIp, nodeIp, pod, service } from './fixtures.ts';

describe('Cluster vs Local externalTrafficPolicy, seen by agnhost /clientip', () => {
  const l = lab({ networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 3 }, 'clientip');
  pod(l, 'echo', 0, { image: 'registry.k8s.io/e2e-test-images/agnhost:2.52', labels: { app: 'echo' }, ports: [8080], args: ['netexec', '--http-port=8080'] });
  service(l, 'echo-cluster', { type: 'LoadBalancer', selector: { app: 'echo' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] });
  service(l, 'echo-local', { type: 'LoadBalancer', selector: { app: 'echo' }, externalTrafficPolicy: 'Local', ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] });
  l.settle();
  const me = l.world.state.machines['workstation']!.publicIp;
  const nodeIps = [0, 1, 2].map((i) => nodeIp(l, i));

  it('Cluster: the pod sees a node address (SNAT), varying with the node the LB picked', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const out = l.ws(`curl -s http://${lbIp(l, 'echo-cluster')}/clientip`);
      expect(out.exitCode).toBe(0);
      const [ip] = out.stdout.split(':');
      expect(nodeIps).toContain(ip);
      seen.add(ip!);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('Local: the pod sees the workstation public IP', () => {
    for (let i = 0; i < 4; i++) {
      const out = l.ws(`curl -s http://${lbIp(l, 'echo-local')}/clientip`);
      expect(out.stdout.split(':')[0]).toBe(me);
    }
  });

  it('the health check node port answers 200 where the pod runs and 503 elsewhere', () => {
    const svc = l.world.k8sGet<{ spec: { healthCheckNodePort: number } } & import('../../../sandbox/model/k8s/types.ts').K8sObject>(l.id, 'Service', 'default', 'echo-local')!;
    const port = svc.spec.healthCheckNodePort;
    const here = l.onNode(1, `curl -s -w ' %{http_code}' http://${nodeIps[0]}:${port}/healthz`);
    expect(here.stdout).toMatch(/"localEndpoints": 1,\n\t"serviceProxyHealthy": true\n} 200$/);
    const there = l.onNode(0, `curl -s -w ' %{http_code}' http://${nodeIps[1]}:${port}/healthz`);
    expect(there.stdout).toMatch(/"localEndpoints": 0,[\s\S]* 503$/);
  });
});

describe('bumpy DNS: UDP 53 denied between nodes', () => {
  const l = lab({ networkPlugin: 'kubenet', nodeCount: 2 }, 'bumpy-curl');
  for (const n of [0, 1]) for (const k of [0, 1, 2]) pod(l, `c-${n}-${k}`, n, { image: 'nicolaka/netshoot' });
  pod(l, 'web', 0, { labels: { app: 'web' } });
  service(l, 'web');
  l.settle();
  addNsgRule(l.world, agentNsg(l.world, l.mc), { name: 'deny-dns', priority: 100, direction: 'Inbound', access: 'Deny', protocol: 'Udp', destinationPortRange: '53' });

  it('some pods resolve at once, others wait for resolver timeouts; virtual time passes accordingly', () => {
    const results = [0, 1].flatMap((n) =>
      [0, 1, 2].map((k) => {
        const before = l.world.now();
        const out = l.inPod(`c-${n}-${k}`, 'curl -s -o /dev/null -w "%{http_code} %{time_namelookup}" web.default.svc.cluster.local');
        return { out, waited: l.world.now() - before };
      }),
    );
    const fast = results.filter((r) => r.waited < 1000);
    const slow = results.filter((r) => r.waited >= 1000);
    expect(fast.length).toBeGreaterThan(0);
    expect(slow.length).toBeGreaterThan(0);
    for (const r of fast) expect(r.out.stdout).toMatch(/^200 0\.0/);
    for (const r of slow) expect(r.out.exitCode === 6 || /^200 [1-9]/.test(r.out.stdout)).toBe(true);
  });

  it('with -m shorter than the resolver timeout, curl gives up resolving', () => {
    for (const n of [0, 1]) {
      for (const k of [0, 1, 2]) {
        const out = l.inPod(`c-${n}-${k}`, 'curl -sS -m 1 web.default.svc.cluster.local');
        if (out.exitCode !== 0) expect(out.stderr).toMatch(/^curl: \(28\) Resolving timed out after 100\d milliseconds\n$/);
      }
    }
  });
});
