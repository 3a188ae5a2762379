// jq's builtin functions (the commonly used part of jq 1.6/1.7's library) and @formats.
import { encodeText, decodeText } from '../../../apiserver/base64.ts';
import { deletePaths, getPath, iterate, paths, recurseAll, setPath, type Env, type Path } from './eval.ts';
import type { Node } from './parser.ts';
import { compare, errorText, isObject, JqError, toJson, truthy, typeName, type Json } from './values.ts';

type Evaluate = (node: Node, input: Json, env: Env) => Json[];

function sortUnique(values: Json[]): Json[] {
  const sorted = [...values].sort(compare);
  return sorted.filter((v, i) => i === 0 || compare(v, sorted[i - 1]!) !== 0);
}

function requireType(v: Json, type: string, what: string): void {
  if (typeName(v) !== type) throw new JqError(`${typeName(v)} (${errorText(v)}) ${what}`);
}

function lengthOf(v: Json): Json {
  if (v === null) return 0;
  if (typeof v === 'boolean') throw new JqError(`boolean (${v}) has no length`);
  if (typeof v === 'number') return Math.abs(v);
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  return Object.keys(v).length;
}

function keysOf(v: Json, sorted: boolean): Json {
  if (Array.isArray(v)) return v.map((_, i) => i);
  if (isObject(v)) return sorted ? Object.keys(v).sort() : Object.keys(v);
  throw new JqError(`${typeName(v)} (${errorText(v)}) has no keys`);
}

function toEntries(v: Json): Json {
  if (!isObject(v)) throw new JqError(`${typeName(v)} (${errorText(v)}) has no keys`);
  return Object.entries(v).map(([key, value]) => ({ key, value }));
}

function fromEntries(v: Json): Json {
  const out: { [k: string]: Json } = {};
  for (const e of iterate(v)) {
    if (!isObject(e)) throw new JqError(`Cannot index ${typeName(e)} with "key"`);
    const k = e['key'] ?? e['k'] ?? e['name'] ?? e['Name'] ?? e['Key'] ?? e['K'] ?? null;
    const value = 'value' in e ? e['value']! : 'v' in e ? e['v']! : 'Value' in e ? e['Value']! : null;
    const key = typeof k === 'string' ? k : k === null ? 'null' : typeof k === 'number' || typeof k === 'boolean' ? JSON.stringify(k) : null;
    if (key === null) throw new JqError(`Cannot use ${typeName(k)} (${errorText(k)}) as object key`);
    out[key] = value;
  }
  return out;
}

function flatten(v: Json, depth: number): Json[] {
  if (!Array.isArray(v)) throw new JqError(`Cannot iterate over ${typeName(v)}`);
  const out: Json[] = [];
  for (const x of v) {
    if (Array.isArray(x) && depth > 0) out.push(...flatten(x, depth - 1));
    else out.push(x);
  }
  return out;
}

function contains(a: Json, b: Json): boolean {
  if (typeName(a) !== typeName(b)) throw new JqError(`${typeName(a)} (${errorText(a)}) and ${typeName(b)} (${errorText(b)}) cannot have their containment checked`);
  if (typeof a === 'string') return a.includes(b as string);
  if (Array.isArray(a)) return (b as Json[]).every((y) => a.some((x) => typeName(x) === typeName(y) && contains(x, y)));
  if (isObject(a)) return Object.entries(b as { [k: string]: Json }).every(([k, y]) => k in a && typeName(a[k]!) === typeName(y) && contains(a[k]!, y));
  return compare(a, b) === 0;
}

