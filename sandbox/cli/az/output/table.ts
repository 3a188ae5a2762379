// `-o table`: knack's _TableOutput over tabulate's "simple" format. Without a transformer and
// without --query the columns are the item's keys sorted; `id`, `type`, `etag` and every value
// that is null, a list or an object are left out; headers get their first letter upper-cased.
// Each column is as wide as its longest cell and at least its header plus 2; columns are
// separated by two spaces and lines lose their trailing spaces.
import { compareKeys, isPlainObject, pythonNumber } from './json.ts';

const SKIP_KEYS = new Set(['id', 'type', 'etag']);

function capitalize(key: string): string {
  return key ? key[0]!.toUpperCase() + key.slice(1) : key;
}

/** Python's str() of a cell value. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function autoRow(item: unknown, sortKeys: boolean): Map<string, unknown> {
  const row = new Map<string, unknown>();
  if (isPlainObject(item)) {
    const keys = sortKeys ? Object.keys(item).sort(compareKeys) : Object.keys(item);
    for (const key of keys) {
      if (SKIP_KEYS.has(key)) continue;
      const value = item[key];
      if (value === null || value === undefined || Array.isArray(value) || isPlainObject(value)) continue;
      row.set(capitalize(key), value);
    }
  } else if (Array.isArray(item)) {
    item.forEach((value, i) => row.set(`Column${i + 1}`, value));
  } else {
    row.set('Result', item);
  }
  return row;
}

/**
 * tabulate(rows, headers="keys", tablefmt="simple", disable_numparse=True). "simple" is one of
 * tabulate's multiline formats: a cell with newlines spreads over several lines, padded alike.
 */
export function tabulateSimple(rows: Map<string, unknown>[]): string {
  const headers: string[] = [];
  for (const row of rows) for (const key of row.keys()) if (!headers.includes(key)) headers.push(key);
  if (headers.length === 0) return '';
  const cells = rows.map((row) => headers.map((h) => (row.has(h) ? cellText(row.get(h)).trim() : '').split('\n')));
  const widest = (lines: string[]) => Math.max(...lines.map((l) => l.length));
  const widths = headers.map((h, c) => Math.max(h.length + 2, ...cells.map((r) => widest(r[c]!))));
  const line = (values: string[]) => values.map((v, c) => v.padEnd(widths[c]!)).join('  ').trimEnd();
  const out = [line(headers), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of cells) {
    const height = Math.max(...row.map((lines) => lines.length));
    for (let i = 0; i < height; i++) out.push(line(row.map((lines) => lines[i] ?? '')));
  }
  return out.join('\n');
}

export function formatTable(result: unknown, sortKeys: boolean): string {
  const list = Array.isArray(result) ? result : [result];
  const rows = list.map((item) => autoRow(item, sortKeys));
  return `${rows.length > 0 ? tabulateSimple(rows) : ''}\n`;
}
