// kubectl's other verbs: version, cluster-info, api-resources, explain, config (reading and
// writing the kubeconfig), rollout, wait, cordon, events, edit, help and usage errors;
// compared with golden transcripts.
import { describe, expect, it } from 'vitest';
import { expectGolden, lab, transcript } from './fixture.ts';

describe('kubectl discovery and explain', () => {
  it('prints versions, endpoints and the API resources', () => {
    const h = lab();
    expectGolden(
      'info.txt',
      transcript(h, [
        'kubectl version',
        'kubectl version --client -o json',
        'kubectl version -o yaml',
        'kubectl version --short',
        'kubectl cluster-info',
        'kubectl api-versions',
        'kubectl api-resources',
        'kubectl api-resources --namespaced=false -o wide',
        'kubectl api-resources --api-group=apps -o name',
        'kubectl api-resources --sort-by=kind --no-headers',
      ]),
    );
  });

  it('explains kinds and fields', () => {
    const h = lab();
    expectGolden(
      'explain.txt',
      transcript(h, [
        'kubectl explain pods',
        'kubectl explain svc.spec.externalTrafficPolicy',
        'kubectl explain pods.spec.containers.ports',
        'kubectl explain deploy --recursive',
        'kubectl explain networkpolicy.spec.policyTypes',
        'kubectl explain',
        'kubectl explain foo',
        'kubectl explain pods.spec.nope',
      ]),
    );
  });
});

describe('kubectl config', () => {
  it('reads the kubeconfig', () => {
    const h = lab();
    expectGolden(
      'config-read.txt',
      transcript(h, [
        'kubectl config view',
        'kubectl config view --minify -o jsonpath={.clusters[0].cluster.server}',
        'kubectl config view -o json',
        'kubectl config get-contexts',
        'kubectl config get-contexts -o name',
        'kubectl config get-clusters',
        'kubectl config get-users',
        'kubectl config current-context',
        'kubectl config',
        'kubectl config nope',
      ]),
    );
  });

  it('writes contexts back to the file', () => {
    const h = lab();
    expectGolden(
      'config-write.txt',
      transcript(h, [
        'kubectl config set-context --current --namespace=kube-system',
        'kubectl get deploy',
        'kubectl config set-context dev --cluster=aks1 --user=clusterUser_rg-lab_aks1 --namespace=dev',
        'kubectl config use-context dev',
        'kubectl get pods',
        'kubectl config use-context nope',
        'kubectl config rename-context dev lab',
        'kubectl config get-contexts',
        'kubectl config delete-context lab',
        'kubectl get pods',
        'kubectl --context aks1 get deploy -n default',
        'kubectl config use-context aks1',
        'grep -A4 "^contexts" ~/.kube/config',
      ]),
    );
  });
});

describe('kubectl rollout and wait', () => {
  it('restarts, shows history, undoes and pauses a deployment', () => {
    const h = lab();
    expectGolden(
      'rollout.txt',
      transcript(h, [
        'kubectl rollout status deployment/web',
        'kubectl rollout restart deployment/web',
        'kubectl rollout status deploy/web --timeout=2m',
        'kubectl rollout history deploy/web',
        'kubectl rollout history deploy/web --revision=2',
        'kubectl rollout history deploy/web --revision=9',
        'kubectl rollout undo deploy/web',
        'kubectl rollout pause deploy/web',
        'kubectl rollout pause deploy/web',
        'kubectl rollout resume deploy/web',
        'kubectl rollout status ds/kube-proxy -n kube-system',
        'kubectl rollout status svc/web',
        'kubectl rollout',
      ]),
    );
  });

  it('sets images on pod templates', () => {
    const h = lab();
    expectGolden(
      'set-image.txt',
      transcript(h, [
        'kubectl set image deployment/web nginx=nginx:1.28',
        'kubectl get deploy web -o wide',
        'kubectl set image deploy/web nginx=nginx:1.28',
        'kubectl set image deploy/web app=nginx:1.28',
        'kubectl set image deploy/web',
        'kubectl set image nginx=x',
        'kubectl set image ds/kube-proxy -n kube-system "*=mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.33.6" --dry-run=client',
        'kubectl set',
        'kubectl set env deploy/web A=b',
      ]),
    );
  });

  it('waits for conditions on the virtual clock', () => {
    const h = lab();
    const before = h.sim.world.now();
    expectGolden(
      'wait.txt',
      transcript(h, [
        'kubectl wait --for=condition=Ready pod -l app=web',
        'kubectl wait --for=condition=Available deploy/web',
        "kubectl wait --for=jsonpath='{.status.readyReplicas}'=3 deploy/web",
        'kubectl wait --for=condition=Bogus deploy/web --timeout=5s',
        'kubectl wait --for=delete pod/nope',
        'kubectl wait pod/nope',
        'kubectl wait --for=condition=Ready',
        'kubectl wait --for=condition=Ready pod',
      ]),
    );
    // The timed-out wait let five virtual seconds pass.
    expect(h.sim.world.now() - before).toBeGreaterThanOrEqual(5000);
  });
});