function regex(re: Json, flags: Json): RegExp {
  if (typeof re !== 'string') throw new JqError(`${typeName(re)} (${errorText(re)}) cannot be matched, as it is not a string`);
  const f = typeof flags === 'string' ? flags : '';
  let js = 'u';
  if (f.includes('i')) js += 'i';
  if (f.includes('x')) re = re.replace(/\s+|#.*$/gm, '');
  if (f.includes('s')) js += 's';
  if (f.includes('g')) js += 'g';
  try {
    return new RegExp(re, js);
  } catch {
    throw new JqError(`${re} (at offset 0) is not a valid regex`);
  }
}

function format(name: string, v: Json): string {
  const text = (x: Json) => (typeof x === 'string' ? x : toJson(x, { compact: true }));
  switch (name) {
    case '@text':
      return text(v);
    case '@json':
      return toJson(v, { compact: true });
    case '@base64':
      return encodeText(text(v));
    case '@base64d': {
      const d = decodeText(text(v));
      if (d === undefined) throw new JqError(`${typeName(v)} (${errorText(v)}) is not valid base64 data`);
      return d;
    }
    case '@uri':
      return text(v).replace(/[^A-Za-z0-9\-_.~]/g, (c) => [...new TextEncoderShim().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
    case '@html':
      return text(v).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]!);
    case '@sh': {
      const q = (x: Json) => {
        if (Array.isArray(x) || isObject(x)) throw new JqError(`${typeName(x)} (${errorText(x)}) can not be escaped for shell`);
        return typeof x === 'string' ? `'${x.replace(/'/g, "'\\''")}'` : text(x);
      };
      return Array.isArray(v) ? v.map(q).join(' ') : q(v);
    }
    case '@csv':
    case '@tsv': {
      if (!Array.isArray(v)) throw new JqError(`${typeName(v)} (${errorText(v)}) cannot be ${name === '@csv' ? 'csv' : 'tsv'}-formatted, only an array can be`);
      return v
        .map((x) => {
          if (Array.isArray(x) || isObject(x)) throw new JqError(`${typeName(x)} (${errorText(x)}) is not valid in a csv row`);
          if (typeof x === 'string') return name === '@csv' ? `"${x.replace(/"/g, '""')}"` : x.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
          return x === null ? '' : String(x);
        })
        .join(name === '@csv' ? ',' : '\t');
    }
    default:
      throw new JqError(`${name.slice(1)} is not a valid format`);
  }
}

class TextEncoderShim {
  encode(s: string): number[] {
    const out: number[] = [];
    for (const ch of s) {
      let c = ch.codePointAt(0)!;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else {
        out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        c = 0;
      }
    }
    return out;
  }
}

function toNumber(v: Json): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  throw new JqError(`Cannot parse '${typeof v === 'string' ? v : errorText(v)}' as JSON`);
}

