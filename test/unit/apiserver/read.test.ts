// Reading: get, list with namespaces and label selectors, the resource table, and the label
// selector parser.
import { describe, expect, it } from 'vitest';
import {
  createObject,
  getObject,
  listObjects,
  parseLabelSelector,
  parseManifests,
  qualifiedResource,
  requirementsMatch,
  resolveResourceName,
  resourceTypes,
} from '../../../sandbox/apiserver/index.ts';
import type { K8sObject } from '../../../sandbox/model/k8s/types.ts';
import { lab, ok, refused } from './fixtures.ts';

describe('getObject and listObjects', () => {
  const { world, id } = lab('apiserver-read');
  const cm = (name: string, labels: Record<string, string>, namespace = 'default') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels } });
  ok(createObject(world, id, cm('b', { app: 'web', tier: 'front' })));
  ok(createObject(world, id, cm('a', { app: 'web', tier: 'back' })));
  ok(createObject(world, id, cm('c', { app: 'db' })));
  ok(createObject(world, id, cm('d', { app: 'web' }, 'kube-system')));

  const names = (r: K8sObject[] | unknown) => (ok(r as K8sObject[]) as K8sObject[]).map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

  it('gets an object, or NotFound with the qualified resource', () => {
    expect(ok(getObject(world, id, 'ConfigMap', 'default', 'a')).metadata.labels).toEqual({ app: 'web', tier: 'back' });
    expect(refused(getObject(world, id, 'ConfigMap', 'default', 'zz')).message).toBe('configmaps "zz" not found');
    expect(refused(getObject(world, id, 'Deployment', 'shop', 'web')).message).toBe('deployments.apps "web" not found');
    expect(ok(getObject(world, id, 'Namespace', 'ignored', 'kube-system')).metadata.name).toBe('kube-system');
  });

  it('lists in namespace/name order, in one namespace or all, filtered by labels', () => {
    expect(names(listObjects(world, id, 'ConfigMap', 'default'))).toEqual(['default/a', 'default/b', 'default/c']);
    expect(names(listObjects(world, id, 'ConfigMap', undefined, 'app=web'))).toEqual(['default/a', 'default/b', 'kube-system/d']);
    expect(names(listObjects(world, id, 'ConfigMap', 'default', 'app in (web,db),tier!=front'))).toEqual(['default/a', 'default/c']);
    expect(names(listObjects(world, id, 'ConfigMap', 'default', '!tier'))).toEqual(['default/c']);
    expect(names(listObjects(world, id, 'Namespace'))).toEqual(['undefined/default', 'undefined/kube-node-lease', 'undefined/kube-public', 'undefined/kube-system']);
    expect(refused(listObjects(world, id, 'ConfigMap', 'default', 'app=web x'))).toMatchObject({ reason: 'BadRequest' });
  });
});

describe('the resource table', () => {
  it('names resources as discovery does', () => {
    const deploy = resourceTypes().find((t) => t.kind === 'Deployment')!;
    expect(deploy).toMatchObject({ apiVersion: 'apps/v1', group: 'apps', version: 'v1', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], namespaced: true, categories: ['all'] });
    expect(qualifiedResource(deploy)).toBe('deployments.apps');
    expect(resourceTypes().map((t) => t.plural)).toEqual([
      'configmaps', 'endpoints', 'events', 'namespaces', 'nodes', 'pods', 'secrets', 'serviceaccounts', 'services',
      'daemonsets', 'deployments', 'replicasets', 'endpointslices', 'networkpolicies',
    ]);
    expect(resourceTypes().filter((t) => !t.namespaced).map((t) => t.kind)).toEqual(['Namespace', 'Node']);
  });

  it('resolves what kubectl accepts: plural, singular, short name, kind, group-qualified', () => {
    const kind = (name: string) => resolveResourceName(name).map((t) => t.kind);
    expect(kind('po')).toEqual(['Pod']);
    expect(kind('pods')).toEqual(['Pod']);
    expect(kind('Pod')).toEqual(['Pod']);
    expect(kind('svc')).toEqual(['Service']);
    expect(kind('deploy')).toEqual(['Deployment']);
    expect(kind('deployments.apps')).toEqual(['Deployment']);
    expect(kind('deployment.v1.apps')).toEqual(['Deployment']);
    expect(kind('netpol')).toEqual(['NetworkPolicy']);
    expect(kind('networkpolicies.networking.k8s.io')).toEqual(['NetworkPolicy']);
    expect(kind('ep')).toEqual(['Endpoints']);
    expect(kind('foo')).toEqual([]);
    expect(kind('deployments.extensions')).toEqual([]);
  });
});

describe('label selectors', () => {
  const match = (text: string, labels: Record<string, string>) => {
    const parsed = parseLabelSelector(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return requirementsMatch(parsed.requirements, labels);
  };

  it('evaluates every operator', () => {
    const labels = { app: 'web', tier: 'front', replicas: '3' };
    expect(match('', labels)).toBe(true);
    expect(match('app=web', labels)).toBe(true);
    expect(match('app==web', labels)).toBe(true);
    expect(match('app!=web', labels)).toBe(false);
    expect(match('app!=db', {})).toBe(true);
    expect(match('tier in (front, back)', labels)).toBe(true);
    expect(match('tier notin (front)', labels)).toBe(false);
    expect(match('app,tier', labels)).toBe(true);
    expect(match('!app', labels)).toBe(false);
    expect(match('replicas>2', labels)).toBe(true);
    expect(match('replicas<3', labels)).toBe(false);
    expect(match(' app = web , tier=front ', labels)).toBe(true);
  });

  it('refuses what does not parse', () => {
    expect(parseLabelSelector('app=web x')).toEqual({ ok: false, message: "unable to parse requirement: found 'x', expected: ',' or 'end of string'" });
    expect(parseLabelSelector('app=web,').ok).toBe(false);
  });
});

describe('manifests', () => {
  it('splits YAML streams, skips empty documents and unrolls Lists', () => {
    const parsed = parseManifests('---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n');
    expect(parsed.ok && parsed.objects.map((o) => (o as K8sObject).metadata.name)).toEqual(['a', 'b', 'c']);
  });

  it('reports a YAML error with its line', () => {
    const parsed = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n   bad: indent\n');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/^error converting YAML to JSON: yaml: line \d+: /);
  });
});
