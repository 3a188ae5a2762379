// Evaluating a jq program: every expression yields zero or more outputs for one input; path
// expressions (for del, |=, paths, to_entries...) also yield where each output sits. Builtins
// are defined here or in builtins.ts; user `def`s close over their definition environment.
import { callBuiltin } from './builtins.ts';
import type { Node } from './parser.ts';
import { compare, errorText, isObject, JqError, truthy, typeName, type Json } from './values.ts';

export type Path = (string | number | { start: number | null; end: number | null })[];

export interface FnDef {
  params: string[];
  body: Node;
  env: Env;
}

export interface Env {
  vars: Map<string, Json>;
  fns: Map<string, FnDef>;
  /** Closures passed as non-$ parameters: name → the argument expression and its environment. */
  closures: Map<string, { node: Node; env: Env }>;
  steps: { n: number };
}

export const MAX_STEPS = 2_000_000;

export function newEnv(vars: Record<string, Json>): Env {
  return { vars: new Map(Object.entries(vars)), fns: new Map(), closures: new Map(), steps: { n: 0 } };
}

function child(env: Env, patch: Partial<Pick<Env, 'vars' | 'fns' | 'closures'>>): Env {
  return { vars: patch.vars ?? env.vars, fns: patch.fns ?? env.fns, closures: patch.closures ?? env.closures, steps: env.steps };
}

function tick(env: Env): void {
  if (++env.steps.n > MAX_STEPS) throw new JqError('program too expensive for the sandbox');
}

export function index(v: Json, key: Json): Json {
  if (v === null) {
    if (typeof key === 'string' || typeof key === 'number' || key === null) return null;
  }
  if (typeof key === 'string') {
    if (isObject(v)) return v[key] ?? null;
    throw new JqError(`Cannot index ${typeName(v)} with "${key}"`);
  }
  if (typeof key === 'number') {
    if (Array.isArray(v)) {
      const i = Math.floor(key);
      const at = i < 0 ? v.length + i : i;
      return at >= 0 && at < v.length ? v[at]! : null;
    }
    throw new JqError(`Cannot index ${typeName(v)} with number`);
  }
  if (isObject(key) && Array.isArray(v)) {
    return slice(v, (key['start'] as number | null) ?? null, (key['end'] as number | null) ?? null);
  }
  throw new JqError(`Cannot index ${typeName(v)} with ${typeName(key)}`);
}

export function slice(v: Json, from: number | null, to: number | null): Json {
  if (v === null) return null;
  if (typeof v !== 'string' && !Array.isArray(v)) throw new JqError(`Cannot index ${typeName(v)} with object`);
  const len = v.length;
  const norm = (x: number | null, d: number) => {
    if (x === null) return d;
    const i = Math.floor(x);
    return Math.max(0, Math.min(len, i < 0 ? len + i : i));
  };
  const a = norm(from, 0);
  const b = norm(to, len);
  return typeof v === 'string' ? v.slice(a, Math.max(a, b)) : v.slice(a, Math.max(a, b));
}

export function iterate(v: Json): Json[] {
  if (Array.isArray(v)) return v;
  if (isObject(v)) return Object.values(v);
  throw new JqError(`Cannot iterate over ${typeName(v)}${v === null ? '' : ` (${errorText(v)})`}`);
}

function arith(op: string, a: Json, b: Json): Json {
  const fail = (verb: string, extra = ''): never => {
    throw new JqError(`${typeName(a)} (${errorText(a)}) and ${typeName(b)} (${errorText(b)}) cannot be ${verb}${extra}`);
  };
  switch (op) {
    case '+':
      if (a === null) return b;
      if (b === null) return a;
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
      if (isObject(a) && isObject(b)) return { ...a, ...b };
      return fail('added');
    case '-':
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => compare(x, y) === 0));
      return fail('subtracted');
    case '*':
      if (typeof a === 'number' && typeof b === 'number') return a * b;
      if (typeof a === 'string' && typeof b === 'number') return b <= 0 ? null : a.repeat(Math.ceil(b));
      if (typeof b === 'string' && typeof a === 'number') return a <= 0 ? null : b.repeat(Math.ceil(a));
      if (isObject(a) && isObject(b)) return deepMerge(a, b);
      return fail('multiplied');
    case '/':
      if (typeof a === 'number' && typeof b === 'number') {
        if (b === 0) fail('divided', ' because the divisor is zero');
        return a / b;
      }
      if (typeof a === 'string' && typeof b === 'string') return a.split(b);
      return fail('divided');
    case '%':
      if (typeof a === 'number' && typeof b === 'number') {
        if (Math.trunc(b) === 0) fail('divided', ' because the divisor is zero');
        return Math.trunc(a) % Math.trunc(b);
      }
      return fail('divided');
  }
  throw new JqError(`unknown operator ${op}`);
}

