// jq values (plain JSON), its type names, ordering and equality, and the JSON text jq prints
// (pretty with 2-space indent, or -c compact; -S sorts keys; -a escapes non-ASCII).
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class JqError extends Error {
  value: Json;
  constructor(value: Json) {
    super(typeof value === 'string' ? value : JSON.stringify(value));
    this.value = value;
  }
}

export function typeName(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'number' : 'string';
}

export function isObject(v: Json): v is { [key: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const ORDER: Record<string, number> = { null: 0, false: 1, true: 2, number: 3, string: 4, array: 5, object: 6 };

function rank(v: Json): number {
  if (v === false) return ORDER.false!;
  if (v === true) return ORDER.true!;
  return ORDER[typeName(v)]!;
}

export function compare(a: Json, b: Json): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compare(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    const c = compare(ka, kb);
    if (c !== 0) return c;
    for (const k of ka) {
      const d = compare(a[k]!, b[k]!);
      if (d !== 0) return d;
    }
    return 0;
  }
  return 0;
}

export function truthy(v: Json): boolean {
  return v !== null && v !== false;
}

function escapeString(s: string, ascii: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (ascii && c > 0x7e) {
      if (c > 0xffff) {
        const hi = Math.floor((c - 0x10000) / 0x400) + 0xd800;
        const lo = ((c - 0x10000) % 0x400) + 0xdc00;
        out += `\\u${hi.toString(16)}\\u${lo.toString(16)}`;
      } else out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

export function numberText(n: number): string {
  if (Number.isNaN(n)) return 'null';
  if (!Number.isFinite(n)) return n > 0 ? '1.7976931348623157e+308' : '-1.7976931348623157e+308';
  if (Number.isInteger(n) && Math.abs(n) < 1e17) return String(n);
  return String(n).replace(/e\+?/, 'e+').replace('e+-', 'e-');
}

export interface PrintOptions {
  compact?: boolean;
  indent?: string;
  sortKeys?: boolean;
  ascii?: boolean;
}

export function toJson(v: Json, o: PrintOptions = {}, depth = 0): string {
  const indent = o.indent ?? '  ';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return escapeString(v, !!o.ascii);
  const pad = o.compact ? '' : `\n${indent.repeat(depth + 1)}`;
  const end = o.compact ? '' : `\n${indent.repeat(depth)}`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((x) => pad + toJson(x, o, depth + 1)).join(',')}${end}]`;
  }
  const keys = o.sortKeys ? Object.keys(v).sort() : Object.keys(v);
  if (keys.length === 0) return '{}';
  const sep = o.compact ? ':' : ': ';
  return `{${keys.map((k) => pad + escapeString(k, !!o.ascii) + sep + toJson(v[k]!, o, depth + 1)).join(',')}${end}}`;
}

/** Value text inside error messages: jq truncates long ones to 11 bytes and adds "...". */
export function errorText(v: Json): string {
  const s = toJson(v, { compact: true });
  return s.length > 11 ? `${s.slice(0, 10)}...` : s;
}
