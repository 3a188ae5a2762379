// --sort-by: objects ordered by a JSONPath field (kubectl get sorter.go): numbers numerically,
// strings that both parse as quantities by quantity, other strings by byte order; objects
// without the field first; an error when no object has the field at all.
import type { K8sObject } from '../../../model/k8s/types.ts';
import { JsonPath } from '../jsonpath/eval.ts';
import { parseJsonPath } from '../jsonpath/parser.ts';
import { relaxedJsonPath } from './output.ts';

const SUFFIX: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6, n: 1e-9, u: 1e-6 };

/** resource.ParseQuantity, enough to order quantities. */
export function parseQuantity(text: string): number | undefined {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))([eE][+-]?\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]?)$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]! + (m[2] ?? '')) * SUFFIX[m[3] ?? '']!;
}

function less(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = parseQuantity(a);
    const qb = parseQuantity(b);
    if (qa !== undefined && qb !== undefined) return qa < qb;
    return a < b;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  return String(a) < String(b);
}

export function sortObjects(objects: readonly K8sObject[], sortBy: string): K8sObject[] | string {
  const relaxed = relaxedJsonPath(sortBy);
  const field = typeof relaxed === 'string' ? relaxed : sortBy;
  let values: unknown[][];
  try {
    const template = parseJsonPath(field);
    values = objects.map((o) => new JsonPath(template, { allowMissingKeys: true }).findResults(JSON.parse(JSON.stringify(o))).flat());
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (objects.length > 1 && !values.some((v) => v.length > 0)) return `couldn't find any field with path ${JSON.stringify(field)} in the list of objects`;
  const indexed = objects.map((o, i) => ({ o, v: values[i]![0], has: values[i]!.length > 0, i }));
  indexed.sort((x, y) => {
    if (!x.has || !y.has) return x.has === y.has ? x.i - y.i : x.has ? 1 : -1;
    if (less(x.v, y.v)) return -1;
    if (less(y.v, x.v)) return 1;
    return x.i - y.i;
  });
  return indexed.map((x) => x.o);
}