function deepMerge(a: { [k: string]: Json }, b: { [k: string]: Json }): Json {
  const out: { [k: string]: Json } = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = isObject(cur ?? null) && isObject(v) ? deepMerge(cur as { [k: string]: Json }, v) : v;
  }
  return out;
}

export function binop(op: string, a: Json, b: Json): Json {
  switch (op) {
    case '==':
      return compare(a, b) === 0;
    case '!=':
      return compare(a, b) !== 0;
    case '<':
      return compare(a, b) < 0;
    case '<=':
      return compare(a, b) <= 0;
    case '>':
      return compare(a, b) > 0;
    case '>=':
      return compare(a, b) >= 0;
    default:
      return arith(op, a, b);
  }
}

function cartesian(node: Node, leftNode: Node, rightNode: Node, input: Json, env: Env, f: (l: Json, r: Json) => Json): Json[] {
  const out: Json[] = [];
  // jq evaluates the right operand in the outer loop.
  for (const r of evaluate(rightNode, input, env)) for (const l of evaluate(leftNode, input, env)) out.push(f(l, r));
  void node;
  return out;
}

function interpolate(parts: (string | Node)[], format: string | undefined, input: Json, env: Env): Json[] {
  let results: string[] = [''];
  for (const p of parts) {
    if (typeof p === 'string') {
      results = results.map((s) => s + p);
      continue;
    }
    const next: string[] = [];
    for (const v of evaluate(p, input, env)) {
      const text = format ? (callBuiltin(`@${format}`, [], v, env, evaluate)[0] as string) : typeof v === 'string' ? v : JSON.stringify(v);
      for (const s of results) next.push(s + text);
    }
    results = next;
  }
  return results;
}

