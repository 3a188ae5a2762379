// Creating objects: what the API server fills in (defaults, generation, allocations, status)
// and each refusal with the exact text kubectl prints.
import { describe, expect, it } from 'vitest';
import { createObject, getObject } from '../../../sandbox/apiserver/index.ts';
import type { Deployment, K8sObject, Pod, Service } from '../../../sandbox/model/k8s/types.ts';
import { deployment, lab, ok, refused } from './fixtures.ts';

describe('createObject: defaults', () => {
  const { world, id } = lab('apiserver-create');

  it('a Deployment gets the apps/v1 defaults, generation 1 and a pod template with PodSpec defaults only', () => {
    const d = ok(createObject(world, id, deployment('web'))) as Deployment;
    expect(d.metadata.namespace).toBe('default');
    expect(d.metadata.generation).toBe(1);
    expect(d.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(d.metadata.creationTimestamp).toBe('2026-11-26T09:00:00Z');
    expect(Number(d.metadata.resourceVersion)).toBeGreaterThan(1000);
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(d.spec['revisionHistoryLimit']).toBe(10);
    expect(d.spec['progressDeadlineSeconds']).toBe(600);
    expect(d.status).toEqual({});
    expect(d.spec.template.spec).toEqual({
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          resources: {},
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
    });
  });

  it('a bare Pod gets admission defaults, a Pending status and its QoS class; client status is ignored', () => {
    const pod = ok(
      createObject(world, id, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'client', uid: 'mine', creationTimestamp: '2000-01-01T00:00:00Z' },
        spec: { containers: [{ name: 'c', image: 'busybox' }] },
        status: { phase: 'Running', podIP: '1.2.3.4' },
      }),
    ) as Pod;
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(pod.metadata.uid).not.toBe('mine');
    expect(pod.metadata.creationTimestamp).toBe('2026-11-26T09:00:00Z');
    expect(pod.spec.serviceAccountName).toBe('default');
    expect(pod.spec.containers[0]!['imagePullPolicy']).toBe('Always');
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(pod.metadata.generation).toBeUndefined();
  });

  it('a Service gets a ClusterIP from the service CIDR and port defaults', () => {
    const svc = ok(
      createObject(world, id, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }),
    ) as Service;
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.clusterIP).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(svc.spec.clusterIPs).toEqual([svc.spec.clusterIP]);
    expect(svc.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(svc.spec.sessionAffinity).toBe('None');
    expect(svc.status).toEqual({ loadBalancer: {} });
  });

  it('a Namespace is labelled with its name, finalized by kubernetes and Active', () => {
    const ns = ok(createObject(world, id, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', namespace: 'ignored' } }));
    expect(ns.metadata).toMatchObject({ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } });
    expect(ns.metadata.namespace).toBeUndefined();
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });

  it("a Secret's stringData is encoded into data, type Opaque", () => {
    const secret = ok(
      createObject(world, id, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'p@ss wörd' }, data: { user: 'YWRtaW4=' } }),
    );
    expect(secret.data).toEqual({ user: 'YWRtaW4=', password: 'cEBzcyB3w7ZyZA==' });
    expect(secret['stringData']).toBeUndefined();
    expect(secret['type']).toBe('Opaque');
  });

  it('the request namespace applies when the manifest names none; generateName makes a 5-character suffix', () => {
    ok(createObject(world, id, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }));
    const cm = ok(createObject(world, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'settings-' }, data: { a: '1' } }, { namespace: 'team-a' }));
    expect(cm.metadata.namespace).toBe('team-a');
    expect(cm.metadata.name).toMatch(/^settings-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(ok(getObject(world, id, 'ConfigMap', 'team-a', cm.metadata.name)).data).toEqual({ a: '1' });
  });

  it('a dry run checks everything and stores nothing', () => {
    const before = world.cluster(id).resourceVersion;
    const dry = ok(createObject(world, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' } }, { dryRun: true }));
    expect(dry.metadata.name).toBe('dry');
    expect(world.k8sGet(id, 'ConfigMap', 'default', 'dry')).toBeUndefined();
    expect(world.cluster(id).resourceVersion).toBe(before);
  });
});