describe('kubectl node and event verbs', () => {
  it('cordons, lists events and cannot open an editor', () => {
    const h = lab();
    expectGolden(
      'cordon-events.txt',
      transcript(h, [
        'kubectl cordon aks-nodepool1-38813430-vmss000001',
        'kubectl cordon aks-nodepool1-38813430-vmss000001',
        'kubectl get nodes',
        'kubectl uncordon aks-nodepool1-38813430-vmss000001',
        'kubectl cordon nope',
        'kubectl events --for pod/web-84d7d89658-mfxbr',
        'kubectl events --types=Warning',
        'kubectl events --for web',
        'kubectl edit deploy/web',
        'kubectl edit',
      ]),
    );
  });
});

describe('kubectl debug', () => {
  it('creates the node debugger pod and steps onto the node', () => {
    const h = lab();
    expectGolden(
      'debug.txt',
      transcript(h, [
        'kubectl debug node/aks-nodepool1-38813430-vmss000001 -it --image=mcr.microsoft.com/cbl-mariner/busybox:2.0',
        'hostname',
        'exit',
        'kubectl get pods -l app.kubernetes.io/managed-by=kubectl-debug -o wide',
        'kubectl debug node/aks-nodepool1-38813430-vmss000002 --image=busybox --profile=general -q',
        'kubectl debug node/nope --image=busybox --profile=sysadmin',
        'kubectl debug web-84d7d89658-mfxbr -it --image=busybox',
        'kubectl debug node/x',
        'kubectl debug --image=busybox',
        'kubectl debug node/x --image=busybox --profile=root',
      ]),
    );
  });
});

describe('kubectl help and usage errors', () => {
  it('prints help and suggests commands', () => {
    const h = lab();
    expectGolden(
      'help.txt',
      transcript(h, [
        'kubectl',
        'kubectl config --help',
        'kubectl help rollout status',
        'kubectl help nope',
        'kubectl gett pods',
        'kubectl descibe pod',
        'kubectl lgos web',
        'kubectl get pods --bogus',
        'kubectl get pods -o',
        'kubectl alpha',
        'kubectl top pods',
      ]),
    );
  });

  it('prints the help of every command without failing', () => {
    const h = lab();
    for (const line of ['get', 'describe', 'apply', 'create deployment', 'delete', 'logs', 'exec', 'run', 'expose', 'scale', 'label', 'patch', 'rollout restart', 'wait', 'explain', 'config view', 'events', 'api-resources', 'version', 'cordon', 'options']) {
      const r = h.run(`kubectl ${line} --help`);
      expect(r.exitCode, line).toBe(0);
      expect(r.stderr, line).toBe('');
      expect(r.stdout, line).toMatch(/\nUsage:\n {2}kubectl /);
    }
  });
});
