// Properties: base64 agrees with Node's Buffer; a label selector of plain `k=v` terms is the
// map match; any sequence of ConfigMap creates, replaces and deletes leaves the store holding
// exactly what a plain map model says, with resourceVersions that only grow.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, createObject, deleteObject, isK8sApiError, parseLabelSelector, replaceObject, requirementsMatch } from '../../../sandbox/apiserver/index.ts';
import { selectorMatches } from '../../../sandbox/controllers/k8s/labels.ts';
import type { K8sObject } from '../../../sandbox/model/k8s/types.ts';
import { lab } from './fixtures.ts';

describe('base64', () => {
  it('encodes any text as Buffer does and decodes it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(base64Encode(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
        expect(base64Decode(base64Encode(text))).toBe(Buffer.from(text, 'utf8').toString('utf8'));
      }),
    );
  });
});

describe('label selectors', () => {
  const key = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
  const value = fc.stringMatching(/^[a-z0-9]{1,4}$/);
  it('a selector of k=v terms matches exactly the labels a matchLabels map matches', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 3 }), fc.dictionary(key, value, { maxKeys: 4 }), (want, labels) => {
        const text = Object.entries(want).map(([k, v]) => `${k}=${v}`).join(',');
        const parsed = parseLabelSelector(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(requirementsMatch(parsed.requirements, labels)).toBe(selectorMatches({ matchLabels: want }, labels));
      }),
    );
  });
});

describe('the store under any sequence of writes', () => {
  const { world, id } = lab('apiserver-properties');
  const name = fc.constantFrom('a', 'b', 'c');
  const op = fc.oneof(
    fc.record({ op: fc.constant('create' as const), name, value: fc.string({ maxLength: 3 }) }),
    fc.record({ op: fc.constant('replace' as const), name, value: fc.string({ maxLength: 3 }) }),
    fc.record({ op: fc.constant('delete' as const), name, value: fc.constant('') }),
  );

  it('holds what the model says, refuses what the model says is missing or present, and only counts up', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        for (const n of ['a', 'b', 'c']) if (world.k8sGet(id, 'ConfigMap', 'default', n)) deleteObject(world, id, 'ConfigMap', 'default', n);
        const model = new Map<string, string>();
        let last = world.cluster(id).resourceVersion;
        for (const { op: kind, name: n, value } of ops) {
          const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n }, data: { v: value } };
          const result =
            kind === 'create' ? createObject(world, id, manifest) : kind === 'replace' ? replaceObject(world, id, manifest) : deleteObject(world, id, 'ConfigMap', 'default', n);
          const existed = model.has(n);
          if (kind === 'create') {
            expect(isK8sApiError(result) ? result.reason : 'ok').toBe(existed ? 'AlreadyExists' : 'ok');
            if (!existed) model.set(n, value);
          } else {
            expect(isK8sApiError(result) ? result.reason : 'ok').toBe(existed ? 'ok' : 'NotFound');
            if (existed && kind === 'replace') model.set(n, value);
            if (existed && kind === 'delete') model.delete(n);
          }
          expect(world.cluster(id).resourceVersion).toBeGreaterThanOrEqual(last);
          last = world.cluster(id).resourceVersion;
        }
        const stored = world.k8sList<K8sObject>(id, 'ConfigMap', 'default').filter((c) => ['a', 'b', 'c'].includes(c.metadata.name));
        expect(new Map(stored.map((c) => [c.metadata.name, c.data!['v']!]))).toEqual(model);
      }),
      { numRuns: 60 },
    );
  });
});