export function evaluate(node: Node, input: Json, env: Env): Json[] {
  tick(env);
  switch (node.k) {
    case 'identity':
      return [input];
    case 'recurse':
      return recurseAll(input);
    case 'literal':
      return [node.value as Json];
    case 'field':
      return evaluate(node.target, input, env).map((t) => index(t, node.name));
    case 'index': {
      const out: Json[] = [];
      for (const t of evaluate(node.target, input, env)) for (const k of evaluate(node.index, input, env)) out.push(index(t, k));
      return out;
    }
    case 'slice': {
      const out: Json[] = [];
      for (const t of evaluate(node.target, input, env)) {
        const froms = node.from ? evaluate(node.from, input, env) : [null];
        const tos = node.to ? evaluate(node.to, input, env) : [null];
        for (const to of tos) for (const from of froms) out.push(slice(t, from as number | null, to as number | null));
      }
      return out;
    }
    case 'iterate':
      return evaluate(node.target, input, env).flatMap(iterate);
    case 'optional':
      try {
        return evaluate(node.body, input, env);
      } catch (e) {
        if (e instanceof JqError) return [];
        throw e;
      }
    case 'string':
      return interpolate(node.parts, node.format, input, env);
    case 'format':
      return callBuiltin(`@${node.name}`, [], input, env, evaluate);
    case 'array':
      return [node.body ? evaluate(node.body, input, env) : []];
    case 'object': {
      let results: { [k: string]: Json }[] = [{}];
      for (const e of node.entries) {
        const next: { [k: string]: Json }[] = [];
        for (const obj of results) {
          for (const k of evaluate(e.key, input, env)) {
            if (typeof k !== 'string') throw new JqError(`Object keys must be strings`);
            for (const v of evaluate(e.value, input, env)) next.push({ ...obj, [k]: v });
          }
        }
        results = next;
      }
      return results;
    }
    case 'neg':
      return evaluate(node.body, input, env).map((v) => {
        if (typeof v !== 'number') throw new JqError(`${typeName(v)} (${errorText(v)}) cannot be negated`);
        return -v;
      });
    case 'pipe':
      return evaluate(node.left, input, env).flatMap((v) => evaluate(node.right, v, env));
    case 'comma':
      return [...evaluate(node.left, input, env), ...evaluate(node.right, input, env)];
    case 'binop': {
      if (node.op === 'and' || node.op === 'or') {
        const out: Json[] = [];
        for (const l of evaluate(node.left, input, env)) {
          if (node.op === 'and' && !truthy(l)) out.push(false);
          else if (node.op === 'or' && truthy(l)) out.push(true);
          else for (const r of evaluate(node.right, input, env)) out.push(truthy(r));
        }
        return out;
      }
      if (node.op === '//') {
        let left: Json[] = [];
        try {
          left = evaluate(node.left, input, env).filter(truthy);
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
        }
        return left.length > 0 ? left : evaluate(node.right, input, env);
      }
      return cartesian(node, node.left, node.right, input, env, (l, r) => binop(node.op, l, r));
    }
    case 'assign':
      return assign(node, input, env);
    case 'var': {
      if (node.name === 'ENV' || node.name === '__prog_env') return [env.vars.get('ENV') ?? {}];
      if (!env.vars.has(node.name)) throw new JqError(`$${node.name} is not defined`);
      return [env.vars.get(node.name)!];
    }
    case 'as': {
      const out: Json[] = [];
      for (const v of evaluate(node.source, input, env)) {
        const vars = new Map(env.vars);
        vars.set(node.name, v);
        out.push(...evaluate(node.body, input, child(env, { vars })));
      }
      return out;
    }
    case 'if': {
      const out: Json[] = [];
      for (const c of evaluate(node.cond, input, env)) {
        if (truthy(c)) out.push(...evaluate(node.then, input, env));
        else if (node.else) out.push(...evaluate(node.else, input, env));
        else out.push(input);
      }
      return out;
    }
    case 'try':
      try {
        return evaluate(node.body, input, env);
      } catch (e) {
        if (!(e instanceof JqError)) throw e;
        if (e.message === '__break__') throw e;
        return node.handler ? evaluate(node.handler, e.value, env) : [];
      }
    case 'reduce': {
      let acc = evaluate(node.init, input, env);
      for (const v of evaluate(node.source, input, env)) {
        const vars = new Map(env.vars);
        vars.set(node.name, v);
        const e2 = child(env, { vars });
        acc = acc.flatMap((a) => evaluate(node.update, a, e2)).slice(-1);
      }
      return acc;
    }
    case 'foreach': {
      const out: Json[] = [];
      for (const init of evaluate(node.init, input, env)) {
        let acc: Json = init;
        for (const v of evaluate(node.source, input, env)) {
          const vars = new Map(env.vars);
          vars.set(node.name, v);
          const e2 = child(env, { vars });
          for (const next of evaluate(node.update, acc, e2)) {
            acc = next;
            out.push(...(node.extract ? evaluate(node.extract, next, e2) : [next]));
          }
        }
      }
      return out;
    }
    case 'def': {
      const fns = new Map(env.fns);
      const e2 = child(env, { fns });
      fns.set(`${node.name}/${node.params.length}`, { params: node.params, body: node.body, env: e2 });
      return evaluate(node.rest, input, e2);
    }
    case 'call':
      return call(node.name, node.args, input, env);
  }
}

export function call(name: string, args: Node[], input: Json, env: Env): Json[] {
  if (args.length === 0 && env.closures.has(name)) {
    const c = env.closures.get(name)!;
    return evaluate(c.node, input, c.env);
  }
  const def = env.fns.get(`${name}/${args.length}`);
  if (def) {
    const closures = new Map(def.env.closures);
    const vars = new Map(def.env.vars);
    const fns = new Map(def.env.fns);
    fns.set(`${name}/${args.length}`, def);
    const valueParams: { name: string; node: Node }[] = [];
    def.params.forEach((p, i) => {
      if (p.startsWith('$')) valueParams.push({ name: p.slice(1), node: args[i]! });
      else closures.set(p, { node: args[i]!, env });
    });
    const bind = (k: number, vs: Map<string, Json>): Json[] => {
      if (k === valueParams.length) return evaluate(def.body, input, child(env, { vars: vs, fns, closures }));
      const out: Json[] = [];
      for (const v of evaluate(valueParams[k]!.node, input, env)) {
        const next = new Map(vs);
        next.set(valueParams[k]!.name, v);
        out.push(...bind(k + 1, next));
      }
      return out;
    };
    return bind(0, vars);
  }
  return callBuiltin(name, args, input, env, evaluate);
}

