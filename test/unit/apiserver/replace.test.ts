// Replacing objects: what the server keeps, generation bumps, no-op updates, immutable fields
// and optimistic concurrency.
import { describe, expect, it } from 'vitest';
import { createObject, replaceObject } from '../../../sandbox/apiserver/index.ts';
import type { Deployment, Pod, Service } from '../../../sandbox/model/k8s/types.ts';
import { copy, deployment, lab, ok, refused, settleAll } from './fixtures.ts';

describe('replaceObject', () => {
  const { world, id } = lab('apiserver-replace');
  const stored = ok(createObject(world, id, deployment('web', { app: 'web' }, 2))) as Deployment;
  settleAll(world);

  it('keeps uid, creation time and status; bumps generation only when the spec changes', () => {
    const live = world.k8sGet<Deployment>(id, 'Deployment', 'default', 'web')!;
    expect(live.status.readyReplicas).toBe(2);
    const relabel = copy(deployment('web', { app: 'web' }, 2));
    (relabel['metadata'] as Record<string, unknown>)['labels'] = { team: 'shop' };
    const a = ok(replaceObject(world, id, relabel)) as Deployment;
    expect(a.metadata.uid).toBe(stored.metadata.uid);
    expect(a.metadata.creationTimestamp).toBe(stored.metadata.creationTimestamp);
    expect(a.metadata.generation).toBe(1);
    expect(a.status.readyReplicas).toBe(2);
    const scaled = copy(relabel);
    (scaled['spec'] as Record<string, unknown>)['replicas'] = 3;
    const b = ok(replaceObject(world, id, scaled)) as Deployment;
    expect(b.metadata.generation).toBe(2);
    expect(b.spec.replicas).toBe(3);
    settleAll(world);
    expect(world.k8sList<Pod>(id, 'Pod', 'default').length).toBe(3);
  });

  it('writes nothing when nothing changed (the live object sent back, as apply does after a no-op patch)', () => {
    const before = world.k8sGet<Deployment>(id, 'Deployment', 'default', 'web')!;
    const after = ok(replaceObject(world, id, copy(before)));
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(world.dirty).toBe(false);
  });

  it('refuses a changed selector: field is immutable (after the spec errors)', () => {
    const moved = deployment('web', { app: 'web2' }, 3);
    expect(refused(replaceObject(world, id, moved)).message).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    const onlySelector = deployment('web', { app: 'web' }, 3);
    (onlySelector['spec'] as { selector: unknown }).selector = { matchLabels: { app: 'web2' } };
    expect(refused(replaceObject(world, id, onlySelector)).message).toBe(
      [
        'The Deployment "web" is invalid: ',
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
        '* spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      ].join('\n'),
    );
  });

  it('refuses a stale resourceVersion with a Conflict', () => {
    const stale = copy(deployment('web', { app: 'web' }, 4));
    (stale['metadata'] as Record<string, unknown>)['resourceVersion'] = stored.metadata.resourceVersion;
    expect(refused(replaceObject(world, id, stale))).toMatchObject({
      reason: 'Conflict',
      code: 409,
      message: 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('refuses what does not exist', () => {
    expect(refused(replaceObject(world, id, deployment('nope')))).toMatchObject({ reason: 'NotFound', message: 'deployments.apps "nope" not found' });
  });

  it('keeps an allocated ClusterIP and refuses a different one', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    const first = ok(createObject(world, id, svc)) as Service;
    const again = ok(replaceObject(world, id, { ...svc, spec: { ...svc.spec, ports: [{ port: 8080 }] } })) as Service;
    expect(again.spec.clusterIP).toBe(first.spec.clusterIP);
    expect(again.spec.ports[0]!.port).toBe(8080);
    expect(refused(replaceObject(world, id, { ...svc, spec: { ...svc.spec, clusterIP: '10.0.0.99' } })).message).toBe(
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.0.0.99"}: may not change once set',
    );
  });

  it("refuses to change a pod's spec beyond its images", () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'one' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } };
    ok(createObject(world, id, pod));
    const image = ok(replaceObject(world, id, { ...pod, spec: { containers: [{ name: 'c', image: 'nginx:1.28', ports: [{ containerPort: 80 }] }] } })) as Pod;
    expect(image.spec.containers[0]!.image).toBe('nginx:1.28');
    expect(refused(replaceObject(world, id, { ...pod, spec: { containers: [{ name: 'c', image: 'nginx:1.28', ports: [{ containerPort: 8080 }] }] } })).message).toBe(
      'The Pod "one" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });

  it('JSON values on a 1.34 cluster', () => {
    const l = lab('apiserver-replace-134', '1.34');
    ok(createObject(l.world, l.id, deployment('web')));
    expect(refused(replaceObject(l.world, l.id, deployment('web', { app: 'web', tier: 'x' }))).message).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
    );
  });
});
