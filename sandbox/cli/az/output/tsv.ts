// `-o tsv`: knack's _TsvOutput. One line per item; an object's values in key order (sorted for
// service objects, query order for objects a --query built: see query.ts), a nested list as its
// length, a nested object as an empty field, None as `None`, a bare boolean in lower case.
import { isPlainObject, pythonNumber } from './json.ts';

function field(value: unknown): string {
  if (Array.isArray(value)) return String(value.length);
  if (isPlainObject(value)) return '';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value);
  return String(value);
}

function row(item: unknown): string {
  if (isPlainObject(item)) return Object.values(item).map(field).join('\t');
  if (Array.isArray(item)) return item.map(field).join('\t');
  if (typeof item === 'boolean') return item ? 'true' : 'false';
  return field(item);
}

export function formatTsv(result: unknown): string {
  const list = Array.isArray(result) ? result : [result];
  return list.map((item) => `${row(item)}\n`).join('');
}