export function recurseAll(v: Json): Json[] {
  const out: Json[] = [v];
  if (Array.isArray(v)) for (const x of v) out.push(...recurseAll(x));
  else if (isObject(v)) for (const x of Object.values(v)) out.push(...recurseAll(x));
  return out;
}

// ---- paths ----

export function getPath(v: Json, path: Path): Json {
  let cur = v;
  for (const p of path) {
    if (cur === null) return null;
    cur = typeof p === 'object' ? slice(cur, p.start, p.end) : index(cur, p);
  }
  return cur;
}

export function setPath(v: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'string') {
    if (v !== null && !isObject(v)) throw new JqError(`Cannot index ${typeName(v)} with "${head}"`);
    const obj = { ...((v as { [k: string]: Json } | null) ?? {}) };
    obj[head] = setPath(obj[head] ?? null, rest, value);
    return obj;
  }
  if (typeof head === 'number') {
    if (v !== null && !Array.isArray(v)) throw new JqError(`Cannot index ${typeName(v)} with number`);
    const arr = [...((v as Json[] | null) ?? [])];
    const i = head < 0 ? arr.length + head : head;
    if (i < 0) throw new JqError('Out of bounds negative array index');
    while (arr.length < i) arr.push(null);
    arr[i] = setPath(arr[i] ?? null, rest, value);
    return arr;
  }
  const arr = (v as Json[] | null) ?? [];
  const len = arr.length;
  const a = head!.start === null ? 0 : Math.max(0, head!.start < 0 ? len + head!.start : head!.start);
  const b = head!.end === null ? len : Math.min(len, head!.end < 0 ? len + head!.end : head!.end);
  const replaced = setPath(arr.slice(a, b), rest, value);
  if (!Array.isArray(replaced)) throw new JqError('A slice of an array can only be assigned another array');
  return [...arr.slice(0, a), ...replaced, ...arr.slice(Math.max(a, b))];
}

export function deletePaths(v: Json, paths: Path[]): Json {
  const sorted = [...paths].sort((x, y) => compare(y as Json, x as Json));
  let out = v;
  for (const p of sorted) out = deletePath(out, p);
  return out;
}

function deletePath(v: Json, path: Path): Json {
  if (path.length === 0) return null;
  if (v === null) return null;
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (typeof head === 'string' && isObject(v)) {
      const { [head]: _gone, ...keep } = v;
      return keep;
    }
    if (typeof head === 'number' && Array.isArray(v)) {
      const i = head < 0 ? v.length + head : head;
      return v.filter((_, k) => k !== i);
    }
    if (typeof head === 'object' && Array.isArray(v)) {
      const len = v.length;
      const a = head.start === null ? 0 : head.start < 0 ? len + head.start : head.start;
      const b = head.end === null ? len : head.end < 0 ? len + head.end : head.end;
      return [...v.slice(0, a), ...v.slice(b)];
    }
    throw new JqError(`Cannot delete field at ${typeof head === 'string' ? `object index of ${typeName(v)}` : `index of ${typeName(v)}`}`);
  }
  const inner = typeof head === 'object' ? null : index(v, head!);
  return setPath(v, [head!], deletePath(inner, rest));
}

