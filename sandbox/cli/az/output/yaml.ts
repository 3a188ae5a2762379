// `-o yaml`: PyYAML's safe_dump(default_flow_style=False, allow_unicode=True): keys sorted,
// block style, sequences not indented under their key, YAML 1.1 quoting (so timestamps and
// yes/no strings are quoted), `...` after a plain top-level scalar.
import { stringify } from 'yaml';
import { sortedDeep } from './json.ts';

export function formatYaml(value: unknown): string {
  const text = stringify(sortedDeep(value) ?? null, {
    version: '1.1',
    sortMapEntries: true,
    indentSeq: false,
    singleQuote: true,
    lineWidth: 80,
    minContentWidth: 0,
    nullStr: 'null',
    trueStr: 'true',
    falseStr: 'false',
  });
  const scalar = value === null || value === undefined || typeof value !== 'object';
  if (scalar && !text.startsWith("'") && !text.startsWith('"')) return `${text}...\n`;
  return text;
}