export function callBuiltin(name: string, args: Node[], input: Json, env: Env, evaluate: Evaluate): Json[] {
  const arg = (i: number, v: Json = input) => evaluate(args[i]!, v, env);
  const one = (i: number, v: Json = input) => {
    const r = arg(i, v);
    return r;
  };
  const key = `${name}/${args.length}`;
  if (name.startsWith('@') && args.length === 0) return [format(name, input)];
  switch (key) {
    case 'empty/0':
      return [];
    case 'error/0':
      throw new JqError(input);
    case 'error/1':
      return one(0).flatMap((m) => {
        throw new JqError(m);
      });
    case 'not/0':
      return [!truthy(input)];
    case 'length/0':
      return [lengthOf(input)];
    case 'utf8bytelength/0':
      requireType(input, 'string', 'only strings have UTF-8 byte length');
      return [new TextEncoderShim().encode(input as string).length];
    case 'keys/0':
      return [keysOf(input, true)];
    case 'keys_unsorted/0':
      return [keysOf(input, false)];
    case 'values/0':
      return input === null ? [] : [input];
    case 'has/1':
      return one(0).map((k) => {
        if (isObject(input) && typeof k === 'string') return k in input;
        if (Array.isArray(input) && typeof k === 'number') return k >= 0 && k < input.length;
        throw new JqError(`Cannot check whether ${typeName(input)} has a ${typeName(k)} key`);
      });
    case 'in/1':
      return one(0).map((o) => {
        if (isObject(o) && typeof input === 'string') return input in o;
        if (Array.isArray(o) && typeof input === 'number') return input >= 0 && input < o.length;
        throw new JqError(`Cannot check whether ${typeName(o)} has a ${typeName(input)} key`);
      });
    case 'contains/1':
      return one(0).map((b) => contains(input, b));
    case 'inside/1':
      return one(0).map((b) => contains(b, input));
    case 'add/0': {
      const items = iterate(input);
      return [items.reduce<Json>((acc, x) => (acc === null ? x : evaluate({ k: 'binop', op: '+', left: { k: 'literal', value: acc }, right: { k: 'literal', value: x } }, null, env)[0]!), null)];
    }
    case 'add/1': {
      const items = arg(0);
      return [items.reduce<Json>((acc, x) => (acc === null ? x : evaluate({ k: 'binop', op: '+', left: { k: 'literal', value: acc }, right: { k: 'literal', value: x } }, null, env)[0]!), null)];
    }
    case 'any/0':
      return [iterate(input).some(truthy)];
    case 'all/0':
      return [iterate(input).every(truthy)];
    case 'any/1':
      return [iterate(input).some((x) => arg(0, x).some(truthy))];
    case 'all/1':
      return [iterate(input).every((x) => arg(0, x).every(truthy))];
    case 'any/2':
      return [arg(0).some((x) => arg(1, x).some(truthy))];
    case 'all/2':
      return [arg(0).every((x) => arg(1, x).every(truthy))];
    case 'map/1':
      return [iterate(input).flatMap((x) => arg(0, x))];
    case 'map_values/1': {
      if (Array.isArray(input)) return [input.flatMap((x) => arg(0, x).slice(0, 1))];
      if (!isObject(input)) throw new JqError(`Cannot iterate over ${typeName(input)}`);
      const out: { [k: string]: Json } = {};
      for (const [k, v] of Object.entries(input)) {
        const r = arg(0, v);
        if (r.length > 0) out[k] = r[0]!;
      }
      return [out];
    }
    case 'select/1':
      return arg(0).filter(truthy).map(() => input);
    case 'recurse/0':
      return recurseAll(input);
    case 'recurse/1': {
      const out: Json[] = [];
      const walk = (v: Json, depth: number) => {
        if (depth > 10000) throw new JqError('recursion too deep');
        out.push(v);
        let next: Json[] = [];
        try {
          next = arg(0, v);
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
        }
        for (const n of next) walk(n, depth + 1);
      };
      walk(input, 0);
      return out;
    }
    case 'recurse/2': {
      const out: Json[] = [];
      const walk = (v: Json, depth: number) => {
        if (depth > 10000) throw new JqError('recursion too deep');
        out.push(v);
        for (const n of arg(0, v)) if (arg(1, n).some(truthy)) walk(n, depth + 1);
      };
      walk(input, 0);
      return out;
    }
    case 'env/0':
      return [env.vars.get('ENV') ?? {}];
    case 'type/0':
      return [typeName(input)];
    case 'arrays/0':
    case 'objects/0':
    case 'strings/0':
    case 'numbers/0':
    case 'booleans/0':
    case 'nulls/0': {
      const want = { arrays: 'array', objects: 'object', strings: 'string', numbers: 'number', booleans: 'boolean', nulls: 'null' }[name]!;
      return typeName(input) === want ? [input] : [];
    }
    case 'iterables/0':
      return Array.isArray(input) || isObject(input) ? [input] : [];
    case 'scalars/0':
      return Array.isArray(input) || isObject(input) ? [] : [input];
    case 'tostring/0':
      return [typeof input === 'string' ? input : toJson(input, { compact: true })];
    case 'tonumber/0':
      return [toNumber(input)];
    case 'tojson/0':
      return [toJson(input, { compact: true })];
    case 'fromjson/0': {
      requireType(input, 'string', 'cannot be parsed as JSON');
      try {
        return [JSON.parse(input as string) as Json];
      } catch {
        throw new JqError(`${input} (while parsing '${input}')`);
      }
    }
    case 'ascii_downcase/0':
      requireType(input, 'string', 'cannot be ascii_downcased');
      return [(input as string).replace(/[A-Z]/g, (c) => c.toLowerCase())];
    case 'ascii_upcase/0':
      requireType(input, 'string', 'cannot be ascii_upcased');
      return [(input as string).replace(/[a-z]/g, (c) => c.toUpperCase())];
    case 'explode/0':
      requireType(input, 'string', 'cannot be exploded');
      return [[...(input as string)].map((c) => c.codePointAt(0)!)];
    case 'implode/0':
      return [String.fromCodePoint(...(iterate(input) as number[]))];
    case 'sort/0':
      if (!Array.isArray(input)) throw new JqError(`${typeName(input)} (${errorText(input)}) cannot be sorted, as it is not an array`);
      return [[...input].sort(compare)];
    case 'sort_by/1': {
      if (!Array.isArray(input)) throw new JqError(`${typeName(input)} (${errorText(input)}) cannot be sorted, as it is not an array`);
      const keyed = input.map((x) => ({ x, k: arg(0, x) as Json }));
      return [keyed.sort((a, b) => compare(a.k, b.k)).map((e) => e.x)];
    }
    case 'group_by/1': {
      if (!Array.isArray(input)) throw new JqError(`Cannot index ${typeName(input)} with number`);
      const keyed = input.map((x) => ({ x, k: arg(0, x) as Json })).sort((a, b) => compare(a.k, b.k));
      const groups: Json[][] = [];
      keyed.forEach((e, i) => {
        if (i === 0 || compare(e.k, keyed[i - 1]!.k) !== 0) groups.push([]);
        groups[groups.length - 1]!.push(e.x);
      });
      return [groups];
    }
    case 'unique/0':
      return [sortUnique(iterate(input))];
    case 'unique_by/1': {
      const keyed = iterate(input).map((x) => ({ x, k: arg(0, x) as Json })).sort((a, b) => compare(a.k, b.k));
      return [keyed.filter((e, i) => i === 0 || compare(e.k, keyed[i - 1]!.k) !== 0).map((e) => e.x)];
    }
    case 'min/0':
    case 'max/0': {
      const items = [...iterate(input)].sort(compare);
      return [items.length === 0 ? null : name === 'min' ? items[0]! : items[items.length - 1]!];
    }
    case 'min_by/1':
    case 'max_by/1': {
      const keyed = iterate(input).map((x) => ({ x, k: arg(0, x) as Json })).sort((a, b) => compare(a.k, b.k));
      if (keyed.length === 0) return [null];
      return [name === 'min_by' ? keyed[0]!.x : keyed[keyed.length - 1]!.x];
    }
    case 'reverse/0':
      if (typeof input === 'string') return [[...input].reverse().join('')];
      return [input === null ? [] : [...iterate(input)].reverse()];
    case 'to_entries/0':
      return [toEntries(input)];
    case 'from_entries/0':
      return [fromEntries(input)];
    case 'with_entries/1':
      return [fromEntries((toEntries(input) as Json[]).flatMap((e) => arg(0, e)))];
    case 'join/1':
      return one(0).map((sep) => {
        if (typeof sep !== 'string') throw new JqError(`${typeName(sep)} (${errorText(sep)}) cannot be used as a separator`);
        return iterate(input)
          .map((x) => {
            if (x === null) return '';
            if (Array.isArray(x) || isObject(x)) throw new JqError(`Cannot join with ${typeName(x)}`);
            return typeof x === 'string' ? x : String(x);
          })
          .join(sep);
      });
    case 'split/1':
      return one(0).map((sep) => {
        requireType(input, 'string', 'cannot be split');
        if (typeof sep !== 'string') throw new JqError('split input and separator must be strings');
        return (input as string).split(sep);
      });
    case 'split/2':
      return [(input as string).split(regex(arg(0)[0]!, arg(1)[0] ?? null))];
    case 'test/1':
    case 'test/2':
      requireType(input, 'string', 'cannot be matched, as it is not a string');
      return [regex(arg(0)[0]!, args[1] ? arg(1)[0]! : null).test(input as string)];
    case 'sub/2':
    case 'gsub/2':
    case 'sub/3':
    case 'gsub/3': {
      requireType(input, 'string', 'cannot be matched, as it is not a string');
      const flags = (args[2] ? (arg(2)[0] as string) : '') + (name === 'gsub' ? 'g' : '');
      const re = regex(arg(0)[0]!, flags);
      return [
        (input as string).replace(re, (...m: unknown[]) => {
          const groups = (m[m.length - 1] && typeof m[m.length - 1] === 'object' ? m[m.length - 1] : {}) as Record<string, string>;
          const r = arg(1, { ...groups } as Json)[0];
          return typeof r === 'string' ? r : String(r);
        }),
      ];
    }
    case 'capture/1': {
      requireType(input, 'string', 'cannot be matched, as it is not a string');
      const m = regex(arg(0)[0]!, null).exec(input as string);
      return m ? [{ ...(m.groups ?? {}) } as Json] : [];
    }
    case 'startswith/1':
      return one(0).map((s) => {
        if (typeof input !== 'string' || typeof s !== 'string') throw new JqError('startswith() requires string inputs');
        return input.startsWith(s);
      });
    case 'endswith/1':
      return one(0).map((s) => {
        if (typeof input !== 'string' || typeof s !== 'string') throw new JqError('endswith() requires string inputs');
        return input.endsWith(s);
      });
    case 'ltrimstr/1':
      return one(0).map((s) => (typeof input === 'string' && typeof s === 'string' && input.startsWith(s) ? input.slice(s.length) : input));
    case 'rtrimstr/1':
      return one(0).map((s) => (typeof input === 'string' && typeof s === 'string' && input.endsWith(s) && s.length > 0 ? input.slice(0, input.length - s.length) : input));
    case 'ascii/0':
      return [String.fromCharCode(input as number)];
    case 'index/1':
    case 'rindex/1':
    case 'indices/1':
      return one(0).map((s) => {
        const found: number[] = [];
        if (typeof input === 'string' && typeof s === 'string' && s.length > 0) {
          for (let i = input.indexOf(s); i !== -1; i = input.indexOf(s, i + 1)) found.push(i);
        } else if (Array.isArray(input)) {
          const needle = Array.isArray(s) ? s : [s];
          for (let i = 0; i + needle.length <= input.length; i++) if (needle.length > 0 && needle.every((x, k) => compare(x, input[i + k]!) === 0)) found.push(i);
        } else if (input === null) return null;
        if (name === 'indices') return found;
        if (found.length === 0) return null;
        return name === 'index' ? found[0]! : found[found.length - 1]!;
      });
    case 'floor/0':
      return [Math.floor(input as number)];
    case 'ceil/0':
      return [Math.ceil(input as number)];
    case 'round/0':
      return [Math.round(input as number)];
    case 'sqrt/0':
      return [Math.sqrt(input as number)];
    case 'fabs/0':
    case 'abs/0':
      return [Math.abs(input as number)];
    case 'tostream/0':
      return paths({ k: 'recurse' }, input, env)
        .filter(([, v]) => !(Array.isArray(v) || isObject(v)) || lengthOf(v) === 0)
        .map(([p, v]) => [p as Json, v]);
    case 'infinite/0':
      return [Infinity];
    case 'nan/0':
      return [NaN];
    case 'isnan/0':
      return [typeof input === 'number' && Number.isNaN(input)];
    case 'now/0':
      return [Number(env.vars.get('__now') ?? 0) / 1000];
    case 'flatten/0':
      return [flatten(input, 1e9)];
    case 'flatten/1':
      return one(0).map((d) => {
        if (typeof d !== 'number' || d < 0) throw new JqError('flatten depth must not be negative');
        return flatten(input, d);
      });
    case 'range/1':
    case 'range/2':
    case 'range/3': {
      const nums = args.map((_, i) => arg(i)[0] as number);
      const [from, to, by] = nums.length === 1 ? [0, nums[0]!, 1] : nums.length === 2 ? [nums[0]!, nums[1]!, 1] : [nums[0]!, nums[1]!, nums[2]!];
      const out: Json[] = [];
      if (by === 0) return out;
      for (let x = from; by > 0 ? x < to : x > to; x += by) {
        out.push(x);
        if (out.length > 100000) throw new JqError('range too large for the sandbox');
      }
      return out;
    }
    case 'limit/2':
      return one(0).flatMap((n) => (typeof n === 'number' && n > 0 ? arg(1).slice(0, n) : []));
    case 'first/1':
      return arg(0).slice(0, 1);
    case 'last/1':
      return arg(0).slice(-1);
    case 'first/0':
      return [Array.isArray(input) ? (input[0] ?? null) : (() => { throw new JqError(`Cannot index ${typeName(input)} with number`); })()];
    case 'last/0':
      return [Array.isArray(input) ? (input[input.length - 1] ?? null) : (() => { throw new JqError(`Cannot index ${typeName(input)} with number`); })()];
    case 'nth/1':
      return one(0).map((n) => (Array.isArray(input) ? (input[n as number] ?? null) : null));
    case 'nth/2':
      return one(0).flatMap((n) => arg(1).slice(n as number, (n as number) + 1));
    case 'until/2': {
      let v = input;
      for (let i = 0; !arg(0, v).some(truthy); i++) {
        if (i > 100000) throw new JqError('until: too many iterations');
        v = arg(1, v)[0] ?? null;
      }
      return [v];
    }
    case 'while/2': {
      const out: Json[] = [];
      let v = input;
      while (arg(0, v).some(truthy)) {
        out.push(v);
        if (out.length > 100000) throw new JqError('while: too many iterations');
        v = arg(1, v)[0] ?? null;
      }
      return out;
    }
    case 'repeat/1': {
      const out: Json[] = [];
      let v = input;
      for (;;) {
        out.push(v);
        if (out.length > 10000) throw new JqError('repeat: too many iterations');
        const n = arg(0, v);
        if (n.length === 0) return out;
        v = n[0]!;
      }
    }
    case 'path/1':
      return paths(args[0]!, input, env).map(([p]) => p as Json);
    case 'paths/0':
      return paths({ k: 'recurse' }, input, env)
        .slice(1)
        .map(([p]) => p as Json);
    case 'paths/1':
      return paths({ k: 'recurse' }, input, env)
        .slice(1)
        .filter(([, v]) => arg(0, v).some(truthy))
        .map(([p]) => p as Json);
    case 'leaf_paths/0':
      return paths({ k: 'recurse' }, input, env)
        .slice(1)
        .filter(([, v]) => !(Array.isArray(v) || isObject(v)))
        .map(([p]) => p as Json);
    case 'getpath/1':
      return one(0).map((p) => {
        try {
          return getPath(input, p as Path);
        } catch {
          return null;
        }
      });
    case 'setpath/2':
      return one(0).flatMap((p) => arg(1).map((v) => setPath(input, p as Path, v)));
    case 'delpaths/1':
      return one(0).map((ps) => deletePaths(input, ps as Path[]));
    case 'del/1':
      return [deletePaths(input, paths(args[0]!, input, env).map(([p]) => p))];
    case 'to_number/0':
      return [toNumber(input)];
    case 'splits/1':
      return (input as string).split(regex(arg(0)[0]!, null));
    case 'transpose/0': {
      const rows = iterate(input) as Json[][];
      const width = Math.max(0, ...rows.map((r) => r.length));
      return [Array.from({ length: width }, (_, i) => rows.map((r) => r[i] ?? null))];
    }
    case 'input/0':
    case 'inputs/0':
      return [];
    case 'halt/0':
      return [];
    case 'builtins/0':
      return [['length/0', 'keys/0', 'map/1', 'select/1']];
    case 'ltrim/0':
      return [typeof input === 'string' ? input.trimStart() : input];
    case 'rtrim/0':
      return [typeof input === 'string' ? input.trimEnd() : input];
    case 'trim/0':
      return [typeof input === 'string' ? input.trim() : input];
    case 'getpath_or_null/1':
      return [];
    default:
      throw new JqError(`${key} is not defined`);
  }
}

/** Builtins that exist, for the compile-time "is not defined" check. */
export function isBuiltin(name: string, arity: number): boolean {
  try {
    callBuiltin(name, Array.from({ length: arity }, () => ({ k: 'literal', value: null }) as Node), null, { vars: new Map(), fns: new Map(), closures: new Map(), steps: { n: 0 } }, () => [null]);
    return true;
  } catch (e) {
    return !(e instanceof JqError && e.message === `${name}/${arity} is not defined`);
  }
}
