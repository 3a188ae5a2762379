// kubectl get: tables per kind, wide, several kinds, all namespaces, selectors, empty results,
// errors; compared with golden transcripts.
import { describe, expect, it } from 'vitest';
import { expectGolden, lab, transcript } from './fixture.ts';

describe('kubectl get tables', () => {
  it('prints each kind with its server-side columns', () => {
    const h = lab();
    expectGolden(
      'get-tables.txt',
      transcript(h, [
        'kubectl get pods',
        'kubectl get po -o wide',
        'kubectl get nodes',
        'kubectl get no -o wide',
        'kubectl get svc -A',
        'kubectl get services -o wide -n kube-system',
        'kubectl get ep',
        'kubectl get endpointslices',
        'kubectl get deploy -A -o wide',
        'kubectl get rs -n kube-system',
        'kubectl get ds -A',
        'kubectl get ns',
        'kubectl get cm -n kube-system',
        'kubectl get events --field-selector involvedObject.kind=Deployment',
        'kubectl get ev -o wide --field-selector reason=ScalingReplicaSet',
      ]),
    );
  });

  it('prints several kinds as blocks with kind/name', () => {
    const h = lab();
    expectGolden('get-multi.txt', transcript(h, ['kubectl get svc,ep', 'kubectl get all', 'kubectl get all -A --no-headers', 'kubectl get deploy/web svc/web']));
  });

  it('filters with selectors and decorates with labels', () => {
    const h = lab();
    expectGolden(
      'get-selectors.txt',
      transcript(h, [
        'kubectl get pods -l app=web --show-labels',
        'kubectl get pods -A -l "k8s-app in (kube-dns,kube-proxy)" -L k8s-app',
        'kubectl get pods -A --field-selector spec.nodeName=aks-nodepool1-38813430-vmss000001,status.phase=Running',
        'kubectl get pods --field-selector metadata.name=nope',
        'kubectl get pods -A -l app=nope',
        'kubectl get nodes -l nope=1',
        'kubectl get pods -l app!=web',
        'kubectl get pods --field-selector spec.foo=bar',
        'kubectl get pods -n kube-system --sort-by=.metadata.name --no-headers -l k8s-app=kube-dns',
      ]),
    );
  });

  it('reports errors as kubectl does', () => {
    const h = lab();
    expectGolden(
      'get-errors.txt',
      transcript(h, [
        'kubectl get',
        'kubectl get foo',
        'kubectl get pod nope',
        'kubectl get pods nope web-84d7d89658-mfxbr',
        'kubectl get deploy nope',
        'kubectl get svc web nope --ignore-not-found',
        'kubectl get pods -o foo',
        'kubectl get pods --show-labels -o json',
        'kubectl get pod svc/web',
        'kubectl get svc/web/x',
        'kubectl get pods --no-such-flag',
        'kubectl get pods -z',
        'kubectl get pods -n',
        'kubectl get pods --chunk-size=abc',
      ]),
    );
  });

  it('prints objects as YAML, JSON, names, JSONPath and custom columns', () => {
    const h = lab();
    h.run("printf 'NAME          NODE\\nmetadata.name spec.nodeName\\n' > cols.txt");
    expectGolden(
      'get-output.txt',
      transcript(h, [
        'kubectl get pod web-84d7d89658-mfxbr -o yaml',
        'kubectl get svc web -o json',
        'kubectl get svc,deploy -o yaml',
        'kubectl get pods -o name',
        'kubectl get all -o name',
        "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
        'kubectl get pods -o jsonpath=\'{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}\'',
        "kubectl get nodes -o jsonpath='{.items[*].status.addresses[?(@.type==\"InternalIP\")].address}'",
        "kubectl get svc web -o jsonpath='{.spec.clusterIP}'",
        "kubectl get deploy web -o jsonpath-as-json='{.spec.template.spec.containers[*].image}'",
        "kubectl get pods -o jsonpath='{.items[0].nope}'",
        "kubectl get pods -o jsonpath='{.items[0'",
        'kubectl get pods -o custom-columns=NAME:.metadata.name,IP:.status.podIP,NODE:.spec.nodeName --sort-by=.spec.nodeName',
        'kubectl get pods -o custom-columns=NAME:.metadata.name,MISSING:.spec.nope --no-headers',
        'kubectl get pods -o custom-columns=oops',
        'kubectl get pods -o custom-columns-file=cols.txt',
        'kubectl get pods -o custom-columns-file=nope.txt',
        "kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}'",
        "kubectl get svc web -o go-template='{{.spec.clusterIP}}:{{(index .spec.ports 0).port}}{{println}}'",
        "kubectl get pods -o go-template='{{.kind}'",
        "kubectl get deploy web -o go-template='{{.spec.replicas.x}}'",
        'kubectl get ns default -o yaml --show-managed-fields',
      ]),
    );
  });

  it('counts ages on the virtual clock', () => {
    const h = lab();
    h.sim.advance(3 * 3600 + 7 * 60);
    const out = h.run('kubectl get deploy web --no-headers').stdout;
    expect(out.trim().split(/\s+/).pop()).toBe('3h22m');
  });
});
