// kubectl logs and exec: output per image, container defaulting, errors, the interactive shell,
// and the control-plane-to-kubelet path they need (get keeps working when it breaks).
import { describe, expect, it } from 'vitest';
import type { ManagedCluster } from '../../../sandbox/model/azure/types.ts';
import { addNsgRule, agentNsg } from '../trace/fixtures.ts';
import { expectGolden, lab, transcript } from './fixture.ts';

const POD = 'web-84d7d89658-mfxbr';

describe('kubectl logs', () => {
  it('prints what the containers wrote', () => {
    const h = lab();
    expectGolden(
      'logs.txt',
      transcript(h, [
        `kubectl logs ${POD}`,
        'kubectl logs deploy/web --tail=3 --timestamps',
        'kubectl logs -n kube-system -l k8s-app=kube-dns --prefix',
        'kubectl logs -n kube-system deploy/metrics-server --tail=1',
        `kubectl logs ${POD} -c nope`,
        `kubectl logs ${POD} -p`,
        `kubectl logs -f ${POD} --tail=1`,
        'kubectl logs nope',
        'kubectl logs',
        `kubectl logs ${POD} -l app=web`,
      ]),
    );
  });
});

describe('kubectl exec', () => {
  it('runs commands in the pod and reports what containerd reports', () => {
    const h = lab();
    expectGolden(
      'exec.txt',
      transcript(h, [
        `kubectl exec ${POD} -- cat /etc/resolv.conf`,
        `kubectl exec ${POD} -- hostname`,
        `kubectl exec deploy/web -- ls /nope`,
        `kubectl exec ${POD} -- ps aux`,
        `kubectl exec ${POD} -- /bin/zsh`,
        `kubectl exec ${POD} ls`,
        `kubectl exec ${POD}`,
        'kubectl exec -- ls',
        'kubectl exec -n kube-system deploy/coredns -- sh',
        `kubectl exec ${POD} -c sidecar -- ls`,
      ]),
    );
  });

  it('steps into the pod with -it and comes back on exit', () => {
    const h = lab();
    expect(h.run(`kubectl exec -it ${POD} -- bash`).exitCode).toBe(0);
    expect(h.shell.prompt()).toBe(`root@${POD}:/# `);
    expect(h.run('cat /etc/hostname').stdout).toBe(`${POD}\n`);
    h.run('exit');
    expect(h.shell.prompt()).toBe('learner@workstation:~$ ');
  });

  it('fails with the API server dial error when the tunnel is down, while get still works', () => {
    const h = lab();
    const mc = h.sim.world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters')[0]!;
    // The kubelet port of the pod's node closed to the VNet: the tunnel is up, the last hop is not.
    addNsgRule(h.sim.world, agentNsg(h.sim.world, mc), { name: 'deny-kubelet', priority: 110, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', destinationAddressPrefix: '10.224.0.6', destinationPortRange: '10250' });
    h.sim.settle();
    const t = transcript(h, ['kubectl logs web-84d7d89658-9z9l7', 'kubectl exec web-84d7d89658-9z9l7 -- hostname', 'kubectl get pod web-84d7d89658-9z9l7', `kubectl exec ${POD} -- hostname`]);
    expectGolden('tunnel-down.txt', t);
  });
});
