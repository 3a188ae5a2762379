// How Go prints values kubectl hands to users: encoding/json's Marshal (map keys sorted, <, >
// and & escaped as \u003c, \u003e, \u0026, optional indent) and fmt's %v of decoded JSON
// (`map[a:1 b:[x y]]`, `<nil>`), which custom-columns uses for every cell.

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) if (obj[key] !== undefined) out[key] = sortKeys(obj[key]);
  return out;
}

function escapeHtml(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** encoding/json Marshal (compact) or MarshalIndent(v, "", indent). */
export function goJson(value: unknown, indent?: string): string {
  const text = indent === undefined ? JSON.stringify(sortKeys(value)) : JSON.stringify(sortKeys(value), null, indent);
  return escapeHtml(text ?? 'null');
}

/** fmt.Sprint of a value decoded from JSON into interface{}. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `map[${Object.keys(obj)
      .sort()
      .map((k) => `${k}:${goSprint(obj[k])}`)
      .join(' ')}]`;
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    const [mant, expText] = value.toExponential().split('e');
    const exp = Number(expText);
    if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    return String(value);
  }
  return String(value);
}