describe('createObject: refusals with the exact messages', () => {
  const { world, id } = lab('apiserver-refusals');
  const cm = (name: string, extra: Partial<K8sObject> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...extra });

  it('unknown kinds and versions: no matches for kind', () => {
    expect(refused(createObject(world, id, { apiVersion: 'v1', kind: 'Foo', metadata: { name: 'x' } }))).toMatchObject({
      reason: 'NoKindMatch',
      message: 'no matches for kind "Foo" in version "v1"',
    });
    expect(refused(createObject(world, id, { ...deployment('web'), apiVersion: 'extensions/v1beta1' })).message).toBe(
      'no matches for kind "Deployment" in version "extensions/v1beta1"',
    );
  });

  it('a manifest without kind or apiVersion', () => {
    expect(refused(createObject(world, id, { apiVersion: 'v1', metadata: { name: 'x' } }))).toMatchObject({
      reason: 'BadRequest',
      code: 400,
      message: `Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'`,
    });
  });

  it('a missing name', () => {
    expect(refused(createObject(world, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }))).toMatchObject({
      reason: 'Invalid',
      code: 422,
      message: 'The ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
    });
  });

  it('names that are not DNS-1123 subdomains or labels', () => {
    expect(refused(createObject(world, id, cm('Settings'))).message).toBe(
      "The ConfigMap \"Settings\" is invalid: metadata.name: Invalid value: \"Settings\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
    expect(refused(createObject(world, id, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } })).message).toBe(
      "The Namespace \"team.a\" is invalid: metadata.name: Invalid value: \"team.a\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
    expect(
      refused(createObject(world, id, { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } })).message,
    ).toBe(
      "The Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  it('a label value with a space', () => {
    expect(refused(createObject(world, id, cm('labelled', { metadata: { name: 'labelled', labels: { tier: 'front end' } } }))).message).toBe(
      "The ConfigMap \"labelled\" is invalid: metadata.labels: Invalid value: \"front end\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  });

  it('a namespace that does not exist, and one the manifest contradicts', () => {
    expect(refused(createObject(world, id, { ...cm('x'), metadata: { name: 'x', namespace: 'nope' } }))).toMatchObject({
      reason: 'NotFound',
      code: 404,
      message: 'namespaces "nope" not found',
    });
    expect(refused(createObject(world, id, { ...cm('x'), metadata: { name: 'x', namespace: 'default' } }, { namespace: 'kube-system' }))).toMatchObject({
      reason: 'BadRequest',
      message: 'the namespace of the provided object does not match the namespace sent on the request',
    });
  });

  it('an object that already exists', () => {
    ok(createObject(world, id, deployment('api')));
    expect(refused(createObject(world, id, deployment('api')))).toMatchObject({ reason: 'AlreadyExists', code: 409, message: 'deployments.apps "api" already exists' });
    ok(createObject(world, id, cm('settings')));
    expect(refused(createObject(world, id, cm('settings'))).message).toBe('configmaps "settings" already exists');
  });

  it('a resourceVersion on create', () => {
    expect(refused(createObject(world, id, { ...cm('v'), metadata: { name: 'v', resourceVersion: '12' } }))).toMatchObject({
      reason: 'BadRequest',
      message: 'resourceVersion should not be set on objects to be created',
    });
  });

  it('Service validation and allocation, from admitService, in kubectl form', () => {
    const svc = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec });
    expect(refused(createObject(world, id, svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }))).message).toBe(
      'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    const two = refused(createObject(world, id, svc({ type: 'ClusterIP', ports: [{ port: 80 }, { port: 443 }] })));
    expect(two.message).toBe('The Service "web" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value');
    expect(two.causes!.map((c) => c.field)).toEqual(['spec.ports[0].name', 'spec.ports[1].name']);
    expect(refused(createObject(world, id, svc({ clusterIP: '10.0.0.10', ports: [{ port: 80 }] }))).message).toBe(
      'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.10"}: failed to allocate IP 10.0.0.10: provided IP is already allocated',
    );
  });

  it('a Deployment whose selector does not match its template labels', () => {
    const d = deployment('web');
    (d['spec'] as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels = { app: 'other' };
    expect(refused(createObject(world, id, d)).message).toBe(
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
  });

  it('a Deployment without selector or image: every cause, one per line', () => {
    const d = deployment('Web');
    const spec = d['spec'] as Record<string, unknown>;
    delete spec['selector'];
    (spec['template'] as { spec: { containers: Record<string, unknown>[] } }).spec.containers[0] = { name: 'nginx' };
    spec['replicas'] = -1;
    expect(refused(createObject(world, id, d)).message).toBe(
      [
        'The Deployment "Web" is invalid: ',
        "* metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        '* spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        '* spec.selector: Required value',
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"Web"}: `selector` does not match template `labels`',
        '* spec.template.spec.containers[0].image: Required value',
      ].join('\n'),
    );
  });

  it('a pod with a bad restart policy, a duplicate container name and a port out of range', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bad' },
      spec: {
        restartPolicy: 'Sometimes',
        containers: [
          { name: 'app', image: 'nginx', ports: [{ containerPort: 70000 }] },
          { name: 'app', image: 'busybox' },
        ],
      },
    };
    expect(refused(createObject(world, id, pod)).message).toBe(
      [
        'The Pod "bad" is invalid: ',
        '* spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        '* spec.containers[1].name: Duplicate value: "app"',
        '* spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      ].join('\n'),
    );
  });
});

describe('field values print as the cluster version prints them', () => {
  it('JSON from Kubernetes 1.34 on', () => {
    const { world, id } = lab('apiserver-134', '1.34');
    const d = deployment('web');
    (d['spec'] as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels = { app: 'other', tier: 'web' };
    expect(refused(createObject(world, id, d)).message).toBe(
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other","tier":"web"}: `selector` does not match template `labels`',
    );
  });
});
