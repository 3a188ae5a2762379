// kubectl apply/create/delete/scale/label/annotate/patch/run/expose against golden transcripts,
// and the apply three-way merge on its own.
import { describe, expect, it } from 'vitest';
import { threeWayMerge } from '../../../sandbox/cli/kubectl/client/merge.ts';
import { withLastApplied } from '../../../sandbox/cli/kubectl/client/writes.ts';
import { expectGolden, lab, transcript } from './fixture.ts';

const API = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: 80
`;

const NETPOL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: client
    - namespaceSelector:
        matchLabels:
          team: a
      podSelector: {}
    ports:
    - port: 80
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/8
        except: [10.1.0.0/16]
`;

describe('kubectl apply', () => {
  it('creates, leaves unchanged, configures and keeps the last-applied annotation', () => {
    const h = lab();
    h.shell.exec(`cat > api.yaml <<'EOF'\n${API}EOF`);
    expectGolden(
      'apply.txt',
      transcript(h, [
        'kubectl apply -f api.yaml',
        'kubectl apply -f api.yaml',
        "sed -i 's/replicas: 2/replicas: 4/' api.yaml",
        'kubectl apply -f api.yaml',
        'kubectl get deploy api -o jsonpath=\'{.spec.replicas} {.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}\'',
        'kubectl apply -f api.yaml -n kube-system',
        'kubectl apply -f nope.yaml',
        'kubectl apply -f https://example.com/x.yaml',
        'kubectl apply',
        'cat api.yaml | kubectl apply -f - --dry-run=client',
        'kubectl apply -f api.yaml -o name',
      ]),
    );
  });

  it('reports bad manifests as kubectl does', () => {
    const h = lab();
    h.shell.exec("printf 'apiVersion: apps/v1\\nkind: Deploymnt\\nmetadata:\\n  name: x\\n' > bad-kind.yaml");
    h.shell.exec("printf 'kind: Pod\\nmetadata:\\n  name: x\\n' > no-version.yaml");
    h.shell.exec("printf 'apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: s\\nspec:\\n  type: NodePort\\n  ports:\\n  - port: 80\\n    nodePort: 80\\n' > bad-svc.yaml");
    expectGolden('apply-errors.txt', transcript(h, ['kubectl apply -f bad-kind.yaml', 'kubectl apply -f no-version.yaml', 'kubectl apply -f bad-svc.yaml', 'kubectl create -f bad-svc.yaml']));
  });

  it('warns when the live object was not created by apply', () => {
    const h = lab();
    h.run('kubectl get deploy web -o yaml > web.yaml');
    expectGolden('apply-missing-annotation.txt', transcript(h, ['kubectl apply -f web.yaml']));
  });

  it('merges three ways: removed fields go, fields of other writers stay', () => {
    const live = { spec: { replicas: 5, template: { spec: { containers: [{ name: 'a', image: 'x:1', imagePullPolicy: 'IfNotPresent', env: [{ name: 'A', value: '1' }] }] } } }, metadata: { labels: { app: 'a', keep: 'yes' } } };
    const original = { spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'x:1', env: [{ name: 'A', value: '1' }] }] } } }, metadata: { labels: { app: 'a' } } };
    const modified = { spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'x:2' }] } } }, metadata: { labels: { app: 'a' } } };
    const merged = threeWayMerge(live, modified, original) as typeof live;
    expect(merged.spec.replicas).toBe(2);
    expect(merged.spec.template.spec.containers[0]).toEqual({ name: 'a', image: 'x:2', imagePullPolicy: 'IfNotPresent' });
    expect(merged.metadata.labels).toEqual({ app: 'a', keep: 'yes' });
  });

  it('writes the last-applied annotation as kubectl does', () => {
    const obj = withLastApplied({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { k: '<v>' } });
    expect((obj['metadata'] as { annotations: Record<string, string> }).annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","data":{"k":"\\u003cv\\u003e"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c","namespace":"default"}}\n',
    );
  });
});