/** [path, value] pairs of a path expression (., .a, .[n], .[], .., select(f), recurse, if, pipes, commas...). */
export function paths(node: Node, input: Json, env: Env, base: Path = []): [Path, Json][] {
  tick(env);
  switch (node.k) {
    case 'identity':
      return [[base, input]];
    case 'recurse':
      return allPaths(input, base, true);
    case 'field':
      return paths(node.target, input, env, base).map(([p, v]) => [[...p, node.name], index(v, node.name)]);
    case 'index': {
      const out: [Path, Json][] = [];
      for (const [p, v] of paths(node.target, input, env, base)) {
        for (const k of evaluate(node.index, input, env)) {
          if (typeof k !== 'string' && typeof k !== 'number') throw new JqError(`Cannot update field at object index of ${typeName(v)}`);
          out.push([[...p, k], index(v, k)]);
        }
      }
      return out;
    }
    case 'slice': {
      const out: [Path, Json][] = [];
      for (const [p, v] of paths(node.target, input, env, base)) {
        const from = node.from ? (evaluate(node.from, input, env)[0] as number) : null;
        const to = node.to ? (evaluate(node.to, input, env)[0] as number) : null;
        out.push([[...p, { start: from, end: to }], slice(v, from, to)]);
      }
      return out;
    }
    case 'iterate': {
      const out: [Path, Json][] = [];
      for (const [p, v] of paths(node.target, input, env, base)) {
        if (Array.isArray(v)) v.forEach((x, i) => out.push([[...p, i], x]));
        else if (isObject(v)) for (const [k, x] of Object.entries(v)) out.push([[...p, k], x]);
        else if (v !== null) iterate(v);
      }
      return out;
    }
    case 'optional':
      try {
        return paths(node.body, input, env, base);
      } catch (e) {
        if (e instanceof JqError) return [];
        throw e;
      }
    case 'pipe':
      return paths(node.left, input, env, base).flatMap(([p, v]) => paths(node.right, v, env, p));
    case 'comma':
      return [...paths(node.left, input, env, base), ...paths(node.right, input, env, base)];
    case 'if': {
      const out: [Path, Json][] = [];
      for (const c of evaluate(node.cond, input, env)) {
        if (truthy(c)) out.push(...paths(node.then, input, env, base));
        else if (node.else) out.push(...paths(node.else, input, env, base));
        else out.push([base, input]);
      }
      return out;
    }
    case 'binop':
      if (node.op === '//') {
        const left = paths(node.left, input, env, base).filter(([, v]) => truthy(v));
        return left.length > 0 ? left : paths(node.right, input, env, base);
      }
      break;
    case 'as': {
      const out: [Path, Json][] = [];
      for (const v of evaluate(node.source, input, env)) {
        const vars = new Map(env.vars);
        vars.set(node.name, v);
        out.push(...paths(node.body, input, child(env, { vars }), base));
      }
      return out;
    }
    case 'literal':
      if (node.value === null) return [[base, null]];
      break;
    case 'call': {
      const n = node.name;
      const a = node.args;
      if (n === 'empty' && a.length === 0) return [];
      if (n === 'select' && a.length === 1) return evaluate(a[0]!, input, env).some(truthy) ? [[base, input]] : [];
      if ((n === 'recurse' && a.length === 0) || n === '..') return allPaths(input, base, true);
      if (n === 'first' && a.length === 1) return paths(a[0]!, input, env, base).slice(0, 1);
      if (n === 'last' && a.length === 1) return paths(a[0]!, input, env, base).slice(-1);
      if (n === 'getpath' && a.length === 1) return evaluate(a[0]!, input, env).map((p) => [[...base, ...(p as Path)], getPath(input, p as Path)]);
      if ((n === 'map' || n === 'map_values') && a.length === 1) return paths({ k: 'pipe', left: { k: 'iterate', target: { k: 'identity' } }, right: a[0]! }, input, env, base);
      if (env.closures.has(n) && a.length === 0) {
        const c = env.closures.get(n)!;
        return paths(c.node, input, c.env, base);
      }
      const def = env.fns.get(`${n}/${a.length}`);
      if (def && def.params.length === 0) return paths(def.body, input, def.env, base);
      break;
    }
    default:
      break;
  }
  const v = evaluate(node, input, env)[0] ?? null;
  throw new JqError(`Invalid path expression with result ${errorText(v)}`);
}

function allPaths(v: Json, base: Path, includeSelf: boolean): [Path, Json][] {
  const out: [Path, Json][] = includeSelf ? [[base, v]] : [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...allPaths(x, [...base, i], true)));
  else if (isObject(v)) for (const [k, x] of Object.entries(v)) out.push(...allPaths(x, [...base, k], true));
  return out;
}

function assign(node: Extract<Node, { k: 'assign' }>, input: Json, env: Env): Json[] {
  if (node.op === '=') {
    return evaluate(node.right, input, env).map((value) => paths(node.left, input, env).reduce((acc, [p]) => setPath(acc, p, value), input));
  }
  if (node.op === '|=') {
    let out = input;
    for (const [p] of paths(node.left, input, env)) {
      const next = evaluate(node.right, getPath(out, p), env);
      out = next.length === 0 ? deletePaths(out, [p]) : setPath(out, p, next[0]!);
    }
    return [out];
  }
  const op = node.op.slice(0, -1);
  return evaluate(node.right, input, env).map((rhs) =>
    paths(node.left, input, env).reduce((acc, [p]) => {
      const cur = getPath(acc, p);
      if (op === '//') return setPath(acc, p, truthy(cur) ? cur : rhs);
      return setPath(acc, p, binop(op, cur, rhs));
    }, input),
  );
}
