// Label selector strings as `kubectl get -l` sends them (apimachinery `labels.Parse`):
// `app=web`, `app==web`, `tier!=db`, `env in (a,b)`, `env notin (a,b)`, `key`, `!key`,
// `replicas>2`, separated by commas and all ANDed. The parse errors follow apimachinery's
// wording for the common mistakes [approximation: its full lexer error set is not reproduced].

export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesnotexist' }
  | { key: string; op: 'gt' | 'lt'; value: number };

export type ParsedSelector = { ok: true; requirements: Requirement[] } | { ok: false; message: string };

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;

function parseValues(text: string): string[] {
  return text.split(',').map((v) => v.trim());
}

function parseOne(raw: string): Requirement | string {
  const part = raw.trim();
  if (part === '') return "found '', expected: !, identifier, or 'end of string'";
  if (part.startsWith('!')) {
    const key = part.slice(1).trim();
    return KEY.test(key) ? { key, op: 'doesnotexist' } : `found '${key}', expected: identifier`;
  }
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
  if (set) {
    const [, key, op, list] = set;
    if (!KEY.test(key!)) return `found '${key}', expected: identifier`;
    return { key: key!, op: op as 'in' | 'notin', values: parseValues(list!) };
  }
  const cmp = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(part);
  if (cmp) {
    const [, key, op, value] = cmp;
    if (!KEY.test(key!)) return `found '${key}', expected: identifier`;
    if (op === '>' || op === '<') {
      const n = Number(value);
      if (!Number.isInteger(n)) return `for 'Gt', 'Lt' operators, the value must be an integer`;
      return { key: key!, op: op === '>' ? 'gt' : 'lt', value: n };
    }
    if (/[\s,]/.test(value!)) return `found '${value!.split(/[\s,]/).filter(Boolean).slice(-1)[0] ?? value}', expected: ',' or 'end of string'`;
    return { key: key!, op: op === '!=' ? 'notin' : 'in', values: [value!] };
  }
  if (KEY.test(part)) return { key: part, op: 'exists' };
  const words = part.split(/\s+/);
  return `found '${words[1] ?? part}', expected: ',' or 'end of string'`;
}

/** Splits on commas outside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export function parseLabelSelector(text: string): ParsedSelector {
  if (text.trim() === '') return { ok: true, requirements: [] };
  const requirements: Requirement[] = [];
  for (const part of splitTop(text)) {
    const r = parseOne(part);
    if (typeof r === 'string') return { ok: false, message: `unable to parse requirement: ${r}` };
    requirements.push(r);
  }
  return { ok: true, requirements };
}

export function requirementsMatch(requirements: readonly Requirement[], labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  for (const r of requirements) {
    const present = Object.prototype.hasOwnProperty.call(have, r.key);
    const value = have[r.key];
    switch (r.op) {
      case 'in':
        if (!present || !r.values.includes(value!)) return false;
        break;
      case 'notin':
        if (present && r.values.includes(value!)) return false;
        break;
      case 'exists':
        if (!present) return false;
        break;
      case 'doesnotexist':
        if (present) return false;
        break;
      case 'gt':
      case 'lt': {
        const n = Number(value);
        if (!present || !Number.isInteger(n)) return false;
        if (r.op === 'gt' ? !(n > r.value) : !(n < r.value)) return false;
        break;
      }
    }
  }
  return true;
}