describe('kubectl create, run, expose', () => {
  it('generates the objects kubectl generates', () => {
    const h = lab();
    expectGolden(
      'create-dry-run.txt',
      transcript(h, [
        'kubectl create deployment api --image=nginx:1.27 --replicas=2 --port=80 --dry-run=client -o yaml',
        'kubectl create deploy hello --image=busybox -n dev --dry-run=client -o yaml -- sleep 3600',
        'kubectl create service clusterip my-svc --tcp=5678:8080 --dry-run=client -o yaml',
        'kubectl create service nodeport np --tcp=80 --node-port=30080 --dry-run=client -o json',
        'kubectl create service loadbalancer lb --tcp=80:http --dry-run=client -o yaml',
        'kubectl create namespace dev --dry-run=client -o yaml',
        'kubectl create configmap cfg --from-literal=a=1 --from-literal=b=two --dry-run=client -o yaml',
        'kubectl create secret generic s --from-literal=password=hunter2 --dry-run=client -o yaml',
        'kubectl run nginx --image=nginx --dry-run=client -o yaml',
        'kubectl run tmp --image=busybox --restart=Never --labels=app=tmp,tier=x --port=8080 --env=A=1 --dry-run=client -o yaml -- sleep 60',
        'kubectl expose deploy web --port=80 --target-port=8080 --type=LoadBalancer --dry-run=client -o yaml',
      ]),
    );
  });

  it('creates and reports errors', () => {
    const h = lab();
    expectGolden(
      'create-errors.txt',
      transcript(h, [
        'kubectl create deployment web --image=nginx',
        'kubectl create deployment x',
        'kubectl create deployment',
        'kubectl create deployment a b --image=nginx',
        'kubectl create service clusterip s',
        'kubectl create service',
        'kubectl create namespace default',
        'kubectl create',
        'kubectl create foo',
        'kubectl run',
        'kubectl run x',
        'kubectl run x --image=nginx -t',
        'kubectl run x --image=nginx --expose',
        'kubectl expose deploy nope --port=80',
        'kubectl expose ns default --port=80',
        'kubectl create ns dev',
        'kubectl create cm c1 --from-literal=a=b -n dev',
        'kubectl get cm -n dev',
      ]),
    );
  });

  it('runs and exposes for real', () => {
    const h = lab();
    expectGolden(
      'run-expose.txt',
      transcript(h, [
        'kubectl run nginx --image=nginx --port=80 --expose',
        'kubectl get pod,svc nginx',
        'kubectl expose deploy web --name=web-lb --port=80 --type=LoadBalancer',
        'kubectl get svc web-lb -o wide',
        'kubectl describe svc web-lb',
      ]),
    );
  });

  it('steps into a run -it pod and removes a --rm pod once the session ends', () => {
    const h = lab();
    const entered = h.run('kubectl run tmp --rm -it --image=busybox:1.36 -- sh');
    expect(entered.stdout).toBe('');
    expect(entered.stderr).toBe("All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n");
    expect(h.run('hostname').stdout).toBe('tmp\n');
    expect(h.run('exit').exitCode).toBe(0);
    expect(h.run('kubectl get pod tmp').stderr).toBe('Error from server (NotFound): pods "tmp" not found\n');
    const oneShot = h.run('kubectl run probe --rm -it --restart=Never --image=busybox:1.36 -- nslookup web');
    expect(oneShot.stdout).toMatch(/^Server:[\s\S]*Name:\tweb\.default\.svc\.cluster\.local\n[\s\S]*pod "probe" deleted from default namespace\n$/);
    const failed = h.run('kubectl run probe2 --rm -i --restart=Never --image=busybox:1.36 -- wget -T 2 -qO- http://nope');
    expect(failed.stdout).toBe('pod "probe2" deleted from default namespace\n');
    expect(failed.stderr).toMatch(/wget: bad address 'nope'\npod default\/probe2 terminated \(Error\)\n$/);
    expect(failed.exitCode).toBe(1);
    h.run('kubectl run keep -it --image=busybox:1.36 -- sh');
    h.run('exit');
    expect(h.run('kubectl get pod keep --no-headers').stdout).toMatch(/^keep +1\/1 +Running/);
  });
});

describe('kubectl delete, scale, label, annotate, patch', () => {
  it('changes objects and prints what kubectl prints', () => {
    const h = lab();
    expectGolden(
      'update.txt',
      transcript(h, [
        'kubectl scale deploy web --replicas=5',
        'kubectl get deploy web',
        'kubectl scale deploy/web --replicas=2 --current-replicas=3',
        'kubectl scale svc web --replicas=2',
        'kubectl scale deploy web',
        'kubectl label deploy web tier=front',
        'kubectl label deploy web tier=back',
        'kubectl label deploy web tier=back --overwrite',
        'kubectl label deploy web tier- nope-',
        'kubectl label deploy web tier=x tier-',
        'kubectl annotate svc web note="hello world"',
        'kubectl annotate svc web note=bye',
        'kubectl patch svc web -p \'{"spec":{"type":"NodePort"}}\'',
        'kubectl patch svc web --type merge -p \'{"spec":{"type":"NodePort"}}\'',
        'kubectl patch deploy web --type json -p \'[{"op":"replace","path":"/spec/replicas","value":1}]\'',
        'kubectl patch deploy web -p \'{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}\'',
        'kubectl get deploy web -o wide',
        'kubectl patch svc web',
        'kubectl patch svc web --type foo -p x',
      ]),
    );
  });

  it('deletes with kubectl 1.34 messages and waits for the objects to go', () => {
    const h = lab();
    expectGolden(
      'delete.txt',
      transcript(h, [
        'kubectl delete pod nope',
        'kubectl delete pods',
        'kubectl delete',
        'kubectl delete svc web -o name --dry-run=client',
        'kubectl delete deploy web',
        'kubectl get all',
        'kubectl delete pods -l app=nope',
        'kubectl create ns dev',
        'kubectl delete ns dev',
        'kubectl get ns dev',
        'kubectl delete pod x --force --grace-period=5',
        'kubectl delete ns default',
      ]),
    );
  });
});

describe('kubectl describe networkpolicy and configmap', () => {
  it('describes policies as kubectl does', () => {
    const h = lab();
    h.shell.exec(`cat > np.yaml <<'EOF'\n${NETPOL}EOF`);
    expectGolden('describe-netpol.txt', transcript(h, ['kubectl apply -f np.yaml', 'kubectl get netpol', 'kubectl describe netpol deny-all', 'kubectl describe networkpolicy allow-web']));
  });
});
