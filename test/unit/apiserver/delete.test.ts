// Deleting: propagation policies through the garbage collector, finalizers, graceful pod
// deletion by the kubelet, and namespaces.
import { describe, expect, it } from 'vitest';
import { createObject, deleteObject, replaceObject, type DeleteResult } from '../../../sandbox/apiserver/index.ts';
import type { K8sObject, Pod, ReplicaSet } from '../../../sandbox/model/k8s/types.ts';
import { deployment, lab, ok, refused, settleAll } from './fixtures.ts';

const count = (world: ReturnType<typeof lab>['world'], id: string, kind: string, ns = 'default') => world.k8sList(id, kind, ns).length;

describe('deleteObject', () => {
  it('background (the default): the Deployment goes now, its ReplicaSet and pods on the next settle', () => {
    const { world, id } = lab('delete-background');
    ok(createObject(world, id, deployment('web', { app: 'web' }, 2)));
    settleAll(world);
    expect([count(world, id, 'ReplicaSet'), count(world, id, 'Pod')]).toEqual([1, 2]);
    const r = ok(deleteObject(world, id, 'Deployment', 'default', 'web')) as DeleteResult;
    expect(r.deleted).toBe(true);
    expect(count(world, id, 'Deployment')).toBe(0);
    expect(count(world, id, 'ReplicaSet')).toBe(1);
    settleAll(world);
    expect([count(world, id, 'ReplicaSet'), count(world, id, 'Pod')]).toEqual([0, 0]);
  });

  it('orphan: the ReplicaSet stays, without its owner reference, and keeps its pods', () => {
    const { world, id } = lab('delete-orphan');
    ok(createObject(world, id, deployment('web', { app: 'web' }, 2)));
    settleAll(world);
    ok(deleteObject(world, id, 'Deployment', 'default', 'web', { cascade: 'orphan' }));
    settleAll(world);
    const rs = world.k8sList<ReplicaSet>(id, 'ReplicaSet', 'default');
    expect(rs.length).toBe(1);
    expect(rs[0]!.metadata.ownerReferences).toBeUndefined();
    expect(count(world, id, 'Pod')).toBe(2);
  });

  it('foreground: the owner waits with the foregroundDeletion finalizer until its dependents are gone', () => {
    const { world, id } = lab('delete-foreground');
    ok(createObject(world, id, deployment('web', { app: 'web' }, 2)));
    settleAll(world);
    const r = ok(deleteObject(world, id, 'Deployment', 'default', 'web', { cascade: 'foreground' })) as DeleteResult;
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(r.object.metadata.deletionTimestamp).toBe('2026-11-26T09:00:00Z');
    // The pods were bound: they are terminating, so the ReplicaSet and the Deployment wait.
    expect(world.k8sList<Pod>(id, 'Pod', 'default').every((p) => p.metadata.deletionTimestamp === '2026-11-26T09:00:30Z')).toBe(true);
    settleAll(world);
    expect([count(world, id, 'Deployment'), count(world, id, 'ReplicaSet'), count(world, id, 'Pod')]).toEqual([0, 0, 0]);
    expect(world.state.controllers?.['apiserver']).toEqual({ foreground: {} });
  });

  it('an object with finalizers is only marked; removing the last finalizer deletes it', () => {
    const { world, id } = lab('delete-finalizers');
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep', finalizers: ['example.com/keep'] }, data: { a: '1' } };
    ok(createObject(world, id, cm));
    const r = ok(deleteObject(world, id, 'ConfigMap', 'default', 'keep')) as DeleteResult;
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.deletionTimestamp).toBe('2026-11-26T09:00:00Z');
    settleAll(world);
    expect(world.k8sGet(id, 'ConfigMap', 'default', 'keep')).toBeDefined();
    ok(replaceObject(world, id, { ...cm, metadata: { name: 'keep', finalizers: [] } }));
    expect(world.k8sGet(id, 'ConfigMap', 'default', 'keep')).toBeUndefined();
  });

  it('a bound pod terminates gracefully (the kubelet removes it); an unbound one goes at once', () => {
    const { world, id } = lab('delete-pods');
    ok(createObject(world, id, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bound' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }));
    settleAll(world);
    const r = ok(deleteObject(world, id, 'Pod', 'default', 'bound')) as DeleteResult;
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.deletionTimestamp).toBe('2026-11-26T09:00:30Z');
    expect(r.object.metadata['deletionGracePeriodSeconds']).toBe(30);
    settleAll(world);
    expect(world.k8sGet(id, 'Pod', 'default', 'bound')).toBeUndefined();
    ok(createObject(world, id, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nowhere' }, spec: { nodeSelector: { zone: 'mars' }, containers: [{ name: 'c', image: 'nginx' }] } }));
    settleAll(world);
    expect((ok(deleteObject(world, id, 'Pod', 'default', 'nowhere')) as DeleteResult).deleted).toBe(true);
  });

  it('a namespace: Terminating, its content deleted, then gone; new content is refused meanwhile', () => {
    const { world, id } = lab('delete-namespace');
    ok(createObject(world, id, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }));
    ok(createObject(world, id, deployment('web', { app: 'web' }, 2), { namespace: 'shop' }));
    ok(createObject(world, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' } }));
    settleAll(world);
    const r = ok(deleteObject(world, id, 'Namespace', undefined, 'shop')) as DeleteResult;
    expect(r.deleted).toBe(false);
    expect((r.object.status as { phase: string }).phase).toBe('Terminating');
    expect(refused(createObject(world, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'shop' } }))).toMatchObject({
      reason: 'Forbidden',
      code: 403,
      message: 'configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated',
    });
    settleAll(world);
    expect(world.k8sGet(id, 'Namespace', undefined, 'shop')).toBeUndefined();
    const left = Object.values(world.cluster(id).objects).filter((o: K8sObject) => o.metadata.namespace === 'shop');
    expect(left).toEqual([]);
  });

  it('refuses the namespaces kube-apiserver keeps, and what does not exist', () => {
    const { world, id } = lab('delete-refusals');
    for (const ns of ['default', 'kube-system', 'kube-public']) {
      expect(refused(deleteObject(world, id, 'Namespace', undefined, ns))).toMatchObject({
        reason: 'Forbidden',
        message: `namespaces "${ns}" is forbidden: this namespace may not be deleted`,
      });
    }
    expect(refused(deleteObject(world, id, 'Deployment', 'default', 'ghost'))).toMatchObject({ reason: 'NotFound', message: 'deployments.apps "ghost" not found' });
    expect(refused(deleteObject(world, id, 'Service', 'default', 'ghost')).message).toBe('services "ghost" not found');
  });
});
